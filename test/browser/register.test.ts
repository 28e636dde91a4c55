/**
 * The register list's "Med öppna uppgifter" filter and "Exportera till Excel", in real headless
 * Chromium against the local stack: the system owner's own tasks, the coordinator's every task (the
 * same answers as the navigation's counts, no request of their own), the filter kept in the URL and
 * cleared by "Rensa filter", the export's file holding exactly the list's rows in its order (parsed
 * with exceljs), axe and a 390 px phone.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { createRepositories, createSp } from '../../src/shared/data/index.js';
import { createLocalToken } from '../../src/shared/auth/local-token.js';
import { stockholmDate } from '../../src/domain/calendar.js';
import type { Task, TaskOverview } from '../../src/domain/tasks/index.js';
import type { SystemRecord } from '../../src/shared/schema/index.js';
import { openContext, startHarness, type Harness } from './harness.js';

const ADMIN = 'admin@exempelkommun.se';
const SHOTS = join(process.cwd(), 'test-results', 'screenshots');

let h: Harness;
let personas: { upn: string; role: string; title: string }[] = [];
let register: SystemRecord[] = [];
const persona = (role: string) => {
  const p = personas.find((x) => x.role === role);
  if (!p) throw new Error(`no ${role} persona`);
  return p;
};

beforeAll(async () => {
  h = await startHarness();
  await mkdir(SHOTS, { recursive: true });
  const res = await fetch(`${h.stack.storeUrl}/_local/personas`);
  const body = (await res.json()) as typeof personas | { personas: typeof personas };
  personas = Array.isArray(body) ? body : body.personas;
  register = await createRepositories(createSp({ siteUrl: h.stack.siteUrl, getToken: async () => createLocalToken(ADMIN) })).systems.all();
}, 180_000);

afterAll(async () => {
  await h?.close();
});

async function api<T>(upn: string, path: string): Promise<T> {
  const res = await fetch(`${h.apiUrl}/api/v1/${path}`, { headers: { Authorization: `Bearer ${createLocalToken(upn)}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor({ state: 'visible', timeout: 15_000 });
  await page.waitForFunction(() => document.querySelectorAll('[role="progressbar"]').length === 0, undefined, { timeout: 15_000 });
}

async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

/** The Systemkoll API paths the page asked for (preflights left out). */
function apiCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on('request', (r) => {
    if (r.url().startsWith(`${h.apiUrl}/api/v1/`) && r.method() !== 'OPTIONS') calls.push(new URL(r.url()).pathname);
  });
  return calls;
}

const rowsOf = (page: Page) => page.locator('[data-testid="systems-table"] tbody tr');
const countText = (page: Page) => page.getByTestId('register-count').textContent();

/** Every row of the list, "Visa fler" pressed until the list is whole: the systems' ids in order. */
async function allShownIds(page: Page): Promise<number[]> {
  for (let i = 0; i < 200 && (await page.getByTestId('register-more').count()) > 0; i++) {
    const before = await rowsOf(page).count();
    await page.getByTestId('register-more').click();
    await expect.poll(() => rowsOf(page).count()).toBeGreaterThan(before);
  }
  const hrefs = await rowsOf(page)
    .locator('td:first-child a')
    .evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? ''));
  return hrefs.map((href) => Number(/\/systems\/(\d+)/.exec(href)?.[1]));
}

/** "Exportera till Excel": the downloaded file's name and its rows' system names (first sheet). */
async function exportedNames(page: Page): Promise<{ file: string; header: string[]; names: string[] }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId('register-export').click()]);
  const path = await download.path();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(path)) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const nameColumn = header.indexOf('Systemnamn') + 1;
  expect(nameColumn, `a name column among ${header.slice(0, 5).join(', ')}`).toBeGreaterThan(0);
  const names: string[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) names.push(String(row.getCell(nameColumn).value ?? ''));
  });
  return { file: download.suggestedFilename(), header, names };
}

const titleOf = (id: number) => register.find((s) => s.id === id)?.title ?? `#${id}`;

describe('register: "Med öppna uppgifter"', () => {
  it(
    'the system owner: only systems with their own tasks; uppgifter=ja in the URL; a reload keeps it; "Rensa filter" clears it',
    { timeout: 90_000 },
    async () => {
      const owner = persona('systemOwner');
      const tasks = (await api<{ tasks: Task[] }>(owner.upn, 'me/tasks')).tasks;
      const inRegister = new Set(register.map((s) => s.id));
      const expected = [...new Set(tasks.filter((t) => t.subject.list === 'systems').map((t) => t.subject.id))].filter((id) =>
        inRegister.has(id),
      );
      expect(expected.length, 'the demo gives the owner tasks on systems').toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(register.length);

      const opened = await openContext(h, owner.upn, 'sv-SE');
      const { page } = opened;
      const calls = apiCalls(page);
      try {
        await page.goto(`${h.tabUrl}/systems?lang=sv`);
        await settled(page);
        await rowsOf(page).first().waitFor();
        // Not a coordinator: their own tasks only, and the label says so.
        const box = page.getByRole('checkbox', { name: 'Med mina öppna uppgifter' });
        expect(await box.getAttribute('data-testid')).toBe('filter-open-tasks');
        await box.click();
        await page.waitForURL((u) => u.searchParams.get('uppgifter') === 'ja');
        await expect.poll(() => box.isChecked()).toBe(true);
        await expect.poll(() => countText(page)).toBe(`Visar ${Math.min(50, expected.length)} av ${expected.length} system`);
        expect((await allShownIds(page)).sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
        // Every shown row carries the marker; the tasks came from the navigation's one request.
        expect(await rowsOf(page).getByTestId('register-has-tasks').count()).toBe(expected.length);
        expect(calls.filter((c) => c === '/api/v1/me/tasks')).toHaveLength(1);
        expect(calls.filter((c) => c === '/api/v1/tasks')).toHaveLength(0);
        expect(await axeViolations(page)).toEqual([]);
        await page.screenshot({ path: join(SHOTS, 'register-open-tasks-owner-sv.png'), fullPage: true });

        await page.reload();
        await settled(page);
        await expect.poll(() => countText(page)).toBe(`Visar ${Math.min(50, expected.length)} av ${expected.length} system`);
        expect(await page.getByTestId('filter-open-tasks').isChecked()).toBe(true);
        expect(new URL(page.url()).searchParams.get('lang')).toBe('sv');

        await page.getByTestId('clear-filters').click();
        await page.waitForURL((u) => !u.searchParams.has('uppgifter'));
        await expect.poll(() => countText(page)).toMatch(new RegExp(`av ${register.length} system$`));
        expect(await page.getByTestId('filter-open-tasks').isChecked()).toBe(false);
        expect(opened.errors).toEqual([]);
      } finally {
        await opened.context.close();
      }
    },
  );

  it("the coordinator: every system in Översikt's systemsWithTasks that is in the register", { timeout: 90_000 }, async () => {
    const coordinator = persona('securityCoordinator');
    const overview = await api<TaskOverview>(coordinator.upn, 'tasks');
    const inRegister = new Set(register.map((s) => s.id));
    const expected = [...new Set(overview.systemsWithTasks)].filter((id) => inRegister.has(id));
    expect(expected.length).toBeGreaterThan(0);

    const opened = await openContext(h, coordinator.upn, 'sv-SE');
    const { page } = opened;
    const calls = apiCalls(page);
    try {
      await page.goto(`${h.tabUrl}/systems?uppgifter=ja&lang=sv`);
      await settled(page);
      expect(await page.getByRole('checkbox', { name: 'Med öppna uppgifter' }).isChecked()).toBe(true);
      await expect.poll(() => countText(page)).toBe(`Visar ${Math.min(50, expected.length)} av ${expected.length} system`);
      expect((await allShownIds(page)).sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
      // Shared with the navigation's count: one request to the overview.
      expect(calls.filter((c) => c === '/api/v1/tasks')).toHaveLength(1);
      expect(await axeViolations(page)).toEqual([]);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });
});

describe('register: "Exportera till Excel"', () => {
  it(
    "the file holds exactly the filtered list's rows in its order (filter + sort by owner, descending)",
    { timeout: 120_000 },
    async () => {
      const coordinator = persona('securityCoordinator');
      const opened = await openContext(h, coordinator.upn, 'sv-SE');
      const { page } = opened;
      try {
        await page.goto(`${h.tabUrl}/systems?uppgifter=ja&sort=owner&fallande=ja&lang=sv`);
        await settled(page);
        await rowsOf(page).first().waitFor();
        const ids = await allShownIds(page);
        expect(ids.length).toBeGreaterThan(0);
        const { file, header, names } = await exportedNames(page);
        expect(file).toBe(`systemforteckning-${stockholmDate(new Date())}.xlsx`);
        expect(names).toEqual(ids.map(titleOf));
        // Swedish headers, the shown columns among them.
        for (const h of ['Systemnamn', 'Förvaltning', 'Systemägare', 'Leverantör']) expect(header).toContain(h);
        await expect
          .poll(() => page.getByTestId('register-export-result').textContent())
          .toBe(`${ids.length} system exporterade till ${file}`);
        expect(await axeViolations(page)).toEqual([]);
        await page.screenshot({ path: join(SHOTS, 'register-export-sv.png') });
        expect(opened.errors).toEqual([]);
      } finally {
        await opened.context.close();
      }
    },
  );

  it('unfiltered, by name: every system of the register; labels, people by name, Excel dates', { timeout: 120_000 }, async () => {
    const opened = await openContext(h, ADMIN, 'sv-SE');
    const { page } = opened;
    try {
      await page.goto(`${h.tabUrl}/systems?lang=sv`);
      await settled(page);
      await rowsOf(page).first().waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 30_000 }),
        page.getByTestId('register-export').click(),
      ]);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.name).toBe('Systemförteckning');
      const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
      const col = (title: string) => header.indexOf(title) + 1;
      expect(sheet.rowCount - 1).toBe(register.length);
      const collator = new Intl.Collator('sv', { sensitivity: 'base', numeric: true });
      const byName = [...register].sort((a, b) => collator.compare(a.title, b.title) || a.id - b.id);
      const names: string[] = [];
      sheet.eachRow((row, n) => {
        if (n > 1) names.push(String(row.getCell(col('Systemnamn')).value));
      });
      expect(names).toEqual(byName.map((s) => s.title));
      // Labels, not stored values; people by name; dates as dates.
      const withOwner = byName.findIndex((s) => s.systemOwner?.title);
      const owner = String(sheet.getRow(withOwner + 2).getCell(col('Systemägare')).value);
      expect(owner).toContain(byName[withOwner]!.systemOwner!.title!);
      const withContract = byName.findIndex((s) => s.contractEndDate);
      if (withContract >= 0) {
        expect(sheet.getRow(withContract + 2).getCell(col('Avtalet löper ut')).value).toBeInstanceOf(Date);
      }
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });

  it('at 390 px the new controls fit: no sideways scrolling, axe clean', { timeout: 60_000 }, async () => {
    const owner = persona('systemOwner');
    const opened = await openContext(h, owner.upn, 'sv-SE');
    const { page } = opened;
    try {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${h.tabUrl}/systems?uppgifter=ja&lang=sv`);
      await settled(page);
      await page.getByTestId('systems-cards').waitFor();
      await page.getByTestId('register-filters-toggle').click();
      await page.getByTestId('filter-open-tasks').waitFor();
      expect(await page.getByTestId('register-export').isVisible()).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      for (const id of ['register-export', 'filter-open-tasks', 'clear-filters']) {
        const box = await page.getByTestId(id).boundingBox();
        expect(box!.x + box!.width, id).toBeLessThanOrEqual(390);
      }
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SHOTS, 'register-open-tasks-phone-sv.png'), fullPage: true });
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });

  // Last in the file: it grows the register (this file's own stack) past the first screen.
  it('a list longer than the first screen (by name, partly loaded): the file still holds every match', { timeout: 120_000 }, async () => {
    const admin = createRepositories(createSp({ siteUrl: h.stack.siteUrl, getToken: async () => createLocalToken(ADMIN) }));
    const extra = Math.max(0, 130 - register.length);
    const results = await admin.systems.addMany(
      Array.from({ length: extra }, (_, i) => ({ title: `Testsystem ${String(i).padStart(3, '0')}` })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const all = await admin.systems.all();
    expect(all.length).toBeGreaterThan(100);
    const opened = await openContext(h, ADMIN, 'sv-SE');
    const { page } = opened;
    try {
      await page.goto(`${h.tabUrl}/systems?lang=sv`);
      await settled(page);
      await rowsOf(page).first().waitFor();
      // Only the first screen is loaded ("Visa fler" reads on), yet the export holds the whole list.
      expect(await countText(page)).toMatch(/^Visar 50 av \d+ system$/);
      const { names } = await exportedNames(page);
      const collator = new Intl.Collator('sv', { sensitivity: 'base', numeric: true });
      expect(names).toEqual([...all].sort((a, b) => collator.compare(a.title, b.title) || a.id - b.id).map((s) => s.title));
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });
});
