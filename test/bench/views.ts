/**
 * The views' own reads, as the pages make them: the register's cold load, one person's tasks, the
 * incident list's first page, a filter and the next page. Their round trips are budgeted (≤ 2 per
 * view, start-up included) and checked at every scale, the CI smoke included; times at full scale.
 */
import type { SPFI } from '@pnp/sp';
import type { LocalSharePoint } from '../../src/server/local-sharepoint/index.js';
import type { Repositories } from '../../src/shared/data/index.js';
import type { DemoData } from '../../src/demo/common.js';
import { emptyFilters } from '../../src/features/systems/api/register-query.js';
import { readRegisterStart } from '../../src/features/systems/api/register-read.js';
import { allTasks, tasksForPerson } from '../../src/server/tasks/load.js';
import { filtersFromSearch, searchIncidents } from '../../src/features/incidents/api/search-incidents.js';
import type { Session } from '../../src/shared/ui/session.js';
import { ADMIN, measure, type BenchRow } from './store.js';

export interface ViewSite {
  store: LocalSharePoint;
  admin: SPFI;
  repos: Repositories;
  data: DemoData;
}

/** `busiest`: the assignee with most tasks (found with allTasks when not given). */
export async function benchViews(site: ViewSite, options: { repeat?: number; busiest?: string } = {}): Promise<BenchRow[]> {
  const { store, admin, repos, data } = site;
  const repeat = options.repeat ?? 5;
  const rows: BenchRow[] = [];
  const systems = data.systems.length.toLocaleString('en');
  const incidents = data.incidents.length.toLocaleString('en');

  // The register page's exact reads (src/features/systems/api/register-read.ts).
  const { sort: _sort, descending: _descending, ...noFilters } = emptyFilters;
  const registerInput = { filters: noFilters, today: '2026-11-21', meId: null };
  const page = { sp: admin, repos };
  rows.push(
    await measure(
      store,
      `register list cold load at ${systems} systems`,
      () => readRegisterStart(page, registerInput).then((p) => p.rows),
      {
        id: 'register.coldLoad',
        repeat,
      },
    ),
  );

  // One person's tasks (two $batch round trips), for the busiest assignee and a coordinator.
  const taskNow = new Date('2026-11-21T12:00:00Z');
  let busiest = options.busiest;
  if (!busiest) {
    const perAssignee = new Map<string, number>();
    for (const task of (await allTasks(repos, taskNow)).tasks)
      for (const a of task.assignees) perAssignee.set(a, (perAssignee.get(a) ?? 0) + 1);
    busiest = [...perAssignee.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? data.people[10]!.upn;
  }
  const coordinatorUpn = data.groups.securityCoordinators[0] ?? ADMIN;
  for (const [label, id, upn] of [
    ['tasks: one person (busiest assignee)', 'tasks.onePerson.busiest', busiest],
    ['tasks: one person (a coordinator)', 'tasks.onePerson.coordinator', coordinatorUpn],
  ] as const) {
    const user = await repos.users.ensure(upn);
    const roles = await repos.users.rolesOf(user);
    rows.push(
      await measure(store, label, () => tasksForPerson(admin, { userId: user.id, upn, roles }, taskNow).then((r) => r.tasks), {
        id,
        repeat,
      }),
    );
  }

  // The coordinators' incident list (src/features/incidents/api/search-incidents.ts, the page's own
  // read): first page, a status filter, and the next page by SharePoint's paging token.
  const session = { sp: admin, repos } as unknown as Session;
  const meId = (await repos.users.ensure(ADMIN)).id;
  const incidentFilters = (q: string) => filtersFromSearch(new URLSearchParams(q));
  rows.push(
    await measure(
      store,
      `incident list, first page of ${incidents}`,
      () => searchIncidents(session, incidentFilters('period=all'), meId, null).then((p) => p.incidents),
      { id: 'incidents.firstPage', repeat },
    ),
  );
  rows.push(
    await measure(
      store,
      'incident list: status "ny", last 365 days',
      () => searchIncidents(session, incidentFilters('status=ny'), meId, null).then((p) => p.incidents),
      { id: 'incidents.statusFilter', repeat },
    ),
  );
  const firstIncidents = await searchIncidents(session, incidentFilters('period=all'), meId, null);
  rows.push(
    await measure(
      store,
      'incident list: next page ($skiptoken)',
      () => searchIncidents(session, incidentFilters('period=all'), meId, firstIncidents.next).then((p) => p.incidents),
      { id: 'incidents.nextPage', repeat },
    ),
  );
  return rows;
}
