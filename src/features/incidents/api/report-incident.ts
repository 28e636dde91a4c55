import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReportBody } from '../../../shared/api/client.js';
import { where } from '../../../shared/data/index.js';
import type { SystemRecord } from '../../../shared/schema/index.js';
import { useSession, type Session } from '../../../shared/ui/session.js';
import { putPending, sendPending, type SendOutcome } from './outbox.js';

/** What the tab's report form sends (POST /api/v1/incidents). */
export type TabReportBody = ReportBody & {
  systemIds: number[];
  occurredAt: string | null;
  detectedAt: string | null;
  type: string;
  category: string | null;
  ongoing: boolean | null;
};

/** A fresh nonce per report form: a resend or a double click returns the stored incident. */
export function newClientKey(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return `tab-${c.randomUUID()}`;
  return `tab-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** Stores the report in the browser outbox first, then sends it; see outbox.ts. */
export async function reportIncident(session: Session, body: TabReportBody): Promise<SendOutcome> {
  const pending = { clientKey: body.clientKey, body, savedAt: new Date().toISOString() };
  putPending(session, pending);
  return sendPending(session, pending);
}

export function useReportIncident() {
  const session = useSession();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TabReportBody) => reportIncident(session, body),
    onSuccess: (outcome) => {
      if (outcome.ok) void client.invalidateQueries({ queryKey: [session.key, 'incidents'] });
    },
  });
}

/** Register systems whose name starts with the text (Title is indexed): for the report form's picker. */
export function searchSystems(session: Session, text: string): Promise<SystemRecord[]> {
  const w = where('systems');
  const q = text.trim();
  return session.repos.systems.list({
    ...(q ? { filter: w.startsWith('title', q) } : {}),
    fields: ['title', 'lifecycleStatus'],
    orderBy: [{ key: 'title' }],
    top: 20,
  });
}

export function systemSearchQueryOptions(session: Session, text: string) {
  return queryOptions({
    queryKey: [session.key, 'systems', 'search', text.trim().toLowerCase()] as const,
    queryFn: () => searchSystems(session, text),
    staleTime: 60_000,
  });
}

/** Asked only when `enabled` (the picker is open or something is typed): no round trip on page load. */
export function useSystemSearch(text: string, enabled: boolean) {
  const session = useSession();
  return useQuery({ ...systemSearchQueryOptions(session, text), enabled, placeholderData: keepPreviousData });
}
