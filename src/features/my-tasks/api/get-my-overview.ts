import { queryOptions, useQuery } from '@tanstack/react-query';
import { inBatch, where } from '../../../shared/data/index.js';
import type { Incident, SystemRecord } from '../../../shared/schema/index.js';
import { useMe, useSession, type Session } from '../../../shared/ui/session.js';

export interface MyOverview {
  systems: SystemRecord[];
  incidents: Incident[];
}

/** The systems I own or administer and my own reports, in one $batch round trip. */
export function getMyOverview(session: Session, userId: number): Promise<MyOverview> {
  return inBatch(session.sp, (r) => {
    const s = where('systems');
    const systems = r.systems.list({
      filter: s.or(s.eq('systemOwner', userId), s.eq('systemAdministrator', userId)),
      orderBy: [{ key: 'title' }],
      top: 500,
    });
    const incidents = r.incidents.list({
      filter: where('incidents').eq('reporter', userId),
      orderBy: [{ key: 'reportedAt', ascending: false }],
      top: 100,
    });
    return Promise.all([systems, incidents]).then(([systems, incidents]) => ({ systems, incidents }));
  });
}

export function getMyOverviewQueryOptions(session: Session, userId: number | undefined) {
  return queryOptions({
    queryKey: [session.key, 'my-overview', userId] as const,
    enabled: userId !== undefined,
    staleTime: 60_000,
    queryFn: () => getMyOverview(session, userId!),
  });
}

export function useMyOverview() {
  const me = useMe();
  return useQuery(getMyOverviewQueryOptions(useSession(), me.data?.id));
}
