import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ListAccess } from '../../../shared/data/index.js';
import { useSession, type Session } from '../../../shared/ui/session.js';

/** "Behörighetskontroll": can the signed-in user read and write each Systemkoll list? One $batch. */
export function checkPermissions(session: Session): Promise<ListAccess[]> {
  return session.repos.permissions.selfCheck();
}

export function checkPermissionsQueryOptions(session: Session, enabled: boolean) {
  return queryOptions({
    queryKey: [session.key, 'permissions'] as const,
    enabled,
    // Always asked afresh: the answer is what an admin checks after changing permissions.
    staleTime: 0,
    queryFn: () => checkPermissions(session),
  });
}

export function usePermissionCheck(enabled: boolean) {
  return useQuery(checkPermissionsQueryOptions(useSession(), enabled));
}
