import { queryOptions, useQuery } from '@tanstack/react-query';
import { where } from '../../../shared/data/index.js';
import type { SystemRecord } from '../../../shared/schema/index.js';
import { useSession, type Session } from '../../../shared/ui/session.js';
import { restoreOrder, type RestoreOrder } from '../../../domain/restore-order.js';

export type RestoreSystem = SystemRecord & { priority: number | null };

/**
 * The critical systems in operation (samhällsviktig, or verksamhetskritisk) in restore order: one
 * request on indexed columns (LifecycleStatus, SocietallyCritical, Criticality), then the pure rule.
 */
export async function getRestoreOrder(session: Session): Promise<RestoreOrder<RestoreSystem>> {
  const s = where('systems');
  const systems = await session.repos.systems.list({
    filter: s.and(s.eq('lifecycleStatus', 'i drift'), s.or(s.eq('societallyCritical', true), s.eq('criticality', 'verksamhetskritisk'))),
    orderBy: [{ key: 'restorePriority' }],
  });
  return restoreOrder(systems.map((x) => ({ ...x, priority: x.restorePriority })));
}

export function getRestoreOrderQueryOptions(session: Session) {
  return queryOptions({
    queryKey: [session.key, 'restore-order'] as const,
    queryFn: () => getRestoreOrder(session),
    staleTime: 60_000,
  });
}

export function useRestoreOrder() {
  return useQuery(getRestoreOrderQueryOptions(useSession()));
}
