/**
 * Incident event notifications (src/domain/incident-notifications.ts) through the same list and
 * sender as the daily digests, with the same guarantees.
 *
 * The scheme — an outbox in Aviseringar:
 * - right after the write that caused the event, the API QUEUES each notification as an item with
 *   its unique key (digestKey `incident|<id>|<event>|<recipient>|<value>`), status 'skickas',
 *   attempts 0 and claimedAt at the epoch: an unclaimed item, claimable at once. The unique index
 *   makes a retried request, or two hosts, queue it once;
 * - the API then tries to send it at once (fire-and-forget, errors only logged): it claims the item
 *   with an etag update (attempts + 1, claimedAt now) and sends, so a P1 is heard about at once;
 * - the notification job's event pass (deliverQueuedNotifications) sends whatever is still
 *   unsent — queued, failed, or claimed by a send that died (lease run out) — the same way. Of two
 *   senders that both see an item claimable only one wins the etag update; at most three attempts.
 * The `activity` field (JSON) holds the activity type and template values: daily digests have none.
 */
import {
  planIncidentNotifications,
  type IncidentFacts,
  type IncidentNotification,
  type IncidentPeople,
} from '../../domain/incident-notifications.js';
import { ConflictError, DataError, where, type Repositories } from '../../shared/data/index.js';
import type { Incident, RecordOf, SystemRecord } from '../../shared/schema/index.js';
import { CLAIM_LEASE_MINUTES, MAX_ATTEMPTS, type NotificationChannel } from './job.js';
import type { NotificationSender } from './sender.js';

type Item = RecordOf<'notifications'>;

interface Activity {
  activityType: string;
  templateParameters: Record<string, string>;
}

/** An unclaimed item: claimable at once by the immediate send or the job. */
const UNCLAIMED = new Date(0).toISOString();

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function activityOf(item: Pick<Item, 'activity'>): Activity | null {
  if (!item.activity) return null;
  try {
    const parsed = JSON.parse(item.activity) as Partial<Activity>;
    if (typeof parsed.activityType !== 'string' || typeof parsed.templateParameters !== 'object' || !parsed.templateParameters) return null;
    return { activityType: parsed.activityType, templateParameters: parsed.templateParameters };
  } catch {
    return null;
  }
}

export interface OutboxContext {
  repos: Repositories;
  channel: NotificationChannel;
  webUrl(route: string): string;
  clock: () => Date;
}

/** Queues the notifications; returns the items this call created (the others were queued before). */
export async function queueNotifications(context: OutboxContext, notifications: readonly IncidentNotification[]): Promise<Item[]> {
  const created: Item[] = [];
  for (const n of notifications) {
    try {
      const item = await context.repos.notifications.add({
        title: n.title,
        recipient: n.recipient,
        digestKey: n.key,
        status: 'skickas',
        channel: context.channel,
        message: n.message,
        link: context.webUrl(n.route),
        activity: JSON.stringify({ activityType: n.activityType, templateParameters: n.templateParameters }),
        claimedAt: UNCLAIMED,
        attempts: 0,
      });
      created.push(item);
    } catch (error) {
      if (error instanceof DataError && error.kind === 'duplicate') continue;
      throw error;
    }
  }
  return created;
}

export type DeliveryOutcome = 'sent' | 'failed' | 'claimedByOther' | 'gaveUp' | 'notAnEvent';

/** Claims the item (etag), sends it and records the outcome. */
export async function deliverItem(
  context: Pick<OutboxContext, 'repos' | 'clock'>,
  sender: NotificationSender,
  item: Item,
  log: (line: string) => void = () => undefined,
): Promise<DeliveryOutcome> {
  const activity = activityOf(item);
  if (!activity) return 'notAnEvent';
  if (item.status === 'skickad') return 'claimedByOther';
  const attempts = item.attempts ?? 0;
  if (item.status === 'skickas' && item.claimedAt) {
    const claimedAt = Date.parse(item.claimedAt);
    if (context.clock().getTime() - claimedAt < CLAIM_LEASE_MINUTES * 60_000) return 'claimedByOther';
  }
  if (attempts >= MAX_ATTEMPTS) return 'gaveUp';
  let etag: string;
  try {
    etag = await context.repos.notifications.update(
      item.id,
      { status: 'skickas', claimedAt: context.clock().toISOString(), attempts: attempts + 1, error: null },
      item.etag,
    );
  } catch (error) {
    if (error instanceof ConflictError) return 'claimedByOther';
    throw error;
  }
  try {
    await sender.send(
      {
        recipient: item.recipient ?? '',
        message: item.message ?? '',
        activityType: activity.activityType,
        templateParameters: activity.templateParameters,
      },
      item.link ?? '',
    );
  } catch (error) {
    const text = errorText(error);
    log(`Händelseavisering ${item.id} till ${item.recipient ?? '?'} misslyckades (försök ${attempts + 1} av ${MAX_ATTEMPTS}): ${text}`);
    await record(context.repos, item.id, etag, { status: 'misslyckad', error: text.slice(0, 2000) }, log);
    return 'failed';
  }
  await record(context.repos, item.id, etag, { status: 'skickad', sentAt: context.clock().toISOString(), error: null }, log);
  return 'sent';
}

async function record(
  repos: Repositories,
  id: number,
  etag: string,
  patch: { status: 'skickad' | 'misslyckad'; sentAt?: string; error: string | null },
  log: (line: string) => void,
): Promise<void> {
  try {
    await repos.notifications.update(id, patch, etag);
  } catch (error) {
    log(`Kunde inte spara statusen "${patch.status}" för aviseringen ${id}: ${errorText(error)}`);
  }
}

export interface EventPassReport {
  sent: number;
  failed: number;
  claimedByOther: number;
  gaveUp: number;
}

/** The job's event pass: every incident notification not yet delivered, oldest first. */
export async function deliverQueuedNotifications(options: {
  repos: Repositories;
  sender: NotificationSender;
  clock: () => Date;
  signal?: AbortSignal;
  log?: (line: string) => void;
}): Promise<EventPassReport> {
  const n = where('notifications');
  const pending = await options.repos.notifications.all({
    filter: n.or(n.eq('status', 'skickas'), n.eq('status', 'misslyckad')),
    orderBy: [{ key: 'id', ascending: true }],
  });
  const report: EventPassReport = { sent: 0, failed: 0, claimedByOther: 0, gaveUp: 0 };
  for (const item of pending) {
    options.signal?.throwIfAborted();
    const outcome = await deliverItem(options, options.sender, item, options.log);
    if (outcome !== 'notAnEvent') report[outcome]++;
  }
  return report;
}

function facts(incident: Incident, systems: readonly SystemRecord[]): IncidentFacts {
  const names = new Map(systems.map((s) => [s.id, s.title]));
  return {
    id: incident.id,
    reference: incident.referenceNumber ?? `#${incident.id}`,
    title: incident.title ?? '',
    status: incident.status ?? 'ny',
    severity: incident.severity ?? null,
    nis2Significant: incident.nis2Significant ?? null,
    personalDataInvolved: incident.personalDataInvolved ?? null,
    assigneeUpn: incident.assignee?.email ?? null,
    actionsTaken: incident.actionsTaken ?? null,
    closedAt: incident.closedAt ?? null,
    systems: incident.affectedSystems.map((s) => names.get(s.id) ?? s.title ?? '').filter(Boolean),
  };
}

export interface IncidentNotifier {
  /** Plans and queues what the change causes (awaited), then sends it in the background. */
  incidentChanged(before: Incident | null, after: Incident, actorUpn: string): Promise<void>;
  /** Resolves when every background send started so far is done (tests, shutdown). */
  settled(): Promise<void>;
}

export function createIncidentNotifier(options: {
  repos: Repositories;
  /**
   * How notifications leave the host, asked at each event (the bot host knows it only once it
   * listens). Null: notifications are off — nothing is queued that nobody would ever send.
   * A delivery without a sender queues only; the job delivers.
   */
  delivery: () => (Omit<OutboxContext, 'repos' | 'clock'> & { sender: NotificationSender | null }) | null;
  clock?: () => Date;
  log?: (line: string) => void;
}): IncidentNotifier {
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  const background = new Set<Promise<void>>();
  // The coordinators are asked for on every event; the group changes a few times a year, so one
  // answer serves a minute of events (a burst of 20 reports is then one read, not 20).
  let coordinatorsRead: { at: number; members: ReturnType<Repositories['groups']['members']> } | null = null;
  const coordinatorMembers = () => {
    const at = clock().getTime();
    if (!coordinatorsRead || at - coordinatorsRead.at > 60_000 || at < coordinatorsRead.at) {
      const members = options.repos.groups.members('securityCoordinators');
      coordinatorsRead = { at, members };
      members.catch(() => (coordinatorsRead = null));
    }
    return coordinatorsRead.members;
  };

  async function people(incident: Incident, actorUpn: string): Promise<{ people: IncidentPeople; systems: SystemRecord[] }> {
    const ids = incident.affectedSystems.map((s) => s.id);
    const s = where('systems');
    const [systems, coordinators] = await Promise.all([
      ids.length > 0
        ? options.repos.systems.list({ filter: s.or(...ids.map((id) => s.eq('id', id))), top: ids.length })
        : Promise.resolve([]),
      coordinatorMembers(),
    ]);
    const systemPeople = systems.flatMap((x) => [x.systemOwner, x.systemAdministrator, ...(x.administrators ?? [])]);
    const reporter = incident.reporter?.email ?? null;
    const otherNames = [...systemPeople.map((p) => p?.title), ...coordinators.map((c) => c.title), incident.assignee?.title].filter(
      (t): t is string => !!t && t !== incident.reporter?.title,
    );
    return {
      systems,
      people: {
        actor: actorUpn,
        systemPeople: systemPeople.map((p) => p?.email ?? '').filter(Boolean),
        coordinators: coordinators.map((c) => c.email || c.upn).filter(Boolean),
        reporter,
        otherNames,
      },
    };
  }

  return {
    async incidentChanged(before, after, actorUpn) {
      const delivery = options.delivery();
      if (!delivery) return;
      const { people: who, systems } = await people(after, actorUpn);
      const planned = planIncidentNotifications(before ? facts(before, systems) : null, facts(after, systems), who);
      if (planned.length === 0) return;
      const context: OutboxContext = { repos: options.repos, channel: delivery.channel, webUrl: delivery.webUrl, clock };
      const queued = await queueNotifications(context, planned);
      const sender = delivery.sender;
      if (!sender || queued.length === 0) return;
      const run = (async () => {
        for (const item of queued) {
          try {
            await deliverItem(context, sender, item, log);
          } catch (error) {
            log(`Händelseavisering ${item.id} kunde inte skickas nu (jobbet tar den): ${errorText(error)}`);
          }
        }
      })();
      background.add(run);
      void run.finally(() => background.delete(run));
    },
    async settled() {
      while (background.size > 0) await Promise.all([...background]);
    },
  };
}
