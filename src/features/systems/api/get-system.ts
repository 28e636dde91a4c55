import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Department, SystemRecord } from '../../../shared/schema/index.js';
import type { SystemHistoryBody } from '../../../shared/api/client.js';
import { useSession, type Session } from '../../../shared/ui/session.js';
import { getSystemsQueryOptions } from './get-systems.js';

export function getSystem(session: Session, id: number): Promise<SystemRecord> {
  return session.repos.systems.get(id);
}

export function getSystemQueryOptions(session: Session, id: number) {
  return queryOptions({
    queryKey: [session.key, 'systems', id] as const,
    queryFn: () => getSystem(session, id),
    staleTime: 60_000,
  });
}

/** One system; opened from the list, it shows what the list already read without another round trip. */
export function useSystem(id: number) {
  const session = useSession();
  const client = useQueryClient();
  const listKey = getSystemsQueryOptions(session).queryKey;
  return useQuery({
    ...getSystemQueryOptions(session, id),
    initialData: () => client.getQueryData(listKey)?.find((s) => s.id === id),
    initialDataUpdatedAt: () => client.getQueryState(listKey)?.dataUpdatedAt,
  });
}

/** The system's actions and incidents (the API decides what the caller may see); read when shown. */
export function getSystemHistoryQueryOptions(session: Session, id: number) {
  return queryOptions({
    queryKey: [session.key, 'system-history', id] as const,
    queryFn: (): Promise<SystemHistoryBody> => session.api.systemHistory(id),
    staleTime: 30_000,
  });
}

export function useSystemHistory(id: number, enabled: boolean) {
  return useQuery({ ...getSystemHistoryQueryOptions(useSession(), id), enabled });
}

/** The departments for the form's choice (a short list). */
export function getDepartmentsQueryOptions(session: Session) {
  return queryOptions({
    queryKey: [session.key, 'departments', 'system-form'] as const,
    queryFn: (): Promise<Department[]> => session.repos.departments.list({ orderBy: [{ key: 'title' }] }),
    staleTime: 5 * 60_000,
  });
}

export function useDepartments(enabled: boolean) {
  return useQuery({ ...getDepartmentsQueryOptions(useSession()), enabled });
}
