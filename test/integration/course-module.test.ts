/**
 * The course module through REST as personas (issue 11): GET training/courses/:id/module serves the
 * lessons and questions without the answer key, POST …/attempts scores server-side, and only a pass
 * records a completion — the caller's, with source 'Teams-modul', once per attempt key and day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalToken } from '../../src/shared/auth/local-token.js';
import { localAuthenticator } from '../../src/server/api/caller.js';
import { createApiHandler } from '../../src/server/api/http.js';
import { createSystemkollService } from '../../src/server/api/service.js';
import { where, type Repositories } from '../../src/shared/data/index.js';
import { GRUNDKURS, GRUNDKURS_PASS_MARK, GRUNDKURS_TITLE } from '../../src/domain/course-content/grundkurs.js';
import { ADMIN, startTestSite, type TestSite } from '../support/local-site.js';

const EVA = 'eva.ek@exempelkommun.se';
const OLLE = 'olle.berg@exempelkommun.se';
const SARA = 'sara.samordnare@exempelkommun.se';

let site: TestSite;
let server: Server;
let api = '';
let admin: Repositories;
let courseId = 0;
let noModuleCourseId = 0;
let brokenCourseId = 0;
const ids: Record<string, number> = {};
let clock = new Date('2026-12-04T10:00:00Z');

const call = async (as: string, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${api}/api/v1/${path}`, {
    method,
    headers: { Authorization: `Bearer ${createLocalToken(as)}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, text, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
};

const questions = GRUNDKURS.lessons.flatMap((l) => l.questions);
/** The first `right` questions answered right, the rest wrong. */
const answers = (right: number) =>
  Object.fromEntries(questions.map((q, i) => [q.id, i < right ? q.correct : q.options.find((o) => o.id !== q.correct)!.id]));

const completionsOf = (courseId: number) =>
  admin.trainingCompletions.list({ filter: where('trainingCompletions').eq('course', courseId), orderBy: [{ key: 'id' }] });

beforeAll(async () => {
  site = await startTestSite({
    users: [
      { upn: EVA, displayName: 'Eva Ek' },
      { upn: OLLE, displayName: 'Olle Berg' },
      { upn: SARA, displayName: 'Sara Samordnare' },
    ],
  });
  admin = site.reposAs(ADMIN);
  await admin.groups.addMembers('employees', [EVA, OLLE, SARA]);
  await admin.groups.addMembers('securityCoordinators', [SARA]);
  for (const [key, upn] of Object.entries({ eva: EVA, olle: OLLE })) ids[key] = (await admin.users.ensure(upn)).id;
  courseId = (await admin.trainingCourses.add({ title: GRUNDKURS_TITLE, recertificationMonths: 12, mandatory: true, active: true })).id;
  await admin.courseModules.add({
    title: GRUNDKURS_TITLE,
    course: { id: courseId },
    passMark: GRUNDKURS_PASS_MARK,
    content: JSON.stringify(GRUNDKURS),
  });
  noModuleCourseId = (await admin.trainingCourses.add({ title: 'DISA', active: true })).id;
  brokenCourseId = (await admin.trainingCourses.add({ title: 'Egen kurs', active: true })).id;
  await admin.courseModules.add({ title: 'Egen kurs', course: { id: brokenCourseId }, content: '{"version":1,"lessons":[]}' });
  const service = createSystemkollService({ repos: admin, submissionSecret: 's'.repeat(32), tasksTtlMs: 0, now: () => clock });
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

describe('the course module through the API', () => {
  it('serves the lessons and questions to staff without the right answers or explanations', async () => {
    const res = await call(EVA, 'GET', `training/courses/${courseId}/module`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      course: { id: courseId, title: GRUNDKURS_TITLE, recertificationMonths: 12 },
      passMark: 80,
      questionCount: 21,
      lastCompletion: null,
    });
    expect(typeof res.body.revision).toBe('string');
    expect((res.body.lessons as unknown[]).length).toBe(7);
    expect(res.text).not.toMatch(/"correct"|"explanation"/);
    for (const q of questions) expect(res.text).not.toContain(JSON.stringify(q.explanation.sv).slice(1, -1));
  });

  it('keeps the module list itself out of reach of staff: only the API reads the answer key', async () => {
    await expect(site.reposAs(EVA).courseModules.list()).rejects.toMatchObject({ kind: 'forbidden' });
    expect(await site.reposAs(SARA).courseModules.list()).toHaveLength(2);
  });

  it('answers 404 for a course without a module and 500 with the problems for content that does not validate', async () => {
    expect((await call(EVA, 'GET', `training/courses/${noModuleCourseId}/module`)).status).toBe(404);
    expect((await call(EVA, 'GET', 'training/courses/999/module')).status).toBe(404);
    const broken = await call(EVA, 'GET', `training/courses/${brokenCourseId}/module`);
    expect(broken.status).toBe(500);
    expect(broken.body).toMatchObject({ code: 'courseContentInvalid' });
    expect(broken.body.message).toContain('kursen har inga frågor');
  });

  it('records nothing for a failed attempt, and says per question right or wrong with the explanation', async () => {
    const res = await call(EVA, 'POST', `training/courses/${courseId}/attempts`, { answers: answers(16), clientKey: 'eva-fail-1' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ passed: false, score: 76, correct: 16, total: 21, passMark: 80, completion: null, recorded: false });
    const results = res.body.results as { questionId: string; correct: boolean; chosen: string; explanation: { sv: string } }[];
    expect(results).toHaveLength(21);
    expect(results[0]).toMatchObject({ questionId: questions[0]!.id, correct: true, explanation: questions[0]!.explanation });
    expect(results[20]).toMatchObject({ correct: false });
    // The right option itself is not named (the explanation teaches; a retake still takes thought).
    expect(Object.keys(results[20]!)).toEqual(['questionId', 'lessonId', 'chosen', 'correct', 'explanation']);
    expect(await completionsOf(courseId)).toEqual([]);
  });

  it('records exactly one completion for the caller with source Teams-modul, whoever the body names', async () => {
    const res = await call(EVA, 'POST', `training/courses/${courseId}/attempts`, {
      answers: answers(18),
      clientKey: 'eva-pass-1',
      revision: (await call(EVA, 'GET', `training/courses/${courseId}/module`)).body.revision,
      // Ignored: whose attempt it is and what it scored are the server's.
      personUpn: OLLE,
      person: { id: ids.olle },
      score: 100,
      source: 'manuell',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      passed: true,
      score: 85,
      recorded: true,
      completion: { completedAt: '2026-12-04', expiresAt: '2027-12-04', source: 'Teams-modul', score: 85 },
    });
    const stored = await completionsOf(courseId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ person: { id: ids.eva }, source: 'Teams-modul', score: 85, completedAt: '2026-12-04' });
    expect(stored.some((c) => c.person.id === ids.olle)).toBe(false);
    // Min utbildning's source: the module now tells Eva she has passed.
    expect((await call(EVA, 'GET', `training/courses/${courseId}/module`)).body.lastCompletion).toMatchObject({
      completedAt: '2026-12-04',
    });
  });

  it('records nothing twice for a resent attempt — the same day, or after midnight — nor a second pass the same day', async () => {
    const first = (await completionsOf(courseId))[0]!;
    const resent = await call(EVA, 'POST', `training/courses/${courseId}/attempts`, { answers: answers(18), clientKey: 'eva-pass-1' });
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ passed: true, recorded: false, completion: { id: first.id } });
    const again = await call(EVA, 'POST', `training/courses/${courseId}/attempts`, { answers: answers(21), clientKey: 'eva-pass-2' });
    expect(again.body).toMatchObject({ passed: true, score: 100, recorded: false, completion: { id: first.id } });
    clock = new Date('2026-12-05T08:00:00Z');
    const late = await call(EVA, 'POST', `training/courses/${courseId}/attempts`, { answers: answers(18), clientKey: 'eva-pass-1' });
    expect(late.body).toMatchObject({ recorded: false, completion: { id: first.id, completedAt: '2026-12-04' } });
    expect(await completionsOf(courseId)).toHaveLength(1);
  });

  it('adds a new completion on a later pass and keeps the old one', async () => {
    clock = new Date('2027-11-20T09:00:00Z');
    const res = await call(EVA, 'POST', `training/courses/${courseId}/attempts`, { answers: answers(21), clientKey: 'eva-2027' });
    expect(res.status).toBe(201);
    const stored = await completionsOf(courseId);
    expect(stored.map((c) => [c.completedAt, c.expiresAt, c.score])).toEqual([
      ['2026-12-04', '2027-12-04', 85],
      ['2027-11-20', '2028-11-20', 100],
    ]);
  });

  it('refuses answers given to another revision of the course, and a missing key', async () => {
    const stale = await call(OLLE, 'POST', `training/courses/${courseId}/attempts`, {
      answers: answers(21),
      clientKey: 'o-1',
      revision: 'x',
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'courseChanged' });
    expect((await call(OLLE, 'POST', `training/courses/${courseId}/attempts`, { answers: answers(21) })).status).toBe(400);
    expect((await completionsOf(courseId)).filter((c) => c.person.id === ids.olle)).toEqual([]);
  });
});
