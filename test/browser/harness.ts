/**
 * Browser-test harness: the local stack (store seeded with the demo municipality), the bot host with
 * the Systemkoll API (as `npm start` runs it), a production build of the tab served by the same host
 * as `npm start`, and one headless Chromium for all tests.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { startLocalStack, type LocalStack } from '../../src/cli/local-stack.js';
import { startTabHost, type RunningTabHost } from '../../src/server/tab/host.js';
import { startBot, type RunningBot } from '../../src/bot/index.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Harness {
  stack: LocalStack;
  tabUrl: string;
  /** The bot host's origin, where the tab calls the Systemkoll API. */
  apiUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, as every browser test and the tab bench run it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A port free right now (the tab host and the bot must know each other's origin before either listens). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done, fail) => {
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => done());
  });
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}

export async function startHarness(): Promise<Harness> {
  const stack = await startLocalStack({ seed: 'demo' });
  const outDir = await mkdtemp(join(tmpdir(), 'systemkoll-tab-'));
  let server: RunningTabHost | undefined;
  let bot: RunningBot | undefined;
  let browser: Browser | undefined;
  try {
    // The tab host's CSP names the API's origin and the API's CORS names the tab's: the bot's port
    // is chosen first, then the tab host (a free port) and the bot start right after one another.
    const botPort = await freePort();
    const apiUrl = `http://127.0.0.1:${botPort}`;
    // The host refuses to start without an index.html; the build below replaces it.
    await writeFile(join(outDir, 'index.html'), '<!doctype html><title>Systemkoll</title>');
    // Served the way `npm start` serves it (headers and Content-Security-Policy included).
    server = await startTabHost({ distDir: outDir, connectSources: [stack.storeUrl, apiUrl] });
    const tabUrl = server.url;
    bot = await startBot({
      mode: 'local',
      port: botPort,
      host: '127.0.0.1',
      siteUrl: stack.siteUrl,
      localStoreUrl: stack.storeUrl,
      apiOrigins: [tabUrl],
      // Not the developer's environment: the same bot for every run.
      env: {},
      log: () => undefined,
    });
    // Vite reads VITE_* from process.env at build time: point the tab at this run's store and API.
    process.env.VITE_SYSTEMKOLL_MODE = 'local';
    process.env.VITE_LOCAL_SP_URL = stack.storeUrl;
    process.env.VITE_SP_SITE_URL = '';
    process.env.VITE_SYSTEMKOLL_API_URL = apiUrl;
    process.env.VITE_TEAMS_APP_ID = '00000000-0000-4000-8000-000000000001';
    const configFile = join(repoRoot, 'vite.config.ts');
    await build({ configFile, logLevel: 'error', build: { outDir, emptyOutDir: true, sourcemap: false } });
    browser = await launchChromium();
    const b = browser;
    const s = server;
    const api = bot;
    return {
      stack,
      tabUrl,
      apiUrl,
      browser: b,
      async close() {
        await b.close().catch(() => undefined);
        await s.close();
        await api.close();
        await stack.close();
        await rm(outDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await server?.close();
    await bot?.close();
    await stack.close();
    await rm(outDir, { recursive: true, force: true });
    throw error;
  }
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** console errors and uncaught exceptions seen so far. */
  errors: string[];
}

/** A fresh context (own storage) with the persona pre-chosen, collecting console errors. */
export async function openContext(h: Harness, persona: string, locale = 'sv-SE'): Promise<OpenedPage> {
  const context = await h.browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  await context.addInitScript((upn: string) => {
    try {
      if (!localStorage.getItem('systemkoll.persona')) localStorage.setItem('systemkoll.persona', upn);
    } catch {
      /* ignore */
    }
  }, persona);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg: ConsoleMessage) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return { context, page, errors };
}

/**
 * Moves focus with the Tab key (nothing else) until the element matching `selector` — or something
 * inside it — has it: proof that a keyboard user reaches it. Fails after `max` presses.
 */
export async function tabTo(page: Page, selector: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const there = await page.evaluate((s) => {
      const target = document.querySelector(s);
      return !!target && !!document.activeElement && (target === document.activeElement || target.contains(document.activeElement));
    }, selector);
    if (there) return;
  }
  throw new Error(`${selector} was not reached with ${max} presses of Tab`);
}
