/**
 * CI smoke of `npm run bench` (issue 13): the bench's store and view functions run at a tiny scale
 * (400 incidents) and every budgeted round-trip count holds. No wall-clock times are asserted, so it
 * cannot make CI flaky; the times are for `npm run bench` at full scale.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { benchStoreQueries, openBenchSite, type BenchRow, type BenchSite } from '../bench/store.js';
import { benchViews } from '../bench/views.js';
import { checkBudgets, loadBudgets } from '../bench/budgets.js';

let site: BenchSite;
let rows: BenchRow[];

beforeAll(async () => {
  site = await openBenchSite({ scale: 0.02 });
  rows = [...(await benchStoreQueries(site, 1)), ...(await benchViews(site, { repeat: 1 }))];
}, 120_000);

afterAll(async () => {
  await site?.store.close();
});

test('every budget is measured by the bench, and every round-trip budget holds at small scale', () => {
  const budgets = loadBudgets();
  // Mina uppgifter's and Min utbildning's batches need completions: measured by the full bench only.
  expect(
    rows
      .map((r) => r.id)
      .filter(Boolean)
      .sort(),
  ).toEqual(
    Object.keys(budgets)
      .filter((id) => !['myTasks.batch', 'training.mine'].includes(id))
      .sort(),
  );
  const { failures } = checkBudgets(rows, budgets, { times: false });
  expect(failures).toEqual([]);
});

test('the store answers what the figures claim: the key is found, a hidden item stays hidden', () => {
  const note = (id: string) => rows.find((r) => r.id === id)?.note ?? '';
  expect(note('store.lookupBySubmissionKey')).toMatch(/^found/);
  expect(note('store.trimmedLookup')).toMatch(/^hidden/);
  expect(note('store.trimmedUniqueItems')).toMatch(/^20 rows/);
  expect(note('store.pageAll')).toMatch(/^400 rows/);
});
