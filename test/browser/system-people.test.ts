/**
 * The system form's people and dependencies, in real headless Chromium against the local stack: a
 * coordinator follows "Utse en systemägare" (`?edit=ansvar`), finds people in the directory (some not
 * yet on the site, so the tab ensures them) and a system of the register, saves and sees them after a
 * reload; a system owner sees the owner field read-only with the reason and still changes the
 * administration team. axe has nothing to say, at 1280 px and at 390 px.
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
/** Directory users that are not site users until someone picks them. */
const NEW_OWNER = { upn: 'greta.nyagare@exempelkommun.se', displayName: 'Greta Nyägare' };
const NEW_ADMIN = { upn: 'tord.testforvaltare@exempelkommun.se', displayName: 'Tord Testförvaltare' };
const TEAM_MEMBER = { upn: 'maja.medforvaltare@exempelkommun.se', displayName: 'Maja Medförvaltare' };

let h: Harness;
let personas: { upn: string; role: string; title: string }[] = [];
const persona = (role: string) => {
  const p = personas.find((x) => x.role === role);
  if (!p) throw new Error(`no ${role} persona`);
  return p;
};
const adminRepos = () => createRepositories(createSp({ siteUrl: h.stack.siteUrl, getToken: async () => createLocalToken(ADMIN) }));

beforeAll(async () => {
  h = await startHarness();
  await mkdir(SHOTS, { recursive: true });
  h.stack.store.addDirectoryUsers([NEW_OWNER, NEW_ADMIN, TEAM_MEMBER]);
  const res = await fetch(`${h.stack.storeUrl}/_local/personas`);
  const body = (await res.json()) as typeof personas | { personas: typeof personas };
  personas = Array.isArray(body) ? body : body.personas;
}, 180_000);

afterAll(async () => {
  await h?.close();
});

async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor({ state: 'visible', timeout: 15_000 });
  await page.waitForFunction(() => document.querySelectorAll('[role="progressbar"]').length === 0, undefined, { timeout: 15_000 });
}

async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

const value = (page: Page, key: string) => page.getByTestId(`value-${key}`).locator('dd').textContent();
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Types into a picker (key by key, as a person does) and chooses the suggestion; waits until it is listed as chosen. */
async function pick(page: Page, key: string, text: string, option: string | RegExp, chosen?: string): Promise<void> {
  const input = page.locator(`#system-field-${key}`);
  await input.click();
  await input.pressSequentially(text);
  const choice = page.getByRole('option', { name: option }).first();
  await choice.waitFor({ timeout: 15_000 });
  await choice.click();
  await expect.poll(() => page.getByTestId(`chosen-${key}`).textContent(), { timeout: 15_000 }).toContain(chosen ?? String(option));
}

describe('system form: people and dependencies', () => {
  it(
    'a coordinator sets an owner, an administrator and a dependency from "Utse en systemägare" (?edit=ansvar); saved and shown after a reload',
    { timeout: 120_000 },
    async () => {
      const repos = adminRepos();
      // A system without an owner (the task's case), and another system to depend on.
      const [system, ...others] = await repos.systems.list({ fields: ['title', 'systemOwner'], orderBy: [{ key: 'title' }], top: 50 });
      const target = await repos.systems.get(system!.id);
      await repos.systems.update(target.id, { systemOwner: null, dependsOn: [] }, target.etag);
      const dependency = others.find((s) => s.title !== target.title && s.title.length >= 3)!;
      expect(await repos.users.getByEmail(NEW_OWNER.upn), 'not a site user before the pick').toBeNull();

      const opened = await openContext(h, persona('securityCoordinator').upn, 'sv-SE');
      const { page } = opened;
      try {
        await page.goto(`${h.tabUrl}/systems/${target.id}?edit=ansvar&lang=sv`);
        await settled(page);
        const form = page.getByTestId('system-form');
        await form.waitFor();
        const ansvar = page.locator('#edit-ansvar');
        expect(await ansvar.locator('legend').textContent()).toBe('Ansvar');
        // The owner is a picker for the coordinator, not read-only.
        expect(await page.locator('#system-field-systemOwner').getAttribute('readonly')).toBeNull();

        await pick(page, 'systemOwner', 'nyäg', 'Greta Nyägare (greta.nyagare@exempelkommun.se)', 'Greta Nyägare');
        await pick(
          page,
          'systemAdministrator',
          'Tord',
          'Tord Testförvaltare (tord.testforvaltare@exempelkommun.se)',
          'Tord Testförvaltare',
        );
        await pick(page, 'dependsOn', dependency.title.slice(0, 3), dependency.title);
        expect(await page.getByTestId('chosen-systemOwner').textContent()).toBe('Greta Nyägare');
        // The system itself is never offered as its own dependency.
        await page.locator('#system-field-dependsOn').pressSequentially(target.title);
        await page.getByRole('listbox').waitFor();
        expect(await page.getByRole('option', { name: target.title, exact: true }).count()).toBe(0);
        expect(await axeViolations(page)).toEqual([]);
        await page.keyboard.press('Escape');
        await page.locator('#system-field-dependsOn').fill('');
        await page.screenshot({ path: join(SHOTS, 'system-people-coordinator-sv.png'), fullPage: true });

        await page.getByTestId('system-submit').click();
        await page.getByTestId('system-notice').waitFor();
        expect(await value(page, 'systemOwner')).toBe('Greta Nyägare');
        expect(await value(page, 'systemAdministrator')).toBe('Tord Testförvaltare');
        expect(await value(page, 'dependsOn')).toBe(dependency.title);

        await page.reload();
        await settled(page);
        await page.getByTestId('system-sections').waitFor();
        expect(await value(page, 'systemOwner')).toBe('Greta Nyägare');
        expect(await value(page, 'systemAdministrator')).toBe('Tord Testförvaltare');
        expect(await value(page, 'dependsOn')).toBe(dependency.title);
        expect(await axeViolations(page)).toEqual([]);

        const stored = await repos.systems.get(target.id);
        const greta = await repos.users.getByEmail(NEW_OWNER.upn);
        expect(greta, 'ensured when picked').not.toBeNull();
        expect([stored.systemOwner?.id, stored.systemAdministrator?.title, stored.dependsOn.map((d) => d.id)]).toEqual([
          greta!.id,
          'Tord Testförvaltare',
          [dependency.id],
        ]);
        expect(opened.errors).toEqual([]);
      } finally {
        await opened.context.close();
      }
    },
  );

  it('a system owner sees the owner read-only with the reason, and changes the administration team', { timeout: 120_000 }, async () => {
    const owner = persona('systemOwner');
    const repos = adminRepos();
    const ownerUser = await repos.users.ensure(owner.upn);
    const [system] = await repos.systems.list({ filter: where('systems').eq('systemOwner', ownerUser.id), top: 1 });
    expect(system, `${owner.upn} owns a system in the demo`).toBeTruthy();
    const before = await repos.systems.get(system!.id);

    const opened = await openContext(h, owner.upn, 'sv-SE');
    const { page } = opened;
    try {
      await page.goto(`${h.tabUrl}/systems/${before.id}?lang=sv`);
      await settled(page);
      await page.getByTestId('system-edit').click();
      await page.getByTestId('system-form').waitFor();
      const ownerField = page.getByTestId('field-systemOwner');
      expect(await page.locator('#system-field-systemOwner').getAttribute('readonly')).not.toBeNull();
      expect(await page.locator('#system-field-systemOwner').inputValue()).toBe(ownerUser.title);
      expect(await ownerField.textContent()).toContain('Systemägaren byts av informationssäkerhetssamordnaren');
      expect(await page.getByTestId('picker-systemOwner').count()).toBe(0);

      await pick(page, 'administrators', 'Maja', 'Maja Medförvaltare (maja.medforvaltare@exempelkommun.se)', 'Maja Medförvaltare');
      expect(await axeViolations(page)).toEqual([]);
      await page.getByTestId('system-submit').click();
      await page.getByTestId('system-notice').waitFor();
      expect(await value(page, 'administrators')).toContain('Maja Medförvaltare');

      await page.reload();
      await settled(page);
      await page.getByTestId('system-sections').waitFor();
      expect(await value(page, 'administrators')).toContain('Maja Medförvaltare');
      expect(await value(page, 'systemOwner')).toBe(ownerUser.title);
      const stored = await repos.systems.get(before.id);
      expect(stored.systemOwner?.id).toBe(ownerUser.id);
      expect(stored.administrators.map((p) => p.title)).toEqual([...before.administrators.map((p) => p.title), 'Maja Medförvaltare']);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });

  it('at 390 px the pickers fit: no sideways scrolling, axe clean with a suggestion list open', { timeout: 90_000 }, async () => {
    const context = await h.browser.newContext({ locale: 'sv-SE', viewport: { width: 390, height: 844 } });
    await context.addInitScript((upn: string) => localStorage.setItem('systemkoll.persona', upn), persona('securityCoordinator').upn);
    const page = await context.newPage();
    try {
      const [system] = await adminRepos().systems.list({ fields: ['title'], orderBy: [{ key: 'title', ascending: false }], top: 1 });
      await page.goto(`${h.tabUrl}/systems/${system!.id}?edit=ansvar&lang=sv`);
      await settled(page);
      await page.getByTestId('system-form').waitFor();
      await pick(page, 'technicalContact', 'Tord', 'Tord Testförvaltare (tord.testforvaltare@exempelkommun.se)', 'Tord Testförvaltare');
      await page.locator('#system-field-informationOwner').pressSequentially('Gre');
      await page.getByRole('option', { name: /Greta Nyägare/ }).waitFor();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SHOTS, 'system-people-phone-sv.png'), fullPage: false });
    } finally {
      await context.close();
    }
  });
});
