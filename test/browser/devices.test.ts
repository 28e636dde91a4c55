/**
 * "Enheter och abonnemang" in real headless Chromium against the local stack with the demo: a
 * förvaltning's manager sees their staff's devices (the mover marked), follows a task's link to one
 * person, records a decision that is stored as theirs; an employee sees none. axe and a 390 px phone.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { createRepositories, createSp, where } from '../../src/shared/data/index.js';
import { createLocalToken } from '../../src/shared/auth/local-token.js';
import { openContext, startHarness, type Harness } from './harness.js';

const ADMIN = 'admin@exempelkommun.se';
const SHOTS = join(process.cwd(), 'test-results', 'screenshots');
let h: Harness;
const adminRepos = () => createRepositories(createSp({ siteUrl: h.stack.siteUrl, getToken: async () => createLocalToken(ADMIN) }));

beforeAll(async () => {
  h = await startHarness();
  await mkdir(SHOTS, { recursive: true });
}, 180_000);
afterAll(async () => {
  await h?.close();
});

async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor({ state: 'visible', timeout: 15_000 });
  await page.waitForFunction(() => document.querySelectorAll('[role="progressbar"]').length === 0, undefined, { timeout: 15_000 });
}
const axe = async (page: Page) =>
  (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);

describe('Enheter och abonnemang', () => {
  it(
    'a manager sees their staff’s devices, opens one person from the task link and records a decision as themself',
    { timeout: 120_000 },
    async () => {
      const repos = adminRepos();
      // The system-owner persona is the home-care unit manager: the demo's assistant nurses report to her.
      const res = await fetch(`${h.stack.storeUrl}/_local/personas`);
      const body = (await res.json()) as { upn: string; role: string }[] | { personas: { upn: string; role: string }[] };
      const owner = (Array.isArray(body) ? body : body.personas).find((p) => p.role === 'systemOwner')!;
      const manager = { email: owner.upn };
      const [mover] = await repos.staff.list({ filter: where('staff').ge('movedAt', '1900-01-01T00:00:00Z') });
      expect(mover).toBeDefined();
      const { page, context, errors } = await openContext(h, manager.email);
      try {
        await page.goto(`${h.tabUrl}/devices?lang=sv`);
        await settled(page);
        await page.getByTestId('device-person').first().waitFor();
        const moverSection = page.getByTestId('device-person').filter({ hasText: 'Bytte förvaltning' });
        await expect.poll(() => moverSection.count()).toBe(1);
        expect(await axe(page)).toEqual([]);
        await page.screenshot({ path: join(SHOTS, 'devices-team.png'), fullPage: true });

        // The mover's task link: that person only, decision recorded as the manager.
        await page.goto(`${h.tabUrl}/devices?person=${mover!.id}&lang=sv`);
        await settled(page);
        await expect.poll(() => page.getByTestId('device-person').count()).toBe(1);
        const row = page.getByTestId('devices-table').locator('tbody tr').first();
        await row.getByTestId('device-decision').selectOption('flyttad');
        await row.getByTestId('device-confirm').click();
        await expect.poll(async () => (await row.textContent()) ?? '').toContain('Flyttad');
        const held = await repos.devices.list({ filter: where('devices').eq('holderEmail', mover!.email!.toLowerCase()) });
        const decided = held.find((d) => d.status === 'flyttad');
        const me = await repos.users.ensure(manager.email);
        expect(decided?.confirmedBy?.id).toBe(me.id);
        expect(await axe(page)).toEqual([]);

        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto(`${h.tabUrl}/devices?person=${mover!.id}&lang=sv`);
        await settled(page);
        expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(
          0,
        );
        expect(await axe(page)).toEqual([]);
        await page.screenshot({ path: join(SHOTS, 'devices-phone.png'), fullPage: true });
        expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it('an employee is told there is nothing for them; another person’s devices are not found', { timeout: 60_000 }, async () => {
    const res = await fetch(`${h.stack.storeUrl}/_local/personas`);
    const body = (await res.json()) as { upn: string; role: string }[] | { personas: { upn: string; role: string }[] };
    const employee = (Array.isArray(body) ? body : body.personas).find((p) => p.role === 'employee')!;
    const [someone] = await adminRepos().staff.list({ filter: where('staff').eq('active', false) });
    const { page, context } = await openContext(h, employee.upn);
    try {
      await page.goto(`${h.tabUrl}/devices?lang=sv`);
      await settled(page);
      await page.getByText('Det finns inga medarbetare med enheter eller abonnemang som du ansvarar för.').waitFor();
      await page.goto(`${h.tabUrl}/devices?person=${someone!.id}&lang=sv`);
      await settled(page);
      expect(await page.getByTestId('devices-table').count()).toBe(0);
      expect(await axe(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('Enheter och abonnemang för IT', () => {
  it(
    'an admin adds a device by keyboard, the holder chosen from the directory; it is listed and stored as theirs',
    { timeout: 90_000 },
    async () => {
      const res = await fetch(`${h.stack.storeUrl}/_local/personas`);
      const body = (await res.json()) as { upn: string; role: string }[] | { personas: { upn: string; role: string }[] };
      const personas = Array.isArray(body) ? body : body.personas;
      const admin = personas.find((p) => p.role === 'admin')!;
      const holder = personas.find((p) => p.role === 'employee')!;
      const { page, context, errors } = await openContext(h, admin.upn);
      try {
        await page.goto(`${h.tabUrl}/devices?lang=sv`);
        await settled(page);
        await page.getByTestId('inventory-table').waitFor();
        await page.getByTestId('device-add').click();
        await page.getByTestId('device-kind').selectOption('mobiltelefon');
        await page.getByTestId('device-identifier').focus();
        await page.keyboard.type('IMEI-BROWSER-1');
        await page.keyboard.press('Tab');
        await page.keyboard.type('Tjänstetelefon');
        await page.getByTestId('device-holder').click();
        await page.getByTestId('device-holder').pressSequentially(holder.upn.slice(0, 6));
        await page.getByRole('option', { name: new RegExp(holder.upn.replace(/[.]/g, '\\.')) }).click();
        await page.getByTestId('device-cost').fill('2 499 kr');
        expect(await axe(page)).toEqual([]);
        await page.keyboard.press('Enter');
        await page.getByRole('status').getByText('Tjänstetelefon IMEI-BROWSER-1 sparades.').waitFor();
        await expect
          .poll(async () => (await page.getByTestId('inventory-table').locator('tbody tr').first().textContent()) ?? '')
          .toContain('IMEI-BROWSER-1');
        const [stored] = await adminRepos().devices.list({ filter: where('devices').eq('identifier', 'IMEI-BROWSER-1') });
        const me = await adminRepos().users.ensure(admin.upn);
        expect([stored?.kind, stored?.holderEmail, stored?.cost, stored?.enteredBy?.id]).toEqual([
          'mobiltelefon',
          holder.upn.toLowerCase(),
          2499,
          me.id,
        ]);
        expect(await axe(page)).toEqual([]);
        expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
