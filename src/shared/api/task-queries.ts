/**
 * The task queries the tab shares between pages: "Mina uppgifter", "Översikt", the counts in the
 * navigation and the register's "Med öppna uppgifter" filter ask through the same query keys, so
 * one request per session and minute serves them all (features do not import each other).
 */
import { queryOptions } from '@tanstack/react-query';
import type { Task, TaskFilter, TaskOverview, TaskUrgency } from '../../domain/tasks/index.js';
import type { Session } from '../ui/session.js';
import type { MyTasksBody } from './client.js';

export interface MyTasks {
  generatedAt: string;
  tasks: Task[];
  /** The tasks per urgency, each group by due date (earliest first). */
  groups: { urgency: TaskUrgency; tasks: Task[] }[];
  overdue: number;
}

const URGENCIES: readonly TaskUrgency[] = ['försenad', 'snart', 'senare'];

/** Sorted by due date and grouped the way "Mina uppgifter" shows them (empty groups left out). */
export function groupMyTasks(body: MyTasksBody): MyTasks {
  const tasks = [...body.tasks].sort((a, b) => Date.parse(a.due) - Date.parse(b.due) || a.id.localeCompare(b.id));
  const groups = URGENCIES.map((urgency) => ({ urgency, tasks: tasks.filter((t) => t.urgency === urgency) })).filter(
    (g) => g.tasks.length > 0,
  );
  return { generatedAt: body.generatedAt, tasks, groups, overdue: tasks.filter((t) => t.urgency === 'försenad').length };
}

/** My tasks from the Systemkoll API (derived there, live) — one request to the bot host, no SharePoint. */
export async function getMyTasks(session: Session): Promise<MyTasks> {
  return groupMyTasks(await session.api.myTasks());
}

/** Shared by the page, the count in the navigation and the register: one request per session and minute. */
export function getMyTasksQueryOptions(session: Session) {
  return queryOptions({
    queryKey: [session.key, 'my-tasks'] as const,
    staleTime: 60_000,
    // The abort signal is not taken: the navigation and the page share the request already under way.
    queryFn: () => getMyTasks(session),
  });
}

/** All tasks counted per förvaltning and rule, and the filtered list (coordinators, admins; 403 otherwise). */
export function getTaskOverview(session: Session, filter: TaskFilter): Promise<TaskOverview> {
  return session.api.taskOverview(filter);
}

/**
 * Shared by the page, the count in the navigation (which asks without a filter, as the page does
 * when first opened) and the register: the totals are the same in every answer, only the list is
 * filtered.
 */
export function getTaskOverviewQueryOptions(session: Session, filter: TaskFilter = {}) {
  return queryOptions({
    queryKey: [session.key, 'task-overview', filter.department ?? null, filter.rule ?? null, filter.person ?? null] as const,
    staleTime: 60_000,
    queryFn: () => getTaskOverview(session, filter),
  });
}
