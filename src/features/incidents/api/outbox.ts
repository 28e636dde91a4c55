/**
 * The tab's browser outbox for incident reports: nothing typed is lost. A report is first stored in
 * localStorage under its clientKey, then sent; it leaves the outbox only when the Systemkoll API has
 * confirmed it (201 created or 200 already received — the clientKey makes a resend idempotent).
 * What could not be sent (offline, network, 5xx, throttling) stays and is sent again on load, on the
 * browser's `online` event and by "Skicka nu".
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ReportBody } from '../../../shared/api/client.js';
import { DataError } from '../../../shared/data/index.js';
import type { Incident } from '../../../shared/schema/index.js';
import { useSession, type Session } from '../../../shared/ui/session.js';
import { bindAttachments, flushAttachments, pendingAttachments, refuseAttachmentsOf, type FlushResult } from './attachment-outbox.js';

export interface PendingReport {
  clientKey: string;
  body: ReportBody;
  savedAt: string;
  /** The last refusal the API gave that a resend will not fix (shown with the report), if any. */
  refused?: string;
}

const PREFIX = 'systemkoll.incidentOutbox.';
const listeners = new Set<() => void>();
const cache = new Map<string, { raw: string | null; value: PendingReport[] }>();
const inFlight = new Set<string>();

function ownerOf(session: Session): string {
  return session.persona?.upn ?? session.key;
}

function read(owner: string): PendingReport[] {
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(PREFIX + owner);
  } catch {
    raw = null;
  }
  const hit = cache.get(owner);
  if (hit && hit.raw === raw) return hit.value;
  let value: PendingReport[] = [];
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    value = Array.isArray(parsed) ? (parsed as PendingReport[]).filter((p) => typeof p?.clientKey === 'string') : [];
  } catch {
    value = [];
  }
  cache.set(owner, { raw, value });
  return value;
}

function write(owner: string, value: PendingReport[]): void {
  // Storage full or blocked: the report then lives only in this page (the caller still sends it).
  try {
    if (value.length === 0) localStorage.removeItem(PREFIX + owner);
    else localStorage.setItem(PREFIX + owner, JSON.stringify(value));
  } catch {
    /* ignore */
  }
  listeners.forEach((l) => l());
}

export function putPending(session: Session, report: PendingReport): void {
  const owner = ownerOf(session);
  write(owner, [...read(owner).filter((p) => p.clientKey !== report.clientKey), report]);
}

export function removePending(session: Session, clientKey: string): void {
  const owner = ownerOf(session);
  write(
    owner,
    read(owner).filter((p) => p.clientKey !== clientKey),
  );
}

function markRefused(session: Session, clientKey: string, message: string): void {
  const owner = ownerOf(session);
  write(
    owner,
    read(owner).map((p) => (p.clientKey === clientKey ? { ...p, refused: message } : p)),
  );
}

/** Errors a later attempt may get past: the report stays in the outbox. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof DataError)) return true;
  return error.kind === 'network' || error.kind === 'server' || error.kind === 'throttled' || error.kind === 'unauthorized';
}

export type SendOutcome =
  | { ok: true; incident: Incident; created: boolean; attachments: FlushResult }
  | { ok: false; kept: true; error: unknown }
  | { ok: false; kept: false; error: unknown };

/**
 * Sends one stored report; removes it only on the API's confirmation. A refusal a resend cannot fix
 * (400 with the API's Swedish message) is kept and marked, so the reporter sees it and decides.
 */
export async function sendPending(session: Session, report: PendingReport): Promise<SendOutcome> {
  if (inFlight.has(report.clientKey)) return { ok: false, kept: true, error: new Error('already sending') };
  inFlight.add(report.clientKey);
  try {
    const result = await session.api.report(report.body);
    // The files wait in their own outbox from here: the report is stored, whatever happens to them.
    bindAttachments(session, report.clientKey, result.incident);
    removePending(session, report.clientKey);
    const attachments = await flushAttachments(session, result.incident.id);
    return { ok: true, incident: result.incident, created: result.created, attachments };
  } catch (error) {
    if (isTransient(error)) return { ok: false, kept: true, error };
    const message = error instanceof Error ? error.message : String(error);
    markRefused(session, report.clientKey, message);
    refuseAttachmentsOf(session, report.clientKey, message);
    return { ok: false, kept: false, error };
  } finally {
    inFlight.delete(report.clientKey);
  }
}

/** The signed-in person's unsent reports (live: follows other tabs' and this page's writes). */
export function usePendingReports(): PendingReport[] {
  const session = useSession();
  const owner = ownerOf(session);
  const subscribe = useCallback(
    (onChange: () => void) => {
      listeners.add(onChange);
      const onStorage = (e: StorageEvent) => {
        if (e.key === PREFIX + owner) onChange();
      };
      window.addEventListener('storage', onStorage);
      return () => {
        listeners.delete(onChange);
        window.removeEventListener('storage', onStorage);
      };
    },
    [owner],
  );
  return useSyncExternalStore(subscribe, () => read(owner));
}

/** "Skicka nu" and the automatic resends: every stored report that is not marked refused. */
export function useSendPending() {
  const session = useSession();
  const client = useQueryClient();
  const [sending, setSending] = useState(false);
  const sendAll = useCallback(async () => {
    const pending = read(ownerOf(session)).filter((p) => !p.refused);
    const files = pendingAttachments(session).filter((a) => !a.refused && a.incidentId !== undefined);
    if (pending.length === 0 && files.length === 0) return;
    setSending(true);
    try {
      let sent = 0;
      for (const p of pending) if ((await sendPending(session, p)).ok) sent++;
      // Files of reports confirmed earlier (the report went, the file did not).
      sent += (await flushAttachments(session)).sent;
      if (sent > 0) await client.invalidateQueries({ queryKey: [session.key, 'incidents'] });
    } finally {
      setSending(false);
    }
  }, [client, session]);
  return { sendAll, sending };
}

/** Mounted once in the shell: sends what is waiting on load and whenever the browser is back online. */
export function useOutboxSync(): void {
  const { sendAll } = useSendPending();
  useEffect(() => {
    void sendAll();
    const online = () => void sendAll();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [sendAll]);
}
