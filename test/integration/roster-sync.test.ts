/**
 * The roster synced from Entra ID through a Graph-shaped local endpoint (users/delta with paging,
 * delta links and throttling): the first run reads every page; a later run only the changes — a
 * move between förvaltningar is recorded, a disabled account and a deleted user make the row
 * inactive without losing it; throttling is waited out (no real sleep); a run with no change
 * writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalGraph, type RunningLocalGraph } from '../../src/server/local-graph/index.js';
import { syncRoster } from '../../src/server/roster/sync.js';
import { ADMIN, startTestSite, type TestSite } from '../support/local-site.js';

let site: TestSite;
let graph: RunningLocalGraph;
const waits: number[] = [];
const users = Array.from({ length: 7 }, (_, i) => ({
  id: `id-${i}`,
  displayName: `Person ${i}`,
  userPrincipalName: `person${i}@exempelkommun.se`,
  department: i < 4 ? 'Barn- och utbildningsförvaltningen' : 'SOC',
  jobTitle: 'Lärare',
  managerId: i === 0 ? null : 'id-0',
}));

beforeAll(async () => {
  site = await startTestSite({ users: users.map((u) => ({ upn: u.userPrincipalName, displayName: u.displayName })) });
  const admin = site.reposAs(ADMIN);
  await admin.departments.add({ title: 'Barn- och utbildningsförvaltningen', code: 'BUF' });
  await admin.departments.add({ title: 'Socialförvaltningen', code: 'SOC' });
  graph = await startLocalGraph();
  graph.directory.pageSize = 3;
  graph.directory.setUsers([
    ...users,
    { id: 'ext', displayName: 'Konsult K', userPrincipalName: 'k@konsult.se', employeeType: 'Consultant', department: 'Okänd enhet' },
  ]);
}, 60_000);
afterAll(async () => {
  await graph.close();
  await site.close();
});

const run = (now = '2026-12-04T08:00:00Z') =>
  syncRoster({
    repos: site.reposAs(ADMIN),
    graphBaseUrl: graph.url,
    getToken: async () => 'app-token',
    now: () => new Date(now),
    wait: async (ms) => {
      waits.push(ms);
    },
  });
const rows = async () => Object.fromEntries((await site.reposAs(ADMIN).staff.all()).map((s) => [s.email, s]));

describe('roster sync from Entra ID', () => {
  it('reads every page on the first run: förvaltning, manager and externals', async () => {
    graph.throttleNext(1, 7);
    const report = await run();
    expect(report).toMatchObject({ full: true, pages: 3, throttled: 1, created: 8, updated: 0, unmatchedDepartments: ['Okänd enhet'] });
    expect(waits).toEqual([7000]);
    const r = await rows();
    expect(r['person1@exempelkommun.se']).toMatchObject({
      title: 'Person 1',
      department: { title: 'Barn- och utbildningsförvaltningen' },
      manager: { email: 'person0@exempelkommun.se' },
      active: true,
      external: false,
    });
    expect(r['person5@exempelkommun.se']!.department?.title).toBe('Socialförvaltningen');
    expect(r['k@konsult.se']).toMatchObject({ external: true, department: null });
  });

  it('reads only what changed next time: a move, a disabled account, a deleted user, a leave date', async () => {
    graph.directory.updateUser('id-2', { department: 'SOC' });
    graph.directory.updateUser('id-3', { accountEnabled: false });
    graph.directory.removeUser('id-4');
    graph.directory.updateUser('id-5', { employeeLeaveDateTime: '2027-01-31T00:00:00Z' });
    const report = await run('2026-12-10T08:00:00Z');
    expect(report).toMatchObject({ full: false, pages: 2, created: 0, updated: 2, deactivated: 2, moved: 1 });
    const r = await rows();
    expect(r['person2@exempelkommun.se']).toMatchObject({
      department: { title: 'Socialförvaltningen' },
      previousDepartment: { title: 'Barn- och utbildningsförvaltningen' },
      movedAt: expect.stringMatching(/^2026-12-10/),
    });
    expect(r['person3@exempelkommun.se']).toMatchObject({ active: false, endDate: expect.stringMatching(/^2026-12-10/) });
    expect(r['person4@exempelkommun.se']!.active).toBe(false);
    expect(r['person5@exempelkommun.se']!.endDate).toMatch(/^2027-01-31/);
    // Nothing lost: eight rows still.
    expect(Object.keys(r)).toHaveLength(8);
  });

  it('writes nothing when nothing changed', async () => {
    const before = site.store.stats.requests;
    const report = await run('2026-12-11T08:00:00Z');
    expect(report).toMatchObject({ pages: 1, created: 0, updated: 0, deactivated: 0, unchanged: 0 });
    expect(site.store.stats.requests - before).toBeLessThan(10);
  });
});
