import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Incident } from '../../../shared/schema/index.js';
import { useSession, type Session } from '../../../shared/ui/session.js';

/**
 * Incidents the signed-in person may see — SharePoint decides (staff see their own reports,
 * coordinators all). Newest first; one request.
 */
export function getIncidents(session: Session): Promise<Incident[]> {
  return session.repos.incidents.list({ orderBy: [{ key: 'reportedAt', ascending: false }], top: 500 });
}

export function getIncidentsQueryOptions(session: Session) {
  return queryOptions({
    queryKey: [session.key, 'incidents'] as const,
    queryFn: () => getIncidents(session),
    staleTime: 30_000,
  });
}

export function useIncidents() {
  return useQuery(getIncidentsQueryOptions(useSession()));
}
