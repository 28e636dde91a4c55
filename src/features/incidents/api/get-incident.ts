import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Incident } from '../../../shared/schema/index.js';
import { useSession, type Session } from '../../../shared/ui/session.js';
import { getIncidentsQueryOptions } from './get-incidents.js';

export function getIncident(session: Session, id: number): Promise<Incident> {
  return session.repos.incidents.get(id);
}

export function getIncidentQueryOptions(session: Session, id: number) {
  return queryOptions({
    queryKey: [session.key, 'incidents', id] as const,
    queryFn: () => getIncident(session, id),
    staleTime: 30_000,
  });
}

/** One incident; opened from the list, it shows what the list already read without another round trip. */
export function useIncident(id: number) {
  const session = useSession();
  const client = useQueryClient();
  const listKey = getIncidentsQueryOptions(session).queryKey;
  return useQuery({
    ...getIncidentQueryOptions(session, id),
    initialData: () => client.getQueryData(listKey)?.find((i) => i.id === id),
    initialDataUpdatedAt: () => client.getQueryState(listKey)?.dataUpdatedAt,
  });
}
