/**
 * `npm run bench`: figures for the data foundation at municipal scale, against the local store
 * through the same @pnp/sp repositories the product uses, printed against test/bench/budgets.json;
 * writes test-results/bench.json and exits 1 when a budget is exceeded (times only at full scale).
 *
 *   BENCH_SCALE=0.1 npm run bench        # a tenth of the full size, for a quick look
 *   npm run bench -- --only store        # just the local store's query figures (store.ts)
 *   npm run bench -- --only views        # everything but those
 *   npm run bench -- --only tab          # just the tab (tab.ts): its build, cold loads on demo data
 */
import { performance } from 'node:perf_hooks';
import { startLocalSharePoint } from '../../src/server/local-sharepoint/index.js';
import { createSp } from '../../src/shared/data/sp.js';
import { createRepositories, inBatch, where } from '../../src/shared/data/index.js';
import { createLocalToken } from '../../src/shared/auth/local-token.js';
import { provisionSite } from '../../src/provisioning/provision.js';
import { generateScaleData } from '../../src/demo/scale.js';
import { buildReport, renderReport } from '../../src/server/reports/run.js';
import { stockholmYear } from '../../src/domain/calendar.js';
import { seedSite } from '../../src/demo/seed.js';
import { emptyFilters } from '../../src/features/systems/api/register-query.js';
import { readRegister, readRegisterStart } from '../../src/features/systems/api/register-read.js';
import { importRegister } from '../../src/register-io/import-register.js';
import type { Table } from '../../src/register-io/read-table.js';
import { allTasks } from '../../src/server/tasks/load.js';
import { loadMyTraining, loadTrainingSite, trainingSiteReader } from '../../src/server/training/load.js';
import { computeCompliance } from '../../src/domain/training/index.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startBot } from '../../src/bot/index.js';
import { benchStore, errorText, type BenchRow } from './store.js';
import { benchViews } from './views.js';
import { benchTab } from './tab.js';
import { startLocalStack } from '../../src/cli/local-stack.js';
import { budgetText, checkBudgets, loadBudgets, writeResults } from './budgets.js';

const ADMIN = 'admin@exempelkommun.se';
const scale = Number(process.env.BENCH_SCALE ?? 1);
const sizes = {
  staff: Math.round(10_000 * scale),
  systems: Math.round(2_000 * scale),
  incidents: Math.round(20_000 * scale),
  completions: Math.round(100_000 * scale),
};

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const rows: BenchRow[] = [];
function report(name: string, ms: number, roundTrips: number, extra = '', id?: string): void {
  rows.push({ id, name, ms, roundTrips, note: extra });
}

async function main(): Promise<void> {
  try {
    if (only !== 'views' && only !== 'tab') rows.push(...(await benchStore({ scale })));
    if (only !== 'store' && only !== 'tab') await views();
    if (only !== 'store') await tabOnDemo();
  } finally {
    // A failed measurement still leaves the figures taken before it (the error follows them).
    finish();
  }
}

/**
 * Where a seeded scale site is kept between runs: seeding 175,000 items takes most of a full run, and
 * the data is the same for the same scale, schema and generator. `BENCH_CACHE=off` seeds every time.
 */
function seededCache(): { dir: string; hit: boolean } | null {
  if (process.env.BENCH_CACHE === 'off') return null;
  const hash = createHash('sha256').update(String(scale));
  for (const f of ['manifest/site-schema.ts', 'src/demo/scale.ts', 'src/demo/seed.ts', 'src/server/local-sharepoint/storage.ts'])
    hash.update(readFileSync(new URL(`../../${f}`, import.meta.url)));
  const dir = join(process.env.BENCH_CACHE ?? join(tmpdir(), 'systemkoll-bench-cache'), hash.digest('hex').slice(0, 16));
  return { dir, hit: existsSync(join(dir, 'complete')) };
}

async function views(): Promise<void> {
  // Provisioning is measured on an empty site of its own, whatever the data below.
  {
    const empty = await startLocalSharePoint({ port: 0 });
    const sp = createSp({ siteUrl: empty.siteUrl, getToken: async () => createLocalToken(ADMIN) });
    let t = performance.now();
    empty.stats.reset();
    await provisionSite(sp);
    report('provision empty site', performance.now() - t, empty.stats.requests);
    t = performance.now();
    empty.stats.reset();
    const again = await provisionSite(sp);
    report('provision again (no changes)', performance.now() - t, empty.stats.requests, `${again.changes.length} changes`);
    await empty.close();
  }

  let t = performance.now();
  const data = generateScaleData({ seed: 7, now: new Date('2026-11-21T12:00:00Z'), ...sizes });
  report(
    'scale data generated (in memory)',
    performance.now() - t,
    0,
    `${data.systems.length} systems, ${data.incidents.length} incidents`,
  );
  // The bench writes (submits, imports), so it runs on a copy of the cached site.
  const cache = seededCache();
  const dataDir = cache ? mkdtempSync(join(tmpdir(), 'systemkoll-bench-')) : undefined;
  if (cache?.hit) cpSync(cache.dir, dataDir!, { recursive: true });
  let store = await startLocalSharePoint({ port: 0, dataDir });
  const spAs = (upn: string) => createSp({ siteUrl: store.siteUrl, getToken: async () => createLocalToken(upn) });
  let admin = spAs(ADMIN);
  let repos = createRepositories(admin);
  store.addDirectoryUsers(data.people.map((p) => ({ upn: p.upn, displayName: p.displayName, email: p.email })));
  if (cache?.hit) {
    report('seed scale data: reused', 0, 0, `cached in ${cache.dir} (BENCH_CACHE=off seeds again)`);
  } else {
    await provisionSite(admin);
    t = performance.now();
    store.stats.reset();
    const counts: Record<string, number> = {};
    await seedSite(repos, data, {
      onProgress: (line: string) => {
        const m = /^(\w+): (\d+)/.exec(line);
        if (m) counts[m[1]!] = Number(m[2]);
      },
    });
    const seedMs = performance.now() - t;
    const written =
      data.staff.length +
      data.systems.length +
      data.incidents.length +
      data.trainingCompletions.length +
      data.timeline.length +
      data.actions.length;
    report(
      'seed scale data via $batch',
      seedMs,
      store.stats.requests,
      `${written} items, ${Math.round(written / (seedMs / 1000))} items/s`,
    );
    if (cache && dataDir) {
      // Closed first, so the copy holds every write (SQLite's WAL is checkpointed on close).
      await store.close();
      mkdirSync(dirname(cache.dir), { recursive: true });
      rmSync(cache.dir, { recursive: true, force: true });
      cpSync(dataDir, cache.dir, { recursive: true });
      writeFileSync(join(cache.dir, 'complete'), new Date().toISOString());
      store = await startLocalSharePoint({ port: 0, dataDir });
      admin = spAs(ADMIN);
      repos = createRepositories(admin);
      store.addDirectoryUsers(data.people.map((p) => ({ upn: p.upn, displayName: p.displayName, email: p.email })));
    }
  }

  const stig = (await repos.users.ensure(data.people[10]!.upn)).id;
  const measure = async (name: string, run: () => Promise<unknown[] | unknown>, repeat = 5, id?: string) => {
    const times: number[] = [];
    let size = 0;
    let trips = 0;
    for (let i = 0; i < repeat; i++) {
      store.stats.reset();
      const start = performance.now();
      let result: unknown;
      try {
        result = await run();
      } catch (e) {
        rows.push({ id, name, ms: performance.now() - start, roundTrips: store.stats.requests, note: 'FAILED', error: errorText(e) });
        return;
      }
      times.push(performance.now() - start);
      trips = store.stats.requests;
      size = Array.isArray(result) ? result.length : 1;
    }
    times.sort((a, b) => a - b);
    report(name, times[Math.floor(times.length / 2)]!, trips, `${size} rows (median of ${repeat})`, id);
  };

  await measure('systems owned by one person (indexed)', () =>
    repos.systems.list({ filter: where('systems').eq('systemOwner', { id: stig }) }),
  );
  await measure('open incidents, newest first, top 100', () =>
    repos.incidents.list({
      filter: where('incidents').ne('status', 'avslutad'),
      orderBy: [{ key: 'reportedAt', ascending: false }],
      top: 100,
    }),
  );
  await measure('one person’s training completions', () =>
    repos.trainingCompletions.list({ filter: where('trainingCompletions').eq('person', { id: stig }) }),
  );
  await measure('completions expiring within 30 days', () =>
    repos.trainingCompletions.list({
      filter: where('trainingCompletions').and(
        where('trainingCompletions').ge('expiresAt', '2026-11-21'),
        where('trainingCompletions').lt('expiresAt', '2026-12-21'),
      ),
    }),
  );
  await measure('system search "Ek" (startswith, indexed)', () => repos.systems.search('Ek', 10));
  await measure('who am I + roles', () => repos.me.current());
  await measure('permission self-check, 9 lists', () => repos.permissions.selfCheck());
  await measure(
    '"Mina uppgifter" reads in one $batch',
    () =>
      inBatch(admin, (b) =>
        Promise.all([
          b.systems.list({ filter: where('systems').eq('systemOwner', { id: stig }) }),
          b.incidents.list({ filter: where('incidents').eq('assignee', { id: stig }), top: 100 }),
          b.trainingCompletions.list({ filter: where('trainingCompletions').eq('person', { id: stig }) }),
          b.trainingCourses.list(),
        ]),
      ),
    5,
    'myTasks.batch',
  );
  // The register page's exact reads (src/features/systems/api/register-read.ts): narrow columns,
  // departments for the filter in the same $batch; the full-record read it replaced, for comparison.
  const { sort: _sort, descending: _descending, ...noFilters } = emptyFilters;
  const registerInput = { filters: noFilters, today: '2026-11-21', meId: null };
  const page = { sp: admin, repos };
  await measure('register list: samhällsviktig in one förvaltning', () =>
    readRegisterStart(page, { ...registerInput, filters: { ...noFilters, societal: true, dept: data.departments[0]!.code ?? null } }).then(
      (p) => p.rows,
    ),
  );
  await measure('register list sorted by owner (every row, narrow)', () => readRegister(page, registerInput).then((p) => p.rows));
  await measure('register as full records (the list before)', () => repos.systems.list({ orderBy: [{ key: 'title' }] }));
  // The system page: the record (one round trip; opened from the list it is already there).
  const someSystem = (await repos.systems.list({ top: 1, orderBy: [{ key: 'title' }] }))[0]!;
  await measure('system page: one full record', () => repos.systems.get(someSystem.id));
  await measure('all training completions (paged, 5,000 per trip)', () => repos.trainingCompletions.all(), 1);

  // Training (issue 11): the compliance dashboard's data (everyone's, each list once, paged; then
  // the pure computation with its 12-month trend), Min utbildning, and the compliance CLI as a process.
  {
    const heapMb = () => process.memoryUsage().heapUsed / 2 ** 20;
    global.gc?.();
    const heap0 = heapMb();
    store.stats.reset();
    let t0 = performance.now();
    const trainingSite = await loadTrainingSite(repos);
    const readMs = performance.now() - t0;
    const readTrips = store.stats.requests;
    t0 = performance.now();
    const compliance = computeCompliance(trainingSite.model, { today: '2026-11-21', leadDays: trainingSite.leadDays });
    const computeMs = performance.now() - t0;
    report(
      'compliance dashboard: read everyone (staff, completions, courses …)',
      readMs,
      readTrips,
      `${trainingSite.model.roster.length} staff, +${(heapMb() - heap0).toFixed(0)} MB heap held`,
    );
    // The dashboard's host reads again after its cache minute: only the completions added since.
    const reader = trainingSiteReader(repos, { now: () => new Date() });
    await reader();
    store.stats.reset();
    t0 = performance.now();
    const again = await reader();
    report(
      'compliance dashboard: read again (completions added since only)',
      performance.now() - t0,
      store.stats.requests,
      `${again.completionsRead} completions read, ${again.model.roster.length} staff`,
    );
    report(
      'compliance dashboard: compute (total, förvaltningar, audiences, courses, 12 months)',
      computeMs,
      0,
      `share ${compliance.total.share}, ${compliance.gaps.length} gaps`,
    );
    const someone = data.people[42]!;
    const user = await repos.users.ensure(someone.upn);
    await measure(
      'Min utbildning: one person in one $batch',
      () =>
        loadMyTraining(admin, { id: user.id, email: user.email || someone.upn, title: user.title }, new Date('2026-11-21T12:00:00Z')).then(
          (m) => m.model.courses,
        ),
      5,
      'training.mine',
    );
    store.stats.reset();
    t0 = performance.now();
    const cli = await promisify(execFile)(
      '/usr/bin/time',
      [
        '-f',
        '%M',
        process.execPath,
        '--import',
        'tsx',
        'src/cli/report.ts',
        'compliance',
        '--site',
        store.siteUrl,
        '--json',
        '--auth',
        'local',
      ],
      { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 },
    );
    const maxRssKb = Number(/(\d+)\s*$/.exec(cli.stderr)?.[1] ?? NaN);
    report(
      'npm run report -- compliance --json (process, tsx start included)',
      performance.now() - t0,
      store.stats.requests,
      `${(maxRssKb / 1024).toFixed(0)} MB max RSS, ${(JSON.parse(cli.stdout) as { departments: unknown[] }).departments.length} förvaltningar`,
    );
  }

  // Tasks (src/server/tasks over src/domain/tasks): everyone's — each list read once, paged — and
  // one person's (two $batch round trips), for the busiest assignee and a coordinator.
  const taskNow = new Date('2026-11-21T12:00:00Z');
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let peakHeap = heapBefore;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 5);
  store.stats.reset();
  t = performance.now();
  const everyone = await allTasks(repos, taskNow);
  const allMs = performance.now() - t;
  clearInterval(sampler);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  report(
    'tasks: everyone (all lists once, paged)',
    allMs,
    store.stats.requests,
    `${everyone.tasks.length} tasks, +${Math.round((peakHeap - heapBefore) / 1e6)} MB heap`,
  );
  const perAssignee = new Map<string, number>();
  for (const task of everyone.tasks) for (const a of task.assignees) perAssignee.set(a, (perAssignee.get(a) ?? 0) + 1);
  const busiest = [...perAssignee.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? data.people[10]!.upn;
  // The views' own reads (views.ts): register cold load, one person's tasks, the incident list.
  rows.push(...(await benchViews({ store, admin, repos, data }, { busiest })));
  // The tab on the scale data (tab.ts): every page's cold load and round trips, as the scale personas.
  store.setPersonas(data.personas);
  rows.push(...(await benchTab(store, { data: 'scale' })));

  // The message extension on the scale data: fetchTask, submitAction and query through the bot
  // host's /api/messages, at 1 and 20 at a time. A stand-in connector answers member lookups.
  const connector = createServer((req, res) => {
    const m = /\/members\/29%3Ap(\d+)|\/members\/29:p(\d+)/.exec(req.url ?? '');
    const person = m ? data.people[Number(m[1] ?? m[2])] : undefined;
    res.writeHead(person ? 200 : 404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(person ? { id: `29:p`, userPrincipalName: person.upn, email: person.email, name: person.displayName } : {}));
  });
  await new Promise<void>((r) => connector.listen(0, '127.0.0.1', () => r()));
  const connectorUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;
  const bot = await startBot({
    mode: 'local',
    port: 0,
    host: '127.0.0.1',
    localStoreUrl: store.url,
    siteUrl: store.siteUrl,
    log: () => undefined,
  });
  let n = 0;
  // 500 different callers (fewer on a small scale set), past the first 20 people.
  const caller = (i: number) => 20 + (i % Math.min(500, data.people.length - 20));
  const activity = (name: string, value: unknown, person: number) => ({
    type: 'invoke',
    name,
    id: `bench-${++n}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: connectorUrl,
    locale: 'sv-SE',
    from: { id: `29:p${person}`, name: data.people[person]!.displayName, aadObjectId: `aad-${person}` },
    recipient: { id: '28:systemkoll', name: 'Systemkoll' },
    conversation: { id: `a:bench-${person}`, conversationType: 'personal', tenantId: '00000000-0000-0000-0000-000000000001' },
    channelData: { tenant: { id: '00000000-0000-0000-0000-000000000001' } },
    value,
  });
  const messagePayload = {
    id: '1',
    body: { contentType: 'text', content: 'Konstigt mejl som ber om inloggning' },
    from: { user: { displayName: 'Okänd' } },
  };
  const invoke = async (body: unknown) => {
    const res = await fetch(bot.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const text = await res.text();
    return { ok: res.status === 200 && !text.includes('kunde inte'), text };
  };
  const calls: Record<string, (i: number) => unknown> = {
    fetchTask: (i) =>
      activity('composeExtension/fetchTask', { commandId: 'reportIncident', commandContext: 'message', messagePayload }, caller(i)),
    submitAction: (i) =>
      activity(
        'composeExtension/submitAction',
        {
          commandId: 'reportIncident',
          commandContext: 'message',
          messagePayload: { ...messagePayload, id: `bench-${i}` },
          data: { title: `Bänktest ${i}`, description: 'Mätning av inskick', personalData: 'nej', systemIds: '' },
        },
        caller(i),
      ),
    query: (i) =>
      activity(
        'composeExtension/query',
        {
          commandId: 'findSystem',
          parameters: [{ name: 'searchText', value: ['Ek', 'Lön', 'Sko', 'Vår', 'Bib'][i % 5] }],
          queryOptions: { skip: 0, count: 10 },
        },
        caller(i),
      ),
  };
  const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  for (const [name, make] of Object.entries(calls)) {
    for (const concurrency of [1, 20]) {
      const total = concurrency === 1 ? 40 : 200;
      const times: number[] = [];
      let failures = 0;
      let next = 0;
      store.stats.reset();
      const worker = async () => {
        while (next < total) {
          const i = next++;
          const t0 = performance.now();
          const r = await invoke(make(i + concurrency * 1000)).catch(() => ({ ok: false, text: '' }));
          times.push(performance.now() - t0);
          if (!r.ok) failures++;
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      times.sort((a, b) => a - b);
      report(
        `message extension ${name}, ${concurrency} at a time`,
        pct(times, 50),
        Math.round(store.stats.requests / total),
        `p95 ${pct(times, 95).toFixed(0)} ms, p99 ${pct(times, 99).toFixed(0)} ms, ${failures} failed of ${total}`,
      );
    }
  }
  await bot.close();
  await new Promise<void>((r) => connector.close(() => r()));

  // The yearly report to the board (src/server/reports, the code behind npm run report): load every
  // list once in indexed windows, compose, then render .docx (charts drawn to PNG) and .xlsx; the
  // heap's peak over the run above where it started (sampled, as for the tasks).
  {
    const reportNow = new Date();
    const year = stockholmYear(reportNow) - 1;
    store.stats.reset();
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let peak = heapBefore;
    const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
    const t0 = performance.now();
    const built = await buildReport(admin, { kind: 'yearly', year }, reportNow);
    const loadMs = performance.now() - t0;
    const trips = store.stats.requests;
    const t1 = performance.now();
    const files = await Promise.all([renderReport(built, 'docx'), renderReport(built, 'xlsx')]);
    const renderMs = performance.now() - t1;
    clearInterval(sample);
    const heapMb = Math.round((Math.max(peak, process.memoryUsage().heapUsed) - heapBefore) / 1e6);
    const incidents = built.report.kind === 'yearly' ? built.report.sections.incidents.total : 0;
    report(
      `yearly report ${year}: load + compose`,
      loadMs,
      trips,
      `${incidents} incidents, ${built.stats.batches} window batches, ${built.stats.splits} splits, heap peak +${heapMb} MB (load, compose, render)`,
    );
    report(
      'yearly report: render .docx + .xlsx',
      renderMs,
      0,
      `${Math.round(files[0].length / 1024)} kB + ${Math.round(files[1].length / 1024)} kB`,
    );
  }
  // Register import (src/register-io, the same code as npm run import and the admin page): 2,000
  // new systems, then the same file again (nothing to write).
  const importRows = 2000;
  const table: Table = {
    headers: ['Systemnamn', 'Leverantör', 'Förvaltare', 'Samhällsviktig', 'Klassning'],
    rows: Array.from({ length: importRows }, (_, i) => ({
      row: i + 2,
      cells: [`Importerat system ${i + 1}`, `Leverantör ${i % 37} AB`, data.people[i % 50]!.upn, i % 9 === 0 ? 'JA' : 'nej', 'K2 R2 T3 S1'],
    })),
  };
  const writeSp = createSp({ siteUrl: store.siteUrl, getToken: async () => createLocalToken(ADMIN), retries: 1 });
  for (const [name, dryRun] of [
    [`register import dry run, ${importRows.toLocaleString('en')} rows`, true],
    [`register import, ${importRows.toLocaleString('en')} new rows`, false],
    [`register re-import, ${importRows.toLocaleString('en')} rows unchanged`, false],
  ] as const) {
    store.stats.reset();
    const t0 = performance.now();
    const result = await importRegister({ sp: admin, writeSp, table, dryRun });
    report(
      name,
      performance.now() - t0,
      store.stats.requests,
      `${result.created} new, ${result.unchanged} unchanged, ${result.errors} errors`,
    );
  }

  await store.close();
}

/** The tab on the demo municipality (as `npm start` serves it): its build and every page's cold load. */
async function tabOnDemo(): Promise<void> {
  const stack = await startLocalStack({ seed: 'demo' });
  try {
    rows.push(...(await benchTab(stack.store, { data: 'demo', bundle: true })));
  } finally {
    await stack.close();
  }
}

/** Prints every figure against its budget, writes test-results/bench.json, exits 1 when over. */
function finish(): void {
  const times = scale === 1;
  const { rows: checked, failures } = checkBudgets(rows, loadBudgets(), { times });
  const width = [56, 10, 12, 30, 44];
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(width[i]!) : c.padStart(width[i]!))).join(' ');
  console.log(`\nSystemkoll benchmark (scale ${scale}: ${JSON.stringify(sizes)}${only ? `, only ${only}` : ''})\n`);
  console.log(line(['operation', 'ms (p50)', 'round trips', 'budget', 'notes']));
  for (const r of checked) {
    const mark = r.over.length ? `  OVER: ${r.over.join(', ')}` : '';
    console.log(line([r.name, r.ms.toFixed(1), String(r.roundTrips), budgetText(r.budget, times), r.note]) + mark);
  }
  const file = 'test-results/bench.json';
  writeResults(file, { at: new Date().toISOString(), scale, sizes, only: only ?? null, timesChecked: times, failures, rows: checked });
  console.log(
    failures.length
      ? `\n${failures.length} over budget (${file}):\n  ${failures.join('\n  ')}`
      : `\nEvery budgeted figure within budget${times ? '' : ' (round trips; times are checked at BENCH_SCALE=1)'} (${file}).`,
  );
  if (failures.length) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
