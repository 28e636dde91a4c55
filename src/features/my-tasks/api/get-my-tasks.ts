import { queryOptions, useQuery } from '@tanstack/react-query';
import type { MyTasksBody } from '../../../shared/api/client.js';
import type { Task, TaskUrgency } from '../../../domain/tasks/index.js';
import { useSession, type Session } from '../../../shared/ui/session.js';

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

/** Shared by the page and the count in the navigation: one request per session and minute. */
export function getMyTasksQueryOptions(session: Session) {
  return queryOptions({
    queryKey: [session.key, 'my-tasks'] as const,
    staleTime: 60_000,
    // The abort signal is not taken: the navigation and the page share the request already under way.
    queryFn: () => getMyTasks(session),
  });
}

export function useMyTasks() {
  return useQuery(getMyTasksQueryOptions(useSession()));
}
