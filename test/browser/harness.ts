/**
 * Browser-test harness: the local stack (store seeded with the demo municipality), a production
 * build of the tab served by the same host as `npm start`, and one headless Chromium for all tests.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { startLocalStack, type LocalStack } from '../../src/cli/local-stack.js';
import { startTabHost, type RunningTabHost } from '../../src/server/tab/host.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Harness {
  stack: LocalStack;
  tabUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const stack = await startLocalStack({ seed: 'demo' });
  const outDir = await mkdtemp(join(tmpdir(), 'systemkoll-tab-'));
  let server: RunningTabHost | undefined;
  let browser: Browser | undefined;
  try {
    // Vite reads VITE_* from process.env at build time: point the tab at this run's store.
    process.env.VITE_SYSTEMKOLL_MODE = 'local';
    process.env.VITE_LOCAL_SP_URL = stack.storeUrl;
    process.env.VITE_SP_SITE_URL = '';
    process.env.VITE_TEAMS_APP_ID = '00000000-0000-4000-8000-000000000001';
    const configFile = join(repoRoot, 'vite.config.ts');
    await build({ configFile, logLevel: 'error', build: { outDir, emptyOutDir: true, sourcemap: false } });
    // Served the way `npm start` serves it (headers and Content-Security-Policy included).
    server = await startTabHost({ distDir: outDir, connectSources: [stack.storeUrl] });
    const tabUrl = server.url;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const b = browser;
    const s = server;
    return {
      stack,
      tabUrl,
      browser: b,
      async close() {
        await b.close().catch(() => undefined);
        await s.close();
        await stack.close();
        await rm(outDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await server?.close();
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
