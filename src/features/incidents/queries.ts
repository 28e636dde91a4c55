import type { Session } from '../../shared/ui/session.js';

/**
 * Incidents the signed-in person may see — SharePoint decides (staff see their own reports,
 * coordinators all). Newest first; one request, cached per session.
 */
export function incidentsQuery(session: Session) {
  return {
    queryKey: [session.key, 'incidents'] as const,
    queryFn: () => session.repos.incidents.list({ orderBy: [{ key: 'reportedAt' as const, ascending: false }], top: 500 }),
    staleTime: 30_000,
  };
}

export function incidentQuery(session: Session, id: number) {
  return {
    queryKey: [session.key, 'incidents', id] as const,
    queryFn: () => session.repos.incidents.get(id),
    staleTime: 30_000,
  };
}
