/**
 * The notification job: every person gets one digest a day of their new and overdue tasks, at most
 * once per task within the repeat interval, whatever else runs at the same time.
 *
 * What makes it safe to run anywhere, any number of times:
 * - what was sent lives in SharePoint (Aviseringar), never in memory: a restarted host or a second
 *   host reads the same history;
 * - each digest is CLAIMED before it is sent, by creating its item with the unique digest key
 *   (recipient|Stockholm date) and status 'skickas'. SharePoint's unique index lets exactly one
 *   writer create it; the other gets a duplicate error and leaves that digest alone;
 * - a claim older than the lease (10 minutes) whose item still says 'skickas' was left by a run
 *   that died half-way: it is taken over by an update with the item's etag (If-Match), so of two
 *   hosts that both see it stale only one wins (the other gets 412 and skips); a 'misslyckad'
 *   digest is retried the same way, at most three attempts in all;
 * - a run that is stopped (AbortSignal: the host shuts down) writes nothing more, like a crash —
 *   its open claim is resumed by a later run once the lease has run out.
 * The one case that can still send twice: the process dies (or the reply is lost) after Graph
 * delivered but before 'skickad' was written. Graph has no idempotency key, and a lost digest is
 * worse than a repeated one.
 */
import { randomUUID } from 'node:crypto';
import {
  historyWindowStart,
  planDigests,
  repeatDaysFrom,
  type Digest,
  type DigestStatus,
  type SentDigest,
} from '../../domain/notifications.js';
import { stockholmDate } from '../../domain/calendar.js';
import { ConflictError, DataError, where, type Repositories } from '../../shared/data/index.js';
import type { RecordOf } from '../../shared/schema/index.js';
import { allTasks } from '../tasks/load.js';
import { SendError, type NotificationSender } from './sender.js';

export type NotificationChannel = 'teams' | 'utkorg';

export const CLAIM_LEASE_MINUTES = 10;
export const MAX_ATTEMPTS = 3;

export interface NotificationJobOptions {
  /** App-only repositories (only the app and admins may write Aviseringar). */
  repos: Repositories;
  sender: NotificationSender;
  /** 'teams' in production; 'utkorg' in local mode (the outbox the tab shows). */
  channel: NotificationChannel;
  /** The run's moment: which tasks are due, which day's digest this is. */
  now: Date;
  /** Timestamps of claims and deliveries; default `now` (tests), the real clock in the host. */
  clock?: () => Date;
  /** Where a notification leads (Mina uppgifter): a Teams deep link or the tab's web address. */
  webUrl(route: string): string;
  /** Plan only: nothing is claimed or sent. */
  dryRun?: boolean;
  /** Stops the run between (and during) digests, writing nothing more. */
  signal?: AbortSignal;
  log?: (line: string) => void;
}

export type DigestOutcome = 'planned' | 'sent' | 'alreadySent' | 'claimedByOther' | 'failed' | 'gaveUp' | 'deferred';

export interface DigestReport {
  recipient: string;
  key: string;
  taskIds: string[];
  overdue: number;
  message: string;
  outcome: DigestOutcome;
  error?: string;
}

export interface NotificationRunReport {
  /** The Stockholm date of the run (the digests' day). */
  date: string;
  dryRun: boolean;
  channel: NotificationChannel;
  repeatDays: number;
  /** Digests delivered by this run. */
  sent: number;
  /** Digests already delivered (or given up after the last attempt). */
  skipped: number;
  failed: number;
  /** Digests another run holds right now. */
  claimedByOther: number;
  /** Digests not tried because Graph kept throttling: the next run takes them. */
  deferred: number;
  digests: DigestReport[];
}

interface Claim {
  id: number;
  etag: string;
  attempts: number;
}

const FIELDS = ['recipient', 'taskIds', 'sentAt', 'status'] as const;

function parseTaskIds(value: string | null | undefined): string[] {
  return (value ?? '').split(/\r?\n/).filter(Boolean);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Digests delivered within the window that matters for today (indexed SentAt, paged). */
async function history(repos: Repositories, now: Date, repeatDays: number): Promise<SentDigest[]> {
  const rows = await repos.notifications.all({
    filter: where('notifications').ge('sentAt', historyWindowStart(now, repeatDays)),
    fields: FIELDS,
  });
  return rows.map((r) => ({
    recipient: r.recipient ?? '',
    taskIds: parseTaskIds(r.taskIds),
    sentAt: r.sentAt ?? null,
    status: (r.status ?? 'skickas') as DigestStatus,
  }));
}

export async function runNotificationJob(options: NotificationJobOptions): Promise<NotificationRunReport> {
  const { repos, sender, channel, now } = options;
  const clock = options.clock ?? (() => now);
  const log = options.log ?? (() => undefined);
  const [{ tasks }, values] = await Promise.all([allTasks(repos, now), repos.settings.values()]);
  const repeatDays = repeatDaysFrom(values);
  const digests = planDigests({ tasks, sent: await history(repos, now, repeatDays), repeatDays, now });
  const report: NotificationRunReport = {
    date: stockholmDate(now),
    dryRun: options.dryRun === true,
    channel,
    repeatDays,
    sent: 0,
    skipped: 0,
    failed: 0,
    claimedByOther: 0,
    deferred: 0,
    digests: [],
  };
  let throttled = false;
  for (const digest of digests) {
    options.signal?.throwIfAborted();
    const entry: DigestReport = {
      recipient: digest.recipient,
      key: digest.key,
      taskIds: digest.taskIds,
      overdue: digest.overdue,
      message: digest.message,
      outcome: 'planned',
    };
    report.digests.push(entry);
    if (options.dryRun) continue;
    if (throttled) {
      // Not even claimed: nothing for a later run (or another host) to wait a lease for.
      entry.outcome = 'deferred';
      report.deferred++;
      continue;
    }
    const webUrl = options.webUrl(digest.route);
    const claim = await claimDigest(repos, digest, { channel, webUrl, clock });
    if (claim === 'alreadySent' || claim === 'gaveUp') {
      entry.outcome = claim;
      report.skipped++;
      continue;
    }
    if (claim === 'claimedByOther') {
      entry.outcome = claim;
      report.claimedByOther++;
      continue;
    }
    options.signal?.throwIfAborted();
    try {
      await sender.send(digest, webUrl);
    } catch (error) {
      // Stopping: leave the claim as it is; a later run resumes it after the lease.
      options.signal?.throwIfAborted();
      entry.outcome = 'failed';
      entry.error = message(error);
      report.failed++;
      log(`Avisering till ${digest.recipient} misslyckades (försök ${claim.attempts} av ${MAX_ATTEMPTS}): ${entry.error}`);
      await record(repos, claim, { status: 'misslyckad', error: entry.error.slice(0, 2000) }, log);
      // Graph still throttling after the sender's own waits: stop asking for this run.
      if (error instanceof SendError && (error.status === 429 || error.status === 503)) throttled = true;
      continue;
    }
    entry.outcome = 'sent';
    report.sent++;
    await record(repos, claim, { status: 'skickad', sentAt: clock().toISOString(), error: null }, log);
  }
  return report;
}

/**
 * Takes the digest for this run: a new item (the unique key decides between concurrent runs), or
 * an existing one that was left half-way (lease run out) or failed, taken over with its etag.
 */
async function claimDigest(
  repos: Repositories,
  digest: Digest,
  context: { channel: NotificationChannel; webUrl: string; clock: () => Date },
): Promise<Claim | 'alreadySent' | 'claimedByOther' | 'gaveUp'> {
  const content = {
    title: digest.title,
    recipient: digest.recipient,
    channel: context.channel,
    taskIds: digest.taskIds.join('\n'),
    message: digest.message,
    link: context.webUrl,
  };
  // This run's mark on the item: a retried add that meets its own first attempt (a slow reply the
  // pipeline sent again) is told from another run's claim by it.
  const claimId = randomUUID();
  try {
    const created = await repos.notifications.add({
      ...content,
      digestKey: digest.key,
      status: 'skickas',
      claimedAt: context.clock().toISOString(),
      attempts: 1,
      claimId,
    });
    return { id: created.id, etag: created.etag, attempts: 1 };
  } catch (error) {
    if (!(error instanceof DataError && error.kind === 'duplicate')) throw error;
  }
  const existing: RecordOf<'notifications'> | null = await repos.notifications.first(where('notifications').eq('digestKey', digest.key));
  if (existing?.claimId === claimId && existing.status === 'skickas')
    return { id: existing.id, etag: existing.etag, attempts: existing.attempts ?? 1 };
  if (!existing || existing.status === 'skickad') return existing ? 'alreadySent' : 'claimedByOther';
  const attempts = existing.attempts ?? 1;
  if (existing.status === 'skickas') {
    const claimedAt = existing.claimedAt ? Date.parse(existing.claimedAt) : 0;
    if (context.clock().getTime() - claimedAt < CLAIM_LEASE_MINUTES * 60_000) return 'claimedByOther';
  }
  // Failed — or abandoned by a run that died — three times: something about this digest is wrong.
  if (attempts >= MAX_ATTEMPTS) return 'gaveUp';
  try {
    const etag = await repos.notifications.update(
      existing.id,
      { ...content, status: 'skickas', claimedAt: context.clock().toISOString(), attempts: attempts + 1, error: null, claimId },
      existing.etag,
    );
    return { id: existing.id, etag, attempts: attempts + 1 };
  } catch (error) {
    if (error instanceof ConflictError) return 'claimedByOther';
    throw error;
  }
}

/**
 * Writes the outcome onto the claimed item. A 412 means another run took the claim over (this one
 * outlived its lease); the outcome stands as reported. Other failures are logged: the digest was
 * (or was not) sent either way, and the item's lease makes a later run look at it again.
 */
async function record(
  repos: Repositories,
  claim: Claim,
  patch: { status: DigestStatus; sentAt?: string; error: string | null },
  log: (line: string) => void,
): Promise<void> {
  try {
    await repos.notifications.update(claim.id, patch, claim.etag);
  } catch (error) {
    if (error instanceof ConflictError) {
      log(`Aviseringen ${claim.id} togs över av en annan körning innan statusen "${patch.status}" hann sparas.`);
      return;
    }
    log(`Kunde inte spara statusen "${patch.status}" för aviseringen ${claim.id}: ${message(error)}`);
  }
}
