/**
 * IT's view of the inventory: the devices and subscriptions entered last, read directly from
 * SharePoint (admins and coordinators may read Enheter; the newest by id, so the list view
 * threshold never applies). Only asked for those who manage devices.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Device } from './team-devices.js';
import { useSession, type Session } from '../../../shared/ui/session.js';

/** Devices shown in IT's list. */
export const INVENTORY_SHOWN = 50;

export function getInventory(session: Session): Promise<Device[]> {
  return session.repos.devices.list({ orderBy: [{ key: 'id', ascending: false }], top: INVENTORY_SHOWN });
}

export function inventoryQueryOptions(session: Session) {
  return queryOptions({
    queryKey: [session.key, 'devices', 'inventory'] as const,
    queryFn: () => getInventory(session),
    staleTime: 30_000,
  });
}

export function useInventory() {
  return useQuery(inventoryQueryOptions(useSession()));
}
