/**
 * `npm run report -- compliance --site <url> [--at <ISO>] --json [--auth local|interactive|certificate] [--as <upn>]`
 *
 * Training compliance as of now (or --at): the share of active staff with valid training in every
 * mandatory course that applies to them. With --json exactly
 * {"total":{"staff","valid","share"},"departments":[{"department","staff","valid","share"}],
 *  "courses":[{"course","staff","valid","share"}]} (share 0..1), a stable contract; without it a
 * Swedish table. Exit code 0, 1 on failure, 2 for wrong usage.
 */
import { stockholmDate, toInstant } from '../../domain/calendar.js';
import { computeCompliance, type ComplianceCount, type ComplianceReport } from '../../domain/training/index.js';
import { createRepositories } from '../../shared/data/index.js';
import { loadTrainingSite } from '../../server/training/load.js';
import { connectSite, parseSiteCommand } from '../site-connection.js';

export const COMPLIANCE_USAGE = `Användning: npm run report -- compliance --site <webbadress> [--at <ISO-tidpunkt>] [--json] [--auth local|interactive|certificate] [--as <upn>]

  --site     SharePoint-webbplatsen
  --at       räkna som vid den tidpunkten, t.ex. 2026-12-01T08:00:00+01:00 (standard: nu)
  --json     skriv JSON: {"total":{…},"departments":[…],"courses":[…]}
  --auth     local (standard för 127.0.0.1), interactive (enhetskod) eller certificate (app-only)
  --as       lokalt läge: vem som läser (standard admin@exempelkommun.se)`;

const counts = (c: ComplianceCount) => ({ staff: c.staff, valid: c.valid, share: c.share });

/** The contract's shape: exactly these keys, in this order. */
export function complianceJson(r: ComplianceReport) {
  return {
    total: counts(r.total),
    departments: r.departments.map((d) => ({ department: d.department, ...counts(d) })),
    courses: r.courses.map((c) => ({ course: c.course, ...counts(c) })),
  };
}

const percent = (share: number) => `${(share * 100).toFixed(1).replace('.', ',')} %`;

function text(r: ComplianceReport): string {
  const width = Math.max(12, ...r.departments.map((d) => d.department.length), ...r.courses.map((c) => c.course.length));
  const line = (name: string, c: ComplianceCount) =>
    `  ${name.padEnd(width)}  ${String(c.valid).padStart(6)} av ${String(c.staff).padStart(6)}  ${percent(c.share).padStart(8)}`;
  return [
    `Utbildning per ${r.at}: ${r.total.valid} av ${r.total.staff} aktiva medarbetare har giltig obligatorisk utbildning (${percent(r.total.share)}).`,
    '',
    'Per förvaltning:',
    ...r.departments.map((d) => line(d.department, d)),
    '',
    'Per obligatorisk utbildning:',
    ...r.courses.map((c) => line(c.course, c)),
  ].join('\n');
}

export async function main(): Promise<number> {
  const parsed = parseSiteCommand(COMPLIANCE_USAGE, { at: { type: 'string' }, json: { type: 'boolean' } }, [], 'compliance');
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  const at = values.at === undefined ? new Date() : toInstant(values.at);
  if (!at || (values.at !== undefined && !/^\d{4}-\d{2}-\d{2}(T|$)/.test(values.at))) {
    console.error(
      `--at ska vara en tidpunkt enligt ISO 8601, t.ex. 2026-12-01T08:00:00+01:00, inte "${values.at}".\n\n${COMPLIANCE_USAGE}`,
    );
    return 2;
  }
  try {
    const connection = connectSite({ site: values.site, auth: values.auth, as: values.as }, (m) => console.error(m));
    const site = await loadTrainingSite(createRepositories(connection.sp));
    // The roster's active flags are today's: measuring another day, they are read as of today.
    const report = computeCompliance(site.model, {
      today: stockholmDate(at),
      rosterAsOf: stockholmDate(new Date()),
      leadDays: site.leadDays,
      trendMonths: 0,
    });
    console.log(values.json ? JSON.stringify(complianceJson(report), null, 2) : text(report));
    return 0;
  } catch (error) {
    console.error(`Uppföljningen kunde inte tas fram: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
