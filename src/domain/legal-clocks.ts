/**
 * Legal reporting clocks of an incident: which reports to authorities it owes, when each is due and
 * whether it has been sent. The rules are data (the `legalDeadlines` setting: regime, from, hours or
 * months, to, when); this file only applies them. Elapsed hours are real hours (10:00 + 72 h across
 * the October change-over is 09:00 on the wall clock); "one month" is a calendar month in Stockholm,
 * clamped to the month's end. Pure: "now" is a parameter.
 */
import { addElapsedHours, addStockholmMonths, toInstant, toStockholmIso, type Instant } from './calendar.js';

export interface LegalDeadlineRule {
  regime: string;
  /** awareAt: from when the municipality became aware; nis2Notification: from when the NIS2 incident notification was sent. */
  from: 'awareAt' | 'nis2Notification';
  hours?: number;
  months?: number;
  to: string;
  when: 'nis2Significant' | 'personalDataInvolved';
}

/** The regime whose sending starts a 'nis2Notification' clock. */
export const NIS2_NOTIFICATION_REGIME = 'NIS2 incidentanmälan';

export type ClockState = 'kommande' | 'försenad' | 'skickad' | 'skickad för sent' | 'ej tillämplig' | 'väntar';

export interface ClockFacts {
  /** When the municipality became aware (awareAt, or the report time when it was never set). */
  awareAt: Instant | null;
  nis2Significant?: string | null;
  personalDataInvolved?: string | null;
}

/** A timeline entry as the clocks read it. */
export interface ClockEntry {
  kind?: string | null;
  legalReport?: string | null;
  at?: string | null;
  externalReference?: string | null;
  details?: string | null;
  person?: { title?: string | null } | null;
}

export interface LegalClock {
  regime: string;
  to: string;
  /** The deadline, ISO 8601 with Stockholm's offset; null while it waits for another report. */
  due: string | null;
  state: ClockState;
  /** When it was sent (the entry's time) and the recipient's reference. */
  sentAt: string | null;
  sentBy: string | null;
  /** Who it was sent to, as recorded (the entry's first line "Mottagare: …"). */
  recipient: string | null;
  reference: string | null;
  /** Why it was not required, or why it was late (the entry's details). */
  justification: string | null;
}

/** The setting's value → rules; entries that are not well formed are left out (never guessed). */
export function legalDeadlinesFrom(value: unknown): LegalDeadlineRule[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v): LegalDeadlineRule[] => {
    if (!v || typeof v !== 'object') return [];
    const r = v as Record<string, unknown>;
    const hours = typeof r.hours === 'number' && r.hours > 0 ? r.hours : undefined;
    const months = typeof r.months === 'number' && Number.isInteger(r.months) && r.months > 0 ? r.months : undefined;
    if (typeof r.regime !== 'string' || !r.regime.trim() || typeof r.to !== 'string') return [];
    if (r.from !== 'awareAt' && r.from !== 'nis2Notification') return [];
    if (r.when !== 'nis2Significant' && r.when !== 'personalDataInvolved') return [];
    if ((hours === undefined) === (months === undefined)) return [];
    return [{ regime: r.regime, from: r.from, to: r.to, when: r.when, ...(hours ? { hours } : { months: months! }) }];
  });
}

/** The recipient line the API writes first in a legal report's details, and the rest (the reasons). */
function splitRecipient(details: string | null | undefined): { recipient: string | null; rest: string | null } {
  const [first = '', ...more] = (details ?? '').split('\n');
  const m = /^Mottagare: (.+)$/.exec(first.trim());
  const rest = (m ? more.join('\n') : (details ?? '')).trim();
  return { recipient: m ? m[1]!.trim() : null, rest: rest || null };
}

const time = (e: ClockEntry) => toInstant(e.at ?? null)?.getTime() ?? Number.POSITIVE_INFINITY;

/** The earliest entry of a kind for a regime. */
function earliest(entries: readonly ClockEntry[], kind: string, regime: string): ClockEntry | null {
  return (
    entries.filter((e) => e.kind === kind && e.legalReport === regime && toInstant(e.at ?? null)).sort((a, b) => time(a) - time(b))[0] ??
    null
  );
}

/** The deadline from a starting instant. */
export function deadlineFrom(start: Instant, rule: Pick<LegalDeadlineRule, 'hours' | 'months'>): Date {
  return rule.months !== undefined ? addStockholmMonths(start, rule.months) : addElapsedHours(start, rule.hours ?? 0);
}

/** Every configured obligation with its state as of `now`. */
export function legalClocks(
  rules: readonly LegalDeadlineRule[],
  facts: ClockFacts,
  entries: readonly ClockEntry[],
  now: Instant,
): LegalClock[] {
  const at = toInstant(now);
  const aware = toInstant(facts.awareAt);
  const notification = earliest(entries, 'myndighetsrapport', NIS2_NOTIFICATION_REGIME);
  return rules.map((rule): LegalClock => {
    const sent = earliest(entries, 'myndighetsrapport', rule.regime);
    const waived = earliest(entries, 'ej rapporteringspliktig', rule.regime);
    const start = rule.from === 'awareAt' ? aware : toInstant(notification?.at ?? null);
    const dueAt = start ? deadlineFrom(start, rule) : null;
    const base = {
      regime: rule.regime,
      to: rule.to,
      due: dueAt ? toStockholmIso(dueAt) : null,
      sentAt: null,
      sentBy: null,
      recipient: null,
      reference: null,
      justification: null,
    };
    // A report that was sent counts whatever the facts say now: it was sent.
    if (sent) {
      const sentAt = toInstant(sent.at ?? null)!;
      const { recipient, rest } = splitRecipient(sent.details);
      return {
        ...base,
        state: dueAt && sentAt.getTime() > dueAt.getTime() ? 'skickad för sent' : 'skickad',
        sentAt: toStockholmIso(sentAt),
        sentBy: sent.person?.title ?? null,
        recipient,
        reference: sent.externalReference?.trim() || null,
        justification: rest,
      };
    }
    if (waived) return { ...base, state: 'ej tillämplig', justification: waived.details?.trim() || null };
    const applies = (rule.when === 'nis2Significant' ? facts.nis2Significant : facts.personalDataInvolved) === 'ja';
    if (!applies) return { ...base, state: 'ej tillämplig' };
    if (!dueAt) return { ...base, state: 'väntar' };
    return { ...base, state: at && at.getTime() > dueAt.getTime() ? 'försenad' : 'kommande' };
  });
}

/** Obligations still owed (a task for the coordinators; the incident cannot be closed with any). */
export function outstandingClocks(clocks: readonly LegalClock[]): LegalClock[] {
  return clocks.filter((c) => c.state === 'kommande' || c.state === 'försenad' || c.state === 'väntar');
}

/** Whether a report sent at `sentAt` for this regime is late (then the entry needs the reasons). */
export function isLateReport(clock: LegalClock | undefined, sentAt: Instant): boolean {
  const due = toInstant(clock?.due ?? null);
  const sent = toInstant(sentAt);
  return Boolean(due && sent && sent.getTime() > due.getTime());
}
