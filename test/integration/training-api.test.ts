/**
 * Min utbildning and the compliance dashboard through REST as each persona (issue 11): an employee
 * sees only their own standing (and is refused the dashboard), a manager sees their own staff, a
 * coordinator everyone, filtered by förvaltning and audience. Min utbildning takes one SharePoint
 * round trip and links the built-in course to the tab's course player.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalToken } from '../../src/shared/auth/local-token.js';
import { localAuthenticator } from '../../src/server/api/caller.js';
import { createApiHandler } from '../../src/server/api/http.js';
import { createSystemkollService } from '../../src/server/api/service.js';
import type { Repositories } from '../../src/shared/data/index.js';
import { ADMIN, startTestSite, type TestSite } from '../support/local-site.js';
import { trainingSiteReader, type TrainingSite } from '../../src/server/training/load.js';
import { computeCompliance } from '../../src/domain/training/index.js';

const EVA = 'eva.ek@exempelkommun.se';
const OLLE = 'olle.berg@exempelkommun.se';
const MAJA = 'maja.chef@exempelkommun.se';
const SARA = 'sara.samordnare@exempelkommun.se';
const KALLE = 'kalle.konsult@exempelkommun.se';
const GUNNAR = 'gunnar.gick@exempelkommun.se';

let site: TestSite;
let server: Server;
let api = '';
let admin: Repositories;
const ids: Record<string, number> = {};
const course: Record<string, number> = {};
const dept: Record<string, number> = {};
const NOW = new Date('2026-12-20T10:00:00Z');

const call = async (as: string, path: string) => {
  const res = await fetch(`${api}/api/v1/${path}`, { headers: { Authorization: `Bearer ${createLocalToken(as)}` } });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

beforeAll(async () => {
  const people = [
    [EVA, 'Eva Ek'],
    [OLLE, 'Olle Berg'],
    [MAJA, 'Maja Chef'],
    [SARA, 'Sara Samordnare'],
    [KALLE, 'Kalle Konsult'],
    [GUNNAR, 'Gunnar Gick'],
  ] as const;
  site = await startTestSite({ users: people.map(([upn, displayName]) => ({ upn, displayName })) });
  admin = site.reposAs(ADMIN);
  await admin.groups.addMembers(
    'employees',
    people.map(([u]) => u),
  );
  await admin.groups.addMembers('securityCoordinators', [SARA]);
  for (const [upn] of people) ids[upn] = (await admin.users.ensure(upn)).id;
  dept.soc = (await admin.departments.add({ title: 'Socialförvaltningen', code: 'SOC' })).id;
  dept.it = (await admin.departments.add({ title: 'IT-avdelningen', code: 'IT' })).id;
  course.grund = (
    await admin.trainingCourses.add({ title: 'Grundkurs', audience: 'alla', recertificationMonths: 12, mandatory: true, active: true })
  ).id;
  course.disa = (
    await admin.trainingCourses.add({
      title: 'DISA',
      audience: 'alla',
      mandatory: false,
      active: true,
      courseUrl: 'https://disa.example.se/',
    })
  ).id;
  course.ext = (
    await admin.trainingCourses.add({
      title: 'Introduktion för externa',
      audience: 'externa',
      recertificationFixedDate: '12-31',
      mandatory: true,
      active: true,
      courseUrl: 'https://lms.example.se/extern',
    })
  ).id;
  await admin.courseModules.add({ title: 'Grundkurs', course: { id: course.grund }, content: '{}' });
  const row = (upn: string, name: string, fields: Record<string, unknown> = {}) => ({
    title: name,
    email: upn,
    person: { id: ids[upn]! },
    department: { id: dept.soc! },
    active: true,
    startDate: '2020-01-01',
    ...fields,
  });
  await admin.staff.addMany([
    row(EVA, 'Eva Ek', { manager: { id: ids[MAJA]! } }),
    row(OLLE, 'Olle Berg', { manager: { id: ids[MAJA]! } }),
    row(MAJA, 'Maja Chef', { jobTitle: 'Enhetschef' }),
    row(SARA, 'Sara Samordnare', { department: { id: dept.it! } }),
    row(KALLE, 'Kalle Konsult', { external: true, jobTitle: 'Konsult', department: { id: dept.it! } }),
    row(GUNNAR, 'Gunnar Gick', { active: false, endDate: '2026-06-30' }),
  ] as never);
  const done = (upn: string, courseId: number, completedAt: string) => ({
    title: `${upn} ${courseId}`,
    person: { id: ids[upn]! },
    course: { id: courseId },
    completedAt,
    completionKey: `${upn}|${courseId}|${completedAt}`,
  });
  await admin.trainingCompletions.addMany([
    done(EVA, course.grund, '2026-01-10'), // valid until 2027-01-10: går ut snart on 12-20
    done(OLLE, course.grund, '2025-06-01'), // expired 2026-06-01
    done(MAJA, course.grund, '2026-09-01'),
    done(SARA, course.grund, '2026-09-01'),
    done(KALLE, course.grund, '2026-09-01'),
    done(KALLE, course.ext, '2025-10-01'), // the fixed date: valid until 2025-12-31
    done(GUNNAR, course.grund, '2025-01-01'),
  ] as never);
  const service = createSystemkollService({ repos: admin, sp: site.spAs(ADMIN), submissionSecret: 's'.repeat(32), now: () => NOW });
  const handle = createApiHandler({ service, authenticate: localAuthenticator(), allowedOrigins: [] });
  server = createServer((req, res) => {
    void handle(req, res).then((done) => {
      if (!done) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await site?.close();
});

describe('GET me/training', () => {
  it('an employee sees their own standing per course, mandatory first, with where to take it', async () => {
    const res = await call(EVA, 'me/training');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ at: '2026-12-20', onRoster: true, department: 'Socialförvaltningen', compliance: null });
    expect(res.body.courses.map((c: any) => [c.title, c.mandatory, c.status, c.expires, c.take])).toEqual([
      ['Grundkurs', true, 'går ut snart', '2027-01-10', { kind: 'builtIn', path: `/training/courses/${course.grund}` }],
      ['DISA', false, 'ej genomförd', null, { kind: 'external', url: 'https://disa.example.se/' }],
    ]);
  });

  it('an external has the introduction too; a fixed yearly date expires at the year end', async () => {
    const res = await call(KALLE, 'me/training');
    expect(res.body.courses.map((c: any) => [c.title, c.status, c.expires])).toEqual([
      ['Grundkurs', 'giltig', '2027-09-01'],
      ['Introduktion för externa', 'utgången', '2025-12-31'],
      ['DISA', 'ej genomförd', null],
    ]);
  });

  it('takes one SharePoint round trip once the caller is known', async () => {
    await call(OLLE, 'me/training');
    const before = site.store.stats.requests;
    const res = await call(OLLE, 'me/training');
    expect(site.store.stats.requests - before).toBe(1);
    expect(res.body.courses[0]).toMatchObject({ title: 'Grundkurs', status: 'utgången', expires: '2026-06-01' });
  });

  it('tells a manager and a coordinator that they may follow up', async () => {
    expect((await call(MAJA, 'me/training')).body.compliance).toBe('ownStaff');
    expect((await call(SARA, 'me/training')).body.compliance).toBe('all');
  });
});

describe('GET training/compliance', () => {
  it('refuses an employee who manages nobody', async () => {
    const res = await call(EVA, 'training/compliance');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
  });

  it('a manager sees their own staff only', async () => {
    const res = await call(MAJA, 'training/compliance');
    expect(res.status).toBe(200);
    expect(res.body.scope).toBe('ownStaff');
    expect(res.body.total).toEqual({ staff: 2, valid: 1, share: 0.5 });
    expect(res.body.gaps.map((g: any) => [g.email, g.status])).toEqual([
      [OLLE, 'utgången'],
      [EVA, 'går ut snart'],
    ]);
    expect(res.body.departmentOptions).toEqual([{ id: dept.soc, title: 'Socialförvaltningen' }]);
  });

  it('a coordinator sees everyone active (the leaver out), per förvaltning, audience, course and month', async () => {
    const res = await call(SARA, 'training/compliance');
    expect(res.status).toBe(200);
    expect(res.body.scope).toBe('all');
    expect(res.body.total).toEqual({ staff: 5, valid: 3, share: 0.6 });
    expect(res.body.departments.map((d: any) => [d.department, d.staff, d.valid])).toEqual([
      ['IT-avdelningen', 2, 1],
      ['Socialförvaltningen', 3, 2],
    ]);
    expect(res.body.courses.map((c: any) => [c.course, c.staff, c.valid])).toEqual([
      ['Grundkurs', 5, 4],
      ['Introduktion för externa', 1, 0],
    ]);
    expect(res.body.audiences.find((a: any) => a.audience === 'chefer')).toMatchObject({ staff: 1, valid: 1 });
    expect(res.body.trend).toHaveLength(12);
    expect(res.body.trend.at(-1)).toMatchObject({ month: '2026-11', staff: 5 });
    expect(res.body.gapsTotal).toBe(3);
  });

  it('filters by förvaltning and audience; an unknown audience is a 400', async () => {
    expect((await call(SARA, `training/compliance?department=${dept.it}`)).body.total).toEqual({ staff: 2, valid: 1, share: 0.5 });
    expect((await call(SARA, 'training/compliance?audience=externa')).body.total).toEqual({ staff: 1, valid: 0, share: 0 });
    const bad = await call(SARA, 'training/compliance?audience=alla%20utom');
    expect(bad.status).toBe(400);
  });

  it('an admin sees everyone too', async () => {
    expect((await call(ADMIN, 'training/compliance')).body.scope).toBe('all');
  });
});

describe('everyone’s training read again (trainingSiteReader)', () => {
  it('reads only the completions added since, and sees them; a full read after the interval', async () => {
    let now = NOW.getTime();
    const read = trainingSiteReader(admin, { now: () => new Date(now), fullAfterMs: 60_000 });
    const valid = (s: TrainingSite) =>
      computeCompliance(s.model, { today: '2026-12-20', leadDays: s.leadDays }).courses.find((c) => c.course === 'Grundkurs')!.valid;
    const first = await read();
    expect(first.completionsRead).toBe(7);
    const before = valid(first);
    // Olle renews the expired course: the next read fetches that one completion and counts him.
    await admin.trainingCompletions.add({
      title: 'renewed',
      person: { id: ids[OLLE]! },
      course: { id: course.grund! },
      completedAt: '2026-12-19',
      completionKey: `${OLLE}|renewed`,
    } as never);
    now += 30_000;
    const second = await read();
    expect(second.completionsRead).toBe(1);
    expect(valid(second)).toBe(before + 1);
    expect(await read()).toMatchObject({ completionsRead: 0 });
    now += 60_000;
    expect((await read()).completionsRead).toBe(8);
  });
});
