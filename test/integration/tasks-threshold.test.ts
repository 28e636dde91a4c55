/**
 * One person's tasks past the list view threshold (a small one here, 25): a coordinator's tasks
 * read the externals' completions per person, not every completion of the introduction course —
 * which a municipality that has run the course for years has more than 5,000 of.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { allTasks, tasksForPerson } from '../../src/server/tasks/load.js';
import { tasksOf } from '../../src/domain/tasks/index.js';
import { where } from '../../src/shared/data/index.js';
import { ADMIN, startTestSite, type TestSite } from '../support/local-site.js';

const THRESHOLD = 25;
const NOW = new Date('2026-11-20T09:00:00Z');
const SARA = 'sara.samordnare@exempelkommun.se';
const person = (i: number) => `person${i}@exempelkommun.se`;
let site: TestSite;

beforeAll(async () => {
  // 20 externals with the introduction, 1 without, 10 employees who took it too: 30 completions of
  // the course, past the threshold.
  const users = [
    { upn: SARA, displayName: 'Sara Samordnare' },
    ...Array.from({ length: 31 }, (_, i) => ({ upn: person(i), displayName: `Person ${i}` })),
  ];
  site = await startTestSite({ users, listViewThreshold: THRESHOLD });
  const admin = site.reposAs(ADMIN);
  await admin.groups.addMembers('securityCoordinators', [SARA]);
  const intro = await admin.trainingCourses.add({
    title: 'Introduktion för externa',
    audience: 'externa',
    mandatory: true,
    active: true,
    recertificationMonths: 12,
  });
  const ids: number[] = [];
  for (const u of users.slice(1)) ids.push((await admin.users.ensure(u.upn)).id);
  const staff = await admin.staff.addMany(
    ids.map((id, i) => ({
      title: `Person ${i}`,
      email: person(i),
      person: { id },
      external: i <= 20,
      active: true,
      startDate: '2020-01-01',
    })) as never,
  );
  for (const r of staff) expect(r.ok).toBe(true);
  const done = ids.map((id, i) => i).filter((i) => i !== 20);
  const completions = await admin.trainingCompletions.addMany(
    done.map((i) => ({
      title: `intro ${i}`,
      person: { id: ids[i]! },
      course: { id: intro.id },
      completedAt: '2026-06-01',
      completionKey: `intro-${i}`,
    })) as never,
  );
  for (const r of completions) expect(r.ok).toBe(true);
  // The store really refuses the old read: every completion of the course.
  const refused = await admin.trainingCompletions
    .list({ filter: where('trainingCompletions').eq('course', intro.id) })
    .catch((e: unknown) => e);
  expect(refused).toMatchObject({ kind: 'threshold' });
}, 60_000);

afterAll(() => site?.close());

it("a coordinator's tasks hold past the threshold and equal everyone's filtered to them", async () => {
  const admin = site.reposAs(ADMIN);
  const everyone = (await allTasks(admin, NOW)).tasks;
  const user = await admin.users.ensure(SARA);
  const mine = await tasksForPerson(site.spAs(ADMIN), { userId: user.id, upn: SARA, roles: await admin.users.rolesOf(user) }, NOW);
  expect(mine.tasks.map((t) => t.id)).toEqual(tasksOf(everyone, SARA).map((t) => t.id));
  // Only the external without the introduction is a task.
  expect(mine.tasks.filter((t) => t.rule === 'training.external').map((t) => t.subject.title)).toEqual(['Person 20']);
});
