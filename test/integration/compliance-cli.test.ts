/**
 * `npm run report -- compliance` against a local store with known answers: the JSON contract's keys
 * in order, leavers out of the denominator, --at moves the clock, Swedish usage with exit 2.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ADMIN, startTestSite, type TestSite } from '../support/local-site.js';

const exec = promisify(execFile);
let site: TestSite;

const cli = (...args: string[]) =>
  exec(process.execPath, ['--import', 'tsx', 'src/cli/report.ts', ...args], { encoding: 'utf8' }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

beforeAll(async () => {
  const people = ['anna', 'bo', 'cia', 'dan', 'eva'].map((n) => ({ upn: `${n}@exempelkommun.se`, displayName: n }));
  site = await startTestSite({ users: people });
  const admin = site.reposAs(ADMIN);
  const ids = await admin.users.ensureMany(people.map((p) => p.upn));
  const soc = (await admin.departments.add({ title: 'Socialförvaltningen', code: 'SOC' })).id;
  const it = (await admin.departments.add({ title: 'IT-avdelningen', code: 'IT' })).id;
  const grund = (await admin.trainingCourses.add({ title: 'Grundkurs', recertificationMonths: 12, mandatory: true, active: true })).id;
  const itCourse = (await admin.trainingCourses.add({ title: 'IT-säkerhet', audience: 'IT', recertificationMonths: 24, mandatory: true }))
    .id;
  await admin.trainingCourses.add({ title: 'Frivillig', mandatory: false });
  const row = (n: string, dept: number, extra: Record<string, unknown> = {}) => ({
    title: n,
    email: `${n}@exempelkommun.se`,
    person: { id: ids.get(`${n}@exempelkommun.se`)!.id },
    department: { id: dept },
    active: true,
    ...extra,
  });
  await admin.staff.addMany([
    row('anna', soc),
    row('bo', soc),
    row('cia', it),
    row('dan', it),
    row('eva', soc, { active: false, endDate: '2026-03-31' }),
  ] as never);
  const done = (n: string, course: number, completedAt: string) => ({
    title: `${n} ${course}`,
    person: { id: ids.get(`${n}@exempelkommun.se`)!.id },
    course: { id: course },
    completedAt,
    completionKey: `${n}|${course}|${completedAt}`,
  });
  await admin.trainingCompletions.addMany([
    done('anna', grund, '2026-02-01'),
    done('bo', grund, '2025-10-01'), // expires 2026-10-01
    done('cia', grund, '2026-02-01'),
    done('cia', itCourse, '2025-01-15'),
    done('dan', grund, '2026-02-01'),
    done('eva', grund, '2025-01-01'),
  ] as never);
}, 60_000);
afterAll(() => site?.close());

describe('npm run report -- compliance', () => {
  it('--json prints the contract as of --at', async () => {
    const r = await cli(
      'compliance',
      '--site',
      site.siteUrl,
      '--at',
      '2026-11-20T10:00:00+01:00',
      '--json',
      '--auth',
      'local',
      '--as',
      ADMIN,
    );
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, any>;
    expect(Object.keys(out)).toEqual(['total', 'departments', 'courses']);
    expect(out.total).toEqual({ staff: 4, valid: 2, share: 0.5 });
    expect(out.departments).toEqual([
      { department: 'IT-avdelningen', staff: 2, valid: 1, share: 0.5 },
      { department: 'Socialförvaltningen', staff: 2, valid: 1, share: 0.5 },
    ]);
    expect(out.courses).toEqual([
      { course: 'Grundkurs', staff: 4, valid: 3, share: 0.75 },
      { course: 'IT-säkerhet', staff: 2, valid: 1, share: 0.5 },
    ]);
  }, 60_000);

  it('--at earlier counts who was employed and valid then', async () => {
    const r = await cli('compliance', '--site', site.siteUrl, '--at', '2026-03-15T12:00:00+01:00', '--json');
    expect(r.code, r.stderr).toBe(0);
    // Eva is still employed (leaves 03-31) and expired 2026-01-01; Bo valid until 10-01.
    expect(JSON.parse(r.stdout).total).toEqual({ staff: 5, valid: 3, share: 0.6 });
  }, 60_000);

  it('prints Swedish text without --json', async () => {
    const r = await cli('compliance', '--site', site.siteUrl, '--at', '2026-11-20T10:00:00+01:00');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('2 av 4 aktiva medarbetare har giltig obligatorisk utbildning (50,0 %)');
  }, 60_000);

  it('wrong usage exits 2 with a Swedish message', async () => {
    const noSite = await cli('compliance', '--json');
    expect(noSite.code).toBe(2);
    expect(noSite.stderr).toContain('Användning: npm run report -- compliance');
    const badAt = await cli('compliance', '--site', site.siteUrl, '--at', 'igår');
    expect(badAt.code).toBe(2);
    expect(badAt.stderr).toContain('ISO 8601');
    const unknown = await cli('nosuch');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('compliance');
  }, 60_000);
});
