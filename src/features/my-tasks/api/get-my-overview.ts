import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Incident, SystemRecord } from '../../../shared/schema/index.js';
import { useMe, useSession, type Session } from '../../../shared/ui/session.js';

export interface MyOverview {
  systems: SystemRecord[];
  incidents: Incident[];
}

/**
 * The systems I own or administer and my own reports, in one round trip to the Systemkoll API
 * (staff have no SharePoint access to the incident list; the API reads app-only, as the caller).
 */
export async function getMyOverview(session: Session): Promise<MyOverview> {
  const { systems, reports } = await session.api.overview();
  return { systems, incidents: reports };
}

export function getMyOverviewQueryOptions(session: Session, userId: number | undefined) {
  return queryOptions({
    queryKey: [session.key, 'my-overview', userId] as const,
    enabled: userId !== undefined,
    staleTime: 60_000,
    // The abort signal is not taken: a view that remounts picks up the request already under way.
    queryFn: () => getMyOverview(session),
  });
}

export function useMyOverview() {
  const me = useMe();
  return useQuery(getMyOverviewQueryOptions(useSession(), me.data?.id));
}
