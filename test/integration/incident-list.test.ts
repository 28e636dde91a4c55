/**
 * The coordinators' incident list (the exact read the page makes) against the local store with a
 * small list view threshold: every period and sort pages through more incidents than the threshold
 * allows, each page one round trip, with no incident missed or repeated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalSharePoint, type LocalSharePoint } from '../../src/server/local-sharepoint/index.js';
import { createSp } from '../../src/shared/data/sp.js';
import { createRepositories, where } from '../../src/shared/data/index.js';
import { createLocalToken } from '../../src/shared/auth/local-token.js';
import { provisionSite } from '../../src/provisioning/provision.js';
import type { Session } from '../../src/shared/ui/session.js';
import { filtersFromSearch, searchIncidents, PAGE_SIZE } from '../../src/features/incidents/api/search-incidents.js';

const ADMIN = 'admin@exempelkommun.se';
const THRESHOLD = 60;
const TOTAL = 250;
const DAY = 86_400_000;

let store: LocalSharePoint;
let session: Session;
let meId = 0;
/** Every incident's id and report time, as added. */
const added: { id: number; reportedAt: number; status: string }[] = [];

beforeAll(async () => {
  store = await startLocalSharePoint({ port: 0, listViewThreshold: THRESHOLD });
  const sp = createSp({ siteUrl: store.siteUrl, getToken: async () => createLocalToken(ADMIN), retryInterval: 20 });
  await provisionSite(sp);
  const repos = createRepositories(sp);
  session = { sp, repos } as unknown as Session;
  meId = (await repos.users.ensure(ADMIN)).id;
  const now = Date.now();
  // One every 3 days back from now, so 122 fall in the last 365 days; a few share a time (ties on
  // the sort key are broken by id).
  const drafts = Array.from({ length: TOTAL }, (_, i) => ({
    title: `Incident ${i}`,
    status: (i % 5 === 0 ? 'ny' : 'avslutad') as 'ny' | 'avslutad',
    reportedAt: new Date(now - Math.floor(i / 2) * 6 * DAY - 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  }));
  const results = await repos.incidents.addMany(drafts);
  results.forEach((r, i) => {
    if (!r.ok) throw r.error;
    added.push({ id: r.record.id, reportedAt: Date.parse(drafts[i]!.reportedAt), status: drafts[i]!.status });
  });
}, 120_000);

afterAll(async () => {
  await store.close();
});

/** Every page the list shows for these filters, following "Visa fler" to the end. */
async function everyPage(search: string): Promise<{ ids: number[]; pages: number; trips: number[] }> {
  const f = filtersFromSearch(new URLSearchParams(search));
  const ids: number[] = [];
  const trips: number[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const before = store.stats.requests;
    const page = await searchIncidents(session, f, meId, cursor);
    trips.push(store.stats.requests - before);
    ids.push(...page.incidents.map((i) => i.id));
    cursor = page.next;
    pages++;
  } while (cursor !== null && pages < 20);
  return { ids, pages, trips };
}

const newestFirst = (a: { id: number; reportedAt: number }, b: { id: number; reportedAt: number }) =>
  b.reportedAt - a.reportedAt || b.id - a.id;

describe('incident list past the list view threshold', () => {
  it('the store really enforces the threshold here (a period filter on reportedAt is refused)', async () => {
    const since = new Date(Date.now() - 365 * DAY);
    const refused = await session.repos.incidents
      .list({ filter: where('incidents').ge('reportedAt', since), top: 10 })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ kind: 'threshold' });
  });

  it('all periods, newest first: every incident once, in order, 100 per round trip', async () => {
    const { ids, pages, trips } = await everyPage('period=all');
    expect(ids).toEqual([...added].sort(newestFirst).map((a) => a.id));
    expect(pages).toBe(Math.ceil(TOTAL / PAGE_SIZE));
    expect(trips.every((t) => t === 1)).toBe(true);
  });

  it('last 365 days, newest first: stops where the period ends', async () => {
    const since = Date.now() - 365 * DAY;
    const expected = added
      .filter((a) => a.reportedAt >= since)
      .sort(newestFirst)
      .map((a) => a.id);
    expect(expected.length).toBeGreaterThan(PAGE_SIZE);
    const { ids } = await everyPage('');
    expect(ids).toEqual(expected);
  });

  it('last 365 days, oldest first: starts where the period starts', async () => {
    const since = Date.now() - 365 * DAY;
    const expected = added
      .filter((a) => a.reportedAt >= since)
      .sort((a, b) => newestFirst(b, a))
      .map((a) => a.id);
    const { ids } = await everyPage('sort=oldest');
    expect(ids).toEqual(expected);
  });

  it('a status filter pages the same way', async () => {
    const expected = added
      .filter((a) => a.status === 'ny')
      .sort(newestFirst)
      .map((a) => a.id);
    const { ids } = await everyPage('period=all&status=ny');
    expect(ids).toEqual(expected);
  });
});
