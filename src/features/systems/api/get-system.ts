import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SystemRecord } from '../../../shared/schema/index.js';
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
