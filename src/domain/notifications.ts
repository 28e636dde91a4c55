/**
 * Task digests for the Teams activity feed: which tasks each person is told about today, and the
 * Swedish text of the notification. Pure — the job (src/server/notifications) reads the tasks and
 * what was sent before, passes "now", and does the claiming and sending.
 *
 * Rules:
 * - one digest per recipient and Stockholm calendar day (the key `${recipient}|${date}` is unique
 *   in Aviseringar, which is what keeps two bot hosts from sending the same digest);
 * - overdue tasks ('försenad') are sent, but not again to the same person until `repeatDays`
 *   calendar days after the last time they were told ("7" = the same weekday a week later);
 *   (training tasks at least 7 days: reminders in a weekly rhythm, TRAINING_REPEAT_DAYS);
 * - tasks due soon ('snart') are sent once, when they are new: told about once within the history
 *   window (it reaches back past the whole 'snart' period, see historyWindowStart), never again;
 * - tasks due later ('senare') are not sent; nothing new → no digest.
 */
import { addCalendarDays, calendarDaysBetween, startOfStockholmDay, stockholmDate, type CalendarDate } from './calendar.js';
import type { Task } from './tasks/types.js';

/** Default of the setting `notificationRepeatDays` (manifest/site-schema.ts). */
export const DEFAULT_REPEAT_DAYS = 7;

/**
 * How long a task stays 'snart' at most (the engine caps the lead time at 30 days): the history read
 * for "was this new task told already" must reach back this far.
 */
const SOON_WINDOW_DAYS = 30;

/**
 * Training reminders come in a weekly rhythm whatever notificationRepeatDays says: an overdue
 * training task is told again a week after the last time at the earliest.
 */
export const TRAINING_REPEAT_DAYS = 7;

function repeatDaysFor(task: Task, repeatDays: number): number {
  return task.rule.startsWith('training.') ? Math.max(repeatDays, TRAINING_REPEAT_DAYS) : repeatDays;
}

/** The tab route of Mina uppgifter, where every digest leads. */
export const MY_TASKS_ROUTE = '/tasks';

/** Graph allows at most 150 characters of preview text. */
const PREVIEW_MAX = 150;
const PARAMETER_MAX = 100;

export type DigestStatus = 'skickas' | 'skickad' | 'misslyckad';

/** A digest sent (or being sent) earlier, as stored in Aviseringar. */
export interface SentDigest {
  recipient: string;
  taskIds: readonly string[];
  /** When it was delivered; null while it is still being sent. */
  sentAt: string | null;
  status: DigestStatus;
}

export interface Digest {
  /** `${recipient}|${Stockholm date}`: unique per person and day. */
  key: string;
  recipient: string;
  date: CalendarDate;
  tasks: Task[];
  taskIds: string[];
  overdue: number;
  /** Short title for the Aviseringar item. */
  title: string;
  /** The preview text (≤ 150 characters), plain Swedish. */
  message: string;
  /** The tab route the notification opens (Mina uppgifter). */
  route: string;
  /** Values for the `taskDue` activity type's template "{task} ska vara klar senast {dueDate}". */
  templateParameters: { task: string; dueDate: string };
}

/** The setting's value (JSON from Konfiguration) as whole days, 1–365; anything else → the default. */
export function repeatDaysFrom(values: Readonly<Record<string, unknown>>): number {
  const v = values.notificationRepeatDays;
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= 1 && n <= 365 ? Math.round(n) : DEFAULT_REPEAT_DAYS;
}

/**
 * The first instant whose digests matter for a run at `now`: the start of the Stockholm day
 * max(repeatDays, the 'snart' period) days ago. Older digests can no longer hold anything back.
 */
export function historyWindowStart(now: Date, repeatDays: number): Date {
  return startOfStockholmDay(addCalendarDays(stockholmDate(now), -Math.max(repeatDays, SOON_WINDOW_DAYS)));
}

export function digestKey(recipient: string, date: CalendarDate): string {
  return `${recipient.toLowerCase()}|${date}`;
}

function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

function headline(total: number, overdue: number): string {
  if (total === 1) return overdue === 1 ? 'Du har 1 försenad uppgift i Systemkoll' : 'Du har 1 ny uppgift i Systemkoll';
  if (overdue === total) return `Du har ${total} försenade uppgifter i Systemkoll`;
  if (overdue === 0) return `Du har ${total} nya uppgifter i Systemkoll`;
  return `Du har ${total} uppgifter i Systemkoll, ${overdue} ${overdue === 1 ? 'försenad' : 'försenade'}`;
}

/** The notification's text: the count, then the most urgent task's reason and how many more. */
export function digestMessage(tasks: readonly Task[]): string {
  const overdue = tasks.filter((t) => t.urgency === 'försenad').length;
  const first = tasks[0];
  if (!first) return '';
  const more = tasks.length > 1 ? ` (och ${tasks.length - 1} till)` : '';
  const head = `${headline(tasks.length, overdue)}: `;
  return `${head}${clip(first.reason, PREVIEW_MAX - head.length - more.length)}${more}`;
}

/** Overdue first, then as the engine sorted them (most urgent first). */
function ordered(tasks: readonly Task[]): Task[] {
  const rank = (t: Task) => (t.urgency === 'försenad' ? 0 : 1);
  return tasks
    .map((t, i) => ({ t, i }))
    .sort((a, b) => rank(a.t) - rank(b.t) || a.i - b.i)
    .map(({ t }) => t);
}

/** One digest per recipient with something to tell, sorted by UPN (so runs are reproducible). */
export function planDigests(input: { tasks: readonly Task[]; sent: readonly SentDigest[]; repeatDays: number; now: Date }): Digest[] {
  const { tasks, sent, repeatDays, now } = input;
  const today = stockholmDate(now);
  // recipient → task id → the latest day it was told (only delivered digests count).
  const told = new Map<string, Map<string, CalendarDate>>();
  for (const d of sent) {
    if (d.status !== 'skickad' || !d.sentAt) continue;
    const day = stockholmDate(d.sentAt);
    const who = d.recipient.toLowerCase();
    const mine = told.get(who) ?? new Map<string, CalendarDate>();
    told.set(who, mine);
    for (const id of d.taskIds) {
      const before = mine.get(id);
      if (!before || before < day) mine.set(id, day);
    }
  }
  const byRecipient = new Map<string, Task[]>();
  for (const task of tasks) {
    if (task.urgency === 'senare') continue;
    for (const who of task.assignees) {
      const last = told.get(who)?.get(task.id);
      if (last !== undefined) {
        // A new task is told once; an overdue one again when the interval has passed.
        if (task.urgency === 'snart') continue;
        if (calendarDaysBetween(last, today) < repeatDaysFor(task, repeatDays)) continue;
      }
      const list = byRecipient.get(who) ?? [];
      byRecipient.set(who, list);
      list.push(task);
    }
  }
  return [...byRecipient.keys()].sort().map((recipient) => {
    const list = ordered(byRecipient.get(recipient)!);
    const first = list[0]!;
    const overdue = list.filter((t) => t.urgency === 'försenad').length;
    const taskText = list.length === 1 ? first.reason : `${first.reason} (och ${list.length - 1} till)`;
    return {
      key: digestKey(recipient, today),
      recipient,
      date: today,
      tasks: list,
      taskIds: list.map((t) => t.id),
      overdue,
      title: clip(`${list.length} ${list.length === 1 ? 'uppgift' : 'uppgifter'} ${today}`, 255),
      message: digestMessage(list),
      route: MY_TASKS_ROUTE,
      templateParameters: { task: clip(taskText, PARAMETER_MAX), dueDate: stockholmDate(first.due) },
    };
  });
}
