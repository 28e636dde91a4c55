import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SystemRecord } from '../../../shared/schema/index.js';
import { useSession, type Session } from '../../../shared/ui/session.js';

/** The register as the signed-in person may read it, sorted by name: one request. */
export function getSystems(session: Session): Promise<SystemRecord[]> {
  return session.repos.systems.list({ orderBy: [{ key: 'title' }] });
}

export function getSystemsQueryOptions(session: Session) {
  return queryOptions({
    queryKey: [session.key, 'systems'] as const,
    queryFn: () => getSystems(session),
    staleTime: 60_000,
  });
}

export function useSystems() {
  return useQuery(getSystemsQueryOptions(useSession()));
}
