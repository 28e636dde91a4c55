/**
 * The browser outbox for attachments (screenshots, the phishing mail): like the reports' outbox
 * (outbox.ts), nothing chosen is lost. The file's bytes go to IndexedDB (localStorage holds a few
 * MB at most), what is waiting to the list in localStorage. A file waits for its report: once the
 * API has confirmed the report, the file is bound to the incident and uploaded; it leaves the outbox
 * only when the API has confirmed the file (201, or 200 for the same file sent again). What could
 * not be sent is sent again with the reports (on load, when back online, "Skicka nu"); a refusal a
 * resend cannot fix is marked and shown with the file's name.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import { DataError } from '../../../shared/data/index.js';
import type { Incident } from '../../../shared/schema/index.js';
import { useSession, type Session } from '../../../shared/ui/session.js';

export interface PendingAttachment {
  /** The report's clientKey: the file waits for that report. */
  clientKey: string;
  name: string;
  size: number;
  savedAt: string;
  /** Set once the API has confirmed the report. */
  incidentId?: number;
  reference?: string | null;
  /** The API's refusal a resend will not fix. */
  refused?: string;
}

const PREFIX = 'systemkoll.attachmentOutbox.';
const listeners = new Set<() => void>();
const cache = new Map<string, { raw: string | null; value: PendingAttachment[] }>();
const inFlight = new Set<string>();
/** Where the bytes live when IndexedDB cannot be used (private windows, blocked storage): this page only. */
const memory = new Map<string, Blob>();
let store: UseStore | null | undefined;

function bytesStore(): UseStore | null {
  if (store === undefined) {
    try {
      store = typeof indexedDB === 'undefined' ? null : createStore('systemkoll-attachments', 'files');
    } catch {
      store = null;
    }
  }
  return store;
}

function ownerOf(session: Session): string {
  return session.persona?.upn ?? session.key;
}

const idOf = (owner: string, a: Pick<PendingAttachment, 'clientKey' | 'name'>) => `${owner}|${a.clientKey}|${a.name}`;

function read(owner: string): PendingAttachment[] {
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(PREFIX + owner);
  } catch {
    raw = null;
  }
  const hit = cache.get(owner);
  if (hit && hit.raw === raw) return hit.value;
  let value: PendingAttachment[] = [];
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    value = Array.isArray(parsed)
      ? (parsed as PendingAttachment[]).filter((p) => typeof p?.clientKey === 'string' && typeof p?.name === 'string')
      : [];
  } catch {
    value = [];
  }
  cache.set(owner, { raw, value });
  return value;
}

function write(owner: string, value: PendingAttachment[]): void {
  try {
    if (value.length === 0) localStorage.removeItem(PREFIX + owner);
    else localStorage.setItem(PREFIX + owner, JSON.stringify(value));
  } catch {
    /* Storage blocked: the list lives only in this page. */
  }
  listeners.forEach((l) => l());
}

function update(owner: string, change: (list: PendingAttachment[]) => PendingAttachment[]): void {
  write(owner, change(read(owner)));
}

const same = (a: Pick<PendingAttachment, 'clientKey' | 'name'>) => (b: PendingAttachment) =>
  b.clientKey === a.clientKey && b.name === a.name;

async function putBytes(key: string, file: Blob): Promise<void> {
  const s = bytesStore();
  if (s) {
    try {
      await set(key, file, s);
      return;
    } catch {
      // Quota or a blocked database: keep it in this page instead of losing it.
    }
  }
  memory.set(key, file);
}

async function getBytes(key: string): Promise<Blob | undefined> {
  const inPage = memory.get(key);
  if (inPage) return inPage;
  const s = bytesStore();
  if (!s) return undefined;
  try {
    return await get<Blob>(key, s);
  } catch {
    return undefined;
  }
}

async function deleteBytes(key: string): Promise<void> {
  memory.delete(key);
  const s = bytesStore();
  if (s) await del(key, s).catch(() => undefined);
}

/** Stores the chosen files for a report (before the report is sent): their bytes first, then the list. */
export async function stageAttachments(session: Session, clientKey: string, files: readonly File[], incident?: Incident): Promise<void> {
  const owner = ownerOf(session);
  const savedAt = new Date().toISOString();
  for (const file of files) await putBytes(idOf(owner, { clientKey, name: file.name }), file);
  update(owner, (list) => [
    ...list.filter((p) => !(p.clientKey === clientKey && files.some((f) => f.name === p.name))),
    ...files.map((f) => ({
      clientKey,
      name: f.name,
      size: f.size,
      savedAt,
      ...(incident ? { incidentId: incident.id, reference: incident.referenceNumber ?? null } : {}),
    })),
  ]);
}

/** The report was confirmed: its files now belong to that incident. */
export function bindAttachments(session: Session, clientKey: string, incident: Incident): void {
  update(ownerOf(session), (list) =>
    list.map((p) => (p.clientKey === clientKey ? { ...p, incidentId: incident.id, reference: incident.referenceNumber ?? null } : p)),
  );
}

/** The report itself was refused: its files cannot go anywhere either. */
export function refuseAttachmentsOf(session: Session, clientKey: string, message: string): void {
  update(ownerOf(session), (list) => list.map((p) => (p.clientKey === clientKey ? { ...p, refused: message } : p)));
}

export async function discardAttachment(session: Session, attachment: PendingAttachment): Promise<void> {
  const owner = ownerOf(session);
  await deleteBytes(idOf(owner, attachment));
  update(owner, (list) => list.filter((p) => !same(attachment)(p)));
}

/** Discards every file of a report that will not be sent (the reporter removed it from the device). */
export async function discardAttachmentsOf(session: Session, clientKey: string): Promise<void> {
  for (const a of read(ownerOf(session)).filter((p) => p.clientKey === clientKey)) await discardAttachment(session, a);
}

function transient(error: unknown): boolean {
  if (!(error instanceof DataError)) return true;
  return error.kind === 'network' || error.kind === 'server' || error.kind === 'throttled' || error.kind === 'unauthorized';
}

export interface FlushResult {
  sent: number;
  waiting: number;
  refused: number;
}

/** Uploads every file whose report is confirmed (only `incidentId`'s when given). */
export async function flushAttachments(session: Session, incidentId?: number): Promise<FlushResult> {
  const owner = ownerOf(session);
  const result: FlushResult = { sent: 0, waiting: 0, refused: 0 };
  for (const a of read(owner)) {
    if (a.refused || a.incidentId === undefined || (incidentId !== undefined && a.incidentId !== incidentId)) continue;
    const key = idOf(owner, a);
    if (inFlight.has(key)) {
      result.waiting++;
      continue;
    }
    inFlight.add(key);
    try {
      const blob = await getBytes(key);
      if (!blob) {
        update(owner, (list) =>
          list.map((p) =>
            same(a)(p) ? { ...p, refused: 'Filen finns inte längre kvar på enheten. Bifoga den igen från incidenten.' } : p,
          ),
        );
        result.refused++;
        continue;
      }
      await session.api.addIncidentAttachment(a.incidentId, a.name, new Uint8Array(await blob.arrayBuffer()));
      await deleteBytes(key);
      update(owner, (list) => list.filter((p) => !same(a)(p)));
      result.sent++;
    } catch (error) {
      if (transient(error)) result.waiting++;
      else {
        const message = error instanceof Error ? error.message : String(error);
        update(owner, (list) => list.map((p) => (same(a)(p) ? { ...p, refused: message } : p)));
        result.refused++;
      }
    } finally {
      inFlight.delete(key);
    }
  }
  return result;
}

/** The signed-in person's files not yet confirmed (live). */
export function usePendingAttachments(): PendingAttachment[] {
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

/** For tests and the outbox: what is waiting right now. */
export function pendingAttachments(session: Session): PendingAttachment[] {
  return read(ownerOf(session));
}
