/**
 * npm run import -- completions: an LMS export (messy CSV as Excel writes it) into Genomförda
 * utbildningar — a dry run reports row by row and writes nothing, the import writes each completion
 * once with source 'import' and the course's expiry, a re-import changes nothing; unknown people and
 * courses and unreadable dates are reported in Swedish naming the column and value; a coordinator
 * (Read on the list) is refused. One run through the CLI as scripts call it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { importCompletions } from '../../src/register-io/import-completions.js';
import { parseCsv } from '../../src/register-io/read-table.js';
import { ADMIN, startTestSite, type TestSite } from '../support/local-site.js';

const exec = promisify(execFile);
let site: TestSite;
let dir: string;
const NOW = new Date('2026-12-04T10:00:00Z');
const CSV = [
  '\ufeffNamn;E-post;Kurs;Genomförd;Resultat',
  'Anna Andersson;ANNA@exempelkommun.se;Grundkurs i informationssäkerhet;2026-03-15;92 %',
  'Bo Berg;bo@exempelkommun.se;grundkurs i informationssäkerhet;15/03/2026;80',
  'Okänd Person;ingen@exempelkommun.se;Grundkurs i informationssäkerhet;2026-03-15;',
  'Anna Andersson;anna@exempelkommun.se;Kurs som inte finns;2026-03-15;',
  'Anna Andersson;anna@exempelkommun.se;Grundkurs i informationssäkerhet;någon gång i våras;',
  'Anna Andersson;anna@exempelkommun.se;Grundkurs i informationssäkerhet;2027-01-01;',
].join('\r\n');

beforeAll(async () => {
  site = await startTestSite({
    users: [
      { upn: 'anna@exempelkommun.se', displayName: 'Anna Andersson' },
      { upn: 'bo@exempelkommun.se', displayName: 'Bo Berg' },
      { upn: 'sara@exempelkommun.se', displayName: 'Sara Samordnare' },
    ],
  });
  const admin = site.reposAs(ADMIN);
  await admin.groups.addMembers('securityCoordinators', ['sara@exempelkommun.se']);
  await admin.trainingCourses.add({ title: 'Grundkurs i informationssäkerhet', mandatory: true, active: true, recertificationMonths: 24 });
  dir = await mkdtemp(join(tmpdir(), 'systemkoll-completions-'));
}, 60_000);
afterAll(() => site.close());

describe('importing completions from an LMS', () => {
  it('reports row by row in a dry run and writes nothing', async () => {
    const report = await importCompletions({ sp: site.spAs(ADMIN), table: parseCsv(CSV), dryRun: true, now: NOW });
    expect(report).toMatchObject({ created: 2, unchanged: 0, errors: 4, dryRun: true });
    expect(report.rows.map((r) => [r.row, r.status])).toEqual([
      [2, 'created'],
      [3, 'created'],
      [4, 'error'],
      [5, 'error'],
      [6, 'error'],
      [7, 'error'],
    ]);
    const messages = report.rows.flatMap((r) => r.messages);
    expect(messages).toEqual([
      'Personen ingen@exempelkommun.se finns inte i kommunens katalog.',
      'Kursen "Kurs som inte finns" finns inte i Utbildningar. Lägg till den där eller rätta namnet.',
      'Kolumnen "Genomförd": "någon gång i våras" är inget datum (skriv t.ex. 2026-03-15).',
      'Kolumnen "Genomförd": 2027-01-01 ligger i framtiden.',
    ]);
    expect(await site.reposAs(ADMIN).trainingCompletions.all()).toEqual([]);
  });

  it('writes each completion once with its expiry and score; a re-import changes nothing', async () => {
    const first = await importCompletions({ sp: site.spAs(ADMIN), table: parseCsv(CSV), now: NOW });
    expect(first).toMatchObject({ created: 2, errors: 4 });
    const stored = await site.reposAs(ADMIN).trainingCompletions.all();
    expect(stored.map((c) => [c.person?.title, c.completedAt?.slice(0, 10), c.expiresAt?.slice(0, 10), c.score, c.source]).sort()).toEqual([
      ['Anna Andersson', '2026-03-15', '2028-03-15', 92, 'import'],
      ['Bo Berg', '2026-03-15', '2028-03-15', 80, 'import'],
    ]);
    const again = await importCompletions({ sp: site.spAs(ADMIN), table: parseCsv(CSV), now: NOW });
    expect(again).toMatchObject({ created: 0, unchanged: 2 });
    expect(await site.reposAs(ADMIN).trainingCompletions.all()).toHaveLength(2);
  });

  it('as a CLI: one JSON object with the row report, exit 1 for rows with errors; a coordinator is refused', async () => {
    const file = join(dir, 'lms.csv');
    await writeFile(file, CSV);
    const fresh = join(dir, 'new.csv');
    await writeFile(fresh, 'E-post;Kurs;Genomförd\nbo@exempelkommun.se;Grundkurs i informationssäkerhet;2026-11-30\n');
    const run = (...args: string[]) =>
      exec(
        process.execPath,
        ['--import', 'tsx', 'src/cli/import.ts', 'completions', '--site', site.siteUrl, '--json', '--auth', 'local', ...args],
        {
          encoding: 'utf8',
        },
      ).then(
        (r) => ({ code: 0, stdout: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
      );
    const admin = await run('--file', file, '--dry-run');
    expect(admin.code).toBe(1);
    const report = JSON.parse(admin.stdout) as { rows: Record<string, unknown>[]; unchanged: number };
    expect(report.rows.filter((r) => r.status !== 'error')).toHaveLength(2);
    expect(Object.keys(report.rows[0]!)).toEqual(['row', 'person', 'course', 'status', 'messages']);
    const coordinator = await run('--file', fresh, '--as', 'sara@exempelkommun.se');
    expect(coordinator.code).toBe(1);
    expect(JSON.parse(coordinator.stdout).rows[0].messages[0]).toContain('Importen görs av en administratör');
  }, 60_000);
});
