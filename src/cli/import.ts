/**
 * npm run import -- register --site <url> --file <path> [--dry-run] [--json] [--map <file.json>]
 *                   [--auth local|interactive|certificate] [--as <upn>]
 * npm run import -- completions --site <url> --file <path> [--dry-run] [--json] [--auth …] [--as <upn>]
 * npm run import -- attack-sim --site <url> [--graph <url>] [--dry-run] [--json] [--auth …] [--as <upn>] (import-attack-sim.ts)
 * npm run import -- devices --site <url> --file <path> [--dry-run] [--json] [--auth …] [--as <upn>] (import-devices.ts)
 *
 * A stable contract (scripts rely on it): with --json, stdout is one JSON object
 * {"created","updated","unchanged","warnings","errors","rows":[{"row","system","status","messages"}]}
 * (plus "action" per row and "columns"); exit code 0 when the import (or dry run) had no errors,
 * 1 otherwise, 2 for wrong usage.
 */
import { readFile } from 'node:fs/promises';
import { listSpec } from '../shared/schema/index.js';
import { connectSite, parseRegisterCommand, runCommand } from './site-connection.js';
import { fileImportCommand } from './import-report.js';
import { importCompletions, type CompletionImportReport } from '../register-io/import-completions.js';
import { importDevicesCommand } from './import-devices.js';
import { importRegister, type ImportReport, type RowReport } from '../register-io/import-register.js';
import { readTable } from '../register-io/read-table.js';
import { attackSim } from './import-attack-sim.js';
import { isValidTarget, type ColumnMapping } from '../domain/register-import/columns.js';

const completionsUsage = `Användning: npm run import -- completions --site <webbadress> --file <fil.xlsx|fil.csv> [--dry-run] [--json]
                          [--auth local|interactive|certificate] [--as <upn>]

  completions  importera genomförda utbildningar från en lärplattform (Excel .xlsx eller CSV) med
               kolumnerna e-post, kurs och genomförd (datum), gärna resultat (%) och namn
  --site       SharePoint-webbplatsen
  --file       filen som ska importeras
  --dry-run    provkörning: rapport rad för rad, inget sparas
  --json       skriv ut rapporten som ett JSON-objekt
  --auth       local (standard för 127.0.0.1), interactive (enhetskod) eller certificate (app-only)
  --as         lokalt läge: vem som importerar (standard admin@exempelkommun.se)`;

function readableCompletions(report: CompletionImportReport, file: string, site: string): string {
  const statusSv = { created: 'ny', unchanged: 'fanns redan', error: 'fel' } as const;
  const lines = [`Import av genomförda utbildningar från ${file} till ${site}${report.dryRun ? ' – provkörning, inget sparas' : ''}`, ''];
  for (const r of report.rows) {
    lines.push(`Rad ${r.row}: ${r.person || '(e-post saknas)'} – ${r.course || '(kurs saknas)'} – ${statusSv[r.status]}`);
    for (const m of r.messages) lines.push(`    ${m}`);
  }
  lines.push('');
  lines.push(`Summa (${report.rows.length} rader): ${report.created} nya, ${report.unchanged} fanns redan, ${report.errors} med fel.`);
  if (report.dryRun && report.errors === 0) lines.push('Kör utan --dry-run för att spara.');
  return lines.join('\n');
}

function completions(): Promise<number> {
  return fileImportCommand({
    usage: completionsUsage,
    command: 'completions',
    run: importCompletions,
    readable: readableCompletions,
    failed: { row: { person: '', course: '' } },
  });
}

const usage = `Användning: npm run import -- register --site <webbadress> --file <fil.xlsx|fil.csv> [--dry-run] [--json]
                          [--map <mappning.json>] [--auth local|interactive|certificate] [--as <upn>]

  register   importera systemförteckningen (Excel .xlsx eller CSV med semikolon eller komma)
             (genomförda utbildningar: npm run import -- completions --help)
  --site     SharePoint-webbplatsen, t.ex. https://kommun.sharepoint.com/sites/systemkoll
  --file     filen som ska importeras
  --dry-run  provkörning: rapport rad för rad, inget sparas
  --json     skriv ut rapporten som ett JSON-objekt
  --map      JSON-fil {"<kolumnrubrik>": "<fältnyckel>" | "classification" | "ignore"} som går före
             den föreslagna och den sparade kolumnmappningen
  --auth     local (standard för 127.0.0.1), interactive (enhetskod) eller certificate (app-only)
  --as       lokalt läge: vem som importerar (standard admin@exempelkommun.se)`;

const statusText: Record<RowReport['status'], string> = {
  created: 'nytt',
  updated: 'ändrat',
  unchanged: 'oförändrat',
  warning: 'varning',
  error: 'fel',
};
const actionText: Record<RowReport['action'], string> = {
  created: 'nytt',
  updated: 'ändrat',
  unchanged: 'oförändrat',
  none: 'inte importerat',
};

function fieldTitle(key: string | null): string {
  if (!key) return '(importeras inte)';
  if (key === 'classification') return 'Klassning K/R/T/S';
  return listSpec('systems').fields.find((f) => f.key === key)?.title.sv ?? key;
}

function readable(report: ImportReport, file: string, site: string): string {
  const lines: string[] = [];
  lines.push(`Import av ${file} till ${site}${report.dryRun ? ' – provkörning, inget sparas' : ''}`);
  lines.push('');
  lines.push('Kolumner:');
  for (const c of report.columns) lines.push(`  "${c.column}" → ${fieldTitle(c.field)}`);
  lines.push('');
  for (const r of report.rows) {
    const what = r.status === 'warning' ? `${actionText[r.action]}, med varning` : statusText[r.status];
    lines.push(`Rad ${r.row}: ${r.system || '(namn saknas)'} – ${what}`);
    for (const m of r.messages) lines.push(`    ${m}`);
  }
  lines.push('');
  const verb = report.dryRun ? 'skulle bli' : 'blev';
  lines.push(
    `Summa (${report.rows.length} rader): ${report.created} nya, ${report.updated} ändrade, ${report.unchanged} oförändrade ${verb} resultatet; ${report.warnings} rader med varningar, ${report.errors} med fel.`,
  );
  if (report.dryRun && report.errors === 0) lines.push('Kör utan --dry-run för att spara.');
  return lines.join('\n');
}

function failure(message: string): ImportReport {
  return {
    created: 0,
    updated: 0,
    unchanged: 0,
    warnings: 0,
    errors: 1,
    rows: [{ row: 0, system: '', status: 'error', action: 'none', messages: [message] }],
    columns: [],
    dryRun: false,
  };
}

async function main(): Promise<number> {
  if (process.argv.slice(2).includes('completions')) return completions();
  if (process.argv.slice(2).includes('attack-sim')) return attackSim();
  if (process.argv.slice(2).includes('devices')) return importDevicesCommand();
  const parsed = parseRegisterCommand(
    usage,
    {
      file: { type: 'string' },
      map: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    ['file'],
  );
  if ('exit' in parsed) return parsed.exit;
  const values = parsed.values as typeof parsed.values & { file: string };
  const json = values.json === true;
  try {
    const connection = connectSite({ site: values.site, auth: values.auth, as: values.as }, (m) => console.error(m));
    let mapping: ColumnMapping | undefined;
    if (values.map) {
      try {
        mapping = JSON.parse(await readFile(values.map, 'utf8')) as ColumnMapping;
      } catch (error) {
        throw new Error(
          `Mappningsfilen ${values.map} kunde inte läsas som JSON: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      const fields = listSpec('systems').fields;
      const isObject = typeof mapping === 'object' && mapping !== null && !Array.isArray(mapping);
      const bad = isObject
        ? Object.entries(mapping).filter(([, target]) => typeof target !== 'string' || !isValidTarget(target, fields))
        : [];
      if (!isObject || bad.length > 0) {
        const named = bad.map(([header, target]) => `"${header}" → ${JSON.stringify(target)}`).join(', ');
        throw new Error(
          `Mappningsfilen ${values.map} ska vara {"<kolumnrubrik>": "<fältnyckel>"}; okända fält: ${named || '(filen är inget objekt)'}. Fältnycklarna finns i docs/schema.md; dessutom "classification" och "ignore".`,
        );
      }
    }
    const table = await readTable(values.file);
    const report = await importRegister({
      sp: connection.sp,
      writeSp: connection.writeSp,
      table,
      dryRun: values['dry-run'] === true,
      ...(mapping ? { mapping } : {}),
    });
    console.log(json ? JSON.stringify(report) : readable(report, values.file, connection.site));
    return report.errors === 0 ? 0 : 1;
  } catch (error) {
    const message = `Importen misslyckades: ${error instanceof Error ? error.message : String(error)}`;
    if (json) console.log(JSON.stringify(failure(message)));
    else console.error(message);
    return 1;
  }
}

runCommand(main);
