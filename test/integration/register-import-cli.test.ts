/**
 * npm run import / npm run export as scripts call them: a child process against a store started
 * here, the one JSON object on stdout and the exit codes (0 no errors, 1 errors, 2 usage).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ADMIN, type TestSite } from '../support/local-site.js';
import { startRegisterSite } from '../support/register-site.js';

const exec = promisify(execFile);
const fixture = (name: string) => join(import.meta.dirname, '../fixtures/register', name);
let site: TestSite;
let dir: string;

async function cli(script: 'import' | 'export', ...args: string[]) {
  return exec(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], { encoding: 'utf8' }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

let close: () => Promise<void> = async () => undefined;
beforeAll(async () => {
  ({ site, dir, close } = await startRegisterSite('systemkoll-import-cli-', [
    { upn: 'anna@exempelkommun.se', displayName: 'Anna Andersson' },
  ]));
}, 60_000);
afterAll(() => close());

describe('npm run import -- register', () => {
  it('prints one JSON object and exits 1 when a row has an error (dry run writes nothing)', async () => {
    const r = await cli(
      'import',
      'register',
      '--site',
      site.siteUrl,
      '--file',
      fixture('messy.csv'),
      '--dry-run',
      '--json',
      '--auth',
      'local',
    );
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Record<string, unknown>;
    // bo@ and cia@ are not in this store's directory: one more row with a warning than in-process.
    expect(report).toMatchObject({ created: 4, updated: 0, unchanged: 0, warnings: 3, errors: 1 });
    const rows = report.rows as { row: number; system: string; status: string; messages: string[] }[];
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(expect.arrayContaining(['row', 'system', 'status', 'messages']));
      expect(['created', 'updated', 'unchanged', 'warning', 'error']).toContain(row.status);
    }
    expect(await site.reposAs(ADMIN).systems.all()).toEqual([]);
  }, 60_000);

  it('exits 0 for a file without errors, then reports it unchanged; Swedish text without --json', async () => {
    const args = ['register', '--site', site.siteUrl, '--file', fixture('clean.csv'), '--auth', 'local'];
    const first = await cli('import', ...args, '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ created: 2, updated: 0, unchanged: 0, warnings: 0, errors: 0 });
    const second = await cli('import', ...args);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Rad 2: Diariet – oförändrat');
    expect(second.stdout).toContain('0 nya, 0 ändrade, 2 oförändrade');
  }, 60_000);

  it('refuses staff (Read on the register) with a Swedish message and exit code 1', async () => {
    const file = join(dir, 'nytt.csv');
    await writeFile(file, 'Systemnamn;Förvaltning\r\nNytt system;SOF\r\n');
    const r = await cli('import', 'register', '--site', site.siteUrl, '--file', file, '--json', '--as', 'anna@exempelkommun.se');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { errors: number; rows: { messages: string[] }[] };
    expect(report.errors).toBeGreaterThan(0);
    expect(report.rows.flatMap((x) => x.messages).join(' ')).toContain('SharePoint nekade ändringen');
    expect((await site.reposAs(ADMIN).systems.all()).map((s) => s.title)).not.toContain('Nytt system');
  }, 60_000);

  it('explains its usage (exit 2) and a file it cannot read (exit 1, still one JSON object)', async () => {
    const bare = await cli('import');
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Användning: npm run import -- register');
    const map = join(dir, 'map.json');
    await writeFile(map, JSON.stringify({ System: 'title', Ägare: 'owner' }));
    const badMap = await cli('import', 'register', '--site', site.siteUrl, '--file', fixture('clean.csv'), '--map', map, '--json');
    expect(badMap.code).toBe(1);
    expect(JSON.parse(badMap.stdout).rows[0].messages[0]).toContain('okända fält: "Ägare" → "owner"');
    const missing = await cli('import', 'register', '--site', site.siteUrl, '--file', join(dir, 'finns-inte.csv'), '--json');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout)).toMatchObject({ errors: 1, rows: [{ status: 'error' }] });
  }, 60_000);
});

describe('npm run export -- register', () => {
  it('writes the register to .xlsx', async () => {
    const out = join(dir, 'register.xlsx');
    const r = await cli('export', 'register', '--site', site.siteUrl, '--out', out, '--auth', 'local');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Exporterade 2 system till ${out}.`);
    expect((await stat(out)).size).toBeGreaterThan(1000);
    const back = await cli('import', 'register', '--site', site.siteUrl, '--file', out, '--json');
    expect(back.code).toBe(0);
    expect(JSON.parse(back.stdout)).toMatchObject({ created: 0, updated: 0, unchanged: 2, errors: 0 });
  }, 60_000);
});
