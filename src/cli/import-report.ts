/**
 * How the row-by-row imports (completions, devices, Defender) end: the report as JSON or readable
 * text, exit 0 without row errors and 1 with. A failure before any row (the site or the file cannot
 * be read) is reported in the same shape, as one error row, so a script reading `--json` never gets
 * anything else.
 */
import type { SPFI } from '@pnp/sp';
import { readTable, type Table } from '../register-io/read-table.js';
import { connectSite, parseSiteCommand } from './site-connection.js';

export interface FailedShape {
  /** Further counts of this import's report (zero on failure), after `unchanged`. */
  counts?: readonly string[];
  /** Further fields of the report, after `errors`. */
  extra?: Record<string, unknown>;
  /** The row's own fields, empty on failure. */
  row: Record<string, string>;
}

export async function printImport<R extends { errors: number }>(options: {
  json: boolean;
  run: () => Promise<R>;
  readable: (report: R) => string;
  failed: FailedShape;
}): Promise<number> {
  try {
    const report = await options.run();
    console.log(options.json ? JSON.stringify(report) : options.readable(report));
    return report.errors === 0 ? 0 : 1;
  } catch (error) {
    const message = `Importen misslyckades: ${error instanceof Error ? error.message : String(error)}`;
    if (options.json) console.log(JSON.stringify(failedReport(message, options.failed)));
    else console.error(message);
    return 1;
  }
}

function failedReport(message: string, shape: FailedShape): Record<string, unknown> {
  return {
    created: 0,
    updated: 0,
    unchanged: 0,
    ...Object.fromEntries((shape.counts ?? []).map((c) => [c, 0])),
    warnings: 0,
    errors: 1,
    ...shape.extra,
    rows: [{ row: 0, ...shape.row, status: 'error', messages: [message] }],
    dryRun: false,
  };
}

/**
 * `npm run import -- <command> --site <url> --file <fil> [--dry-run] [--json] [--auth …] [--as …]`:
 * the file imports (completions, devices) share their flags and their ending.
 */
export async function fileImportCommand<R extends { errors: number }>(options: {
  usage: string;
  command: string;
  run: (input: { sp: SPFI; table: Table; dryRun: boolean }) => Promise<R>;
  readable: (report: R, file: string, site: string) => string;
  failed: FailedShape;
}): Promise<number> {
  const parsed = parseSiteCommand(
    options.usage,
    { file: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
    ['file'],
    options.command,
  );
  if ('exit' in parsed) return parsed.exit;
  const values = parsed.values as typeof parsed.values & { file: string };
  let site = values.site;
  return printImport({
    json: values.json === true,
    run: async () => {
      const connection = connectSite({ site: values.site, auth: values.auth, as: values.as }, (m) => console.error(m));
      site = connection.site;
      return options.run({ sp: connection.writeSp, table: await readTable(values.file), dryRun: values['dry-run'] === true });
    },
    readable: (report) => options.readable(report, values.file, site),
    failed: options.failed,
  });
}
