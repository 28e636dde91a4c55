/**
 * The local store's query cost at scale (issue 13): 20,000 incidents (× BENCH_SCALE) written through
 * the repositories, then read over REST with @pnp/sp as the product reads them — a lookup by the
 * unique submission key, first pages of indexed filters and sorts, paging the whole list, and
 * trimmed reads as a staff member (list permission, and items with unique permissions only).
 * Returns figures; `npm run bench` prints them against test/bench/budgets.json.
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
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
    return [site.seeded, ...(await benchStoreQueries(site, options.repeat)), ...(await benchLargeList(site, { repeat: options.repeat }))];
  } finally {
    await site.store.close();
  }
}

/** The dedicated large list: its title and its size unless told otherwise (issue 13: 100,000 items). */
const LARGE_LIST = 'Bench 100k';
const LARGE_ITEMS = 100_000;

/** A row of the large list: a unique indexed key, an indexed choice and the usual column types. */
function largeItem(i: number, ownerId: number): Record<string, unknown> {
  return {
    Title: `Post ${i}`,
    Key: `K${String(i).padStart(6, '0')}`,
    Category: ['Drift', 'Säkerhet', 'Ekonomi', 'Personal'][i % 4],
    Amount: (i * 37) % 1000,
    Due: new Date(Date.UTC(2026, 0, 1) + (i % 365) * 86_400_000).toISOString(),
    Done: i % 3 === 0,
    OwnerId: ownerId,
    Notes: `Anteckning för post ${i}, med lite mer text än en rubrik.`,
  };
}

/** Makes the large list (fields by schema XML, as provisioning does) and fills it through $batch, 100 items a request. */
async function seedLargeList(store: LocalSharePoint, admin: SPFI, items: number): Promise<BenchRow> {
  const t = performance.now();
  store.stats.reset();
  await admin.web.lists.add(LARGE_LIST, 'Bench: 100,000 items', 100, false);
  const list = admin.web.lists.getByTitle(LARGE_LIST);
  for (const xml of [
    '<Field Type="Text" Name="Key" StaticName="Key" DisplayName="Key" Indexed="TRUE" EnforceUniqueValues="TRUE" />',
    '<Field Type="Choice" Name="Category" StaticName="Category" DisplayName="Category" Indexed="TRUE"><CHOICES><CHOICE>Drift</CHOICE><CHOICE>Säkerhet</CHOICE><CHOICE>Ekonomi</CHOICE><CHOICE>Personal</CHOICE></CHOICES></Field>',
    '<Field Type="Number" Name="Amount" StaticName="Amount" DisplayName="Amount" />',
    '<Field Type="DateTime" Name="Due" StaticName="Due" DisplayName="Due" Format="DateOnly" />',
    '<Field Type="Boolean" Name="Done" StaticName="Done" DisplayName="Done" />',
    '<Field Type="User" Name="Owner" StaticName="Owner" DisplayName="Owner" UserSelectionMode="PeopleOnly" />',
    '<Field Type="Note" Name="Notes" StaticName="Notes" DisplayName="Notes" />',
  ])
    await list.fields.createFieldAsXml(xml);
  const me = await admin.web.currentUser.select('Id')();
  const perBatch = 100;
  let next = 0;
  // Four writers keep the store busy while each waits for its reply; the store runs one batch at a time.
  const writer = async () => {
    while (next < items) {
      const from = next;
      next = Math.min(items, next + perBatch);
      const [batched, execute] = admin.batched();
      const target = batched.web.lists.getByTitle(LARGE_LIST);
      for (let i = from; i < next; i++) void target.items.add(largeItem(i, me.Id));
      await execute();
    }
  };
  await Promise.all(Array.from({ length: 4 }, writer));
  const ms = performance.now() - t;
  return {
    name: `store: seed the ${items.toLocaleString('en')}-item list via $batch`,
    ms,
    roundTrips: store.stats.requests,
    note: `setup, ${Math.round(items / (ms / 1000)).toLocaleString('en')} items/s`,
  };
}

/** Pages a list in a worker thread with plain fetch (JSON light, following odata.nextLink); the rows read. */
function pageInWorker(url: string, token: string): Promise<number> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    (async () => {
      let rows = 0;
      for (let next = workerData.url; next; ) {
        const res = await fetch(next, { headers: { Authorization: 'Bearer ' + workerData.token, Accept: 'application/json;odata=minimalmetadata' } });
        const json = await res.json();
        rows += json.value.length;
        next = json['odata.nextLink'];
      }
      parentPort.postMessage(rows);
    })().catch((e) => parentPort.postMessage(String(e)));`;
  const worker = new Worker(code, { eval: true, workerData: { url, token } });
  return new Promise<number>((resolve, reject) => {
    worker.once('message', (m: unknown) => (typeof m === 'number' ? resolve(m) : reject(new Error(String(m)))));
    worker.once('error', reject);
  }).finally(() => void worker.terminate());
}

/** Median of `repeat` in-process calls (no socket, no client): the store's own cost. */
function measureInProcess(name: string, id: string, repeat: number, run: () => unknown, note: (r: unknown) => string): BenchRow {
  const times: number[] = [];
  let result: unknown;
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    result = run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { id, name, ms: times[Math.floor(times.length / 2)] ?? 0, roundTrips: 0, note: note(result) };
}

/** Every item of the large list through odata.nextLink, in-process; the number of rows read. */
function pageAllInProcess(store: LocalSharePoint, path: string): number {
  let rows = 0;
  let next: string | undefined = path;
  const prefix = `${store.siteUrl}/_api/`;
  while (next) {
    const r = store.callInProcess('GET', next, ADMIN, { Accept: 'application/json;odata=minimalmetadata' });
    if (r.status !== 200) throw new Error(`in-process page answered ${r.status}: ${r.body.slice(0, 200)}`);
    // The page is not parsed (that would be the client's cost): rows counted by their etag, the
    // next link read from the end of the body, where the store writes it.
    rows += r.body.split('"odata.etag"').length - 1;
    const at = r.body.lastIndexOf('"odata.nextLink":');
    next = at < 0 ? undefined : (JSON.parse(r.body.slice(at + 17, -1)) as string).slice(prefix.length);
  }
  return rows;
}

/**
 * The store targets on a list of its own (100,000 items unless `items` says otherwise):
 * a lookup by the unique indexed key and paging the whole list, each over HTTP with @pnp/sp (what
 * the product sees) and in-process (what the store itself costs), and a lookup while another
 * client pages the whole list (whether reads queue behind each other).
 */
export async function benchLargeList(
  site: Pick<BenchSite, 'store' | 'admin'>,
  options: { items?: number; repeat?: number } = {},
): Promise<BenchRow[]> {
  const { store, admin } = site;
  const items = options.items ?? LARGE_ITEMS;
  const repeat = options.repeat ?? 7;
  const rows: BenchRow[] = [await seedLargeList(store, admin, items)];
  const size = items.toLocaleString('en');
  const key = `K${String(Math.floor(items / 2)).padStart(6, '0')}`;
  const list = admin.web.lists.getByTitle(LARGE_LIST);
  const lookupPath = `web/lists/getbytitle('${LARGE_LIST}')/items?$filter=Key eq '${key}'&$top=1`;
  const found = (r: unknown) => (Array.isArray(r) && r.length === 1 ? 'found' : 'NOT FOUND');
  rows.push(
    await measure(
      store,
      `store: ${size} items, one by its unique indexed key (HTTP + @pnp/sp)`,
      () => list.items.filter(`Key eq '${key}'`).top(1)(),
      {
        id: 'store.large.lookupByKey',
        repeat: repeat * 3,
        note: (r) => `${found(r)}, median of ${repeat * 3}`,
      },
    ),
  );
  rows.push(
    measureInProcess(
      `store: ${size} items, one by its unique indexed key (in-process)`,
      'store.large.lookupByKey.inProcess',
      repeat * 15,
      () => JSON.parse(store.callInProcess('GET', lookupPath, ADMIN).body) as { value: unknown[] },
      (r) => `${found((r as { value: unknown[] }).value)}, median of ${repeat * 15}`,
    ),
  );
  const pageAll = async () => {
    let n = 0;
    for await (const page of list.items.top(5000)) n += (page as unknown[]).length;
    return n;
  };
  const perSecond = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString('en')} items/s`;
  const paged = await measure(store, `store: page through all ${size} items, full rows (HTTP + @pnp/sp)`, pageAll, {
    id: 'store.large.pageAll',
    repeat: 3,
    note: (r) => `${String(r)} rows`,
  });
  rows.push({ ...paged, note: `${paged.note}, ${perSecond(items, paged.ms)}` });
  const pagedIn = measureInProcess(
    `store: page through all ${size} items, full rows (in-process)`,
    'store.large.pageAll.inProcess',
    3,
    () => pageAllInProcess(store, `web/lists/getbytitle('${LARGE_LIST}')/items?$top=5000`),
    (r) => `${String(r)} rows`,
  );
  rows.push({ ...pagedIn, note: `${pagedIn.note}, ${perSecond(items, pagedIn.ms)}` });

  // Another client (a worker thread of its own, so its JSON parsing does not share this event loop
  // with the store) pages the whole list while this one looks items up one at a time: how long a
  // lookup waits behind the pages (each page is one synchronous read of 5,000 rows).
  const waits: number[] = [];
  const pager = pageInWorker(`${store.siteUrl}/_api/web/lists/getbytitle('${LARGE_LIST}')/items?$top=5000`, createLocalToken(ADMIN));
  let paging = true;
  const background = pager.finally(() => (paging = false));
  let i = 0;
  while (paging) {
    const k = `K${String((i++ * 7919) % items).padStart(6, '0')}`;
    const start = performance.now();
    await list.items.filter(`Key eq '${k}'`).top(1)();
    waits.push(performance.now() - start);
  }
  const pagedRows = await background;
  if (pagedRows !== items) throw new Error(`the other client read ${pagedRows} of ${items} items`);
  waits.sort((a, b) => a - b);
  const pct = (p: number) => waits[Math.min(waits.length - 1, Math.ceil((p / 100) * waits.length) - 1)] ?? 0;
  rows.push({
    id: 'store.large.lookupWhilePaging',
    name: `store: lookup by key while another client pages all ${size} items (p95)`,
    ms: pct(95),
    roundTrips: 1,
    note: `${waits.length} lookups, p50 ${pct(50).toFixed(1)} ms, max ${pct(100).toFixed(1)} ms`,
  });
  return rows;
}
