/**
 * A device or subscription entered or corrected by IT, through the Systemkoll API (POST devices,
 * PATCH devices/:id with the version shown): the server checks the role and the values with the
 * inventory import's rule and records who entered it.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Device } from './team-devices.js';
import { useSession, type Session } from '../../../shared/ui/session.js';

/** The form's values as the API takes them (holder: the chosen person's address, or null). */
export interface DeviceEntry {
  kind: string;
  identifier: string;
  title: string;
  model: string;
  purchaseDate: string;
  holder: string | null;
  cost: string;
  status: string;
  notes: string;
}

export function saveDevice(session: Session, entry: DeviceEntry, existing: Device | null): Promise<Device> {
  if (!existing) return session.api.send<Device>('POST', 'devices', entry);
  return session.api.send<Device>('PATCH', `devices/${existing.id}`, entry, { etag: existing.etag });
}

export function useSaveDevice() {
  const session = useSession();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { entry: DeviceEntry; existing: Device | null }) => saveDevice(session, input.entry, input.existing),
    onSuccess: () => client.invalidateQueries({ queryKey: [session.key, 'devices'] }),
  });
}
