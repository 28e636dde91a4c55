/**
 * `npm run report -- yearly|term …`: the shared command line of the two board reports.
 *
 *   yearly --year <yyyy> --site <url> --format docx|xlsx|json --out <file>
 *   term --from <yyyy> --to <yyyy> --site <url> --format docx|xlsx|json --out <file>
 *
 * plus --at <ISO instant> (compose as at that moment; default now), --save (also upload the file to
 * the document library Rapporter, Rapporter/<year>/<file name>; the term report under its last
 * year), --auth and --as as the other site CLIs. Exit code 0 when the file is written (and saved),
 * 1 on failure, 2 for wrong usage.
 */
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { toInstant } from '../../domain/calendar.js';
import { validTerm } from '../../domain/reports/index.js';
import { buildReport, renderReport, REPORT_FORMATS, type ReportFormat, type ReportSpec } from '../../server/reports/run.js';
import { DocumentLibrary } from '../../shared/data/index.js';
import { connectSite, parseSiteCommand } from '../site-connection.js';

const common = `--site <webbadress> --format docx|xlsx|json --out <fil> [--at <ISO-tidpunkt>] [--save] [--auth local|interactive|certificate] [--as <upn>]

  --format   docx (Word-dokumentet), xlsx (bilagan med alla siffror) eller json (alla siffror som data)
  --out      filen som skrivs
  --at       räkna som vid den tidpunkten (standard: nu)
  --save     spara också filen i dokumentbiblioteket Rapporter på webbplatsen (Rapporter/<år>/<filnamn>)
  --auth     local (standard för 127.0.0.1), interactive (enhetskod) eller certificate (app-only)
  --as       lokalt läge: vem som läser (standard admin@exempelkommun.se)`;

export const YEARLY_USAGE = `Användning: npm run report -- yearly --year <åååå> ${common}`;
export const TERM_USAGE = `Användning: npm run report -- term --from <åååå> --to <åååå> ${common}`;

const YEAR = /^\d{4}$/;

export async function runReportCommand(kind: 'yearly' | 'term'): Promise<number> {
  const usage = kind === 'yearly' ? YEARLY_USAGE : TERM_USAGE;
  const parsed = parseSiteCommand(
    usage,
    {
      year: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      at: { type: 'string' },
      save: { type: 'boolean' },
    },
    kind === 'yearly' ? ['year', 'format', 'out'] : ['from', 'to', 'format', 'out'],
    kind,
  );
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  const format = values.format as ReportFormat;
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    console.error(`--format ska vara docx, xlsx eller json, inte "${values.format}".\n\n${usage}`);
    return 2;
  }
  let spec: ReportSpec;
  if (kind === 'yearly') {
    if (!YEAR.test(values.year!)) {
      console.error(`--year ska vara ett årtal (åååå), inte "${values.year}".\n\n${usage}`);
      return 2;
    }
    spec = { kind, year: Number(values.year) };
  } else {
    const from = Number(values.from);
    const to = Number(values.to);
    if (!YEAR.test(values.from!) || !YEAR.test(values.to!) || !validTerm(from, to)) {
      console.error(`--from och --to ska vara årtal med --from ≤ --to, högst åtta år, inte "${values.from}"–"${values.to}".\n\n${usage}`);
      return 2;
    }
    spec = { kind, from, to };
  }
  const now = values.at === undefined ? new Date() : toInstant(values.at);
  if (!now) {
    console.error(`--at ska vara en tidpunkt enligt ISO 8601, inte "${values.at}".`);
    return 2;
  }
  try {
    const connection = connectSite({ site: values.site, auth: values.auth, as: values.as }, (m) => console.error(m));
    const built = await buildReport(connection.sp, spec, now);
    const content = await renderReport(built, format);
    await writeFile(values.out!, content);
    const period = spec.kind === 'yearly' ? String(spec.year) : `${spec.from}–${spec.to}`;
    console.error(`${built.report.title} ${period} skriven till ${values.out} (${format}).`);
    if (values.save) {
      const year = String(spec.kind === 'yearly' ? spec.year : spec.to);
      try {
        const saved = await new DocumentLibrary(connection.sp, 'reports').upload(year, basename(values.out!), content);
        console.error(`Sparad i dokumentbiblioteket Rapporter: ${saved.url}`);
      } catch (error) {
        console.error(`Filen är skriven men kunde inte sparas i Rapporter: ${error instanceof Error ? error.message : String(error)}`);
        return 1;
      }
    }
    return 0;
  } catch (error) {
    console.error(`Rapporten kunde inte tas fram: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
