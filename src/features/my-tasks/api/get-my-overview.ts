import { queryOptions, useQuery } from '@tanstack/react-query';
import { where } from '../../../shared/data/index.js';
import type { Incident, SystemRecord } from '../../../shared/schema/index.js';
import { useMe, useSession, type Session } from '../../../shared/ui/session.js';

export interface MyOverview {
  systems: SystemRecord[];
  incidents: Incident[];
}

/**
 * The systems I own or administer (the register, which everyone reads in SharePoint) and my own
 * reports (the Systemkoll API: staff have no SharePoint access to the incident list) — two requests
 * made in parallel, one round trip each.
 */
export function getMyOverview(session: Session, userId: number, signal?: AbortSignal): Promise<MyOverview> {
  const s = where('systems');
  const systems = session.repos.systems.list({
    filter: s.or(s.eq('systemOwner', userId), s.eq('systemAdministrator', userId)),
    orderBy: [{ key: 'title' }],
    top: 500,
  });
  const incidents = session.api.myIncidents(signal ? { signal } : {});
  return Promise.all([systems, incidents]).then(([systems, incidents]) => ({ systems, incidents }));
}

export function getMyOverviewQueryOptions(session: Session, userId: number | undefined) {
  return queryOptions({
    queryKey: [session.key, 'my-overview', userId] as const,
    enabled: userId !== undefined,
    staleTime: 60_000,
    // The abort signal is not taken: a view that remounts picks up the request already under way.
    queryFn: () => getMyOverview(session, userId!),
  });
}

export function useMyOverview() {
  const me = useMe();
  return useQuery(getMyOverviewQueryOptions(useSession(), me.data?.id));
}
