import { useQuery } from '@tanstack/react-query';
import { getMyTasksQueryOptions } from '../../../shared/api/task-queries.js';
import { useSession } from '../../../shared/ui/session.js';

// The query lives in shared: the navigation's count and the register's task filter use it too.
export { getMyTasksQueryOptions, type MyTasks } from '../../../shared/api/task-queries.js';

export function useMyTasks() {
  return useQuery(getMyTasksQueryOptions(useSession()));
}
