/**
 * The tasks engine: records + settings + "now" in, tasks out. Pure; every rule is one function in
 * TASK_RULES. Loaders (src/server/tasks) decide which records to read; the engine never asks.
 */
import { addCalendarDays, isCalendarDate, startOfStockholmDay, stockholmDate, toStockholmIso, type CalendarDate } from '../calendar.js';
import type { SystemRecord } from '../../shared/schema/index.js';
import type { RuleContext, Task, TaskData, TaskDraft, TaskRule, TaskSettings, TaskSeverity, TaskUrgency } from './types.js';

export const DEFAULT_TASK_SETTINGS: TaskSettings = {
  reviewIntervalMonths: 12,
  classificationMaxAgeMonths: 36,
  continuityTestIntervalMonths: 12,
  restoreTestIntervalMonths: 12,
  taskLeadDays: 30,
  contractWarningDays: 90,
  completionGraceDays: 30,
  trainingWarningDays: 30,
  deviceReviewDate: '10-01',
};

/** The settings list's values (JSON) → task settings; a missing or nonsensical value falls back to the default. */
export function taskSettingsFrom(values: Readonly<Record<string, unknown>>): TaskSettings {
  const out = { ...DEFAULT_TASK_SETTINGS };
  const review = values.deviceReviewDate;
  if (typeof review === 'string' && /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(review)) out.deviceReviewDate = review;
  for (const key of Object.keys(out) as (keyof TaskSettings)[]) {
    if (key === 'deviceReviewDate') continue;
    const v = values[key];
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    if (typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 1200) out[key] = Math.round(n);
  }
  return out;
}

/** The end of a calendar day in Stockholm (23:59:59 local time), as an instant. */
export function endOfStockholmDay(date: CalendarDate): Date {
  return new Date(startOfStockholmDay(addCalendarDays(date, 1)).getTime() - 1000);
}

/** A stored date-only value ("2026-03-01T12:00:00Z" or "2026-03-01") as its calendar date, or null. */
export function calendarDateOf(value: string | null | undefined): CalendarDate | null {
  if (!value) return null;
  if (isCalendarDate(value)) return value;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : stockholmDate(new Date(t));
}

export function normaliseUpn(value: string | null | undefined): string | null {
  const v = value?.trim().toLowerCase();
  return v ? v : null;
}

const SEVERITY_ORDER: Record<TaskSeverity, number> = { hög: 0, medel: 1, låg: 2 };

function urgencyOf(due: Date, now: Date, leadDays: number): TaskUrgency {
  if (due.getTime() < now.getTime()) return 'försenad';
  const soon = Math.min(leadDays, 30);
  return due.getTime() - now.getTime() <= soon * 86_400_000 ? 'snart' : 'senare';
}

/** Lower-case e-mails of staff who have left (inactive or past their leave date) and are not back. */
export function leaversOf(staff: TaskData['staff'], today: CalendarDate): Set<string> {
  const leavers = new Set<string>();
  const back = new Set<string>();
  for (const s of staff) {
    const email = normaliseUpn(s.email ?? s.person?.email);
    if (!email) continue;
    const end = calendarDateOf(s.endDate);
    if (s.active === false || (end !== null && end < today)) leavers.add(email);
    else back.add(email);
  }
  // Someone active again under the same address (re-hired) has not left.
  for (const email of back) leavers.delete(email);
  return leavers;
}

function contextFor(data: TaskData, settings: TaskSettings, now: Date): RuleContext {
  const today = stockholmDate(now);
  const leavers = leaversOf(data.staff, today);
  const departments = new Map(data.departments.map((d) => [d.id, d]));
  const coordinators = data.coordinators.map((c) => c.toLowerCase());
  return {
    data,
    settings,
    now,
    today,
    leavers,
    departmentOf(system: SystemRecord) {
      const ref = system.department;
      if (!ref) return null;
      return { id: ref.id, title: departments.get(ref.id)?.title ?? ref.title ?? '' };
    },
    escalationFor(system: SystemRecord) {
      const head = system.department ? normaliseUpn(departments.get(system.department.id)?.manager?.email) : null;
      return head && !leavers.has(head) ? [head] : coordinators;
    },
  };
}

function toTask(rule: TaskRule, draft: TaskDraft, ctx: RuleContext): Task | null {
  const assignees = [...new Set(draft.assignees.map(normaliseUpn).filter((a): a is string => a !== null))].sort();
  if (assignees.length === 0) return null;
  const due = draft.due instanceof Date ? draft.due : endOfStockholmDay(draft.due);
  const id = [rule.id, draft.subject.list, draft.subject.id, ...(draft.part === undefined ? [] : [draft.part])].join(':');
  return {
    id,
    rule: rule.id,
    assignees,
    due: toStockholmIso(due),
    severity: draft.severity,
    reason: draft.reason.sv,
    reasonEn: draft.reason.en,
    link: draft.link,
    subject: draft.subject,
    department: draft.department ?? null,
    urgency: urgencyOf(due, ctx.now, ctx.settings.taskLeadDays),
  };
}

/** Most urgent first: by due instant, then severity, then id (a stable order for equal dues). */
export function compareTasks(a: Task, b: Task): number {
  return (
    Date.parse(a.due) - Date.parse(b.due) ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Every task the data gives as of `now`, most urgent first; one task per id. */
export function computeTasks(data: TaskData, settings: TaskSettings, now: Date, rules: readonly TaskRule[]): Task[] {
  const ctx = contextFor(data, settings, now);
  const byId = new Map<string, Task>();
  for (const rule of rules) {
    for (const draft of rule.evaluate(ctx)) {
      const task = toTask(rule, draft, ctx);
      if (task && !byId.has(task.id)) byId.set(task.id, task);
    }
  }
  return [...byId.values()].sort(compareTasks);
}

/** The tasks addressed to one person (by sign-in name, case-insensitive). */
export function tasksOf(tasks: readonly Task[], upn: string): Task[] {
  const me = upn.trim().toLowerCase();
  return tasks.filter((t) => t.assignees.includes(me));
}
