/**
 * npm run tasks -- --site <url> [--user <upn> | --all] [--at <ISO datetime>] --json [--auth local --as <upn>]
 *
 * The tasks derived from the site's data as of now (or --at): one person's (--user) or everyone's
 * (--all, the default). With --json a JSON array of
 * {"id","rule","assignees","due","severity","reason","link","subject":{"list","id"}}, most urgent
 * first — a stable contract scripts and checks rely on. Exit code 0 on success, 1 on failure, 2 for
 * wrong usage.
 */
import { createRepositories } from '../shared/data/index.js';
import { toInstant, toStockholmIso } from '../domain/calendar.js';
import { ruleLabel, type Task } from '../domain/tasks/index.js';
import { allTasks, tasksForPerson } from '../server/tasks/load.js';
import { connectSite, parseSiteCommand, runCommand } from './site-connection.js';

const usage = `Användning: npm run tasks -- --site <webbadress> [--user <upn> | --all] [--at <ISO-tidpunkt>] [--json] [--auth local|interactive|certificate] [--as <upn>]

  --site     SharePoint-webbplatsen
  --user     en persons uppgifter (inloggningsnamn, t.ex. anna.berg@kommun.se)
  --all      alla uppgifter (standard)
  --at       räkna som vid den tidpunkten, t.ex. 2026-12-01T08:00:00+01:00 (standard: nu)
  --json     skriv en JSON-lista i stället för text
  --auth     local (standard för 127.0.0.1), interactive (enhetskod) eller certificate (app-only)
  --as       lokalt läge: vem som läser (standard admin@exempelkommun.se)`;

/** The contract's shape: exactly these keys, in this order. */
export function taskJson(t: Task) {
  return {
    id: t.id,
    rule: t.rule,
    assignees: t.assignees,
    due: t.due,
    severity: t.severity,
    reason: t.reason,
    link: t.link,
    subject: { list: t.subject.list, id: t.subject.id },
  };
}

function taskText(t: Task): string {
  const due = t.due.slice(0, 10);
  return `${t.urgency === 'försenad' ? '!' : ' '} ${due}  ${t.severity.padEnd(5)}  ${t.reason}\n      ${ruleLabel(t.rule)} · ${t.assignees.join(', ')} · ${t.link}`;
}

async function main(): Promise<number> {
  const parsed = parseSiteCommand(
    usage,
    { user: { type: 'string' }, all: { type: 'boolean' }, at: { type: 'string' }, json: { type: 'boolean' } },
    [],
  );
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  if (values.user && values.all) {
    console.error(`Ange antingen --user eller --all, inte båda.\n\n${usage}`);
    return 2;
  }
  const at = values.at === undefined ? new Date() : toInstant(values.at);
  if (!at || (values.at !== undefined && !/^\d{4}-\d{2}-\d{2}T/.test(values.at))) {
    console.error(`--at ska vara en tidpunkt enligt ISO 8601, t.ex. 2026-12-01T08:00:00+01:00, inte "${values.at}".`);
    return 2;
  }
  try {
    const connection = connectSite({ site: values.site, auth: values.auth, as: values.as }, (m) => console.error(m));
    const repos = createRepositories(connection.sp);
    let tasks: Task[];
    if (values.user) {
      const user = await repos.users.ensure(values.user);
      const roles = await repos.users.rolesOf(user);
      const upn = (user.email || user.upn || values.user).toLowerCase();
      tasks = (await tasksForPerson(connection.sp, { userId: user.id, upn, roles }, at)).tasks;
    } else {
      tasks = (await allTasks(repos, at)).tasks;
    }
    if (values.json) {
      console.log(JSON.stringify(tasks.map(taskJson), null, 2));
    } else {
      const overdue = tasks.filter((t) => t.urgency === 'försenad').length;
      console.log(
        `${tasks.length} uppgifter (${overdue} försenade) ${values.user ? `för ${values.user} ` : ''}per ${toStockholmIso(at)}:\n`,
      );
      for (const t of tasks) console.log(taskText(t));
    }
    return 0;
  } catch (error) {
    console.error(`Uppgifterna kunde inte tas fram: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

runCommand(main);
