/**
 * npm run import -- devices: an inventory export (messy CSV as Excel writes it) into Enheter, run
 * as scripts run it — a dry run reports row by row and writes nothing; the import writes each
 * device once, holder resolved to the directory and the importer stamped; the same file again
 * changes nothing; a changed holder is one update that keeps the manager's decision; an unknown
 * holder and unreadable values are row errors in Swedish; staff are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ADMIN, startTestSite, type TestSite } from '../support/local-site.js';

const exec = promisify(execFile);
let site: TestSite;
let dir: string;
const HEADER = '\ufeffTyp;Serienummer/IMEI;Modell;Inköpsdatum;Innehavare;Kostnad';
const ROWS = [
  'Bärbar dator;PC-100;Latitude 5440;2023-08-15;Kim Lärare <KIM@exempelkommun.se>;"12 499,50 kr"',
  'Mobil;356938035643809;iPhone 13;45292;ola@exempelkommun.se;2 499 kr',
  ';;;;;',
  'Abonnemang;070-123 45 67;;;kim@exempelkommun.se;1 200',
  'Dator;PC-200;;2023-01-01;okand@exempelkommun.se;',
  'Kaffebryggare;PC-300;;i våras;;gratis',
];

async function run(file: string, ...args: string[]) {
  return exec(
    process.execPath,
    ['--import', 'tsx', 'src/cli/import.ts', 'devices', '--site', site.siteUrl, '--file', file, '--json', '--auth', 'local', ...args],
    {
      encoding: 'utf8',
    },
  ).then(
    (r) => ({ code: 0, report: JSON.parse(r.stdout) }),
    (e: { code: number; stdout: string }) => ({ code: e.code, report: JSON.parse(e.stdout) }),
  );
}

async function csv(name: string, rows: string[]): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, [HEADER, ...rows].join('\r\n'));
  return file;
}

beforeAll(async () => {
  site = await startTestSite({
    users: [
      { upn: 'kim@exempelkommun.se', displayName: 'Kim Lärare' },
      { upn: 'ola@exempelkommun.se', displayName: 'Ola Ekonom' },
      { upn: 'eva@exempelkommun.se', displayName: 'Eva Ek' },
    ],
  });
  await site.reposAs(ADMIN).groups.addMembers('employees', ['eva@exempelkommun.se']);
  dir = await mkdtemp(join(tmpdir(), 'systemkoll-devices-'));
}, 60_000);
afterAll(() => site.close());

describe('npm run import -- devices', () => {
  it('dry run, import, the same file again, a changed holder; row errors in Swedish; staff refused', { timeout: 120_000 }, async () => {
    const admin = site.reposAs(ADMIN);
    const file = await csv('inventarie.csv', ROWS);

    const dry = await run(file, '--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.report).toMatchObject({ created: 3, updated: 0, unchanged: 0, warnings: 0, errors: 2, dryRun: true });
    expect(Object.keys(dry.report.rows[0])).toEqual(['row', 'device', 'holder', 'status', 'messages']);
    expect(dry.report.rows.map((r: any) => [r.row, r.device, r.status])).toEqual([
      [2, 'PC-100', 'created'],
      [3, '356938035643809', 'created'],
      [5, '070-123 45 67', 'created'],
      [6, 'PC-200', 'error'],
      [7, '', 'error'],
    ]);
    expect(dry.report.rows.flatMap((r: any) => r.messages)).toEqual([
      'Innehavaren okand@exempelkommun.se finns inte i kommunens katalog. Rätta adressen eller lämna kolumnen tom för en enhet i lager.',
      'Kolumnen "Typ": "Kaffebryggare" är ingen känd typ – skriv dator, mobiltelefon, surfplatta, abonnemang eller övrigt.',
      'Kolumnen "Inköpsdatum": "i våras" är inget datum (skriv t.ex. 2024-03-15).',
      'Kolumnen "Kostnad": "gratis" är inget belopp i kronor (skriv t.ex. 2 499 eller 2499,50).',
    ]);
    expect(await admin.devices.all()).toEqual([]);

    const first = await run(file);
    expect(first.report).toMatchObject({ created: 3, updated: 0, errors: 2, dryRun: false });
    const me = await admin.users.ensure(ADMIN);
    const stored = (await admin.devices.all()).sort((a, b) => a.id - b.id);
    expect(
      stored.map((d) => [
        d.kind,
        d.identifier,
        d.title,
        d.purchaseDate?.slice(0, 10) ?? null,
        d.holder?.title,
        d.holderEmail,
        d.cost,
        d.status,
      ]),
    ).toEqual([
      ['dator', 'PC-100', 'Latitude 5440', '2023-08-15', 'Kim Lärare', 'kim@exempelkommun.se', 12499.5, 'i bruk'],
      ['mobiltelefon', '356938035643809', 'iPhone 13', '2024-01-01', 'Ola Ekonom', 'ola@exempelkommun.se', 2499, 'i bruk'],
      ['abonnemang', '070-123 45 67', 'Abonnemang', null, 'Kim Lärare', 'kim@exempelkommun.se', 1200, 'i bruk'],
    ]);
    expect(stored.every((d) => d.enteredBy?.id === me.id && !!d.enteredAt)).toBe(true);

    const again = await run(file);
    expect(again.report).toMatchObject({ created: 0, updated: 0, unchanged: 3, errors: 2 });

    // A manager decided about the laptop; IT's next export has it with Ola (and the identifier respaced).
    const laptop = stored[0]!;
    await admin.devices.update(laptop.id, { status: 'flyttad' }, laptop.etag);
    const moved = await csv('inventarie-2.csv', [
      'Bärbar dator;pc-100;Latitude 5440;2023-08-15;ola@exempelkommun.se;12 499,50',
      'Mobil;356938035643809;iPhone 13;45292;ola@exempelkommun.se;2 499 kr',
      'Abonnemang;070-1234567;;;kim@exempelkommun.se;1200',
    ]);
    const changed = await run(moved);
    expect(changed.code).toBe(0);
    expect(changed.report).toMatchObject({ created: 0, updated: 1, unchanged: 2, errors: 0 });
    expect(changed.report.rows[0]).toMatchObject({ row: 2, status: 'updated', messages: ['Ändras: innehavare.'] });
    const after = await admin.devices.get(laptop.id);
    expect([after.holder?.title, after.holderEmail, after.status, after.identifier]).toEqual([
      'Ola Ekonom',
      'ola@exempelkommun.se',
      'flyttad',
      'PC-100',
    ]);
    expect(await admin.devices.count()).toBe(3);

    const staff = await run(moved, '--as', 'eva@exempelkommun.se');
    expect(staff.code).toBe(1);
    expect(staff.report.rows[0].messages[0]).toContain('Inventarieimporten görs av en administratör');
  });
});
