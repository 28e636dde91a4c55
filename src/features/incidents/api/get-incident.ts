import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Incident } from '../../../shared/schema/index.js';
import { useSession, type Session } from '../../../shared/ui/session.js';
import { getIncidentsQueryOptions, incidentsIn, useIncidentScope, type IncidentScope } from './get-incidents.js';

/** Coordinators and admins read SharePoint; everyone else asks the API (notFound when not theirs). */
export function getIncident(session: Session, id: number, scope: IncidentScope, signal?: AbortSignal): Promise<Incident> {
  if (scope === 'all') return session.repos.incidents.get(id);
  return session.api.incident(id, signal ? { signal } : {});
}

export function getIncidentQueryOptions(session: Session, id: number, scope: IncidentScope) {
  return queryOptions({
    queryKey: [session.key, 'incidents', scope, id] as const,
    queryFn: () => getIncident(session, id, scope),
    staleTime: 30_000,
  });
}

/** One incident; opened from the list, it shows what the list already read without another round trip. */
export function useIncident(id: number) {
  const session = useSession();
  const client = useQueryClient();
  const scope = useIncidentScope();
  const listKey = getIncidentsQueryOptions(session, scope ?? 'mine').queryKey;
  return useQuery({
    ...getIncidentQueryOptions(session, id, scope ?? 'mine'),
    enabled: scope !== undefined,
    initialData: () => incidentsIn(client.getQueryData(listKey)).find((i) => i.id === id),
    initialDataUpdatedAt: () => client.getQueryState(listKey)?.dataUpdatedAt,
  });
}
