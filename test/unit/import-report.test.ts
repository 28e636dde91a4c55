/** How the row imports end (src/cli/import-report.ts): a failure before any row keeps the report's JSON shape. */
import { afterEach, expect, it, vi } from 'vitest';
import { printImport } from '../../src/cli/import-report.js';

afterEach(() => vi.restoreAllMocks());

it('prints the report and exits 0 without row errors, 1 with', async () => {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const shape = { row: { device: '', holder: '' } };
  expect(await printImport({ json: true, run: async () => ({ errors: 0, created: 2 }), readable: () => 'x', failed: shape })).toBe(0);
  expect(await printImport({ json: false, run: async () => ({ errors: 1 }), readable: (r) => `fel: ${r.errors}`, failed: shape })).toBe(1);
  expect(log.mock.calls.map((c) => c[0])).toEqual(['{"errors":0,"created":2}', 'fel: 1']);
});

it('a failure before any row is one error row in the import’s own shape, with a Swedish message', async () => {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const code = await printImport({
    json: true,
    run: () => Promise.reject(new Error('filen saknas')),
    readable: () => '',
    failed: { counts: ['skipped'], extra: { pages: 0 }, row: { person: '', course: '' } },
  });
  expect(code).toBe(1);
  expect(JSON.parse(log.mock.calls[0]![0] as string)).toEqual({
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    warnings: 0,
    errors: 1,
    pages: 0,
    rows: [{ row: 0, person: '', course: '', status: 'error', messages: ['Importen misslyckades: filen saknas'] }],
    dryRun: false,
  });
  expect(Object.keys(JSON.parse(log.mock.calls[0]![0] as string))).toEqual([
    'created',
    'updated',
    'unchanged',
    'skipped',
    'warnings',
    'errors',
    'pages',
    'rows',
    'dryRun',
  ]);
});
