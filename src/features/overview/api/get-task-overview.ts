import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { TaskFilter, TaskOverview } from '../../../domain/tasks/index.js';
import { hasRole, useMe, useSession, type Session } from '../../../shared/ui/session.js';

/** The filter as it is kept in the URL (`?department=3&rule=register.review&person=a@b.se`). */
export function filterFromSearch(params: URLSearchParams): TaskFilter {
  const filter: TaskFilter = {};
  const department = params.get('department');
  if (department !== null && /^\d{1,9}$/.test(department)) filter.department = Number(department);
  const rule = params.get('rule')?.trim();
  if (rule) filter.rule = rule;
  const person = params.get('person')?.trim().toLowerCase();
  if (person) filter.person = person;
  return filter;
}

/** All tasks counted per förvaltning and rule, and the filtered list (coordinators, admins; 403 otherwise). */
export function getTaskOverview(session: Session, filter: TaskFilter): Promise<TaskOverview> {
  return session.api.taskOverview(filter);
}

/**
 * Shared by the page and the count in the navigation (which asks without a filter, as the page
 * does when first opened): the totals are the same in every answer, only the list is filtered.
 */
export function getTaskOverviewQueryOptions(session: Session, filter: TaskFilter = {}) {
  return queryOptions({
    queryKey: [session.key, 'task-overview', filter.department ?? null, filter.rule ?? null, filter.person ?? null] as const,
    staleTime: 60_000,
    queryFn: () => getTaskOverview(session, filter),
  });
}

/** The overview for coordinators and admins; not asked for anyone else (the API would refuse). */
export function useTaskOverview(filter: TaskFilter) {
  const me = useMe();
  const allowed = hasRole(me.data, 'securityCoordinator', 'admin');
  return useQuery({ ...getTaskOverviewQueryOptions(useSession(), filter), enabled: allowed, placeholderData: keepPreviousData });
}
