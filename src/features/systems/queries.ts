import type { Session } from '../../shared/ui/session.js';

/** The register as the signed-in person may read it: one request, cached per session. */
export function systemsQuery(session: Session) {
  return {
    queryKey: [session.key, 'systems'] as const,
    queryFn: () => session.repos.systems.list({ orderBy: [{ key: 'title' as const }] }),
    staleTime: 60_000,
  };
}

export function systemQuery(session: Session, id: number) {
  return {
    queryKey: [session.key, 'systems', id] as const,
    queryFn: () => session.repos.systems.get(id),
    staleTime: 60_000,
  };
}
