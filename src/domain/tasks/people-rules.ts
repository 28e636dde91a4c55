/**
 * Devices, subscriptions and access when people leave or move (seed 000's routine, seed 001 §7.3):
 * the manager is told which devices and subscriptions the person holds and what to decide for each,
 * and once a year every manager confirms the list for their staff. One function per rule; the
 * register rules already tell the systems' people when an owner or administrator has left.
 */
import { addCalendarDays, addCalendarMonths, calendarDaysBetween, type CalendarDate } from '../calendar.js';
import { calendarDateOf, normaliseUpn } from './engine.js';
import type { Device, RuleContext, TaskData, TaskDraft, TaskRule } from './types.js';
import type { StaffMember } from '../../shared/schema/index.js';

/** Devices older than this are scrapped rather than reinstalled (seed 000: "äldre än fyra år"). */
export const SCRAP_AFTER_YEARS = 4;
/** A move is followed up this long: devices confirmed after the move close the task. */
export const MOVE_FOLLOW_UP_DAYS = 90;
/** The manager has this long after a move to decide. */
const MOVE_DECISION_DAYS = 30;

const held = (d: Device) => (d.status ?? 'i bruk') === 'i bruk';

/** The holder's sign-in name: the person field's address, else the imported e-mail. */
export function holderOf(device: Device): string | null {
  return normaliseUpn(device.holder?.email) ?? normaliseUpn(device.holderEmail);
}

function emailOf(s: StaffMember): string | null {
  return normaliseUpn(s.email ?? s.person?.email);
}

/** What to do with one device or subscription when its holder leaves, in Swedish and English. */
export function leaverDecision(device: Device, today: CalendarDate): { sv: string; en: string } {
  if (device.kind === 'abonnemang') return { sv: 'avsluta eller flytta abonnemanget', en: 'end or move the subscription' };
  const bought = calendarDateOf(device.purchaseDate);
  if (bought && addCalendarMonths(bought, SCRAP_AFTER_YEARS * 12) <= today)
    return { sv: `skrota (äldre än ${SCRAP_AFTER_YEARS} år)`, en: `scrap (older than ${SCRAP_AFTER_YEARS} years)` };
  return { sv: 'lämna till IT för ominstallation', en: 'return to IT for reinstallation' };
}

function describe(device: Device): string {
  const what = [device.title, device.model, device.identifier].filter(Boolean);
  return [...new Set(what)].join(' ');
}

/** Devices held, by holder (active ones only). */
function devicesByHolder(ctx: RuleContext): Map<string, Device[]> {
  const out = new Map<string, Device[]>();
  for (const d of ctx.data.devices ?? []) {
    const who = holderOf(d);
    if (!who || !held(d)) continue;
    const list = out.get(who) ?? [];
    out.set(who, list);
    list.push(d);
  }
  return out;
}

/**
 * Who decides about a person's devices: their manager, else the head of their förvaltning, else the
 * coordinators. Exported so a loader can tell whose devices one person's tasks need.
 */
export function responsibleFor(
  s: Pick<StaffMember, 'manager' | 'department'>,
  departments: TaskData['departments'],
  leavers: ReadonlySet<string>,
  coordinators: readonly string[],
): string[] {
  const manager = normaliseUpn(s.manager?.email);
  if (manager && !leavers.has(manager)) return [manager];
  const dep = s.department?.id;
  const head = dep ? normaliseUpn(departments.find((d) => d.id === dep)?.manager?.email) : null;
  return head && !leavers.has(head) ? [head] : coordinators.map((c) => c.toLowerCase());
}

const managerOf = (ctx: RuleContext, s: StaffMember) => responsibleFor(s, ctx.data.departments, ctx.leavers, ctx.data.coordinators);

function departmentRef(ctx: RuleContext, id: number | null | undefined): { id: number; title: string } | null {
  if (!id) return null;
  const d = ctx.data.departments.find((x) => x.id === id);
  return { id, title: d?.title ?? '' };
}

/** One row per person (the latest by id when the roster holds two for one address). */
function roster(ctx: RuleContext): StaffMember[] {
  const byEmail = new Map<string, StaffMember>();
  for (const s of ctx.data.staff) {
    const e = emailOf(s);
    if (!e) continue;
    const before = byEmail.get(e);
    if (!before || before.id < s.id) byEmail.set(e, s);
  }
  return [...byEmail.values()];
}

/**
 * Someone leaves (inactive, or a leave date passed or within the lead time) and still holds devices
 * or subscriptions: their manager gets one task listing each with the decision to make.
 */
function leaverDevices(ctx: RuleContext): TaskDraft[] {
  const holders = devicesByHolder(ctx);
  const out: TaskDraft[] = [];
  for (const s of roster(ctx)) {
    const email = emailOf(s)!;
    const devices = holders.get(email);
    if (!devices?.length) continue;
    const end = calendarDateOf(s.endDate);
    const leaving = ctx.leavers.has(email) || (end !== null && calendarDaysBetween(ctx.today, end) <= ctx.settings.taskLeadDays);
    if (!leaving) continue;
    const sorted = [...devices].sort((a, b) => a.id - b.id);
    const lines = sorted.map((d) => ({ what: describe(d), decision: leaverDecision(d, ctx.today) }));
    const name = s.title || email;
    out.push({
      subject: { list: 'staff', id: s.id, title: name },
      assignees: managerOf(ctx, s),
      due: end ?? ctx.today,
      severity: 'hög',
      reason: {
        sv: `${name} slutar och har ${sorted.length === 1 ? 'en enhet eller ett abonnemang' : `${sorted.length} enheter och abonnemang`} kvar: ${lines
          .map((l) => `${l.what} – ${l.decision.sv}`)
          .join('; ')}.`,
        en: `${name} is leaving and still holds ${sorted.length === 1 ? 'one device or subscription' : `${sorted.length} devices and subscriptions`}: ${lines
          .map((l) => `${l.what} – ${l.decision.en}`)
          .join('; ')}.`,
      },
      link: `/devices?person=${s.id}`,
      department: departmentRef(ctx, s.department?.id),
    });
  }
  return out;
}

/**
 * Someone moved to another förvaltning within the follow-up window and holds devices not confirmed
 * since: the new manager decides whether each follows or goes back (a cost moves between budgets).
 */
function moverDevices(ctx: RuleContext): TaskDraft[] {
  const holders = devicesByHolder(ctx);
  const out: TaskDraft[] = [];
  for (const s of roster(ctx)) {
    const email = emailOf(s)!;
    const moved = calendarDateOf(s.movedAt);
    if (!moved || ctx.leavers.has(email) || calendarDaysBetween(moved, ctx.today) > MOVE_FOLLOW_UP_DAYS || moved > ctx.today) continue;
    const open = (holders.get(email) ?? []).filter((d) => {
      const confirmed = calendarDateOf(d.confirmedAt);
      return !confirmed || confirmed < moved;
    });
    if (open.length === 0) continue;
    const name = s.title || email;
    const from = s.previousDepartment?.title ? ` från ${s.previousDepartment.title}` : '';
    const fromEn = s.previousDepartment?.title ? ` from ${s.previousDepartment.title}` : '';
    const list = [...open]
      .sort((a, b) => a.id - b.id)
      .map(describe)
      .join('; ');
    out.push({
      subject: { list: 'staff', id: s.id, title: name },
      part: moved,
      assignees: managerOf(ctx, s),
      due: addCalendarDays(moved, MOVE_DECISION_DAYS),
      severity: 'medel',
      reason: {
        sv: `${name} har bytt förvaltning${from}. Bestäm om enheterna och abonnemangen följer med eller lämnas tillbaka, och bekräfta dem: ${list}.`,
        en: `${name} has moved department${fromEn}. Decide whether the devices and subscriptions follow or go back, and confirm them: ${list}.`,
      },
      link: `/devices?person=${s.id}`,
      department: departmentRef(ctx, s.department?.id),
    });
  }
  return out;
}

/** This year's review date ("MM-DD" setting, default 1 October) and the previous one. */
export function deviceReviewDates(today: CalendarDate, monthDay: string): { current: CalendarDate; previous: CalendarDate } {
  const md = /^\d{2}-\d{2}$/.test(monthDay) ? monthDay : '10-01';
  const year = Number(today.slice(0, 4));
  const current = `${year}-${md}` as CalendarDate;
  return { current, previous: `${year - 1}-${md}` as CalendarDate };
}

/**
 * Once a year every manager confirms the devices and subscriptions their staff hold: a task from
 * the lead time before the review date until every device has been confirmed since the previous
 * review date (confirming early, e.g. after a move, counts).
 */
function yearlyDeviceReview(ctx: RuleContext): TaskDraft[] {
  const { current, previous } = deviceReviewDates(ctx.today, ctx.settings.deviceReviewDate);
  if (calendarDaysBetween(ctx.today, current) > ctx.settings.taskLeadDays) return [];
  const holders = devicesByHolder(ctx);
  const byManager = new Map<string, { staff: StaffMember[]; open: number }>();
  for (const s of roster(ctx)) {
    const email = emailOf(s)!;
    if (ctx.leavers.has(email)) continue;
    const devices = holders.get(email) ?? [];
    const open = devices.filter((d) => {
      const confirmed = calendarDateOf(d.confirmedAt);
      return !confirmed || confirmed <= previous;
    }).length;
    // Only a line manager confirms: the roster comes from Entra ID, where everyone but the top has one.
    const manager = normaliseUpn(s.manager?.email);
    if (open === 0 || !manager || ctx.leavers.has(manager)) continue;
    const entry = byManager.get(manager) ?? { staff: [], open: 0 };
    byManager.set(manager, entry);
    entry.staff.push(s);
    entry.open += open;
  }
  const managerRows = new Map(roster(ctx).map((s) => [emailOf(s)!, s]));
  const out: TaskDraft[] = [];
  for (const [manager, { staff, open }] of [...byManager].sort(([a], [b]) => (a < b ? -1 : 1))) {
    // The subject is the manager's own roster row (or, without one, their first employee's).
    const subject = managerRows.get(manager) ?? staff.sort((a, b) => a.id - b.id)[0]!;
    out.push({
      subject: { list: 'staff', id: subject.id, title: subject.title || manager },
      part: `granskning-${current.slice(0, 4)}:${manager}`,
      assignees: [manager],
      due: current,
      severity: 'låg',
      reason: {
        sv: `Årlig genomgång: bekräfta vilka enheter och abonnemang dina medarbetare har (${open} att bekräfta hos ${staff.length} ${
          staff.length === 1 ? 'person' : 'personer'
        }).`,
        en: `Yearly review: confirm which devices and subscriptions your staff hold (${open} to confirm for ${staff.length} ${
          staff.length === 1 ? 'person' : 'people'
        }).`,
      },
      link: '/devices',
      department: departmentRef(ctx, subject.department?.id),
    });
  }
  return out;
}

export const PEOPLE_RULES: readonly TaskRule[] = [
  { id: 'people.leaver-devices', evaluate: leaverDevices },
  { id: 'people.mover-devices', evaluate: moverDevices },
  { id: 'people.devices-yearly', evaluate: yearlyDeviceReview },
];
