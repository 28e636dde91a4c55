/**
 * The local store's query cost at scale (issue 13): 20,000 incidents (× BENCH_SCALE) written through
 * the repositories, then read over REST with @pnp/sp as the product reads them — a lookup by the
 * unique submission key, first pages of indexed filters and sorts, paging the whole list, and
 * trimmed reads as a staff member (list permission, and items with unique permissions only).
 * Returns figures; `npm run bench` prints them against test/bench/budgets.json.
 */
import { performance } from 'node:perf_hooks';
import type { SPFI } from '@pnp/sp';
import { startLocalSharePoint, type LocalSharePoint } from '../../src/server/local-sharepoint/index.js';
import { createSp } from '../../src/shared/data/sp.js';
import { createRepositories, type Repositories, where } from '../../src/shared/data/index.js';
import { createLocalToken } from '../../src/shared/auth/local-token.js';
import { provisionSite } from '../../src/provisioning/provision.js';
import { generateScaleData } from '../../src/demo/scale.js';
import { seedSite } from '../../src/demo/seed.js';
import type { DemoData } from '../../src/demo/common.js';

export const ADMIN = 'admin@exempelkommun.se';
const READ = 1073741826;

/** One measured figure: `id` names its budget in budgets.json. */
export interface BenchRow {
  id?: string;
  name: string;
  ms: number;
  roundTrips: number;
  note: string;
  /** The measured operation failed (the bench goes on; a failure counts as over budget). */
  error?: string;
}

/** The message of a failure and of its causes ("bench … failed: … ← …"). */
export function errorText(e: unknown): string {
  const parts: string[] = [];
  for (let c: unknown = e; c instanceof Error && parts.length < 3; c = c.cause) parts.push(c.message);
  return parts.join(' ← ') || String(e);
}

/** Runs `run` `repeat` times; the median time and the round trips of the last run. */
export async function measure(
  store: LocalSharePoint,
  name: string,
  run: () => Promise<unknown>,
  options: { id?: string; repeat?: number; note?: (result: unknown) => string } = {},
): Promise<BenchRow> {
  const repeat = options.repeat ?? 7;
  const times: number[] = [];
  let trips = 0;
  let result: unknown;
  for (let i = 0; i < repeat; i++) {
    store.stats.reset();
    const start = performance.now();
    try {
      result = await run();
    } catch (e) {
      return { id: options.id, name, ms: performance.now() - start, roundTrips: store.stats.requests, note: 'FAILED', error: errorText(e) };
    }
    times.push(performance.now() - start);
    trips = store.stats.requests;
  }
  times.sort((a, b) => a - b);
  const size = Array.isArray(result) ? `${result.length} rows, ` : '';
  const note = options.note ? options.note(result) : `${size}median of ${repeat}`;
  return { id: options.id, name, ms: times[Math.floor(times.length / 2)] ?? 0, roundTrips: trips, note };
}

/** A store with scale data written through the repositories, and the clients to read it as anyone. */
export interface BenchSite {
  store: LocalSharePoint;
  admin: SPFI;
  repos: Repositories;
  data: DemoData;
  spAs(upn: string): SPFI;
  /** Wall-clock time and round trips of the seed. */
  seeded: BenchRow;
}

/** Provisions a store and seeds 20,000 × scale incidents (people and systems scaled alike, no completions). */
export async function openBenchSite(options: { scale: number; dataDir?: string }): Promise<BenchSite> {
  const { scale } = options;
  const store = await startLocalSharePoint({ port: 0, dataDir: options.dataDir });
  const spAs = (upn: string): SPFI => createSp({ siteUrl: store.siteUrl, getToken: async () => createLocalToken(upn) });
  const admin = spAs(ADMIN);
  const repos = createRepositories(admin);
  await provisionSite(admin);
  const incidents = Math.max(20, Math.round(20_000 * scale));
  const data = generateScaleData({
    seed: 7,
    now: new Date('2026-11-21T12:00:00Z'),
    staff: Math.max(20, Math.round(1_000 * scale)),
    systems: Math.max(10, Math.round(200 * scale)),
    incidents,
    completions: 0,
  });
  store.addDirectoryUsers(data.people.map((p) => ({ upn: p.upn, displayName: p.displayName, email: p.email })));
  const t = performance.now();
  store.stats.reset();
  await seedSite(repos, data);
  const seeded = {
    name: `store: seed ${incidents.toLocaleString('en')} incidents (+ people, systems) via $batch`,
    ms: performance.now() - t,
    roundTrips: store.stats.requests,
    note: 'setup',
  };
  return { store, admin, repos, data, spAs, seeded };
}

/** The store's query figures on a bench site (grants a staff member Read on 20 incidents of it). */
export async function benchStoreQueries(site: BenchSite, repeat = 7): Promise<BenchRow[]> {
  const { store, admin, repos, data, spAs } = site;
  const rows: BenchRow[] = [];
  const incidents = data.incidents.length;
  const key = data.incidents[Math.floor(incidents / 2)]!.submissionKey as string;
  const reporter = await repos.users.ensure(data.people[10]!.upn);
  rows.push(
    await measure(store, 'store: incident by submission key (unique, indexed)', () => repos.incidents.findBySubmissionKey(key), {
      id: 'store.lookupBySubmissionKey',
      repeat: repeat * 3,
      note: (r) => `${r ? 'found' : 'NOT FOUND'}, median of ${repeat * 3}`,
    }),
  );
  rows.push(
    await measure(
      store,
      'store: first page, filter on an indexed person column',
      () => repos.incidents.list({ filter: where('incidents').eq('reporter', { id: reporter.id }), top: 100 }),
      { id: 'store.indexedFilterFirstPage', repeat },
    ),
  );
  rows.push(
    await measure(
      store,
      'store: first page, indexed sort (newest reported first)',
      () => repos.incidents.list({ orderBy: [{ key: 'reportedAt', ascending: false }], top: 100 }),
      { id: 'store.indexedSortFirstPage', repeat },
    ),
  );
  rows.push(
    await measure(
      store,
      'store: indexed range, reported in the last 30 days',
      () =>
        repos.incidents.list({
          filter: where('incidents').ge('reportedAt', '2026-10-22T00:00:00Z'),
          orderBy: [{ key: 'reportedAt', ascending: false }],
          top: 100,
        }),
      { id: 'store.indexedRangeFirstPage', repeat },
    ),
  );
  const all = await measure(store, `store: page through all ${incidents.toLocaleString('en')} incidents`, () => repos.incidents.all(), {
    id: 'store.pageAll',
    repeat: 3,
    note: (r) => (Array.isArray(r) ? `${r.length} rows` : ''),
  });
  rows.push({ ...all, note: `${all.note}, ${Math.round(incidents / (all.ms / 1000)).toLocaleString('en')} items/s` });

  // A staff member: Read on the register through the site's groups, no permission on Incidenter but
  // Read on a few incidents with their own permissions (the only items that need a per-item check).
  const staffUpn = data.groups.employees.find((u) => !data.groups.securityCoordinators.includes(u) && !data.groups.admins.includes(u))!;
  const staff = await repos.users.ensure(staffUpn);
  const list = admin.web.lists.getByTitle('Incidenter');
  const granted = Math.min(20, incidents);
  const first = await list.items.select('Id').orderBy('Id').top(granted)<{ Id: number }[]>();
  for (const { Id } of first) {
    await list.items.getById(Id).breakRoleInheritance(false, true);
    await list.items.getById(Id).roleAssignments.add(staff.id, READ);
  }
  const staffSp = spAs(staffUpn);
  const staffRepos = createRepositories(staffSp);
  rows.push(
    await measure(
      store,
      `store: staff reads Incidenter (${granted} items shared with them)`,
      () => staffSp.web.lists.getByTitle('Incidenter').items.select('Id', 'Title').top(100)(),
      { id: 'store.trimmedUniqueItems', repeat },
    ),
  );
  rows.push(
    await measure(store, 'store: staff searches the register (indexed)', () => staffRepos.systems.search('Ek', 10), {
      id: 'store.trimmedListPermission',
      repeat,
    }),
  );
  rows.push(
    await measure(store, 'store: staff, incident by submission key (not theirs)', () => staffRepos.incidents.findBySubmissionKey(key), {
      id: 'store.trimmedLookup',
      repeat,
      note: (r) => `${r ? 'VISIBLE' : 'hidden'}, median of ${repeat}`,
    }),
  );
  return rows;
}

/** `npm run bench -- --only store`: a bench site of its own, its query figures, closed. */
export async function benchStore(options: { scale: number; repeat?: number; dataDir?: string }): Promise<BenchRow[]> {
  const site = await openBenchSite(options);
  try {
    return [site.seeded, ...(await benchStoreQueries(site, options.repeat))];
  } finally {
    await site.store.close();
  }
}
