/**
 * The tab's figures (issue 13): a production build of the tab, its initial JavaScript on the Teams
 * path (from the build's manifest), and a cold load to content of every page in headless Chromium —
 * a fresh browser context each time (no cache, no storage), the median of `repeat` loads — with the
 * SharePoint round trips each view makes, start-up included.
 *
 *   npm run bench -- --only tab     # demo data (Exempelkommun); the full bench adds the scale data
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import type { Browser } from 'playwright-core';
import type { LocalSharePoint } from '../../src/server/local-sharepoint/index.js';
import { startTabHost, type RunningTabHost } from '../../src/server/tab/host.js';
import { startBot, type RunningBot } from '../../src/bot/index.js';
import { createSp } from '../../src/shared/data/sp.js';
import { createRepositories } from '../../src/shared/data/index.js';
import { createLocalToken } from '../../src/shared/auth/local-token.js';
import { ADMIN, errorText } from './store.js';
import type { Measured } from './budgets.js';
import { freePort, launchChromium } from '../browser/harness.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

// ---------------------------------------------------------------------------------------------
// Initial JavaScript on the Teams path, from the build's manifest
// ---------------------------------------------------------------------------------------------

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/** The chunks a chunk needs before it runs: itself and its static imports, transitively. */
function closure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  if (into.has(key)) return into;
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} saknas i byggets manifest`);
  into.add(key);
  for (const dep of chunk.imports ?? []) closure(manifest, dep, into);
  return into;
}

export interface TabBundle {
  /** Every JavaScript file of the build, KB gzip. */
  totalKb: number;
  jsFiles: number;
  /** The entry and its static imports (what index.html loads). */
  entryKb: number;
  teamsJsKb: number;
  msalKb: number;
  /** Entry + teams-js + MSAL + the start page (Mina uppgifter): what loads before first content in Teams. */
  teamsPathKb: number;
  /** The same for every page: entry + teams-js + MSAL + that page's chunks (by route source). */
  teamsPathByPage: Record<string, number>;
  /** Page components that are chunks of their own (dynamic entries), by source path. */
  pageChunks: string[];
  /** Page components found in the entry's static closure (should be none). */
  pagesInEntry: string[];
}

const PAGE_SOURCE = /\/features\/[^/]+\/components\/[^/]+\.tsx$/;

/** Reads `<distDir>/.vite/manifest.json` (the build must be made with `build.manifest`). */
export function analyseBundle(distDir: string): TabBundle {
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const sizes = new Map<string, number>();
  const kb = (keys: Iterable<string>) => {
    let bytes = 0;
    const files = new Set([...keys].map((k) => manifest[k]!.file));
    for (const file of files) {
      if (!file.endsWith('.js')) continue;
      if (!sizes.has(file)) sizes.set(file, gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length);
      bytes += sizes.get(file)!;
    }
    return Math.round((bytes / 1024) * 10) / 10;
  };
  const find = (test: (key: string) => boolean, what: string) => {
    const key = Object.keys(manifest).find(test);
    if (!key) throw new Error(`${what} finns inte bland byggets delar`);
    return key;
  };
  const entryKey = find((k) => manifest[k]!.isEntry === true && k.endsWith('index.html'), 'index.html');
  const teamsKey = find((k) => k.endsWith('shared/teams/teams-sdk.ts') || k.includes('@microsoft/teams-js'), 'teams-js');
  const msalKey = find((k) => k.endsWith('shared/auth/msal-token.ts'), 'MSAL');
  // The start page's chunk; a build without per-route chunks has it in the entry.
  const startKey = Object.keys(manifest).find((k) => k.endsWith('features/my-tasks/components/MyTasksPage.tsx')) ?? entryKey;
  const entry = closure(manifest, entryKey);
  const base = new Set([...entry, ...closure(manifest, teamsKey), ...closure(manifest, msalKey)]);
  const pageKeys = Object.keys(manifest).filter((k) => PAGE_SOURCE.test(k) && manifest[k]!.isDynamicEntry);
  const teamsPathByPage: Record<string, number> = {};
  for (const key of pageKeys) teamsPathByPage[key.replace(/^.*\/features\//, '')] = kb(closure(manifest, key, new Set(base)));
  const allJs = Object.keys(manifest).filter((k) => manifest[k]!.file.endsWith('.js'));
  return {
    totalKb: kb(allJs),
    jsFiles: new Set(allJs.map((k) => manifest[k]!.file)).size,
    entryKb: kb(entry),
    teamsJsKb: kb([...closure(manifest, teamsKey)].filter((k) => !entry.has(k))),
    msalKb: kb([...closure(manifest, msalKey)].filter((k) => !entry.has(k))),
    teamsPathKb: kb(closure(manifest, startKey, new Set(base))),
    teamsPathByPage,
    pageChunks: pageKeys.map((k) => k.replace(/^.*\/features\//, '')).sort(),
    pagesInEntry: [...entry].filter((k) => PAGE_SOURCE.test(manifest[k]?.src ?? k)),
  };
}

// ---------------------------------------------------------------------------------------------
// The tab against a store: API (bot host), tab host, production build
// ---------------------------------------------------------------------------------------------

interface TabSite {
  tabUrl: string;
  apiUrl: string;
  distDir: string;
  buildMs: number;
  close(): Promise<void>;
}

/** The bot host (the Systemkoll API), the tab host and a production build of the tab pointed at `store`. */
async function startTabSite(store: LocalSharePoint): Promise<TabSite> {
  const distDir = await mkdtemp(join(tmpdir(), 'systemkoll-bench-tab-'));
  let host: RunningTabHost | undefined;
  let bot: RunningBot | undefined;
  try {
    const botPort = await freePort();
    const apiUrl = `http://127.0.0.1:${botPort}`;
    await writeFile(join(distDir, 'index.html'), '<!doctype html><title>Systemkoll</title>');
    host = await startTabHost({ distDir, connectSources: [store.url, apiUrl] });
    bot = await startBot({
      mode: 'local',
      port: botPort,
      host: '127.0.0.1',
      siteUrl: store.siteUrl,
      localStoreUrl: store.url,
      apiOrigins: [host.url],
      env: {},
      log: () => undefined,
    });
    // The build `npm start` serves (local mode, pointed at this store and API), plus its manifest.
    Object.assign(process.env, {
      VITE_SYSTEMKOLL_MODE: 'local',
      VITE_LOCAL_SP_URL: store.url,
      VITE_SP_SITE_URL: '',
      VITE_SYSTEMKOLL_API_URL: apiUrl,
      VITE_TEAMS_APP_ID: '00000000-0000-4000-8000-000000000001',
    });
    const t = performance.now();
    await build({
      configFile: join(repoRoot, 'vite.config.ts'),
      logLevel: 'error',
      build: { outDir: distDir, emptyOutDir: true, sourcemap: false, manifest: true },
    });
    const buildMs = performance.now() - t;
    const [h, b] = [host, bot];
    return {
      tabUrl: h.url,
      apiUrl,
      distDir,
      buildMs,
      async close() {
        await h.close();
        await b.close();
        await rm(distDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await host?.close();
    await bot?.close();
    await rm(distDir, { recursive: true, force: true });
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Cold loads
// ---------------------------------------------------------------------------------------------

type PersonaRole = 'admin' | 'employee' | 'systemOwner';

/**
 * One page and what proves its content is there: `content` (a CSS selector) visible and no loading
 * spinner left on the page. The selector is the page's data where every dataset has some (a table,
 * the severity model, the report preview), else its main heading, which pages render with their data.
 */
export interface PageCase {
  name: string;
  path: string;
  persona: PersonaRole;
  content: string;
}

const tid = (id: string) => `[data-testid="${id}"]`;

/** Every page of the tab, with records of `store` for the pages that show one. */
export async function pageCases(store: LocalSharePoint): Promise<PageCase[]> {
  const repos = createRepositories(createSp({ siteUrl: store.siteUrl, getToken: async () => createLocalToken(ADMIN) }));
  const [systems, incidents, modules] = await Promise.all([
    repos.systems.list({ top: 1, orderBy: [{ key: 'title' }] }),
    repos.incidents.list({ top: 1 }),
    repos.courseModules.list({ top: 1 }),
  ]);
  const system = systems[0]?.id;
  const incident = incidents[0]?.id;
  const course = (modules[0] as { course?: { id: number } | null } | undefined)?.course?.id;
  const heading = 'main h1';
  const cases: (PageCase | false)[] = [
    { name: 'tasks', path: '/tasks', persona: 'admin', content: tid('my-tasks') },
    { name: 'overview', path: '/overview', persona: 'admin', content: tid('overview-totals') },
    { name: 'outbox', path: '/outbox', persona: 'admin', content: heading },
    { name: 'systems', path: '/systems', persona: 'admin', content: tid('systems-table') },
    { name: 'system-new', path: '/systems/new', persona: 'admin', content: tid('system-form') },
    !!system && { name: 'system-detail', path: `/systems/${system}`, persona: 'admin', content: tid('system-sections') },
    !!system && { name: 'system-requirements', path: `/systems/${system}/requirements`, persona: 'admin', content: heading },
    { name: 'requirements', path: '/requirements', persona: 'admin', content: tid('catalogue-table') },
    { name: 'restore-order', path: '/restore-order', persona: 'admin', content: tid('restore-order-table') },
    { name: 'incidents', path: '/incidents', persona: 'admin', content: tid('incidents-table') },
    { name: 'incident-new', path: '/incidents/new', persona: 'employee', content: tid('report-title') },
    !!incident && { name: 'incident-detail', path: `/incidents/${incident}`, persona: 'admin', content: tid('severity-model') },
    { name: 'training', path: '/training', persona: 'admin', content: tid('courses-table') },
    !!course && { name: 'course', path: `/training/courses/${course}`, persona: 'employee', content: tid('course-step-title') },
    { name: 'reports', path: '/reports', persona: 'admin', content: tid('report-preview') },
    { name: 'devices', path: '/devices', persona: 'systemOwner', content: heading },
    { name: 'admin', path: '/admin', persona: 'admin', content: tid('permissions-table') },
  ];
  return cases.filter((c): c is PageCase => c !== false);
}

/**
 * Runs in the page before its own scripts: the persona chosen, and the moment of content — the
 * selector visible and no loading spinner left — as `window.__contentAt` (ms from navigation start).
 * (Spinners, not every progressbar: the course player shows its progress as one.)
 */
function contentProbe(persona: string, selector: string): string {
  return `
    try { localStorage.setItem('systemkoll.persona', ${JSON.stringify(persona)}); } catch {}
    new MutationObserver(() => {
      if (window.__contentAt !== undefined) return;
      const el = document.querySelector(${JSON.stringify(selector)});
      if (!el || !el.checkVisibility()) return;
      if (document.querySelector('.fui-Spinner')) return;
      window.__contentAt = performance.now();
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });`;
}

const QUIET_MS = 250;

interface Load {
  ms: number;
  /** When the first SharePoint request left, ms after the navigation began. */
  firstRequestMs: number;
  sharePoint: string[];
  api: number;
  startUp: number;
}

/** One cold load in a fresh context: ms from navigation start to content, and what the view asked for. */
async function coldLoad(browser: Browser, site: TabSite, store: LocalSharePoint, pc: PageCase, upn: string): Promise<Load> {
  const context = await browser.newContext({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
  try {
    // A string, not a function: the bench runs under tsx, whose helpers do not exist in the page.
    await context.addInitScript(contentProbe(upn, pc.content));
    const page = await context.newPage();
    const sharePoint: string[] = [];
    let api = 0;
    let startUp = 0;
    let firstRequestMs = NaN;
    const began = performance.now();
    let inflight = 0;
    let quietSince = began;
    const done = () => {
      inflight--;
      if (inflight === 0) quietSince = performance.now();
    };
    page.on('requestfinished', done);
    page.on('requestfailed', done);
    page.on('request', (r) => {
      inflight++;
      const url = r.url();
      if (r.method() === 'OPTIONS') return;
      if (url.startsWith(store.url) && url.includes('/_api/') && !sharePoint.length) firstRequestMs = performance.now() - began;
      if (url.startsWith(store.url) && url.includes('/_api/'))
        sharePoint.push(`${r.method()} ${decodeURIComponent(url.slice(store.url.length))}`);
      else if (url.startsWith(`${store.url}/_local/`)) startUp++;
      else if (url.startsWith(`${site.apiUrl}/api/v1/`)) api++;
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${site.tabUrl}${pc.path}?lang=sv`, { waitUntil: 'commit' });
    const handle = await page
      // An anonymous function (the page's CSP refuses strings; tsx names what is assigned to a const).
      .waitForFunction(() => (window as unknown as { __contentAt?: number }).__contentAt, undefined, { timeout: 20_000, polling: 50 })
      .catch(async (e: unknown) => {
        const shown = await page
          .locator('main')
          .innerText()
          .catch(() => '');
        throw new Error(`${pc.path}: inget innehåll (${pc.content}) – ${shown.slice(0, 200)} ${errors.join('; ')} ${errorText(e)}`);
      });
    const ms = Number(await handle.jsonValue());
    // Whatever the view still asks for after its content (late queries) counts too: wait until
    // nothing has been in flight for QUIET_MS (at most 5 s).
    const until = performance.now() + 5_000;
    while (performance.now() < until && (inflight > 0 || performance.now() - quietSince < QUIET_MS))
      await new Promise((r) => setTimeout(r, 25));
    return { ms, firstRequestMs, sharePoint, api, startUp };
  } finally {
    await context.close();
  }
}

export interface TabBenchOptions {
  /** 'demo' or 'scale': part of each row's id (`tab.coldLoad.<data>.<page>`). */
  data: 'demo' | 'scale';
  repeat?: number;
  /** Pages loaded at a time (1 for timings; the CI smoke, which counts round trips only, uses 2). */
  parallel?: number;
  /** Figures of the build as rows too (once per bench run is enough). */
  bundle?: boolean;
  log?: (line: string) => void;
}

/** The tab's rows against `store` (seeded, personas set). */
export async function benchTab(store: LocalSharePoint, options: TabBenchOptions): Promise<Measured[]> {
  const repeat = options.repeat ?? 7;
  const rows: Measured[] = [];
  const site = await startTabSite(store);
  let browser: Browser | undefined;
  try {
    const bundle = analyseBundle(site.distDir);
    if (options.bundle) {
      const largest = Object.entries(bundle.teamsPathByPage).sort((a, b) => b[1] - a[1])[0];
      rows.push({
        id: 'tab.initialJs.teamsPath',
        name: 'tab: initial JS on the Teams path (KB gzip)',
        ms: 0,
        roundTrips: 0,
        kb: bundle.teamsPathKb,
        note:
          `${bundle.teamsPathKb} KB: entry ${bundle.entryKb} + teams-js ${bundle.teamsJsKb} + MSAL ${bundle.msalKb} + Mina uppgifter; ` +
          `largest ${largest?.[0]} ${largest?.[1]} KB; all JS ${bundle.totalKb} KB in ${bundle.jsFiles} files, ` +
          `${bundle.pageChunks.length} page chunks, ${bundle.pagesInEntry.length} pages in the entry; build ${(site.buildMs / 1000).toFixed(0)} s`,
      });
    }
    const chrome = await launchChromium();
    browser = chrome;
    const personas = (await (await fetch(`${store.url}/_local/personas`)).json()) as { upn: string; role: string }[];
    const upnFor = (role: PersonaRole) => (role === 'admin' ? ADMIN : (personas.find((p) => p.role === role)?.upn ?? ADMIN));
    const chunkOf = (pc: PageCase) =>
      Object.entries(bundle.teamsPathByPage).find(([k]) => pageFile[pc.name] && k.endsWith(pageFile[pc.name]!));
    const cases = await pageCases(store);
    // One unmeasured load first when timing: Chromium's own start-up is not the tab's.
    if (repeat > 1) await coldLoad(chrome, site, store, cases[0]!, upnFor(cases[0]!.persona)).catch(() => undefined);
    const measured = new Map<PageCase, Measured>();
    const measurePage = async (pc: PageCase) => {
      const id = `tab.coldLoad.${options.data}.${pc.name}`;
      const name = `tab cold load (${options.data}): ${pc.path.replace(/\d+/g, ':id')}`;
      const times: number[] = [];
      const firsts: number[] = [];
      let trips = 0;
      let last: Load | undefined;
      try {
        for (let i = 0; i < repeat; i++) {
          last = await coldLoad(chrome, site, store, pc, upnFor(pc.persona));
          times.push(last.ms);
          firsts.push(last.firstRequestMs);
          trips = Math.max(trips, last.sharePoint.length);
        }
      } catch (e) {
        measured.set(pc, { id, name, ms: 0, roundTrips: trips, note: 'FAILED', error: errorText(e) });
        return;
      }
      times.sort((a, b) => a - b);
      firsts.sort((a, b) => a - b);
      const chunk = chunkOf(pc);
      measured.set(pc, {
        id,
        name,
        ms: times[Math.floor(times.length / 2)]!,
        roundTrips: trips,
        note:
          `${pc.content}; first SharePoint request at ${firsts[Math.floor(firsts.length / 2)]!.toFixed(0)} ms; ` +
          `${last!.api} API, ${last!.startUp} start-up calls; median of ${repeat}` +
          (chunk ? `; Teams path ${chunk[1]} KB` : '') +
          (trips > 2 ? `; ${last!.sharePoint.join(' | ')}` : ''),
      });
      options.log?.(`${name}: ${measured.get(pc)!.ms.toFixed(0)} ms, ${trips} round trips`);
    };
    let next = 0;
    const lanes = Array.from({ length: Math.max(1, options.parallel ?? 1) }, async () => {
      while (next < cases.length) await measurePage(cases[next++]!);
    });
    await Promise.all(lanes);
    for (const pc of cases) rows.push(measured.get(pc)!);
  } finally {
    await browser?.close().catch(() => undefined);
    await site.close();
  }
  return rows;
}

/** The page component file each case opens (for its Teams-path figure). */
const pageFile: Record<string, string> = {
  tasks: 'MyTasksPage.tsx',
  overview: 'OverviewPage.tsx',
  outbox: 'OutboxPage.tsx',
  systems: 'SystemsPage.tsx',
  'system-new': 'SystemDetailPage.tsx',
  'system-detail': 'SystemDetailPage.tsx',
  'system-requirements': 'SystemRequirements.tsx',
  requirements: 'ActionPlanPage.tsx',
  'restore-order': 'RestoreOrderPage.tsx',
  incidents: 'IncidentsPage.tsx',
  'incident-new': 'ReportIncidentPage.tsx',
  'incident-detail': 'IncidentDetailPage.tsx',
  training: 'TrainingPage.tsx',
  course: 'CoursePage.tsx',
  reports: 'ReportsPage.tsx',
  devices: 'DevicesPage.tsx',
  admin: 'AdminPage.tsx',
};
