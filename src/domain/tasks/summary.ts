/**
 * Översikt: all tasks counted per förvaltning and per rule, with the oldest overdue, and the filter
 * coordinators use (förvaltning, rule, person). Pure.
 */
import type { Task } from './types.js';

export interface TaskCount {
  key: string;
  label: string;
  total: number;
  overdue: number;
  /** The due instant of the longest-overdue task, or null when none is overdue. */
  oldestOverdue: string | null;
}

export interface TaskFilter {
  /** Förvaltning id; 0 = tasks without a förvaltning. */
  department?: number;
  rule?: string;
  /** Assignee sign-in name. */
  person?: string;
}

export interface TaskOverview {
  generatedAt: string;
  total: number;
  overdue: number;
  byDepartment: TaskCount[];
  byRule: TaskCount[];
  /** The filtered tasks, most urgent first, at most `limit`. */
  tasks: Task[];
  /** How many tasks match the filter (tasks may hold fewer). */
  matching: number;
  /** Ids of the systems with at least one matching task (the register's "has open tasks" filter). */
  systemsWithTasks: number[];
}

function count(tasks: readonly Task[], keyOf: (t: Task) => { key: string; label: string }, now: Date): TaskCount[] {
  const out = new Map<string, TaskCount>();
  for (const t of tasks) {
    const { key, label } = keyOf(t);
    const c = out.get(key) ?? { key, label, total: 0, overdue: 0, oldestOverdue: null };
    c.total += 1;
    if (Date.parse(t.due) < now.getTime()) {
      c.overdue += 1;
      if (c.oldestOverdue === null || Date.parse(t.due) < Date.parse(c.oldestOverdue)) c.oldestOverdue = t.due;
    }
    out.set(key, c);
  }
  return [...out.values()].sort((a, b) => b.overdue - a.overdue || b.total - a.total || a.label.localeCompare(b.label, 'sv'));
}

export function matchesTaskFilter(t: Task, filter: TaskFilter): boolean {
  if (filter.department !== undefined && (t.department?.id ?? 0) !== filter.department) return false;
  if (filter.rule && t.rule !== filter.rule) return false;
  if (filter.person && !t.assignees.includes(filter.person.trim().toLowerCase())) return false;
  return true;
}

export function summariseTasks(
  tasks: readonly Task[],
  now: Date,
  options: { filter?: TaskFilter; limit?: number; ruleLabel?: (rule: string) => string } = {},
): TaskOverview {
  const filter = options.filter ?? {};
  const matching = tasks.filter((t) => matchesTaskFilter(t, filter));
  return {
    generatedAt: now.toISOString(),
    total: tasks.length,
    overdue: tasks.filter((t) => Date.parse(t.due) < now.getTime()).length,
    byDepartment: count(tasks, (t) => ({ key: String(t.department?.id ?? 0), label: t.department?.title || 'Utan förvaltning' }), now),
    byRule: count(tasks, (t) => ({ key: t.rule, label: options.ruleLabel?.(t.rule) ?? t.rule }), now),
    tasks: matching.slice(0, options.limit ?? 500),
    matching: matching.length,
    systemsWithTasks: [...new Set(matching.filter((t) => t.subject.list === 'systems').map((t) => t.subject.id))].sort((a, b) => a - b),
  };
}
