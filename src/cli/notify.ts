/**
 * npm run notify -- --site <url> [--at <ISO-tid>] [--dry-run] [--json] [--graph <url>]
 *                   [--auth local|certificate] [--as <upn>]
 *
 * One run of the notification job (the bot host runs the same job on a timer): each person gets
 * one digest of their new and overdue tasks. Safe to run while bot hosts run it too — digests are
 * claimed in Aviseringar, so nobody is told twice.
 *
 * Where it sends:
 * - a site on this machine (local mode): the items in Aviseringar get channel 'utkorg', the outbox
 *   the tab shows. With --graph (or GRAPH_BASE_URL), e.g. the bot host's
 *   http://127.0.0.1:3978/_local/graph, each digest also goes to that Graph-shaped endpoint;
 *   without it the outbox item itself is the delivery (marked 'skickad' at once). Written as the
 *   local app principal, like the bot host (only the app and admins may write Aviseringar), or as
 *   --as <upn>.
 * - a SharePoint Online site: app-only with the SP_APP_* certificate, to SharePoint and to
 *   Microsoft Graph (TeamsActivity.Send), channel 'teams'; links need TEAMS_APP_ID.
 *
 * A stable contract: with --json, stdout is one JSON object {"date","dryRun","channel",
 * "repeatDays","sent","skipped","failed","claimedByOther","deferred","digests":[{"recipient","key",
 * "taskIds","overdue","message","outcome","error"?}]} (outcome: planned | sent | alreadySent |
 * claimedByOther | failed | gaveUp | deferred); exit code 0 when nothing failed or was deferred, 1
 * otherwise, 2 for wrong usage.
 */
import { parseArgs } from 'node:util';
import { readBotEnv, sharePointCertificate } from '../bot/config.js';
import { createLocalAppToken } from '../shared/auth/local-token.js';
import { createRepositories, createSp } from '../shared/data/index.js';
import { isLoopbackUrl } from '../server/auth/sharepoint-token.js';
import { runNotificationJob, type DigestOutcome, type NotificationRunReport } from '../server/notifications/job.js';
import { notificationLinks } from '../server/notifications/links.js';
import { graphActivitySender, graphAppOnlyToken, outboxSender, type NotificationSender } from '../server/notifications/sender.js';
import { tabServerEnv } from './env.js';
import { connectSite, runCommand } from './site-connection.js';

const usage = `Användning: npm run notify -- --site <webbadress> [--at <ISO-tid>] [--dry-run] [--json] [--graph <webbadress>]
                          [--auth local|certificate] [--as <upn>]

  Skickar var och en en sammanfattning av nya och försenade uppgifter (aktivitetsflödet i Teams;
  lokalt utkorgen i Systemkoll). Samma uppgift skickas högst en gång per notificationRepeatDays dagar.

  --site     SharePoint-webbplatsen, t.ex. https://kommun.sharepoint.com/sites/systemkoll
  --at       kör som vid denna tidpunkt (ISO 8601, t.ex. 2026-05-10T09:00:00+02:00); standard nu
  --dry-run  provkörning: visar vem som skulle få vad, inget skickas eller sparas
  --json     skriv ut rapporten som ett JSON-objekt
  --graph    lokalt läge: skicka även till en Graph-liknande slutpunkt, t.ex.
             http://127.0.0.1:3978/_local/graph (standard GRAPH_BASE_URL; annars är utkorgen leveransen)
  --auth     local (standard för 127.0.0.1: appens lokala token) eller certificate (app-only, SP_APP_*)
  --as       lokalt läge: skriv som denna användare i stället för appen (måste vara administratör)`;

const outcomeText: Record<DigestOutcome, string> = {
  planned: 'skulle skickas',
  sent: 'skickad',
  alreadySent: 'redan skickad',
  claimedByOther: 'skickas av en annan körning',
  failed: 'misslyckades',
  gaveUp: 'misslyckad tre gånger, ges upp',
  deferred: 'skjuts upp (Graph begränsar antalet anrop)',
};

function readable(report: NotificationRunReport, site: string): string {
  const where = report.channel === 'utkorg' ? 'utkorgen' : 'Teams';
  const lines = [`Aviseringar ${report.date} till ${where} (${site})${report.dryRun ? ' – provkörning, inget skickas' : ''}`, ''];
  if (report.digests.length === 0) lines.push('Ingen har något nytt att få veta i dag.');
  for (const d of report.digests) {
    lines.push(`${d.recipient} – ${outcomeText[d.outcome]}`);
    lines.push(`    ${d.message}`);
    if (d.error) lines.push(`    Fel: ${d.error}`);
  }
  lines.push('');
  lines.push(
    report.dryRun
      ? `Summa: ${report.digests.length} sammanfattningar skulle skickas (samma uppgift högst en gång per ${report.repeatDays} dagar).`
      : `Summa: ${report.sent} skickade, ${report.skipped} redan klara, ${report.claimedByOther} hos en annan körning, ${report.failed} misslyckade${report.deferred ? `, ${report.deferred} uppskjutna till nästa körning` : ''}.`,
  );
  return lines.join('\n');
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        site: { type: 'string' },
        at: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        graph: { type: 'string' },
        auth: { type: 'string' },
        as: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const now = values.at === undefined ? new Date() : new Date(values.at);
  if (!values.site || !URL.canParse(values.site) || Number.isNaN(now.getTime())) {
    console.error(
      values.at !== undefined && Number.isNaN(now.getTime()) ? `--at måste vara en ISO 8601-tid, inte "${values.at}".\n\n${usage}` : usage,
    );
    return 2;
  }
  const json = values.json === true;
  const site = values.site.replace(/\/+$/, '');
  try {
    const config = readBotEnv(process.env);
    const local = isLoopbackUrl(site);
    const auth = values.auth ?? (local ? 'local' : 'certificate');
    if (auth !== 'local' && auth !== 'certificate')
      throw new Error(`Aviseringar skickas app-only: välj --auth local eller certificate, inte "${auth}".`);
    if (auth === 'local' && !local) throw new Error('Lokala token fungerar bara mot den lokala SharePoint-lagringen (127.0.0.1).');
    const log = (m: string) => console.error(m);
    let sp;
    if (auth === 'local' && !values.as) {
      sp = createSp({ siteUrl: site, getToken: async () => createLocalAppToken(), userAgent: 'NONISV|Systemkoll|Notify' });
    } else {
      sp = connectSite({ site, auth, as: values.as }, log).sp;
    }
    let sender: NotificationSender;
    const graphUrl = values.graph ?? config.GRAPH_BASE_URL;
    if (local) {
      if (graphUrl && !isLoopbackUrl(graphUrl))
        throw new Error(`Lokalt läge skickar bara till en Graph-slutpunkt på den egna datorn, inte ${graphUrl}.`);
      sender = graphUrl ? graphActivitySender({ baseUrl: graphUrl, getToken: async () => createLocalAppToken() }) : outboxSender;
    } else {
      const cert = sharePointCertificate(config);
      if (!cert)
        throw new Error(
          'Microsoft Graph kräver certifikatinloggning: sätt ENTRA_TENANT_ID, SP_APP_CLIENT_ID och SP_APP_CERT_* (se .env.example).',
        );
      sender = graphActivitySender({ ...(graphUrl ? { baseUrl: graphUrl } : {}), getToken: graphAppOnlyToken(cert) });
    }
    const webUrl = notificationLinks(
      local
        ? { mode: 'local', tabUrl: `http://127.0.0.1:${tabServerEnv().TAB_PORT}` }
        : { mode: 'production', teamsAppId: config.TEAMS_APP_ID, tabUrl: config.TAB_URL },
    );
    const report = await runNotificationJob({
      repos: createRepositories(sp),
      sender,
      channel: local ? 'utkorg' : 'teams',
      now,
      // Claims carry the moment they are made, so a parallel bot host judges their lease rightly.
      clock: values.at === undefined ? () => new Date() : () => now,
      webUrl,
      dryRun: values['dry-run'] === true,
      log,
    });
    console.log(json ? JSON.stringify(report) : readable(report, site));
    return report.failed === 0 && report.deferred === 0 ? 0 : 1;
  } catch (error) {
    const message = `Aviseringarna kunde inte skickas: ${error instanceof Error ? error.message : String(error)}`;
    if (json) console.log(JSON.stringify({ error: message }));
    else console.error(message);
    return 1;
  }
}

runCommand(main);
