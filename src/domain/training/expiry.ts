/**
 * When a training completion stops being valid, and what a person's status in a course is on a
 * given day. Pure, calendar dates in Europe/Stockholm (src/domain/calendar.ts); "today" is a parameter.
 *
 * A completion is valid through its expiry date ("Giltig till" is inclusive) and expired the day after.
 * The course decides the expiry:
 * - an interval of N months: completed + N calendar months, clamped to the month's end
 *   (2024-02-29 + 12 = 2025-02-28, 2026-01-31 + 1 = 2026-02-28);
 * - a fixed yearly date (MM-DD, e.g. 12-31): valid until the next such date after completion; one made
 *   within the reminder period before that date counts until the date a year later (doing it when you
 *   are reminded is never wasted). 02-29 is the 28th in other years;
 * - neither: never expires, unless the completion itself carries an expiry (an import from an LMS).
 */
import { addCalendarDays, calendarDaysBetween, addCalendarMonths, isCalendarDate, type CalendarDate } from '../calendar.js';

export type TrainingStatus = 'giltig' | 'går ut snart' | 'utgången' | 'ej genomförd';

export const TRAINING_STATUSES: readonly TrainingStatus[] = ['giltig', 'går ut snart', 'utgången', 'ej genomförd'];

/** What of a course decides expiry. */
export interface RecertificationRule {
  recertificationMonths?: number | null;
  /** MM-DD. */
  recertificationFixedDate?: string | null;
}

const FIXED = /^(\d{2})-(\d{2})$/;

/** "12-31" → {month: 12, day: 31}; null for anything that is not a day of the year (02-29 is). */
export function parseFixedDate(value: string | null | undefined): { month: number; day: number } | null {
  const m = FIXED.exec(value?.trim() ?? '');
  if (!m) return null;
  const month = Number(m[1]);
  const day = Number(m[2]);
  // 2024 is a leap year: every MM-DD that exists in some year exists in it.
  return isCalendarDate(`2024-${m[1]}-${m[2]}`) ? { month, day } : null;
}

/** The fixed date in a given year (02-29 → 02-28 outside leap years). */
function fixedIn(year: number, f: { month: number; day: number }): CalendarDate {
  const mm = String(f.month).padStart(2, '0');
  const dd = String(f.day).padStart(2, '0');
  const date = `${String(year).padStart(4, '0')}-${mm}-${dd}`;
  return isCalendarDate(date) ? date : `${String(year).padStart(4, '0')}-${mm}-28`;
}

/**
 * The last day a completion is valid, or null when it never expires.
 * `leadDays` is the reminder period (setting trainingWarningDays) used by fixed yearly dates.
 */
export function completionExpiry(
  rule: RecertificationRule,
  completedAt: CalendarDate,
  storedExpiry: CalendarDate | null,
  leadDays: number,
): CalendarDate | null {
  const months = rule.recertificationMonths ?? 0;
  if (months > 0) return addCalendarMonths(completedAt, Math.round(months));
  const fixed = parseFixedDate(rule.recertificationFixedDate);
  if (fixed) {
    const year = Number(completedAt.slice(0, 4));
    let next = fixedIn(year, fixed);
    if (next <= completedAt) next = fixedIn(year + 1, fixed);
    if (calendarDaysBetween(completedAt, next) <= leadDays) next = fixedIn(Number(next.slice(0, 4)) + 1, fixed);
    return next;
  }
  return storedExpiry;
}

/** The status on `today` given the best expiry of the person's completions up to today. */
export function statusOn(today: CalendarDate, completed: boolean, expiry: CalendarDate | null, leadDays: number): TrainingStatus {
  return statusWithin(today, addCalendarDays(today, leadDays), completed, expiry);
}

/** statusOn with the end of the reminder period already computed (today + leadDays), for loops. */
export function statusWithin(
  today: CalendarDate,
  soonUntil: CalendarDate,
  completed: boolean,
  expiry: CalendarDate | null,
): TrainingStatus {
  if (!completed) return 'ej genomförd';
  if (expiry === null) return 'giltig';
  if (expiry < today) return 'utgången';
  return expiry <= soonUntil ? 'går ut snart' : 'giltig';
}

/** Valid means giltig or går ut snart: the training counts until its expiry day. */
export const isValidStatus = (s: TrainingStatus) => s === 'giltig' || s === 'går ut snart';

export interface DatedCompletion {
  completedAt: CalendarDate;
  /** The expiry the completion carries itself (imports); the course's rule wins when it has one. */
  expiresAt: CalendarDate | null;
}

export interface CourseStanding {
  status: TrainingStatus;
  /** The latest completion on or before the day. */
  lastCompleted: CalendarDate | null;
  /** The last valid day (the best of the completions up to the day), null = never expires or none. */
  expires: CalendarDate | null;
}

/**
 * A person's standing in one course on a day, from all their completions of it (history kept: a
 * new completion never deletes an old one; completions dated after the day do not count yet).
 */
export function standingOn(
  rule: RecertificationRule,
  completions: readonly DatedCompletion[],
  day: CalendarDate,
  leadDays: number,
): CourseStanding {
  const held = completions.map((c) => ({
    completedAt: c.completedAt,
    expiry: completionExpiry(rule, c.completedAt, c.expiresAt, leadDays),
  }));
  return standingFrom(held, day, addCalendarDays(day, leadDays));
}

/** A completion with its expiry already worked out (completionExpiry). */
export interface HeldCompletion {
  completedAt: CalendarDate;
  expiry: CalendarDate | null;
}

/** standingOn over completions whose expiry is known; `soonUntil` = day + the reminder period. */
export function standingFrom(held: readonly HeldCompletion[], day: CalendarDate, soonUntil: CalendarDate): CourseStanding {
  let last: CalendarDate | null = null;
  let best: CalendarDate | null | undefined;
  for (const c of held) {
    if (c.completedAt > day) continue;
    if (last === null || c.completedAt > last) last = c.completedAt;
    // null = never expires, which beats every date.
    if (best === undefined || (best !== null && (c.expiry === null || c.expiry > best))) best = c.expiry;
  }
  const expires = best ?? null;
  return { status: statusWithin(day, soonUntil, last !== null, expires), lastCompleted: last, expires };
}
