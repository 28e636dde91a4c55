/**
 * The bench's budgets (budgets.json, one line of why per budget) and the check of measured figures
 * against them. Round-trip budgets hold at every scale; time budgets are set for full scale
 * (BENCH_SCALE=1, the municipal sizes) and are only checked there.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BenchRow } from './store.js';

export interface Budget {
  /** Median wall-clock time at full scale, ms. */
  ms?: number;
  /** HTTP requests to the store per run of the operation ($batch counts once). */
  roundTrips?: number;
  /** Size, KB gzip (the tab's initial JavaScript). */
  kb?: number;
  why: string;
}

/** A row as measured; `kb` only for sizes. */
export interface Measured extends BenchRow {
  kb?: number;
}

export type Budgets = Record<string, Budget>;

export function loadBudgets(): Budgets {
  return JSON.parse(readFileSync(new URL('./budgets.json', import.meta.url), 'utf8')) as Budgets;
}

export interface Checked extends Measured {
  budget?: Budget;
  /** What exceeded its budget ("ms 41.2 > 30"); empty when within. */
  over: string[];
}

export function checkBudgets(rows: Measured[], budgets: Budgets, options: { times: boolean }): { rows: Checked[]; failures: string[] } {
  const checked = rows.map((r): Checked => {
    const budget = r.id ? budgets[r.id] : undefined;
    const over: string[] = r.error ? [`failed: ${r.error}`] : [];
    if (budget?.roundTrips !== undefined && r.roundTrips > budget.roundTrips)
      over.push(`round trips ${r.roundTrips} > ${budget.roundTrips}`);
    if (options.times && budget?.ms !== undefined && r.ms > budget.ms) over.push(`ms ${r.ms.toFixed(1)} > ${budget.ms}`);
    if (budget?.kb !== undefined && (r.kb === undefined || r.kb > budget.kb)) over.push(`KB ${r.kb ?? '?'} > ${budget.kb}`);
    return { ...r, budget, over };
  });
  const failures = checked.filter((r) => r.over.length > 0).map((r) => `${r.id}: ${r.over.join(', ')}`);
  return { rows: checked, failures };
}

/** The budget column as printed: "≤ 30 ms, ≤ 1 trip" (times marked when not checked at this scale). */
export function budgetText(b: Budget | undefined, times: boolean): string {
  if (!b) return '';
  const parts: string[] = [];
  if (b.ms !== undefined) parts.push(`≤ ${b.ms} ms${times ? '' : ' (full scale)'}`);
  if (b.roundTrips !== undefined) parts.push(`≤ ${b.roundTrips} trip${b.roundTrips === 1 ? '' : 's'}`);
  if (b.kb !== undefined) parts.push(`≤ ${b.kb} KB gzip`);
  return parts.join(', ');
}

export function writeResults(file: string, results: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
}
