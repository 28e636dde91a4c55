import { describe, expect, it } from 'vitest';
import { restoreOrder, type RestoreCandidate } from '../../../src/domain/restore-order.js';

const sys = (id: number, title: string, priority: number | null, dependsOn: number[] = []): RestoreCandidate => ({
  id,
  title,
  priority,
  dependsOn: dependsOn.map((d) => ({ id: d, title: `#${d}` })),
});
const order = (systems: RestoreCandidate[]) => restoreOrder(systems).entries.map((e) => e.system.title);

describe('restore order', () => {
  it('lists by priority, unset priorities last and by name', () => {
    const result = restoreOrder([sys(1, 'C', 3), sys(2, 'A', 1), sys(3, 'Ö', null), sys(4, 'B', null), sys(5, 'D', 2)]);
    expect(result.entries.map((e) => e.system.title)).toEqual(['A', 'D', 'C', 'B', 'Ö']);
    expect(result.entries.map((e) => e.position)).toEqual([1, 2, 3, 4, 5]);
    expect(result.issues.filter((i) => i.kind === 'noPriority').map((i) => (i as { systemId: number }).systemId)).toEqual([3, 4]);
  });

  it('never lists a system before what it depends on, and flags the contradicting priority', () => {
    // Ekonomi (1) depends on Nätverk (3): Nätverk must come first.
    const result = restoreOrder([sys(1, 'Ekonomi', 1, [2]), sys(2, 'Nätverk', 3), sys(3, 'Skola', 2)]);
    expect(result.entries.map((e) => e.system.title)).toEqual(['Skola', 'Nätverk', 'Ekonomi']);
    expect(result.issues).toEqual([{ kind: 'priorityBeforeDependency', systemId: 1, dependencyId: 2 }]);
    expect(result.entries.find((e) => e.system.id === 2)!.issues).toHaveLength(1);
  });

  it('accepts equal priorities when the dependency comes first, whatever the names', () => {
    const result = restoreOrder([sys(1, 'A-system', 1, [2]), sys(2, 'Z-nät', 1)]);
    expect(result.entries.map((e) => e.system.title)).toEqual(['Z-nät', 'A-system']);
    expect(result.issues).toEqual([]);
  });

  it('flags a dependency without priority as a contradiction of a prioritised system', () => {
    const result = restoreOrder([sys(1, 'A', 1, [2]), sys(2, 'B', null)]);
    expect(order([sys(1, 'A', 1, [2]), sys(2, 'B', null)])).toEqual(['B', 'A']);
    expect(result.issues).toContainEqual({ kind: 'priorityBeforeDependency', systemId: 1, dependencyId: 2 });
  });

  it('follows chains transitively', () => {
    expect(order([sys(1, 'App', 1, [2]), sys(2, 'Databas', 2, [3]), sys(3, 'Nät', 3), sys(4, 'Annat', 2)])).toEqual([
      'Annat',
      'Nät',
      'Databas',
      'App',
    ]);
  });

  it('flags cycles and still lists every system once', () => {
    const result = restoreOrder([sys(1, 'A', 1, [2]), sys(2, 'B', 2, [3]), sys(3, 'C', 3, [1]), sys(4, 'D', 4), sys(5, 'E', 5, [5])]);
    expect(result.entries.map((e) => e.system.title)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(result.issues).toEqual([
      { kind: 'cycle', systemIds: [1, 2, 3] },
      { kind: 'cycle', systemIds: [5] },
    ]);
    expect(result.entries[0]!.issues).toEqual([{ kind: 'cycle', systemIds: [1, 2, 3] }]);
  });

  it('orders a cycle after what it depends on outside it', () => {
    const result = restoreOrder([sys(1, 'A', 1, [2, 9]), sys(2, 'B', 1, [1]), sys(9, 'Nät', 5)]);
    expect(result.entries.map((e) => e.system.title)).toEqual(['Nät', 'A', 'B']);
    expect(result.issues).toContainEqual({ kind: 'priorityBeforeDependency', systemId: 1, dependencyId: 9 });
  });

  it('flags dependencies that are not in the list', () => {
    const result = restoreOrder([{ id: 1, title: 'A', priority: 1, dependsOn: [{ id: 77, title: 'Växel' }] }]);
    expect(result.entries).toHaveLength(1);
    expect(result.issues).toEqual([{ kind: 'dependencyNotListed', systemId: 1, dependencyId: 77, dependencyTitle: 'Växel' }]);
  });

  it('handles a long chain without deep recursion', () => {
    const n = 20_000;
    const chain = Array.from({ length: n }, (_, i) => sys(i + 1, `S${i + 1}`, 1, i + 1 < n ? [i + 2] : []));
    const result = restoreOrder(chain);
    expect(result.entries[0]!.system.id).toBe(n);
    expect(result.entries[n - 1]!.system.id).toBe(1);
    expect(result.issues).toEqual([]);
  });
});
