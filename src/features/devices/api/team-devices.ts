import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RecordOf, StaffMember } from '../../../shared/schema/index.js';
import { useSession, type Session } from '../../../shared/ui/session.js';

export type Device = RecordOf<'devices'>;

/** One person the caller answers for, with what they hold (GET me/devices, GET staff/:id/devices). */
export interface PersonDevices {
  person: Pick<StaffMember, 'id' | 'title' | 'email' | 'jobTitle' | 'active' | 'endDate' | 'movedAt' | 'department' | 'previousDepartment'>;
  devices: Device[];
}

/** The people I answer for — or only `personId` (a task's link) — through the API: the list is closed in SharePoint. */
export async function getTeamDevices(session: Session, personId: number | null, signal?: AbortSignal): Promise<PersonDevices[]> {
  const opts = signal ? { signal } : {};
  if (personId !== null) return [await session.api.get<PersonDevices>(`staff/${personId}/devices`, opts)];
  return (await session.api.get<{ value: PersonDevices[] }>('me/devices', opts)).value;
}

export function teamDevicesQueryOptions(session: Session, personId: number | null) {
  return queryOptions({
    queryKey: [session.key, 'devices', personId ?? 'team'] as const,
    queryFn: ({ signal }) => getTeamDevices(session, personId, signal),
    staleTime: 30_000,
  });
}

export function useTeamDevices(personId: number | null) {
  return useQuery(teamDevicesQueryOptions(useSession(), personId));
}

/** Records a decision on one device as the signed-in person (If-Match: the version shown). */
export function useDecideDevice() {
  const session = useSession();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { device: Device; status: string }) =>
      session.api.send<Device>('POST', `devices/${input.device.id}/decision`, { status: input.status }, { etag: input.device.etag }),
    onSettled: () => client.invalidateQueries({ queryKey: [session.key, 'devices'] }),
  });
}
