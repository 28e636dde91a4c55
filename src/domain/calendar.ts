/**
 * Calendar and time-zone arithmetic for Systemkoll, all in Europe/Stockholm, the municipalities'
 * legal and working time zone. Everything goes through date-fns with @date-fns/tz (small and
 * tree-shakeable in the tab's bundle, unlike a Temporal polyfill, and well kept); nothing here
 * hand-rolls UTC offsets. Pure: instants in, instants or calendar dates out; "now" is always a
 * parameter of the caller.
 */
import { TZDate, tz } from '@date-fns/tz';
import { addHours, addMonths, addDays, differenceInCalendarDays, format, formatISO, isValid, parseISO } from 'date-fns';

export const STOCKHOLM = 'Europe/Stockholm';
const inStockholm = tz(STOCKHOLM);

/** An instant: a Date or an ISO 8601 string with offset or Z. */
export type Instant = Date | string;

/** A calendar date as stored for date-only fields: YYYY-MM-DD (no time, no zone). */
export type CalendarDate = string;

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The instant as a Date, or null when it is missing or not a valid date. */
export function toInstant(value: Instant | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const d = typeof value === 'string' ? parseISO(value) : new Date(value.getTime());
  return isValid(d) ? d : null;
}

function required(value: Instant): Date {
  const d = toInstant(value);
  if (!d) throw new RangeError(`Ogiltig tidpunkt: ${String(value)}`);
  return d;
}

// Swedish writes dates as YYYY-MM-DD. One formatter, reused: these run for every row of a report
// or task pass, and date-fns' time-zone formatting builds a TZDate per call.
const stockholmDay = new Intl.DateTimeFormat('sv-SE', { timeZone: STOCKHOLM, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date (YYYY-MM-DD) in Stockholm of an instant. */
export function stockholmDate(instant: Instant): CalendarDate {
  return stockholmDay.format(required(instant));
}

/** The calendar year in Stockholm (an incident reported 2026-12-31 23:30 UTC belongs to 2027). */
export function stockholmYear(instant: Instant): number {
  return Number(stockholmDate(instant).slice(0, 4));
}

/** The instant as ISO 8601 with Stockholm's offset, e.g. 2026-10-27T09:00:00+01:00. */
export function toStockholmIso(instant: Instant): string {
  return formatISO(new TZDate(required(instant).getTime(), STOCKHOLM));
}

/** Wall-clock time in Stockholm → instant: stockholmInstant(2026, 10, 24, 10) is 08:00Z (CEST). */
export function stockholmInstant(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  return new Date(new TZDate(year, month - 1, day, hour, minute, STOCKHOLM).getTime());
}

/**
 * Elapsed hours, as legal deadlines count them (GDPR art. 33's 72 h, NIS2's 24 h/72 h): across the
 * October change-over the wall clock shows one hour less (10:00 + 72 h = 09:00 three days later).
 */
export function addElapsedHours(instant: Instant, hours: number): Date {
  return addHours(required(instant), hours);
}

/**
 * Calendar months in Stockholm, keeping the wall-clock time; a day that does not exist in the
 * target month clamps to its last day (31 Jan + 1 month = 28/29 Feb).
 */
export function addStockholmMonths(instant: Instant, months: number): Date {
  return new Date(addMonths(required(instant), months, { in: inStockholm }).getTime());
}

function parseCalendarDate(date: CalendarDate): { y: number; m: number; d: number } {
  const m = CALENDAR_DATE.exec(date);
  if (!m) throw new RangeError(`Ogiltigt datum: ${date} (väntade ÅÅÅÅ-MM-DD)`);
  const parts = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  const check = new TZDate(parts.y, parts.m - 1, parts.d, STOCKHOLM);
  if (check.getMonth() !== parts.m - 1 || check.getDate() !== parts.d) throw new RangeError(`Ogiltigt datum: ${date}`);
  return parts;
}

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  try {
    parseCalendarDate(value);
    return true;
  } catch {
    return false;
  }
}

/** Calendar months added to a date; clamps to the month's end (2024-02-29 + 12 months = 2025-02-28). */
export function addCalendarMonths(date: CalendarDate, months: number): CalendarDate {
  const { y, m, d } = parseCalendarDate(date);
  return format(addMonths(new TZDate(y, m - 1, d, 12, 0, STOCKHOLM), months), 'yyyy-MM-dd', { in: inStockholm });
}

/** Calendar days added to a date (DST does not matter for whole days). */
export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  const { y, m, d } = parseCalendarDate(date);
  return format(addDays(new TZDate(y, m - 1, d, 12, 0, STOCKHOLM), days), 'yyyy-MM-dd', { in: inStockholm });
}

/** Whole calendar days from `from` to `to` in Stockholm (negative when `to` is earlier). */
export function calendarDaysBetween(from: Instant | CalendarDate, to: Instant | CalendarDate): number {
  const a = typeof from === 'string' && CALENDAR_DATE.test(from) ? from : stockholmDate(from);
  const b = typeof to === 'string' && CALENDAR_DATE.test(to) ? to : stockholmDate(to);
  const pa = parseCalendarDate(a);
  const pb = parseCalendarDate(b);
  return differenceInCalendarDays(new TZDate(pb.y, pb.m - 1, pb.d, 12, 0, STOCKHOLM), new TZDate(pa.y, pa.m - 1, pa.d, 12, 0, STOCKHOLM), {
    in: inStockholm,
  });
}

/** The first instant of a calendar date in Stockholm (00:00 local time). */
export function startOfStockholmDay(date: CalendarDate): Date {
  const { y, m, d } = parseCalendarDate(date);
  return stockholmInstant(y, m, d);
}

/**
 * How date-only fields are written to SharePoint: noon UTC of the day, so the date reads the same
 * in every European time zone whatever SharePoint's regional settings are.
 */
export function calendarDateToStored(date: CalendarDate): string {
  parseCalendarDate(date);
  return `${date}T12:00:00Z`;
}
