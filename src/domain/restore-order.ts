/**
 * The restore order ("återställningsordning") as a pure rule: critical systems in restore-priority
 * order, where a system is never listed before a system it depends on. Priorities that say
 * otherwise are contradictions and are flagged; so are dependency cycles, dependencies that are not
 * in the list (a critical system that needs something nobody has marked critical) and critical
 * systems without a priority.
 */

export interface RestoreCandidate {
  id: number;
  title: string;
  /** 1 = first; null when not set. */
  priority: number | null;
  dependsOn: readonly { id: number; title?: string }[];
}

export type RestoreIssue =
  /** The system's priority comes before that of a system it depends on. */
  | { kind: 'priorityBeforeDependency'; systemId: number; dependencyId: number }
  /** The systems depend on each other in a circle; none can be restored first. */
  | { kind: 'cycle'; systemIds: number[] }
  /** A dependency that is not in the list (not critical, or not in operation). */
  | { kind: 'dependencyNotListed'; systemId: number; dependencyId: number; dependencyTitle: string }
  | { kind: 'noPriority'; systemId: number };

export interface RestoreEntry<T extends RestoreCandidate> {
  /** 1-based position in the restore order. */
  position: number;
  system: T;
  /** The issues that name this system. */
  issues: RestoreIssue[];
}

export interface RestoreOrder<T extends RestoreCandidate> {
  entries: RestoreEntry<T>[];
  issues: RestoreIssue[];
}

function compare(a: RestoreCandidate, b: RestoreCandidate): number {
  const pa = a.priority ?? Number.POSITIVE_INFINITY;
  const pb = b.priority ?? Number.POSITIVE_INFINITY;
  if (pa !== pb) return pa < pb ? -1 : 1;
  const t = a.title.localeCompare(b.title, 'sv');
  return t !== 0 ? t : a.id - b.id;
}

/** Strongly connected components of two or more systems (or one that depends on itself): the cycles. */
function cycles(ids: readonly number[], edges: Map<number, number[]>): number[][] {
  let index = 0;
  const indexOf = new Map<number, number>();
  const low = new Map<number, number>();
  const stack: number[] = [];
  const onStack = new Set<number>();
  const out: number[][] = [];
  // Iterative Tarjan, so a long dependency chain cannot overflow the call stack.
  for (const start of ids) {
    if (indexOf.has(start)) continue;
    const work: { node: number; next: number }[] = [{ node: start, next: 0 }];
    indexOf.set(start, index);
    low.set(start, index++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = edges.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const to = targets[frame.next++]!;
        if (!indexOf.has(to)) {
          indexOf.set(to, index);
          low.set(to, index++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) low.set(frame.node, Math.min(low.get(frame.node)!, indexOf.get(to)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === indexOf.get(frame.node)) {
        const component: number[] = [];
        let member: number;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        if (component.length > 1 || targets.includes(frame.node)) out.push(component);
      }
    }
  }
  return out;
}

/**
 * Orders the systems by priority (unset last, then by name), moving a system after everything it
 * depends on when its priority says otherwise (and flagging that). Systems in a cycle keep their
 * priority order among themselves, after what they depend on outside the cycle, and are flagged.
 */
export function restoreOrder<T extends RestoreCandidate>(systems: readonly T[]): RestoreOrder<T> {
  const byId = new Map(systems.map((s) => [s.id, s]));
  const issues: RestoreIssue[] = [];
  const edges = new Map<number, number[]>();
  for (const s of systems) {
    if (s.priority === null) issues.push({ kind: 'noPriority', systemId: s.id });
    const listed: number[] = [];
    for (const d of s.dependsOn) {
      const dep = byId.get(d.id);
      if (!dep) {
        issues.push({ kind: 'dependencyNotListed', systemId: s.id, dependencyId: d.id, dependencyTitle: d.title ?? `#${d.id}` });
        continue;
      }
      if (!listed.includes(d.id)) listed.push(d.id);
    }
    edges.set(s.id, listed);
  }

  const components = cycles(
    systems.map((s) => s.id),
    edges,
  );
  const cycleOf = new Map<number, number>();
  components.forEach((members, i) => {
    for (const m of members) cycleOf.set(m, i);
    issues.push({ kind: 'cycle', systemIds: [...members].sort((a, b) => compare(byId.get(a)!, byId.get(b)!)) });
  });
  const inSameCycle = (a: number, b: number) => cycleOf.has(a) && cycleOf.get(a) === cycleOf.get(b);

  for (const s of systems) {
    for (const depId of edges.get(s.id) ?? []) {
      if (depId === s.id || inSameCycle(s.id, depId)) continue;
      const dep = byId.get(depId)!;
      if (s.priority !== null && (dep.priority === null || dep.priority > s.priority))
        issues.push({ kind: 'priorityBeforeDependency', systemId: s.id, dependencyId: depId });
    }
  }

  // Kahn's algorithm over the cycles taken as one unit each, always taking the best-priority unit
  // whose dependencies are restored; a cycle's members keep their priority order among themselves.
  const groupOf = (id: number) => (cycleOf.has(id) ? `c${cycleOf.get(id)}` : `s${id}`);
  const members = new Map<string, T[]>();
  for (const s of systems) members.set(groupOf(s.id), [...(members.get(groupOf(s.id)) ?? []), s]);
  const remaining = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const [group, list] of members) {
    const deps = new Set(list.flatMap((s) => (edges.get(s.id) ?? []).map(groupOf)).filter((g) => g !== group));
    remaining.set(group, deps.size);
    for (const d of deps) dependents.set(d, [...(dependents.get(d) ?? []), group]);
    list.sort(compare);
  }
  const head = (group: string) => members.get(group)![0]!;
  const ready = [...members.keys()].filter((g) => remaining.get(g) === 0);
  const ordered: T[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => compare(head(a), head(b)));
    const next = ready.shift()!;
    ordered.push(...members.get(next)!);
    for (const d of dependents.get(next) ?? []) {
      const left = remaining.get(d)! - 1;
      remaining.set(d, left);
      if (left === 0) ready.push(d);
    }
  }

  const names = (issue: RestoreIssue, id: number) =>
    issue.kind === 'cycle'
      ? issue.systemIds.includes(id)
      : issue.systemId === id || (issue.kind === 'priorityBeforeDependency' && issue.dependencyId === id);
  return {
    entries: ordered.map((system, i) => ({ position: i + 1, system, issues: issues.filter((x) => names(x, system.id)) })),
    issues,
  };
}
