/**
 * npm run import -- attack-sim against the Graph-shaped local endpoint: Defender's training coverage
 * read page by page (two pages) with one throttled answer waited out, a dry run that reports row by
 * row and writes nothing, the import (completed trainings only, the default course's expiry, source
 * 'import'; in progress and people not in Personal skipped), and a re-import that changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readTrainingCoverage } from '../../src/server/defender/training-coverage.js';
import { startLocalGraph, type RunningLocalGraph } from '../../src/server/local-graph/index.js';
import { ADMIN, startTestSite, type TestSite } from '../support/local-site.js';

const exec = promisify(execFile);
let site: TestSite;
let graph: RunningLocalGraph;

beforeAll(async () => {
  site = await startTestSite({
    users: [
      { upn: 'anna@exempelkommun.se', displayName: 'Anna Andersson' },
      { upn: 'bo@exempelkommun.se', displayName: 'Bo Berg' },
      { upn: 'carl@exempelkommun.se', displayName: 'Carl Carlsson' },
    ],
  });
  const admin = site.reposAs(ADMIN);
  await admin.trainingCourses.add({ title: 'Phishing-övning', mandatory: false, active: true, recertificationMonths: 6 });
  // Anna is matched on her Entra id and has no user account on her row yet (ensureUser); Bo by address.
  const bo = await admin.users.ensure('bo@exempelkommun.se');
  await admin.staff.add({ title: 'Anna Andersson', email: 'anna@exempelkommun.se', entraId: 'e-anna', active: true });
  await admin.staff.add({ title: 'Bo Berg', email: 'bo@exempelkommun.se', person: { id: bo.id }, active: true });
  await admin.staff.add({ title: 'Carl Carlsson', email: 'carl@exempelkommun.se', active: true });
  graph = await startLocalGraph();
  graph.trainingCoverage.pageSize = 2;
  const completed = (displayName: string, completionDateTime: string) => ({
    assignedDateTime: '2026-01-10T08:00:00Z',
    completionDateTime,
    displayName,
    trainingStatus: 'completed',
  });
  graph.trainingCoverage.setUsers([
    {
      attackSimulationUser: { userId: 'e-anna', displayName: 'Anna Andersson', email: 'Anna.A@exempelkommun.se' },
      userTrainings: [
        completed('Mass Market Phishing', '2026-03-14T23:30:00Z'),
        { displayName: 'Spear Phishing', trainingStatus: 'inProgress', completionDateTime: null },
      ],
    },
    {
      attackSimulationUser: { userId: 'e-bo', displayName: 'Bo Berg', email: 'bo@exempelkommun.se' },
      userTrainings: [completed('Mass Market Phishing', '2026-11-01T07:00:00Z'), completed('Spear Phishing', '2026-11-01T15:00:00Z')],
    },
    {
      attackSimulationUser: { userId: 'e-rec', displayName: 'Reception', email: 'reception@exempelkommun.se' },
      userTrainings: [completed('Mass Market Phishing', '2026-11-20T10:00:00Z')],
    },
    {
      attackSimulationUser: { userId: 'e-carl', displayName: 'Carl Carlsson', email: 'carl@exempelkommun.se' },
      userTrainings: [{ displayName: 'Mass Market Phishing', trainingStatus: 'assigned' }],
    },
  ]);
}, 60_000);
afterAll(async () => {
  await graph.close();
  await site.close();
});

const cli = (...args: string[]) =>
  exec(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/import.ts',
      'attack-sim',
      '--site',
      site.siteUrl,
      '--graph',
      graph.url,
      '--json',
      '--auth',
      'local',
      ...args,
    ],
    { encoding: 'utf8' },
  ).then(
    (r) => ({ code: 0, report: JSON.parse(r.stdout) as Record<string, unknown> & { rows: Record<string, unknown>[] } }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, report: { stdout: e.stdout, stderr: e.stderr, rows: [] } }),
  );

describe('importing Defender attack-simulation training', () => {
  it('reads every page and waits out throttling for as long as Retry-After says', async () => {
    const waits: number[] = [];
    graph.throttleNext(1, 3);
    const read = await readTrainingCoverage({
      graphBaseUrl: graph.url,
      getToken: async () => 'app-token',
      wait: async (ms) => {
        waits.push(ms);
      },
    });
    expect(read).toMatchObject({ pages: 2, throttled: 1 });
    expect(read.users.map((u) => u.attackSimulationUser?.userId)).toEqual(['e-anna', 'e-bo', 'e-rec', 'e-carl']);
    expect(waits).toEqual([3000]);
  });

  it('as a CLI: dry run, import, re-import with nothing to add', async () => {
    graph.throttleNext(1, 0);
    const dry = await cli('--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.report).toMatchObject({
      created: 2,
      unchanged: 1,
      skipped: 3,
      warnings: 1,
      errors: 0,
      pages: 2,
      throttled: 1,
      dryRun: true,
    });
    expect(dry.report.rows.map((r) => [r.row, r.person, r.training, r.status])).toEqual([
      [1, 'anna.a@exempelkommun.se', 'Mass Market Phishing', 'created'],
      [2, 'anna.a@exempelkommun.se', 'Spear Phishing', 'skipped'],
      [3, 'bo@exempelkommun.se', 'Mass Market Phishing', 'created'],
      [4, 'bo@exempelkommun.se', 'Spear Phishing', 'unchanged'],
      [5, 'reception@exempelkommun.se', 'Mass Market Phishing', 'skipped'],
      [6, 'carl@exempelkommun.se', 'Mass Market Phishing', 'skipped'],
    ]);
    expect(Object.keys(dry.report.rows[0]!)).toEqual(['row', 'person', 'training', 'course', 'status', 'messages']);
    expect(await site.reposAs(ADMIN).trainingCompletions.all()).toEqual([]);

    const first = await cli();
    expect(first.report).toMatchObject({ created: 2, unchanged: 1, skipped: 3, errors: 0, dryRun: false });
    const stored = await site.reposAs(ADMIN).trainingCompletions.all();
    expect(
      stored.map((c) => [c.person?.title, c.course?.title, c.completedAt?.slice(0, 10), c.expiresAt?.slice(0, 10), c.source]).sort(),
    ).toEqual([
      ['Anna Andersson', 'Phishing-övning', '2026-03-15', '2026-09-15', 'import'],
      ['Bo Berg', 'Phishing-övning', '2026-11-01', '2027-05-01', 'import'],
    ]);

    const again = await cli();
    expect(again.code).toBe(0);
    expect(again.report).toMatchObject({ created: 0, unchanged: 3, skipped: 3, errors: 0 });
    expect(await site.reposAs(ADMIN).trainingCompletions.all()).toHaveLength(2);
  }, 90_000);
});
