/**
 * Event notifications about incidents for the Teams activity feed, beside the daily task digests:
 * who is told what when an incident is reported, becomes serious, is assigned, gets a legal clock
 * running or is closed. Pure — the API passes the incident before and after the write and the
 * people concerned; src/server/notifications/events.ts queues and delivers the result.
 *
 * Rules:
 * - reported → the owners and administrators of the affected systems (incidentReported), and the
 *   coordinators when the severity is already hög/kritisk (incidentEscalated);
 * - severity raised to hög/kritisk → the coordinators (incidentEscalated);
 * - assignee set → the new assignee (incidentAssigned);
 * - NIS2-significant or personal data set to "ja" → the coordinators (legalDeadline);
 * - status → avslutad → the reporter, with what was done (incidentClosed);
 * - never the person who caused the event; each person at most once per event.
 * The key `incident|<id>|<event>|<recipient>|<value>` is unique in Aviseringar: a retried request
 * or a second host cannot queue the same notification twice, while a repeat after a reopen (a new
 * closedAt, a new assignee) is a new key.
 */

/** Graph allows at most 150 characters of preview text and 100 per template parameter. */
const PREVIEW_MAX = 150;
const PARAMETER_MAX = 100;

export type IncidentEvent = 'reported' | 'escalated' | 'assigned' | 'legalClock' | 'closed';

export type IncidentActivityType = 'incidentReported' | 'incidentEscalated' | 'incidentAssigned' | 'legalDeadline' | 'incidentClosed';

/** The facts of an incident the notifications read (before or after a write). */
export interface IncidentFacts {
  id: number;
  reference: string;
  title: string;
  status: string;
  severity: string | null;
  nis2Significant: string | null;
  personalDataInvolved: string | null;
  assigneeUpn: string | null;
  actionsTaken: string | null;
  closedAt: string | null;
  /** The affected systems' names, the main system first. */
  systems: readonly string[];
}

export interface IncidentPeople {
  /** UPN of whoever caused the event (reporter or handler): never notified. */
  actor: string;
  /** Owners and administrators of the affected systems (UPNs). */
  systemPeople: readonly string[];
  coordinators: readonly string[];
  reporter: string | null;
  /** Display names of people other than the reporter: kept out of the reporter's text. */
  otherNames?: readonly string[];
}

export interface IncidentNotification {
  key: string;
  recipient: string;
  event: IncidentEvent;
  activityType: IncidentActivityType;
  templateParameters: Record<string, string>;
  title: string;
  message: string;
  /** The tab route of the incident. */
  route: string;
}

const SERIOUS = new Set(['hög', 'kritisk']);

function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

/** Replaces the given names (whole words, any case) with "–". */
function withoutNames(text: string, names: readonly string[]): string {
  let out = text;
  for (const name of names) {
    const n = name.trim();
    if (n.length < 2) continue;
    for (const part of [n, ...n.split(/\s+/).filter((p) => p.length >= 3)]) {
      const escaped = part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu'), '–');
    }
  }
  return out;
}

export function incidentRoute(id: number): string {
  return `/incidents/${id}`;
}

export function incidentNotificationKey(id: number, event: IncidentEvent, recipient: string, value: string): string {
  return `incident|${id}|${event}|${recipient.toLowerCase()}|${value}`.slice(0, 255);
}

/**
 * The notifications an incident event causes. `before` is null for a new report. Sorted by
 * event, then recipient, so the result is reproducible.
 */
export function planIncidentNotifications(
  before: IncidentFacts | null,
  after: IncidentFacts,
  people: IncidentPeople,
): IncidentNotification[] {
  const out: IncidentNotification[] = [];
  const seen = new Set<string>();
  const actor = people.actor.toLowerCase();
  const system = clip(after.systems[0] ?? 'inget angivet system', PARAMETER_MAX);
  const reference = after.reference;
  const route = incidentRoute(after.id);
  const add = (
    recipients: readonly (string | null)[],
    event: IncidentEvent,
    value: string,
    activityType: IncidentActivityType,
    templateParameters: Record<string, string>,
    message: string,
  ) => {
    for (const raw of [...new Set(recipients.filter((r): r is string => !!r).map((r) => r.trim().toLowerCase()))].sort()) {
      if (!raw || raw === actor) continue;
      const key = incidentNotificationKey(after.id, event, raw, value);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        key,
        recipient: raw,
        event,
        activityType,
        templateParameters: Object.fromEntries(Object.entries(templateParameters).map(([k, v]) => [k, clip(v, PARAMETER_MAX)])),
        title: clip(`${reference}: ${EVENT_TITLE[event]}`, 255),
        message: clip(message, PREVIEW_MAX),
        route,
      });
    }
  };

  if (!before)
    add(people.systemPeople, 'reported', 'ny', 'incidentReported', { reference, system }, `Ny incident ${reference} berör ${system}.`);

  const wasSerious = before ? SERIOUS.has(before.severity ?? '') : false;
  const raised = !wasSerious || (before?.severity === 'hög' && after.severity === 'kritisk');
  if (after.severity && SERIOUS.has(after.severity) && raised)
    add(
      people.coordinators,
      'escalated',
      after.severity,
      'incidentEscalated',
      { reference, severity: after.severity },
      `Incident ${reference} (${system}) har allvarlighetsgrad ${after.severity}.`,
    );

  if (after.assigneeUpn && after.assigneeUpn.toLowerCase() !== (before?.assigneeUpn ?? '').toLowerCase())
    add(
      [after.assigneeUpn],
      'assigned',
      'tilldelad',
      'incidentAssigned',
      { actor: 'En samordnare', reference },
      `Incident ${reference} (${system}) har tilldelats dig.`,
    );

  for (const [fact, report] of [
    ['nis2Significant', 'NIS2-rapport'],
    ['personalDataInvolved', 'Anmälan till IMY'],
  ] as const)
    if (after[fact] === 'ja' && before?.[fact] !== 'ja')
      add(
        people.coordinators,
        'legalClock',
        fact,
        'legalDeadline',
        { report, reference, deadline: 'enligt tidsfristen' },
        `En lagstadgad tidsfrist löper för ${reference}: ${report} ska lämnas. Se fristerna i incidenten.`,
      );

  if (after.status === 'avslutad' && before && before.status !== 'avslutad') {
    const actions = withoutNames(after.actionsTaken ?? '', people.otherNames ?? [])
      .replace(/\s+/g, ' ')
      .trim();
    const head = `Din rapport ${reference} är avslutad. `;
    const body = actions ? `Åtgärdat: ${actions}` : 'Se incidenten för vad som gjordes.';
    add([people.reporter], 'closed', after.closedAt ?? 'avslutad', 'incidentClosed', { reference }, clip(`${head}${body}`, PREVIEW_MAX));
  }
  return out;
}

const EVENT_TITLE: Record<IncidentEvent, string> = {
  reported: 'ny incident',
  escalated: 'hög allvarlighetsgrad',
  assigned: 'tilldelad dig',
  legalClock: 'lagstadgad frist löper',
  closed: 'din rapport är avslutad',
};
