/**
 * How the row-by-row imports (completions, devices, Defender) end: the report as JSON or readable
 * text, exit 0 without row errors and 1 with. A failure before any row (the site or the file cannot
 * be read) is reported in the same shape, as one error row, so a script reading `--json` never gets
 * anything else.
 */
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
