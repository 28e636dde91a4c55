import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addCalendarMonths,
  addElapsedHours,
  addStockholmMonths,
  calendarDateToStored,
  calendarDaysBetween,
  isCalendarDate,
  startOfStockholmDay,
  stockholmDate,
  stockholmInstant,
  stockholmYear,
  toInstant,
  toStockholmIso,
} from '../../../src/domain/calendar.js';

describe('Stockholm calendar', () => {
  it('gives the Stockholm date of an instant, not the UTC date', () => {
    expect(stockholmDate('2026-06-30T22:30:00Z')).toBe('2026-07-01'); // CEST, UTC+2
    expect(stockholmDate('2026-01-31T23:30:00Z')).toBe('2026-02-01'); // CET, UTC+1
    expect(stockholmDate('2026-01-31T22:59:59Z')).toBe('2026-01-31');
  });

  it('puts the last half hour of the UTC year into the next Stockholm year', () => {
    expect(stockholmYear('2026-12-31T23:30:00Z')).toBe(2027);
    expect(stockholmYear('2026-12-31T22:59:59Z')).toBe(2026);
    expect(stockholmYear(new Date('2027-01-01T00:00:00+01:00'))).toBe(2027);
  });

  it('counts legal clocks in elapsed hours across the autumn change-over (72 h → one hour earlier on the wall)', () => {
    const aware = stockholmInstant(2026, 10, 24, 10);
    expect(aware.toISOString()).toBe('2026-10-24T08:00:00.000Z');
    const due = addElapsedHours(aware, 72);
    expect(toStockholmIso(due)).toBe('2026-10-27T09:00:00+01:00');
  });

  it('counts legal clocks across the spring change-over (24 h → one hour later on the wall)', () => {
    const aware = stockholmInstant(2026, 3, 28, 10);
    expect(toStockholmIso(addElapsedHours(aware, 24))).toBe('2026-03-29T11:00:00+02:00');
  });

  it('writes ISO 8601 with the Stockholm offset of that moment', () => {
    expect(toStockholmIso('2026-07-01T10:00:00Z')).toBe('2026-07-01T12:00:00+02:00');
    expect(toStockholmIso('2026-12-01T10:00:00Z')).toBe('2026-12-01T11:00:00+01:00');
  });

  it('adds calendar months keeping the wall-clock time over DST', () => {
    const march = stockholmInstant(2026, 3, 15, 9);
    expect(toStockholmIso(addStockholmMonths(march, 1))).toBe('2026-04-15T09:00:00+02:00');
    expect(toStockholmIso(addStockholmMonths(stockholmInstant(2026, 1, 31, 9), 1))).toBe('2026-02-28T09:00:00+01:00');
  });

  it('adds months to dates with month-end and leap-day clamping', () => {
    expect(addCalendarMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addCalendarMonths('2027-02-28', 12)).toBe('2028-02-28');
    expect(addCalendarMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addCalendarMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addCalendarMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addCalendarMonths('2026-05-15', -12)).toBe('2025-05-15');
  });

  it('adds days and counts days between dates and instants in Stockholm', () => {
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(calendarDaysBetween('2026-10-24', '2026-10-27')).toBe(3);
    expect(calendarDaysBetween('2026-10-27', '2026-10-24')).toBe(-3);
    // 23:30 UTC on 30 June is already 1 July in Stockholm.
    expect(calendarDaysBetween('2026-06-30T23:30:00Z', '2026-07-01')).toBe(0);
  });

  it('knows real calendar dates and refuses others', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('1/2/2026')).toBe(false);
    expect(() => addCalendarMonths('2026-02-30', 1)).toThrow(/Ogiltigt datum/);
  });

  it('starts a Stockholm day at local midnight and stores date-only values at noon UTC', () => {
    expect(startOfStockholmDay('2026-07-01').toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(startOfStockholmDay('2026-01-01').toISOString()).toBe('2025-12-31T23:00:00.000Z');
    expect(calendarDateToStored('2026-03-29')).toBe('2026-03-29T12:00:00Z');
    expect(stockholmDate(calendarDateToStored('2026-03-29'))).toBe('2026-03-29');
  });

  it('reads missing or broken instants as null', () => {
    expect(toInstant(null)).toBeNull();
    expect(toInstant('')).toBeNull();
    expect(toInstant('not a date')).toBeNull();
    expect(toInstant('2026-10-24T08:00:00Z')?.toISOString()).toBe('2026-10-24T08:00:00.000Z');
    expect(() => stockholmDate('garbage')).toThrow(/Ogiltig tidpunkt/);
  });
});
