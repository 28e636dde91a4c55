/**
 * Utbildning in real headless Chromium against the local stack with the demo: an employee sees Min
 * utbildning with a status per course (as text) and a link to the built-in course; a coordinator sees
 * the compliance dashboard whose per-förvaltning rows are the API’s numbers, filtered through the URL,
 * with the .xlsx export; a manager the same view for their own staff.
 * axe on both, and no sideways scroll on a 390 px phone. (The course page itself is not opened here:
 * its progress bar stays.)
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { createLocalToken } from '../../src/shared/auth/local-token.js';
import type { ComplianceBody, MyTrainingBody } from '../../src/shared/api/training-types.js';
import { openContext, startHarness, type Harness } from './harness.js';

const SHOTS = join(process.cwd(), 'test-results', 'screenshots');
const STATUS_TEXT = { giltig: 'Giltig', 'går ut snart': 'Går ut snart', utgången: 'Utgången', 'ej genomförd': 'Ej genomförd' } as const;

let h: Harness;
let personas: { upn: string; role: string; title: string }[] = [];
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
}, 180_000);

afterAll(async () => {
  await h?.close();
});

async function apiGet<T>(upn: string, path: string): Promise<T> {
  const res = await fetch(`${h.apiUrl}/api/v1/${path}`, { headers: { Authorization: `Bearer ${createLocalToken(upn)}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor({ state: 'visible', timeout: 15_000 });
  await page.waitForFunction(() => document.querySelectorAll('[role="progressbar"]').length === 0, undefined, { timeout: 30_000 });
}
const axe = async (page: Page) =>
  (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const cells = (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim())));

describe('Utbildning', () => {
  it('an employee sees Min utbildning: a status per course in words and a link to the built-in course', { timeout: 120_000 }, async () => {
    const employee = persona('employee');
    const mine = await apiGet<MyTrainingBody>(employee.upn, 'me/training');
    expect(mine.courses.length).toBeGreaterThan(0);
    expect(mine.compliance).toBeNull();
    const builtIn = mine.courses.find((c) => c.take?.kind === 'builtIn');
    expect(builtIn).toBeDefined();
    const { page, context, errors } = await openContext(h, employee.upn);
    try {
      await page.goto(`${h.tabUrl}/training?lang=sv`);
      await settled(page);
      await page.getByRole('heading', { name: 'Min utbildning' }).waitFor();
      expect(await page.getByTestId('coming-soon').count()).toBe(0);
      const rows = await cells(page, 'courses-table');
      expect(rows.length).toBe(mine.courses.length);
      rows.forEach((r, i) => expect(r[0]).toContain(mine.courses[i]!.title));
      expect(rows.map((r) => r[1])).toEqual(mine.courses.map((c) => STATUS_TEXT[c.status]));
      const link = page.getByTestId('courses-table').locator('tbody tr').nth(mine.courses.indexOf(builtIn!)).getByTestId('take-course');
      expect(await link.getAttribute('href')).toBe(`/training/courses/${builtIn!.id}`);
      expect(await link.textContent()).toContain(builtIn!.title);
      expect(await page.getByTestId('training-tabs').count()).toBe(0);
      expect(await page.getByTestId('compliance').count()).toBe(0);
      expect(await axe(page)).toEqual([]);
      await page.screenshot({ path: join(SHOTS, 'training-mine.png'), fullPage: true });

      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${h.tabUrl}/training?lang=sv`);
      await settled(page);
      await page.getByTestId('courses-table').waitFor();
      expect(await sideways(page)).toBeLessThanOrEqual(0);
      expect(await axe(page)).toEqual([]);
      await page.screenshot({ path: join(SHOTS, 'training-mine-phone.png'), fullPage: true });
      expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it(
    'a coordinator sees the dashboard: per-förvaltning rows equal the API’s, the .xlsx export, filters in the URL, trend and gaps',
    { timeout: 180_000 },
    async () => {
      const coordinator = persona('securityCoordinator');
      const all = await apiGet<ComplianceBody>(coordinator.upn, 'training/compliance');
      expect(all.scope).toBe('all');
      expect(all.departments.length).toBeGreaterThan(1);
      const pct = (s: number) => new Intl.NumberFormat('sv-SE', { style: 'percent', maximumFractionDigits: 1 }).format(s);
      const num = (n: number) => new Intl.NumberFormat('sv-SE').format(n);
      const { page, context, errors } = await openContext(h, coordinator.upn);
      try {
        await page.goto(`${h.tabUrl}/training?lang=sv`);
        await settled(page);
        await page.getByTestId('courses-table').waitFor();
        await page.getByTestId('training-tab-followup').click();
        await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('uppfoljning');
        await page.getByTestId('compliance-departments').waitFor({ timeout: 30_000 });
        await settled(page);
        expect(await cells(page, 'compliance-departments')).toEqual(
          all.departments.map((d) => [d.department, num(d.staff), num(d.valid), pct(d.share)]),
        );
        expect(await page.getByTestId('compliance-total').textContent()).toContain(pct(all.total.share));
        expect((await cells(page, 'compliance-trend')).length).toBe(all.trend.length);
        expect(all.trend.length).toBe(12);
        const gapRows = page.getByTestId('compliance-gaps').locator('tbody tr');
        expect(await gapRows.count()).toBe(Math.min(25, all.gaps.length));
        if (all.gaps.length > 25) {
          await page.getByTestId('gaps-more').click();
          await expect.poll(() => gapRows.count()).toBe(Math.min(125, all.gaps.length));
        }
        const firstGap = all.gaps[0]!;
        expect((await cells(page, 'compliance-gaps'))[0]).toEqual([
          firstGap.name,
          firstGap.department ?? '–',
          firstGap.course,
          STATUS_TEXT[firstGap.status],
          expect.any(String),
        ]);
        expect(await axe(page)).toEqual([]);
        await page.screenshot({ path: join(SHOTS, 'training-dashboard.png'), fullPage: true });
        await page.evaluate(() => document.querySelector('[data-testid="compliance"]')?.scrollIntoView());
        await page.screenshot({ path: join(SHOTS, 'training-dashboard-top.png') });

        // The export: the same figures as the page, with every gap.
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('compliance-export').click()]);
        expect(download.suggestedFilename()).toBe(`utbildning-uppfoljning-${all.at}.xlsx`);
        const { default: ExcelJS } = await import('exceljs');
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(await download.path());
        const sheet = wb.getWorksheet('Per förvaltning')!;
        const sheetRows = sheet.getSheetValues().slice(2) as unknown[][];
        expect(sheetRows.map((r) => r.slice(1, 5))).toEqual([
          ['Totalt', all.total.staff, all.total.valid, all.total.share],
          ...all.departments.map((d) => [d.department, d.staff, d.valid, d.share]),
        ]);
        expect(wb.getWorksheet('Utgångna och snart utgående')!.rowCount).toBe(all.gapsTotal + 1);

        // Filter by förvaltning: the URL carries it and the rows are the API's for that filter.
        const dept = all.departmentOptions[0]!;
        await page.getByTestId('filter-department').selectOption(String(dept.id));
        await expect.poll(() => new URL(page.url()).searchParams.get('department')).toBe(String(dept.id));
        const one = await apiGet<ComplianceBody>(coordinator.upn, `training/compliance?department=${dept.id}`);
        await expect
          .poll(() => cells(page, 'compliance-departments'), { timeout: 30_000 })
          .toEqual(one.departments.map((d) => [d.department, num(d.staff), num(d.valid), pct(d.share)]));

        // Audience from the URL on a fresh load, at 390 px: no sideways scroll.
        await page.setViewportSize({ width: 390, height: 844 });
        const apiCalls: string[] = [];
        page.on('request', (r) => {
          if (r.url().startsWith(`${h.apiUrl}/api/v1/`) && r.method() !== 'OPTIONS') apiCalls.push(r.url());
        });
        await page.goto(`${h.tabUrl}/training?lang=sv&view=uppfoljning&audience=chefer`);
        await settled(page);
        await page.getByTestId('compliance-total').waitFor({ timeout: 30_000 });
        const managers = await apiGet<ComplianceBody>(coordinator.upn, 'training/compliance?audience=chefer');
        expect(await page.getByTestId('filter-audience').inputValue()).toBe('chefer');
        expect(await page.getByTestId('compliance-total').textContent()).toContain(pct(managers.total.share));
        expect(await sideways(page)).toBeLessThanOrEqual(0);
        expect(await axe(page)).toEqual([]);
        await page.screenshot({ path: join(SHOTS, 'training-dashboard-phone.png'), fullPage: true });
        // One call to the API for this view: the follow-up does not ask for Min utbildning.
        expect(apiCalls.filter((u) => !/\/api\/v1\/(me\/)?tasks$/.test(u)).map((u) => new URL(u).pathname)).toEqual([
          '/api/v1/training/compliance',
        ]);
        await page.getByTestId('compliance-total').scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SHOTS, 'training-dashboard-phone-top.png') });
        expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it('a manager follows up their own staff only: the same view, scoped, numbers equal the API’s', { timeout: 90_000 }, async () => {
    const manager = persona('systemOwner');
    const mine = await apiGet<MyTrainingBody>(manager.upn, 'me/training');
    expect(mine.compliance).toBe('ownStaff');
    const own = await apiGet<ComplianceBody>(manager.upn, 'training/compliance');
    expect(own.scope).toBe('ownStaff');
    const { page, context, errors } = await openContext(h, manager.upn);
    try {
      await page.goto(`${h.tabUrl}/training?lang=sv`);
      await settled(page);
      await page.getByTestId('training-tab-followup').click();
      await page.getByRole('heading', { name: 'Uppföljning för dina medarbetare' }).waitFor({ timeout: 30_000 });
      await page.getByTestId('compliance-total').waitFor();
      const num = (n: number) => new Intl.NumberFormat('sv-SE').format(n);
      expect((await cells(page, 'compliance-departments')).map((r) => r.slice(0, 3))).toEqual(
        own.departments.map((d) => [d.department, num(d.staff), num(d.valid)]),
      );
      expect(await page.getByTestId('compliance-total').textContent()).toContain(`${num(own.total.valid)} av ${num(own.total.staff)}`);
      expect(await axe(page)).toEqual([]);
      expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
