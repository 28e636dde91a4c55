/**
 * The tasks engine on the demo municipality, read through the local store like production: each
 * deliberate gap of src/demo/municipality/gaps.ts gives exactly its task (expected sets computed from
 * the demo's drafts, not from the engine), one person's tasks equal everyone's filtered to them and
 * take at most two round trips, and `npm run tasks` keeps its JSON contract.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { generateDemoMunicipality, type DemoData } from '../../src/demo/municipality.js';
import { seedSite } from '../../src/demo/seed.js';
import { allTasks, tasksForPerson } from '../../src/server/tasks/load.js';
import { tasksOf, type Task } from '../../src/domain/tasks/index.js';
import { calendarDaysBetween } from '../../src/domain/calendar.js';
import { ADMIN, startTestSite, type TestSite } from '../support/local-site.js';
import { createSystemkollService } from '../../src/server/api/service.js';

const exec = promisify(execFile);
const NOW = new Date('2026-11-20T09:00:00Z');
let site: TestSite;
let data: DemoData;
let tasks: Task[];

beforeAll(async () => {
  site = await startTestSite();
  data = generateDemoMunicipality({ seed: 7, now: NOW });
  site.store.addDirectoryUsers(data.people);
  site.store.setPersonas(data.personas);
  const outcome = await seedSite(site.reposAs(ADMIN), data);
  expect(outcome.failures).toEqual([]);
  tasks = (await allTasks(site.reposAs(ADMIN), NOW)).tasks;
}, 120_000);
afterAll(() => site?.close());

const titles = (rule: string) =>
  tasks
    .filter((t) => t.rule === rule)
    .map((t) => t.subject.title)
    .sort();
const running = () => data.systems.filter((s) => s.lifecycleStatus === 'i drift' || s.lifecycleStatus === 'under avveckling');
const critical = () => running().filter((s) => s.criticality === 'verksamhetskritisk' || s.societallyCritical === true);
const names = (systems: { title: string }[]) => systems.map((s) => s.title).sort();
const ageDays = (d: unknown) => calendarDaysBetween(String(d).slice(0, 10), '2026-11-20');
const leavers = () =>
  new Set(
    data.staff
      .filter((p) => p.active === false || (p.endDate && String(p.endDate) < '2026-11-20'))
      .map((p) => String(p.email).toLowerCase()),
  );

describe('the demo municipality’s deliberate gaps', () => {
  it('systems without an owner (or whose owner left) get exactly one "appoint an owner" task each', () => {
    const gone = leavers();
    const expected = data.systems.filter(
      (s) => s.lifecycleStatus !== 'avvecklad' && (!s.systemOwner || gone.has(String(s.systemOwner).toLowerCase())),
    );
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(titles('register.owner')).toEqual(names(expected));
  });

  it('systems without an administrator', () => {
    const gone = leavers();
    const expected = data.systems.filter(
      (s) => s.lifecycleStatus !== 'avvecklad' && (!s.systemAdministrator || gone.has(String(s.systemAdministrator).toLowerCase())),
    );
    expect(titles('register.administrator')).toEqual(names(expected));
  });

  it('unclassified systems, and classifications older than 36 months', () => {
    const levels = ['confidentiality', 'integrity', 'availability', 'traceability'] as const;
    expect(titles('register.classification-missing')).toEqual(names(running().filter((s) => levels.some((l) => s[l] == null))));
    const stale = running().filter((s) => s.classificationDate && ageDays(s.classificationDate) > 36 * 30.4 - 30);
    expect(titles('register.classification-stale')).toEqual(names(stale));
    expect(stale.length).toBeGreaterThanOrEqual(3);
  });

  it('reviews overdue or due within 30 days, and never reviewed', () => {
    const expected = running().filter((s) => !s.lastReviewDate || ageDays(s.lastReviewDate) >= 365 - 30);
    expect(titles('register.review')).toEqual(names(expected));
    expect(expected.length).toBeGreaterThanOrEqual(8);
  });

  it('critical systems without a continuity plan, never tested or tested over a year ago', () => {
    const expected = critical().filter(
      (s) => !s.continuityPlanUrl || !s.continuityPlanTestedDate || ageDays(s.continuityPlanTestedDate) >= 365 - 30,
    );
    expect(titles('register.continuity')).toEqual(names(expected));
  });

  it('critical systems without accepted downtime or restore priority', () => {
    expect(titles('register.downtime-priority')).toEqual(
      names(critical().filter((s) => s.acceptedDowntimeHours == null || s.restorePriority == null)),
    );
  });

  it('contracts without security requirements', () => {
    const expected = running().filter(
      (s) => (s.supplier || s.contractReference || s.contractEndDate) && s.contractSecurityRequirements !== 'ja',
    );
    expect(titles('register.contract-security')).toEqual(names(expected));
    expect(expected.length).toBeGreaterThanOrEqual(5);
  });

  it('the system-owner persona has the overdue review, the ending contract and the continuity test', () => {
    const owner = data.personas.find((p) => p.role === 'systemOwner')!.upn;
    const mine = tasksOf(tasks, owner);
    const find = (rule: string, title: string) => mine.find((t) => t.rule === rule && t.subject.title === title);
    expect(find('register.review', 'Planering och tidsregistrering hemtjänst')).toMatchObject({
      urgency: 'försenad',
      link: expect.stringMatching(/^\/systems\/\d+\?action=review$/),
    });
    expect(find('register.contract-ending', 'Digitala lås för hemtjänsten')).toBeDefined();
    expect(find('register.continuity', 'Trygghetslarm')).toMatchObject({ urgency: 'försenad', severity: 'hög' });
  });

  it('every task is well formed', () => {
    for (const t of tasks) {
      expect(t.assignees.length).toBeGreaterThan(0);
      expect(t.due).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
      expect(['hög', 'medel', 'låg']).toContain(t.severity);
      expect(t.reason.length).toBeGreaterThan(10);
      expect(t.link).toMatch(/^\/(systems|incidents)\/\d+|^\/training($|#)|^\/devices($|\?person=\d+$)/);
    }
    expect(new Set(tasks.map((t) => t.id)).size).toBe(tasks.length);
  });
});

describe('one person’s tasks', () => {
  it('equal everyone’s filtered to that person, in at most two round trips — for every assignee', async () => {
    const admin = site.reposAs(ADMIN);
    const people = [...new Set(tasks.flatMap((t) => t.assignees))].sort();
    expect(people.length).toBeGreaterThan(10);
    for (const upn of people) {
      const user = await admin.users.ensure(upn);
      const roles = await admin.users.rolesOf(user);
      const before = site.store.stats.requests;
      const mine = await tasksForPerson(site.spAs(ADMIN), { userId: user.id, upn, roles }, NOW);
      expect(site.store.stats.requests - before, upn).toBeLessThanOrEqual(2);
      expect(
        mine.tasks.map((t) => t.id),
        upn,
      ).toEqual(tasksOf(tasks, upn).map((t) => t.id));
    }
  }, 60_000);
});

describe('npm run tasks', () => {
  const cli = (...args: string[]) =>
    exec(process.execPath, ['--import', 'tsx', 'src/cli/tasks.ts', ...args], { encoding: 'utf8' }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('--all --json prints the contract’s array, as of --at', async () => {
    const r = await cli('--site', site.siteUrl, '--all', '--at', NOW.toISOString(), '--json', '--auth', 'local', '--as', ADMIN);
    expect(r.code, r.stderr).toBe(0);
    const printed = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(printed.map((t) => t.id)).toEqual(tasks.map((t) => t.id));
    for (const t of printed) {
      expect(Object.keys(t)).toEqual(['id', 'rule', 'assignees', 'due', 'severity', 'reason', 'link', 'subject']);
      expect(Object.keys(t.subject as object)).toEqual(['list', 'id']);
    }
  }, 60_000);

  it('--user gives that person’s tasks; --at moves the clock', async () => {
    const owner = data.personas.find((p) => p.role === 'systemOwner')!.upn;
    const r = await cli('--site', site.siteUrl, '--user', owner, '--at', '2026-11-20T10:00:00+01:00', '--json', '--auth', 'local');
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as Task[]).map((t) => t.id)).toEqual(tasksOf(tasks, owner).map((t) => t.id));
    const later = await cli('--site', site.siteUrl, '--user', owner, '--at', '2027-06-01T10:00:00+02:00', '--json');
    expect((JSON.parse(later.stdout) as Task[]).length).toBeGreaterThan(tasksOf(tasks, owner).length);
  }, 60_000);

  it('wrong usage exits 2 with a Swedish message', async () => {
    const both = await cli('--site', site.siteUrl, '--user', 'a@b.se', '--all');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('antingen --user eller --all');
    const badAt = await cli('--site', site.siteUrl, '--at', 'igår');
    expect(badAt.code).toBe(2);
    expect(badAt.stderr).toContain('ISO 8601');
  }, 60_000);
});

// Last: it changes the data the tests above compare with.
describe('the API’s tasks', () => {
  it('Översikt is shared between requests and drops what a review through the API just fixed', async () => {
    const clock = { now: NOW };
    const service = createSystemkollService({
      repos: site.reposAs(ADMIN),
      sp: site.spAs(ADMIN),
      submissionSecret: 'x'.repeat(32),
      now: () => clock.now,
    });
    const coordinator = { upn: data.groups.securityCoordinators[0]! };
    const first = await service.taskOverview(coordinator, { rule: 'register.review' });
    const review = first.tasks.find((t) => t.subject.title === 'Planering och tidsregistrering hemtjänst')!;
    expect(review).toBeDefined();
    const before = site.store.stats.requests;
    await service.taskOverview(coordinator, {});
    expect(site.store.stats.requests - before, 'the second overview reads nothing').toBe(0);

    const owner = { upn: review.assignees.find((a) => a === data.personas.find((p) => p.role === 'systemOwner')!.upn)! };
    const system = await site.reposAs(ADMIN).systems.get(review.subject.id);
    await service.recordSystemEvent(owner, system.id, 'review', { hours: 1 }, system.etag);
    const after = await service.taskOverview(coordinator, { rule: 'register.review' });
    expect(after.tasks.map((t) => t.id)).not.toContain(review.id);
    expect((await service.myTasks(owner)).tasks.map((t) => t.id)).not.toContain(review.id);
  }, 60_000);
});
