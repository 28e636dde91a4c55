import { queryOptions, useQuery } from '@tanstack/react-query';
import type { RecordOf } from '../../../shared/schema/index.js';
import { hasRole, useMe, useSession, type Session } from '../../../shared/ui/session.js';

export type NotificationRecord = RecordOf<'notifications'>;

/** How many of the latest notifications the page shows (one round trip, well under the view threshold). */
export const OUTBOX_PAGE_SIZE = 200;

/** The latest notifications, newest first, straight from the Aviseringar list (coordinators and admins may read it). */
export function getNotifications(session: Session): Promise<NotificationRecord[]> {
  return session.repos.notifications.list({ orderBy: [{ key: 'id', ascending: false }], top: OUTBOX_PAGE_SIZE });
}

export function getNotificationsQueryOptions(session: Session) {
  return queryOptions({
    queryKey: [session.key, 'notifications', 'latest'] as const,
    staleTime: 30_000,
    queryFn: () => getNotifications(session),
  });
}

/** Not asked for those SharePoint would refuse (the list is readable by coordinators and admins only). */
export function useNotifications() {
  const me = useMe();
  const allowed = hasRole(me.data, 'securityCoordinator', 'admin');
  return useQuery({ ...getNotificationsQueryOptions(useSession()), enabled: allowed });
}
