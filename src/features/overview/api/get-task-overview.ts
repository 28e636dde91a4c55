import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TaskFilter } from '../../../domain/tasks/index.js';
import { getTaskOverviewQueryOptions } from '../../../shared/api/task-queries.js';
import { hasRole, useMe, useSession } from '../../../shared/ui/session.js';

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

// The query lives in shared: the navigation's count and the register's task filter use it too.
export { getTaskOverviewQueryOptions } from '../../../shared/api/task-queries.js';

/** The overview for coordinators and admins; not asked for anyone else (the API would refuse). */
export function useTaskOverview(filter: TaskFilter) {
  const me = useMe();
  const allowed = hasRole(me.data, 'securityCoordinator', 'admin');
  return useQuery({ ...getTaskOverviewQueryOptions(useSession(), filter), enabled: allowed, placeholderData: keepPreviousData });
}
