/**
 * The register's trusted writes, through the Systemkoll API: create (coordinators, admins), edit
 * (If-Match; 412 becomes a ConflictError the form explains) and recording a yearly review,
 * classification or test (an action in Insatser with the caller as person). On success the system's
 * queries are refreshed (the page, the register list, the history).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SystemEventBody, SystemEventPath } from '../../../shared/api/client.js';
import type { SystemRecord } from '../../../shared/schema/index.js';
import { useSession } from '../../../shared/ui/session.js';
import { getSystemQueryOptions } from './get-system.js';

export function useCreateSystem() {
  const session = useSession();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (fields: Record<string, unknown>) => session.api.createSystem(fields),
    onSuccess: async (system) => {
      client.setQueryData(getSystemQueryOptions(session, system.id).queryKey, system);
      await client.invalidateQueries({ queryKey: [session.key, 'systems'] });
    },
  });
}

export function useUpdateSystem(id: number) {
  const session = useSession();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ patch, etag }: { patch: Record<string, unknown>; etag: string }) => session.api.updateSystem(id, patch, { etag }),
    onSuccess: async (system: SystemRecord) => {
      client.setQueryData(getSystemQueryOptions(session, id).queryKey, system);
      await client.invalidateQueries({ queryKey: [session.key, 'systems'], predicate: (q) => q.queryKey[2] !== id });
    },
  });
}

export function useRecordSystemEvent(id: number) {
  const session = useSession();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ event, body, etag }: { event: SystemEventPath; body: SystemEventBody; etag: string }) =>
      session.api.recordSystemEvent(id, event, body, { etag }),
    onSuccess: async ({ system }) => {
      client.setQueryData(getSystemQueryOptions(session, id).queryKey, system);
      await client.invalidateQueries({ queryKey: [session.key, 'systems'], predicate: (q) => q.queryKey[2] !== id });
      await client.invalidateQueries({ queryKey: [session.key, 'system-history', id] });
    },
  });
}
