/**
 * Rapporter in real headless Chromium against the local stack with the demo: a coordinator picks
 * 2025, sees the yearly report's four headings in order, types a text under one of them (kept in the
 * browser over a reload), downloads the .docx and finds the text in word/document.xml; the
 * dashboards' tables show the JSON's figures. axe in light, dark and high contrast and at 390 px with no sideways
 * scroll. On a phone the coordinator saves the report to Rapporter, finds and downloads it from the
 * list, and opens the end-of-term report and its dashboards. An employee is told in Swedish who
 * prepares the reports.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { createLocalToken } from '../../src/shared/auth/local-token.js';
import { stockholmYear } from '../../src/domain/calendar.js';
import { formatCell, type TermReport, type YearlyReport } from '../../src/domain/reports/index.js';
import { readDocx } from '../support/report-files.js';
import { openContext, startHarness, type Harness } from './harness.js';

const SHOTS = join(process.cwd(), 'test-results', 'screenshots');
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  await mkdir(SHOTS, { recursive: true });
}, 180_000);
afterAll(async () => {
  await h?.close();
});

async function persona(role: string): Promise<string> {
  const res = await fetch(`${h.stack.storeUrl}/_local/personas`);
  const body = (await res.json()) as { upn: string; role: string }[] | { personas: { upn: string; role: string }[] };
  return (Array.isArray(body) ? body : body.personas).find((p) => p.role === role)!.upn;
}

async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor({ state: 'visible', timeout: 15_000 });
  await page.waitForFunction(() => document.querySelectorAll('[role="progressbar"]').length === 0, undefined, { timeout: 30_000 });
}
const axe = async (page: Page) =>
  (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const cells = (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));

const TEXT = 'Förvaltningarna har under året prioriterat klassningen av verksamhetskritiska system.';

describe('Rapporter', () => {
  it(
    'a coordinator previews 2025 with the four headings, adds a text that reaches the .docx, and the dashboards show the JSON’s figures',
    { timeout: 180_000 },
    async () => {
      const coordinator = await persona('securityCoordinator');
      const res = await fetch(`${h.apiUrl}/api/v1/reports/yearly?year=2025`, {
        headers: { Authorization: `Bearer ${createLocalToken(coordinator)}` },
      });
      expect(res.status).toBe(200);
      const json = (await res.json()) as YearlyReport;
      const { page, context, errors } = await openContext(h, coordinator);
      try {
        await page.goto(`${h.tabUrl}/reports?lang=sv`);
        await settled(page);
        expect(await page.getByTestId('coming-soon').count()).toBe(0);
        await page.getByTestId('report-year').selectOption('2025');
        await page.getByTestId('report-preview').waitFor();
        await settled(page);
        const headings = await page.getByTestId('report-section').locator('h3').allTextContents();
        expect(headings).toEqual(json.headings);
        expect(headings).toEqual([
          '1 Genomförda åtgärder',
          '2 Inträffade incidenter och händelser',
          '3 Status per område',
          '4 Budgetsammanställning',
        ]);
        expect(await axe(page)).toEqual([]);
        await page.screenshot({ path: join(SHOTS, 'reports-preview-light.png'), fullPage: true });

        // The text is kept in the browser for that year, over a reload, until exported.
        await page.getByTestId('report-text-status').fill(TEXT);
        await page.reload();
        await settled(page);
        await page.getByTestId('report-year').selectOption('2025');
        await page.getByTestId('report-preview').waitFor();
        await expect.poll(() => page.getByTestId('report-text-status').inputValue()).toBe(TEXT);

        const [download] = await Promise.all([
          page.waitForEvent('download', { timeout: 60_000 }),
          page.getByTestId('report-export-docx').click(),
        ]);
        expect(download.suggestedFilename()).toBe('arlig-aterrapportering-2025.docx');
        const docx = readDocx(new Uint8Array(await readFile(await download.path())));
        const xml = docx.xml;
        // Under its heading (Heading 1), before the computed sentences.
        const status = docx.paragraphs.findIndex((p) => p.style === 'Heading1' && p.text === json.headings[2]);
        expect(docx.paragraphs[status + 1]?.text).toBe(TEXT);
        expect(xml).toContain(TEXT);
        const order = json.headings.map((hd) => xml.lastIndexOf(hd));
        expect(order).toEqual([...order].sort((a, b) => a - b));
        expect(xml.indexOf(TEXT)).toBeGreaterThan(order[2]!);
        expect(xml.indexOf(TEXT)).toBeLessThan(order[3]!);
        await page.getByTestId('report-exported').waitFor();

        // Dashboards: the figures of the JSON, as the documents write them.
        await page.getByTestId('report-tab-dashboards').click();
        await page.getByTestId('report-dashboards').waitFor();
        const months = await cells(page, 'dashboard-table-incidents-by-month');
        expect(months.map((r) => r[1])).toEqual(json.sections.incidents.byMonth.map((m) => formatCell(m.count, 'int')));
        const legal = await cells(page, 'dashboard-table-legal-deadlines');
        const lt = json.sections.incidents.legal.total;
        expect(legal.at(-1)).toEqual([
          'Totalt',
          ...[lt.sentInTime, lt.sentLate, lt.overdue, lt.pending, lt.required].map((n) => formatCell(n, 'int')),
        ]);
        const costs = await cells(page, 'dashboard-table-costs');
        expect(costs.map((r) => r[1])).toEqual([
          ...json.sections.budget.budget.map((b) => formatCell(b.actual, 'sek')),
          formatCell(json.sections.budget.budgetTotal.actual, 'sek'),
        ]);
        const register = await cells(page, 'dashboard-table-register-health');
        expect(register[0]?.[1]).toBe(formatCell(json.sections.status.register.classifiedShare, 'pct'));
        const training = json.sections.status.training;
        if (training.available)
          expect((await cells(page, 'dashboard-table-training')).at(-1)).toEqual([
            'Totalt',
            formatCell(training.total.share, 'pct'),
            formatCell(training.total.compliant, 'int'),
            formatCell(training.total.staff, 'int'),
          ]);
        expect(await axe(page)).toEqual([]);
        await page.screenshot({ path: join(SHOTS, 'reports-dashboards-light.png'), fullPage: true });

        // A förvaltning: its register and system costs from the report's per-förvaltning rows.
        const dept = json.sections.status.byDepartment[0]!;
        await page.getByTestId('report-department').selectOption(dept.department);
        await expect.poll(async () => (await cells(page, 'dashboard-table-register-health'))[0]?.[3]).toBe(formatCell(dept.systems, 'int'));

        // Dark and high contrast.
        for (const theme of ['dark', 'contrast']) {
          await page.goto(`${h.tabUrl}/reports?lang=sv&theme=${theme}`);
          await settled(page);
          await page.getByTestId('report-year').selectOption('2025');
          await page.getByTestId('report-preview').waitFor();
          expect(await axe(page)).toEqual([]);
          await page.screenshot({ path: join(SHOTS, `reports-preview-${theme}.png`), fullPage: true });
          await page.getByTestId('report-tab-dashboards').click();
          await page.getByTestId('report-dashboards').waitFor();
          expect(await axe(page)).toEqual([]);
          await page.screenshot({ path: join(SHOTS, `reports-dashboards-${theme}.png`), fullPage: true });
        }

        // A phone.
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto(`${h.tabUrl}/reports?lang=sv`);
        await settled(page);
        await page.getByTestId('report-preview').waitFor();
        expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
        expect(await axe(page)).toEqual([]);
        await page.screenshot({ path: join(SHOTS, 'reports-preview-phone.png'), fullPage: true });
        await page.getByTestId('report-tab-dashboards').click();
        await page.getByTestId('report-dashboards').waitFor();
        expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
        expect(await axe(page)).toEqual([]);
        await page.screenshot({ path: join(SHOTS, 'reports-dashboards-phone.png'), fullPage: true });
        expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it(
    'on a phone, a coordinator saves 2025 to Rapporter, finds it listed and downloads it, then opens the end-of-term report and its dashboards',
    { timeout: 180_000 },
    async () => {
      const coordinator = await persona('securityCoordinator');
      const thisYear = stockholmYear(new Date());
      const res = await fetch(`${h.apiUrl}/api/v1/reports/term?from=${thisYear - 1}&to=${thisYear}`, {
        headers: { Authorization: `Bearer ${createLocalToken(coordinator)}` },
      });
      expect(res.status).toBe(200);
      const term = (await res.json()) as TermReport;
      const { page, context, errors } = await openContext(h, coordinator);
      try {
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto(`${h.tabUrl}/reports?lang=sv`);
        await settled(page);
        await page.getByTestId('report-year').selectOption('2025');
        await page.getByTestId('report-preview').waitFor();
        await page.getByTestId('report-save').click();
        const saved = page.getByTestId('report-saved');
        await saved.waitFor({ timeout: 60_000 });
        const names = ['arlig-aterrapportering-2025.docx', 'arlig-aterrapportering-2025.xlsx'];
        expect(await saved.locator('li button').allTextContents()).toEqual(names);
        const listed = page.getByTestId('report-library-table');
        await expect
          .poll(async () => (await cells(page, 'report-library-table')).map((r) => r.slice(0, 2)))
          .toEqual(names.map((n) => ['2025', n]));
        expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
        expect(await axe(page)).toEqual([]);
        await page.screenshot({ path: join(SHOTS, 'reports-saved-phone.png'), fullPage: true });
        // The listed file is the one in the library, charts and all.
        const [download] = await Promise.all([
          page.waitForEvent('download', { timeout: 60_000 }),
          listed.getByRole('button', { name: `Ladda ner ${names[0]}` }).click(),
        ]);
        expect(download.suggestedFilename()).toBe(names[0]);
        expect(readDocx(new Uint8Array(await readFile(await download.path()))).images.length).toBeGreaterThan(0);

        // The end-of-term report for last year and this year: its headings, then its dashboards.
        await page.getByTestId('report-kind').selectOption('term');
        await page.getByTestId('report-from').selectOption(String(thisYear - 1));
        await page.getByTestId('report-to').selectOption(String(thisYear));
        await page.getByTestId('report-preview').waitFor();
        await settled(page);
        expect(await page.getByTestId('report-section').locator('h3').allTextContents()).toEqual(term.headings);
        await page.getByTestId('report-tab-dashboards').click();
        await page.getByTestId('report-dashboards').waitFor();
        const perYear = await cells(page, 'dashboard-table-term-incidents');
        expect(perYear.map((r) => [r[0], r[3]])).toEqual([
          ...term.sections.incidents.perYear.map((y) => [String(y.year), formatCell(y.total, 'int')]),
          ['Totalt', formatCell(term.sections.incidents.total, 'int')],
        ]);
        const costs = await cells(page, 'dashboard-table-term-costs');
        expect(costs.map((r) => r[1])).toEqual(term.sections.budget.perYear.map((y) => formatCell(y.actual, 'sek')));
        expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
        expect(await axe(page)).toEqual([]);
        await page.screenshot({ path: join(SHOTS, 'reports-term-dashboards-phone.png'), fullPage: true });
        expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it('an employee is told who prepares the reports, not shown an error', { timeout: 60_000 }, async () => {
    const { page, context } = await openContext(h, await persona('employee'));
    try {
      await page.goto(`${h.tabUrl}/reports?lang=sv`);
      await settled(page);
      await page.getByTestId('reports-not-allowed').waitFor();
      expect(await page.getByTestId('reports-not-allowed').textContent()).toContain('informationssäkerhetssamordnare och administratörer');
      expect(await page.getByTestId('error-view').count()).toBe(0);
      expect(await page.getByTestId('report-preview').count()).toBe(0);
      expect(await axe(page)).toEqual([]);
      await page.screenshot({ path: join(SHOTS, 'reports-employee.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });
});
