/**
 * The Teams tab in real headless Chromium against the local stack: every page in sv-SE and en-US,
 * light/dark/high-contrast, no console errors, no serious/critical axe violations, a screenshot
 * per page; persona switching, deep links and the Swedish error view.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { createSp, createRepositories, where } from '../../src/shared/data/index.js';
import { createLocalToken } from '../../src/shared/auth/local-token.js';
import { openContext, startHarness, tabTo, type Harness } from './harness.js';
import { restoreOrder } from '../../src/domain/restore-order.js';
import { applicableRequirements } from '../../src/domain/security-requirements.js';

const ADMIN = 'admin@exempelkommun.se';
const SHOTS = join(process.cwd(), 'test-results', 'screenshots');

let h: Harness;
let systemId = 0;
let incidentId = 0;
/** The admin's repositories against the harness's store. */
const adminRepos = () => createRepositories(createSp({ siteUrl: h.stack.siteUrl, getToken: async () => createLocalToken(ADMIN) }));
let personas: { upn: string; role: string; title: string }[] = [];
/** A classified system of the owner persona with requirements that apply (set in the second beforeAll). */
let requirementsSystem: { id: number; title: string } = { id: 0, title: '' };

beforeAll(async () => {
  h = await startHarness();
  await mkdir(SHOTS, { recursive: true });
  const sp = createSp({ siteUrl: h.stack.siteUrl, getToken: async () => createLocalToken(ADMIN) });
  const repos = createRepositories(sp);
  const [systems, incidents] = await Promise.all([repos.systems.list({ top: 1 }), repos.incidents.list({ top: 1 })]);
  systemId = systems[0]!.id;
  incidentId = incidents[0]!.id;
  const res = await fetch(`${h.stack.storeUrl}/_local/personas`);
  const body = (await res.json()) as typeof personas | { personas: typeof personas };
  personas = Array.isArray(body) ? body : body.personas;
}, 180_000);

afterAll(async () => {
  await h?.close();
});

/** A report through the Systemkoll API as `upn` (idempotent per title: the title is the client key). */
async function report(upn: string, title: string): Promise<void> {
  const res = await fetch(`${h.apiUrl}/api/v1/incidents`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${createLocalToken(upn)}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ title, description: 'Rapporterad i webbläsartestet.', personalData: 'nej', clientKey: `browser-${title}` }),
  });
  expect([200, 201], await res.clone().text()).toContain(res.status);
}

/** Waits until the page has rendered its heading and nothing is loading any more. */
async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor({ state: 'visible', timeout: 15_000 });
  await page.waitForFunction(() => document.querySelectorAll('[role="progressbar"]').length === 0, undefined, { timeout: 15_000 });
}

/**
 * What the browser asks SharePoint and the Systemkoll API for. The navigation's task counts (my
 * tasks; all tasks for coordinators and admins) are one API request each, shared with Mina
 * uppgifter and Översikt, and kept apart in `navCounts`.
 */
function roundTrips(page: Page): { calls: string[]; navCounts: string[] } {
  const calls: string[] = [];
  const navCounts: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    if (r.method() === 'OPTIONS') return;
    if (url.startsWith(`${h.apiUrl}/api/v1/`) && /^\/api\/v1\/(me\/)?tasks$/.test(new URL(url).pathname)) navCounts.push(url);
    else if ((url.startsWith(h.stack.storeUrl) && url.includes('/_api/')) || url.startsWith(`${h.apiUrl}/api/v1/`)) calls.push(url);
  });
  return { calls, navCounts };
}

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    );
}

interface PageCase {
  name: string;
  path: () => string;
  /** Something that proves real content (data or the page's own text) is shown. */
  ready: (page: Page) => Promise<void>;
  heading: { sv: RegExp; en: RegExp };
}

const testId = (id: string) => async (page: Page) => {
  await page.getByTestId(id).first().waitFor({ state: 'visible', timeout: 15_000 });
};

const pages: PageCase[] = [
  { name: 'tasks', path: () => '/tasks', ready: testId('my-tasks'), heading: { sv: /Mina uppgifter/, en: /My tasks/ } },
  { name: 'systems', path: () => '/systems', ready: testId('systems-table'), heading: { sv: /^System$/, en: /^Systems$/ } },
  { name: 'system-detail', path: () => `/systems/${systemId}`, ready: testId('system-sections'), heading: { sv: /./, en: /./ } },
  { name: 'incidents', path: () => '/incidents', ready: testId('incidents-table'), heading: { sv: /Incidenter/, en: /Incidents/ } },
  { name: 'incident-detail', path: () => `/incidents/${incidentId}`, ready: testId('severity-model'), heading: { sv: /./, en: /./ } },
  { name: 'training', path: () => '/training', ready: testId('courses-table'), heading: { sv: /Utbildning/, en: /Training/ } },
  { name: 'reports', path: () => '/reports', ready: testId('report-preview'), heading: { sv: /Rapporter/, en: /Reports/ } },
  { name: 'admin', path: () => '/admin', ready: testId('permissions-table'), heading: { sv: /Administration/, en: /Administration/ } },
  {
    name: 'restore-order',
    path: () => '/restore-order',
    ready: testId('restore-order-table'),
    heading: { sv: /Återställningsordning/, en: /Restore order/ },
  },
  {
    name: 'requirements',
    path: () => '/requirements',
    ready: testId('catalogue-table'),
    heading: { sv: /Säkerhetskrav/, en: /Security requirements/ },
  },
  {
    name: 'system-requirements',
    path: () => `/systems/${requirementsSystem.id}/requirements`,
    ready: testId('requirement-card'),
    heading: { sv: /Säkerhetskrav för/, en: /Security requirements for/ },
  },
  { name: 'config', path: () => '/config', ready: async () => undefined, heading: { sv: /Lägg till Systemkoll/, en: /Add Systemkoll/ } },
];

const combos = [
  { lang: 'sv', locale: 'sv-SE', theme: 'light' },
  { lang: 'sv', locale: 'sv-SE', theme: 'dark' },
  { lang: 'sv', locale: 'sv-SE', theme: 'contrast' },
  { lang: 'en', locale: 'en-US', theme: 'light' },
  { lang: 'en', locale: 'en-US', theme: 'dark' },
  { lang: 'en', locale: 'en-US', theme: 'contrast' },
] as const;

/** Runs `work` over `items` with at most `width` at a time (two cores: three pages render at once). */
async function inParallel<T>(items: T[], width: number, work: (item: T, lane: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async (_, lane) => {
      while (next < items.length) await work(items[next++]!, lane);
    }),
  );
}

// The combos run one after another (a test's timeout never includes time spent waiting for another
// test); within a combo, three browser contexts share the pages.
describe('every page, language and theme', () => {
  for (const combo of combos) {
    it(`${combo.lang} ${combo.theme}`, { timeout: 150_000 }, async () => {
      const lanes = await Promise.all([0, 1, 2].map(() => openContext(h, ADMIN, combo.locale)));
      const problems: string[] = [];
      try {
        await inParallel(pages, lanes.length, async (pc, lane) => {
          const opened = lanes[lane]!;
          const before = opened.errors.length;
          await opened.page.goto(`${h.tabUrl}${pc.path()}?lang=${combo.lang}&theme=${combo.theme}`);
          await settled(opened.page);
          await pc.ready(opened.page);
          const lang = await opened.page.evaluate(() => document.documentElement.lang);
          if (lang !== combo.locale) problems.push(`${pc.name}: html lang ${lang}`);
          const theme = await opened.page.evaluate(() => document.documentElement.dataset.theme);
          if (theme !== combo.theme) problems.push(`${pc.name}: theme ${theme}`);
          const heading = (await opened.page.locator('h1').first().textContent()) ?? '';
          if (!pc.heading[combo.lang].test(heading.trim())) problems.push(`${pc.name}: heading "${heading}"`);
          if (await opened.page.getByTestId('error-view').count()) problems.push(`${pc.name}: shows an error view`);
          for (const v of await seriousViolations(opened.page)) problems.push(`${pc.name}: axe ${v}`);
          await opened.page.screenshot({ path: join(SHOTS, `${pc.name}-${combo.lang}-${combo.theme}.png`), fullPage: true });
          for (const e of opened.errors.slice(before)) problems.push(`${pc.name}: console ${e}`);
        });
      } finally {
        await Promise.all(lanes.map((l) => l.context.close()));
      }
      expect(problems).toEqual([]);
    });
  }
});

describe('persona, deep links and errors', () => {
  it('switching persona changes identity, roles and data, and is remembered', { timeout: 60_000 }, async () => {
    const employee = personas.find((p) => p.role === 'employee')!;
    const coordinator = personas.find((p) => p.role === 'securityCoordinator')!;
    expect(employee && coordinator).toBeTruthy();
    const opened = await openContext(h, employee.upn, 'sv-SE');
    const { page } = opened;
    try {
      await page.goto(`${h.tabUrl}/incidents?lang=sv`);
      await settled(page);
      await expect.poll(() => page.getByTestId('whoami').textContent()).toContain(employee.title.split(' – ')[0]);
      expect(await page.getByTestId('nav-admin').count()).toBe(0);
      await expect.poll(() => page.locator('main p').first().textContent()).toMatch(/själv har rapporterat/);
      // Staff have no SharePoint access to incidents: their own reports come from the API, labelled.
      expect(await page.getByRole('heading', { name: 'Mina rapporter' }).count()).toBe(1);
      expect(await page.getByTestId('incidents-table').count()).toBe(0);
      const employeeRows = await page.locator('[data-testid="my-incidents-table"] tbody tr').count();

      await page.getByTestId('persona-switcher').selectOption(coordinator.upn);
      await expect.poll(() => page.getByTestId('whoami').textContent()).toContain(coordinator.title.split(' – ')[0]);
      await expect.poll(() => page.locator('main p').first().textContent()).toMatch(/Alla rapporterade/);
      await page.getByTestId('incidents-table').waitFor();
      const coordinatorRows = await page.locator('[data-testid="incidents-table"] tbody tr').count();
      expect(coordinatorRows).toBeGreaterThan(employeeRows);

      await page.getByTestId('persona-switcher').selectOption(ADMIN);
      await page.getByTestId('nav-admin').waitFor();
      await page.getByTestId('nav-admin').click();
      await page.getByTestId('permissions-table').waitFor();

      await page.reload();
      await settled(page);
      await expect.poll(() => page.getByTestId('persona-switcher').inputValue()).toBe(ADMIN);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });

  it(
    'a deep link opens the record directly; an unknown record shows a Swedish error with a correlation id',
    { timeout: 60_000 },
    async () => {
      const opened = await openContext(h, ADMIN, 'sv-SE');
      const { page } = opened;
      try {
        await page.goto(`${h.tabUrl}/systems/${systemId}?lang=sv`);
        await settled(page);
        await page.getByTestId('system-sections').waitFor();
        expect(await page.getByRole('link', { name: /Alla system/ }).count()).toBe(1);

        await page.goto(`${h.tabUrl}/systems/987654?lang=sv`);
        await page.getByTestId('error-view').waitFor({ timeout: 15_000 });
        const text = (await page.getByTestId('error-view').textContent()) ?? '';
        expect(text).toMatch(/Hittades inte/);
        expect(text).toMatch(/Felkod att uppge för support/);
        expect(await page.getByTestId('correlation-id').textContent()).toMatch(/^[0-9a-f-]{36}$/);
        expect(await page.getByRole('button', { name: 'Försök igen' }).count()).toBe(1);

        await page.goto(`${h.tabUrl}/no-such-page?lang=sv`);
        await settled(page);
        expect(await page.locator('h1').textContent()).toBe('Sidan finns inte');
      } finally {
        await opened.context.close();
      }
    },
  );

  it("an employee sees their own report on Mina uppgifter, through the API, and not another person's", { timeout: 60_000 }, async () => {
    const employee = personas.find((p) => p.role === 'employee')!;
    const other = personas.find((p) => p.role === 'systemOwner' && p.upn !== employee.upn)!;
    const stamp = Math.random().toString(36).slice(2, 10);
    const mine = `Egen rapport ${stamp}`;
    const theirs = `Annans rapport ${stamp}`;
    await report(employee.upn, mine);
    await report(other.upn, theirs);

    const opened = await openContext(h, employee.upn, 'sv-SE');
    const { page } = opened;
    const apiCalls: string[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith(`${h.apiUrl}/api/v1/`) && r.method() !== 'OPTIONS') apiCalls.push(new URL(r.url()).pathname);
    });
    try {
      await page.goto(`${h.tabUrl}/tasks?lang=sv`);
      await settled(page);
      const table = page.getByTestId('my-reports');
      await table.waitFor({ timeout: 15_000 });
      await expect.poll(() => table.textContent()).toContain(mine);
      expect(await table.textContent()).not.toContain(theirs);
      expect(apiCalls).toContain('/api/v1/me/overview');

      // The report opens from the list; the detail comes from the API too.
      await table.locator('tbody tr', { hasText: mine }).getByRole('link').click();
      await page.getByTestId('incident-overview').waitFor({ timeout: 15_000 });
      expect(await page.locator('h1').textContent()).toContain(mine);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });

  it('each view needs at most two round trips, start-up included (SharePoint and the Systemkoll API)', { timeout: 90_000 }, async () => {
    const owner = personas.find((p) => p.role === 'systemOwner')!;
    const employee = personas.find((p) => p.role === 'employee')!;
    // Both have a report of their own, so their tables are there to wait for.
    await report(owner.upn, 'Ägarens rapport för räkning av förfrågningar');
    await report(employee.upn, 'Medarbetarens rapport för räkning av förfrågningar');
    const cases: [persona: string, path: string, ready: string][] = [
      [owner.upn, '/tasks', 'my-systems'],
      [employee.upn, '/tasks', 'my-reports'],
      [owner.upn, '/incidents', 'my-incidents-table'],
      [employee.upn, '/incidents', 'my-incidents-table'],
      [ADMIN, '/systems', 'systems-table'],
      [ADMIN, '/incidents', 'incidents-table'],
      [ADMIN, '/training', 'courses-table'],
      [ADMIN, '/admin', 'permissions-table'],
      [ADMIN, `/systems/${systemId}`, 'system-sections'],
    ];
    const seen: Record<string, string[]> = {};
    for (const [persona, path, ready] of cases) {
      const opened = await openContext(h, persona, 'sv-SE');
      // Counted in the browser: the store also serves the API's own (app-only) requests.
      const { calls, navCounts } = roundTrips(opened.page);
      try {
        // A cold load of the view, start-up included (who am I, roles): everything the browser asks
        // SharePoint or the Systemkoll API for. The API's own app-only reads are its business.
        await opened.page.goto(`${h.tabUrl}${path}?lang=sv`);
        await opened.page.getByTestId(ready).first().waitFor({ timeout: 15_000 });
        await settled(opened.page);
        seen[`${persona} ${path}`] = [...calls];
        // Never more than one request per count, however many places show it.
        for (const count of new Set(navCounts))
          expect(
            navCounts.filter((u) => u === count),
            count,
          ).toHaveLength(1);
        expect(navCounts.some((u) => u.endsWith('/api/v1/me/tasks'))).toBe(true);
        if (persona === owner.upn && path === '/tasks')
          await opened.page.screenshot({ path: join(SHOTS, `tasks-systemowner-sv-light.png`), fullPage: true });
        expect(opened.errors).toEqual([]);
      } finally {
        await opened.context.close();
      }
    }
    for (const [view, urls] of Object.entries(seen)) {
      const detail = `${view}: ${urls.length} round trips\n  ${urls.map((u) => decodeURIComponent(u)).join('\n  ')}`;
      expect(urls.length, detail).toBeGreaterThan(0);
      expect(urls.length, detail).toBeLessThanOrEqual(2);
    }
  });
});

describe('system register list', () => {
  const rowsOf = (page: Page) => page.locator('[data-testid="systems-table"] tbody tr');
  const countText = (page: Page) => page.getByTestId('register-count').textContent();
  async function adminRepos() {
    return createRepositories(createSp({ siteUrl: h.stack.siteUrl, getToken: async () => createLocalToken(ADMIN) }));
  }

  it('search by the start of a name or supplier narrows the table and is kept in the URL', { timeout: 60_000 }, async () => {
    const all = await (await adminRepos()).systems.all();
    const prefix = all
      .map((s) => s.title)
      .sort()[0]!
      .slice(0, 3);
    const expected = all.filter((s) => [s.title, s.supplier].some((x) => x?.toLowerCase().startsWith(prefix.toLowerCase())));
    expect(expected.length).toBeLessThan(all.length);
    const opened = await openContext(h, ADMIN, 'sv-SE');
    const { page } = opened;
    try {
      await page.goto(`${h.tabUrl}/systems?lang=sv`);
      await settled(page);
      await rowsOf(page).first().waitFor();
      await page.getByTestId('register-search').fill(prefix);
      await page.waitForURL((u) => u.searchParams.get('q') === prefix);
      await expect.poll(() => countText(page)).toBe(`Visar ${Math.min(50, expected.length)} av ${expected.length} system`);
      const names = await rowsOf(page).locator('td:first-child').allTextContents();
      expect(names.sort()).toEqual(
        expected
          .map((s) => s.title)
          .sort()
          .slice(0, names.length),
      );
      expect(new URL(page.url()).searchParams.get('lang')).toBe('sv');
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });

  it('a filter narrows the table; the URL round trip restores it; an empty result offers to clear', { timeout: 60_000 }, async () => {
    const all = await (await adminRepos()).systems.all();
    const critical = all.filter((s) => s.criticality === 'verksamhetskritisk');
    expect(critical.length).toBeGreaterThan(0);
    expect(critical.length).toBeLessThan(all.length);
    const opened = await openContext(h, ADMIN, 'sv-SE');
    const { page } = opened;
    try {
      await page.goto(`${h.tabUrl}/systems?lang=sv`);
      await settled(page);
      await expect.poll(() => countText(page)).toMatch(new RegExp(`av ${all.length} system$`));
      await page.getByTestId('filter-criticality').selectOption('verksamhetskritisk');
      await page.waitForURL((u) => u.searchParams.get('krit') === 'verksamhetskritisk');
      await expect.poll(() => countText(page)).toMatch(new RegExp(`av ${critical.length} system$`));
      for (const cell of await rowsOf(page).locator('td:nth-child(5)').allTextContents()) expect(cell).toContain('Verksamhetskritisk');

      // Deep link with a department code and criticality: the controls show it and the rows match.
      const soc = (await (await adminRepos()).departments.all()).find((d) => d.code === 'SOC')!;
      const socCritical = critical.filter((s) => s.department?.id === soc.id);
      await page.goto(`${h.tabUrl}/systems?dept=SOC&krit=verksamhetskritisk&lang=sv`);
      await settled(page);
      await expect.poll(() => page.getByTestId('filter-dept').inputValue()).toBe('SOC');
      expect(await page.getByTestId('filter-criticality').inputValue()).toBe('verksamhetskritisk');
      if (socCritical.length > 0) {
        await expect.poll(() => countText(page)).toBe(`Visar ${socCritical.length} av ${socCritical.length} system`);
        for (const cell of await rowsOf(page).locator('td:nth-child(2)').allTextContents()) expect(cell).toBe(soc.title);
      }
      await page.reload();
      await settled(page);
      expect(await page.getByTestId('filter-dept').inputValue()).toBe('SOC');

      await page.goto(`${h.tabUrl}/systems?q=zzqx-finns-inte&lang=sv`);
      await settled(page);
      const empty = page.getByTestId('register-empty');
      await empty.waitFor();
      expect(await empty.textContent()).toContain('Inga system matchar filtren.');
      expect(await seriousViolations(page)).toEqual([]);
      await empty.getByRole('button', { name: 'Rensa filter' }).click();
      await page.waitForURL((u) => !u.searchParams.has('q'));
      await rowsOf(page).first().waitFor();
      expect(await page.getByTestId('register-search').inputValue()).toBe('');
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });

  it('sorting by a column header reorders the rows and is kept in the URL', { timeout: 60_000 }, async () => {
    const opened = await openContext(h, ADMIN, 'sv-SE');
    const { page } = opened;
    try {
      await page.goto(`${h.tabUrl}/systems?lang=sv`);
      await settled(page);
      await rowsOf(page).first().waitFor();
      await page.getByRole('columnheader', { name: 'Leverantör' }).click();
      await page.waitForURL((u) => u.searchParams.get('sort') === 'supplier');
      const header = page.getByRole('columnheader', { name: 'Leverantör' });
      await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
      const suppliers = (await rowsOf(page).locator('td:nth-child(4)').allTextContents()).filter((s) => s !== '–');
      expect(suppliers).toEqual([...suppliers].sort((a, b) => a.localeCompare(b, 'sv', { sensitivity: 'base', numeric: true })));
      await header.click();
      await page.waitForURL((u) => u.searchParams.get('fallande') === 'ja');
      await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });

  for (const lang of ['sv', 'en'] as const) {
    it(`at 390 px the register is readable cards, no sideways scrolling, axe clean (${lang})`, { timeout: 60_000 }, async () => {
      const opened = await openContext(h, ADMIN, lang === 'sv' ? 'sv-SE' : 'en-US');
      const { page } = opened;
      try {
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto(`${h.tabUrl}/systems?lang=${lang}`);
        await settled(page);
        const cards = page.getByTestId('systems-cards');
        await cards.waitFor();
        // The filters fold away behind one button on a phone, so the cards come first.
        expect(await page.getByTestId('filter-lifecycle').isVisible()).toBe(false);
        await page.getByTestId('register-filters-toggle').click();
        await page.getByTestId('filter-lifecycle').waitFor();
        await page.getByTestId('register-filters-toggle').click();
        expect(await page.getByTestId('systems-table').count()).toBe(0);
        expect(await cards.locator('li').count()).toBeGreaterThan(0);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        // Every card sits inside the viewport.
        const boxes = await cards.locator('li').evaluateAll((els) => els.slice(0, 10).map((e) => e.getBoundingClientRect().right));
        for (const right of boxes) expect(right).toBeLessThanOrEqual(390);
        expect(await seriousViolations(page)).toEqual([]);
        await page.screenshot({ path: join(SHOTS, `systems-phone-${lang}.png`) });
        if (await page.getByTestId('register-more').count()) await page.getByTestId('register-more').scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SHOTS, `systems-phone-end-${lang}.png`) });
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.getByTestId('systems-table').waitFor();
        await page.screenshot({ path: join(SHOTS, `systems-desktop-${lang}.png`), fullPage: false });
        expect(opened.errors).toEqual([]);
      } finally {
        await opened.context.close();
      }
    });
  }
});

beforeAll(async () => {
  // The owner persona's first classified system in operation with security requirements that apply.
  const repos = createRepositories(createSp({ siteUrl: h.stack.siteUrl, getToken: async () => createLocalToken(ADMIN) }));
  const owner = personas.find((p) => p.role === 'systemOwner')!;
  const me = await repos.users.ensure(owner.upn);
  const [systems, catalogue] = await Promise.all([repos.systems.all(), repos.securityRequirements.list()]);
  const mine = systems
    .filter((s) => s.systemOwner?.id === me.id && s.lifecycleStatus === 'i drift')
    .find((s) => applicableRequirements(catalogue, s).length > 0);
  expect(mine, 'the owner persona owns a classified system').toBeTruthy();
  requirementsSystem = { id: mine!.id, title: mine!.title };
});

describe('restore order and security requirements', () => {
  const adminRepos = () => createRepositories(createSp({ siteUrl: h.stack.siteUrl, getToken: async () => createLocalToken(ADMIN) }));

  it('lists the critical systems in restore order, flags contradictions, exports CSV and prints cleanly', { timeout: 90_000 }, async () => {
    const systems = await adminRepos().systems.all();
    const critical = systems.filter(
      (s) => s.lifecycleStatus === 'i drift' && (s.societallyCritical || s.criticality === 'verksamhetskritisk'),
    );
    const expected = restoreOrder(critical.map((s) => ({ ...s, priority: s.restorePriority })));
    expect(expected.entries.length).toBeGreaterThan(3);
    const opened = await openContext(h, ADMIN, 'sv-SE');
    const { page } = opened;
    try {
      await page.goto(`${h.tabUrl}/restore-order?lang=sv`);
      await settled(page);
      await page.getByTestId('restore-order-table').waitFor();
      const names = await page.locator('[data-testid="restore-row"] td:nth-child(2)').allTextContents();
      expect(names).toEqual(expected.entries.map((e) => e.system.title));
      // Never before what it depends on.
      for (const [i, e] of expected.entries.entries())
        for (const d of e.system.dependsOn) {
          const at = names.indexOf(d.title ?? '');
          if (at >= 0 && !e.issues.some((x) => x.kind === 'cycle')) expect(at, `${e.system.title} after ${d.title}`).toBeLessThan(i);
        }
      if (expected.issues.length > 0) expect(await page.locator('[data-testid="restore-issues"] li').count()).toBe(expected.issues.length);

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('restore-export').click()]);
      expect(download.suggestedFilename()).toMatch(/^aterstallningsordning-\d{4}-\d{2}-\d{2}\.csv$/);
      const stream = await download.createReadStream();
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(c as Buffer);
      const csv = Buffer.concat(chunks).toString('utf8');
      expect(csv.startsWith('\uFEFFNr;System;Prioritet;Accepterad avbrottstid')).toBe(true);
      const lines = csv.trim().split('\r\n');
      expect(lines).toHaveLength(expected.entries.length + 1);
      expect(lines[1]!.split(';')[1]).toContain(expected.entries[0]!.system.title.replace(/"/g, '""'));

      await page.screenshot({ path: join(SHOTS, 'restore-order-sv-screen.png'), fullPage: true });
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('header').first().isVisible()).toBe(false);
      expect(await page.getByTestId('restore-print').isVisible()).toBe(false);
      const colors = await page.evaluate(() => {
        const cell = document.querySelector('[data-testid="restore-row"] td')!;
        return [getComputedStyle(cell).color, getComputedStyle(cell).backgroundColor];
      });
      expect(colors).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
      await page.screenshot({ path: join(SHOTS, 'restore-order-sv-print.png'), fullPage: true });
      const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: false });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      await page.emulateMedia({ media: 'screen' });

      // Dark theme printed: still black on white.
      await page.goto(`${h.tabUrl}/restore-order?lang=sv&theme=dark`);
      await settled(page);
      await page.emulateMedia({ media: 'print' });
      await page.screenshot({ path: join(SHOTS, 'restore-order-sv-dark-print.png'), fullPage: true });
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('[data-testid="restore-row"] td')!).color)).toBe(
        'rgb(0, 0, 0)',
      );
      await page.emulateMedia({ media: 'screen' });

      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${h.tabUrl}/restore-order?lang=sv`);
      await settled(page);
      await page.getByTestId('restore-order-table').waitFor();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SHOTS, 'restore-order-sv-390.png'), fullPage: false });
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });

  it(
    'the owner assesses a requirement; it is stored as theirs and shows in the coordinators’ handlingsplan',
    { timeout: 90_000 },
    async () => {
      const owner = personas.find((p) => p.role === 'systemOwner')!;
      const coordinator = personas.find((p) => p.role === 'securityCoordinator')!;
      const opened = await openContext(h, owner.upn, 'sv-SE');
      const { page } = opened;
      const comment = `Webbläsartest ${Math.random().toString(36).slice(2, 8)}`;
      let requirementTitle = '';
      try {
        await page.goto(`${h.tabUrl}/systems/${requirementsSystem.id}/requirements?lang=sv`);
        await settled(page);
        const card = page.getByTestId('requirement-card').first();
        await card.waitFor();
        requirementTitle = (await card.locator('h3').textContent()) ?? '';
        await card.getByTestId('assessment-status').selectOption('ej uppfyllt');
        await card.locator('textarea').fill(comment);
        await card.getByTestId('assessment-save').click();
        await expect.poll(() => page.getByTestId('requirement-card').first().textContent()).toContain('Sparat.');
        expect(await seriousViolations(page)).toEqual([]);
        await page.screenshot({ path: join(SHOTS, 'system-requirements-owner-sv.png'), fullPage: true });
        await page.setViewportSize({ width: 390, height: 844 });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        expect(await seriousViolations(page)).toEqual([]);
        await page.screenshot({ path: join(SHOTS, 'system-requirements-owner-sv-390.png'), fullPage: false });
        expect(opened.errors).toEqual([]);
      } finally {
        await opened.context.close();
      }
      const repos = adminRepos();
      const me = await repos.users.ensure(owner.upn);
      const stored = (await repos.selfAssessments.all()).filter((a) => a.comment === comment);
      expect(stored.map((a) => [a.system.id, a.status, a.assessedBy?.id])).toEqual([[requirementsSystem.id, 'ej uppfyllt', me.id]]);

      const coord = await openContext(h, coordinator.upn, 'sv-SE');
      try {
        await coord.page.goto(`${h.tabUrl}/requirements?lang=sv`);
        await settled(coord.page);
        const row = coord.page.locator('[data-testid="action-plan-table"] tbody tr', { hasText: comment });
        await row.waitFor({ timeout: 15_000 });
        expect(await row.textContent()).toContain(requirementsSystem.title);
        expect(await row.textContent()).toContain(requirementTitle);
        await coord.page.screenshot({ path: join(SHOTS, 'requirements-coordinator-sv.png'), fullPage: true });
        await coord.page.setViewportSize({ width: 390, height: 844 });
        expect(await seriousViolations(coord.page)).toEqual([]);
        await coord.page.screenshot({ path: join(SHOTS, 'requirements-coordinator-sv-390.png'), fullPage: false });
        expect(coord.errors).toEqual([]);
      } finally {
        await coord.context.close();
      }
    },
  );

  it('each of these views needs at most two round trips on a cold load, start-up included', { timeout: 90_000 }, async () => {
    const owner = personas.find((p) => p.role === 'systemOwner')!;
    const employee = personas.find((p) => p.role === 'employee')!;
    const cases: [persona: string, path: string, ready: string][] = [
      [ADMIN, '/restore-order', 'restore-order-table'],
      [employee.upn, '/restore-order', 'restore-order-table'],
      [ADMIN, '/requirements', 'catalogue-table'],
      [owner.upn, `/systems/${requirementsSystem.id}/requirements`, 'requirement-card'],
      [employee.upn, `/systems/${requirementsSystem.id}/requirements`, 'requirement-card'],
    ];
    for (const [persona, path, ready] of cases) {
      const opened = await openContext(h, persona, 'sv-SE');
      const { calls } = roundTrips(opened.page);
      try {
        await opened.page.goto(`${h.tabUrl}${path}?lang=sv`);
        await opened.page.getByTestId(ready).first().waitFor({ timeout: 15_000 });
        await settled(opened.page);
        const detail = `${persona} ${path}: ${calls.length} round trips\n  ${calls.map((u) => decodeURIComponent(u)).join('\n  ')}`;
        expect(calls.length, detail).toBeGreaterThan(0);
        expect(calls.length, detail).toBeLessThanOrEqual(2);
        expect(opened.errors).toEqual([]);
      } finally {
        await opened.context.close();
      }
    }
  });

  it(
    'a coordinator adds and changes a requirement in the catalogue; a taken code is refused next to the field',
    { timeout: 60_000 },
    async () => {
      const coordinator = personas.find((p) => p.role === 'securityCoordinator')!;
      const opened = await openContext(h, coordinator.upn, 'sv-SE');
      const { page } = opened;
      const code = `T2-TEST-${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
      try {
        await page.goto(`${h.tabUrl}/requirements?lang=sv`);
        await settled(page);
        await page.getByTestId('requirement-add').click();
        const form = page.getByTestId('requirement-form');
        await form.waitFor();
        await page.getByTestId('requirement-code').fill('K3-MFA');
        await page.getByTestId('requirement-title').fill('Reservrutin övas');
        await page.getByTestId('requirement-save').click();
        await expect.poll(() => form.textContent()).toContain('Koden K3-MFA används redan av ett annat krav.');
        expect(await seriousViolations(page)).toEqual([]);
        await page.getByTestId('requirement-code').fill(code);
        await page.getByTestId('requirement-aspect').selectOption('T');
        await page.getByTestId('requirement-level').selectOption('2');
        await page.getByTestId('requirement-save').click();
        await form.waitFor({ state: 'detached' });
        await expect.poll(() => page.getByTestId('catalogue-table').textContent()).toContain('Reservrutin övas');
        const [stored] = await adminRepos().securityRequirements.list({ filter: where('securityRequirements').eq('code', code) });
        expect(stored).toMatchObject({ title: 'Reservrutin övas', aspect: 'T', fromLevel: 2, active: true });

        await page.getByTestId(`requirement-edit-${code}`).click();
        await page.getByTestId('requirement-active').click();
        await page.getByTestId('requirement-save').click();
        await page.getByTestId('requirement-form').waitFor({ state: 'detached' });
        await expect.poll(async () => (await adminRepos().securityRequirements.get(stored!.id)).active).toBe(false);
        expect(opened.errors).toEqual([]);
      } finally {
        await opened.context.close();
      }
    },
  );

  it('a system prioritised before what it depends on is listed after it, with the contradiction named', { timeout: 60_000 }, async () => {
    const repos = adminRepos();
    const systems = await repos.systems.all();
    // Two business systems (the demo's shared infrastructure is what they depend on) that do not
    // depend on each other: the earlier one is made to depend on the later one.
    const critical = systems
      .filter((s) => s.lifecycleStatus === 'i drift' && (s.societallyCritical || s.criticality === 'verksamhetskritisk'))
      .filter((s) => s.restorePriority !== null && s.systemType !== 'gemensam infrastruktur')
      .sort((a, b) => a.restorePriority! - b.restorePriority!);
    const independent = (a: (typeof critical)[number], b: (typeof critical)[number]) =>
      !a.dependsOn.some((d) => d.id === b.id) && !b.dependsOn.some((d) => d.id === a.id);
    const first = critical[0];
    const third = critical.slice(2).find((s) => first && independent(first, s));
    expect(first && third).toBeTruthy();
    const originalDependencies = first!.dependsOn.map((d) => ({ id: d.id }));
    await repos.systems.update(first!.id, { dependsOn: [...originalDependencies, { id: third!.id }] }, '*');
    const opened = await openContext(h, ADMIN, 'sv-SE');
    try {
      await opened.page.goto(`${h.tabUrl}/restore-order?lang=sv`);
      await settled(opened.page);
      await opened.page.getByTestId('restore-order-table').waitFor();
      const names = await opened.page.locator('[data-testid="restore-row"] td:nth-child(2)').allTextContents();
      expect(names.indexOf(first!.title)).toBe(names.indexOf(third!.title) + 1);
      expect(await opened.page.getByTestId('restore-issues').textContent()).toContain(
        `${first!.title} har prioritet före ${third!.title}, som det är beroende av – listas efter.`,
      );
      const row = opened.page.locator('[data-testid="restore-row"]').nth(names.indexOf(first!.title));
      expect(await row.locator('td').nth(5).textContent()).toContain(third!.title);
      await opened.page.screenshot({ path: join(SHOTS, 'restore-order-contradiction-sv.png'), fullPage: false });
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
      await repos.systems.update(first!.id, { dependsOn: originalDependencies }, '*');
    }
  });

  it('an employee sees the requirements that apply but not the assessments, and cannot assess', { timeout: 60_000 }, async () => {
    const employee = personas.find((p) => p.role === 'employee')!;
    const opened = await openContext(h, employee.upn, 'sv-SE');
    const { page } = opened;
    try {
      await page.goto(`${h.tabUrl}/systems/${requirementsSystem.id}/requirements?lang=sv`);
      await settled(page);
      await page.getByTestId('requirement-card').first().waitFor();
      expect(await page.locator('main').textContent()).toContain('Bedömningarna visas för systemägare');
      expect(await page.getByTestId('assessment-save').count()).toBe(0);
      expect(await page.getByTestId('nav-requirements').count()).toBe(0);
      expect(await page.getByTestId('nav-restore-order').count()).toBe(1);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });
});

describe('system page: grouped fields, edit, conflict, yearly review', () => {
  const SECTIONS = ['responsibility', 'classification', 'continuity', 'contract', 'costs', 'lifecycle', 'dependencies', 'history'];
  const adminRepos = () => createRepositories(createSp({ siteUrl: h.stack.siteUrl, getToken: async () => createLocalToken(ADMIN) }));
  const value = (page: Page, key: string) => page.getByTestId(`value-${key}`).locator('dd').textContent();
  const field = (page: Page, key: string) => page.locator(`#system-field-${key}`);
  const today = new Intl.DateTimeFormat('sv-SE', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'Europe/Stockholm' });

  /** A system the owner persona owns, and that persona. */
  async function ownersSystem() {
    const owner = personas.find((p) => p.role === 'systemOwner')!;
    const repos = adminRepos();
    const user = await repos.users.ensure(owner.upn);
    const [system] = await repos.systems.list({ filter: where('systems').eq('systemOwner', user.id), top: 1 });
    expect(system, `${owner.upn} owns a system in the demo`).toBeTruthy();
    return { owner, system: system!, repos };
  }

  it('shows every section with labelled values; an employee sees no edit button and no history', { timeout: 60_000 }, async () => {
    const employee = personas.find((p) => p.role === 'employee')!;
    for (const persona of [ADMIN, employee.upn]) {
      const opened = await openContext(h, persona, 'sv-SE');
      const { page } = opened;
      try {
        await page.goto(`${h.tabUrl}/systems/${systemId}?lang=sv`);
        await settled(page);
        await page.getByTestId('system-sections').waitFor();
        for (const s of SECTIONS) expect(await page.getByTestId(`section-${s}`).count(), s).toBe(1);
        const headings = await page.locator('h2').allTextContents();
        for (const h2 of [
          'Ansvar',
          'Klassning',
          'Kontinuitet',
          'Avtal och leverantörer',
          'Kostnader',
          'Livscykel',
          'Beroenden',
          'Historik',
        ])
          expect(headings).toContain(h2);
        // Labels from the schema, not internal names; choices and yes/no as words.
        expect(await page.getByTestId('value-lifecycleStatus').locator('dt').textContent()).toBe('Livscykelstatus');
        expect(await value(page, 'lifecycleStatus')).toMatch(/^(Planerad|I drift|Under avveckling|Avvecklad|–)$/);
        expect(await value(page, 'societallyCritical')).toMatch(/^(Ja|Nej|–)$/);
        if (persona === ADMIN) {
          expect(await page.getByTestId('system-edit').count()).toBe(1);
          await page.getByTestId('history-show').click();
          await page.getByTestId('section-history').locator('h3').first().waitFor();
        } else {
          expect(await page.getByTestId('system-edit').count()).toBe(0);
          expect(await page.getByTestId('system-review').count()).toBe(0);
          expect(await page.getByTestId('history-not-available').textContent()).toMatch(/visas för systemägare/);
        }
        expect(await seriousViolations(page)).toEqual([]);
        await page.screenshot({ path: join(SHOTS, `system-page-${persona === ADMIN ? 'admin' : 'employee'}-sv.png`), fullPage: true });
        expect(opened.errors).toEqual([]);
      } finally {
        await opened.context.close();
      }
    }
  });

  it('an owner edits and saves: errors next to the field with the input kept, then saved', { timeout: 60_000 }, async () => {
    const { owner, system } = await ownersSystem();
    const opened = await openContext(h, owner.upn, 'sv-SE');
    const { page } = opened;
    try {
      await page.goto(`${h.tabUrl}/systems/${system.id}?lang=sv`);
      await settled(page);
      await page.getByTestId('system-edit').click();
      await page.getByTestId('system-form').waitFor();
      await field(page, 'supplier').fill('Leverantör från webbläsartestet');
      await field(page, 'contractNoticeMonths').fill('121');
      await field(page, 'continuityPlanUrl').fill('http://intranat/plan');
      await page.getByTestId('system-submit').click();
      await page.getByTestId('system-form-errors').waitFor();
      expect(await page.getByTestId('field-contractNoticeMonths').textContent()).toContain('Ange högst 120.');
      expect(await page.getByTestId('field-continuityPlanUrl').textContent()).toContain('https://');
      expect(await field(page, 'contractNoticeMonths').inputValue()).toBe('121');
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SHOTS, 'system-edit-errors-sv.png'), fullPage: true });
      await field(page, 'contractNoticeMonths').fill('6');
      await field(page, 'continuityPlanUrl').fill('https://intranat.exempelkommun.se/plan');
      await page.getByTestId('system-submit').click();
      await page.getByTestId('system-notice').waitFor();
      expect(await page.getByTestId('system-notice').textContent()).toBe('Ändringarna är sparade.');
      expect(await value(page, 'supplier')).toBe('Leverantör från webbläsartestet');
      expect(await value(page, 'contractNoticeMonths')).toBe('6 mån');
      const stored = await adminRepos().systems.get(system.id);
      expect([stored.supplier, stored.contractNoticeMonths]).toEqual(['Leverantör från webbläsartestet', 6]);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });

  it('a concurrent change is explained with the other change shown; re-applying keeps both', { timeout: 60_000 }, async () => {
    const { owner, system } = await ownersSystem();
    const opened = await openContext(h, owner.upn, 'sv-SE');
    const { page } = opened;
    try {
      await page.goto(`${h.tabUrl}/systems/${system.id}?lang=sv`);
      await settled(page);
      await page.getByTestId('system-edit').click();
      await field(page, 'systemVersion').fill('Min version 9');
      // Behind the page's back: the admin changes another field in the store.
      const repos = adminRepos();
      const current = await repos.systems.get(system.id);
      await repos.systems.update(system.id, { contractReference: 'Ändrad av administratören' }, current.etag);
      await page.getByTestId('system-submit').click();
      const conflict = page.getByTestId('system-conflict');
      await conflict.waitFor();
      expect(await conflict.textContent()).toContain('Någon annan har ändrat systemet medan du arbetade');
      const table = page.getByTestId('system-conflict-table');
      expect(await table.textContent()).toContain('Avtalsreferens');
      expect(await table.textContent()).toContain('Ändrad av administratören');
      expect(await page.getByTestId('system-conflict-mine').textContent()).toBe('Version: Min version 9');
      expect(await field(page, 'systemVersion').inputValue()).toBe('Min version 9');
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SHOTS, 'system-conflict-sv.png'), fullPage: true });
      await page.getByTestId('system-conflict-reapply').click();
      await page.getByTestId('system-notice').waitFor();
      const stored = await repos.systems.get(system.id);
      expect([stored.systemVersion, stored.contractReference]).toEqual(['Min version 9', 'Ändrad av administratören']);
      expect(await value(page, 'contractReference')).toBe('Ändrad av administratören');
      expect(opened.errors.filter((e) => !/412|Precondition/.test(e))).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });

  it('"Bekräfta uppgifterna" records an action as the owner and updates Senaste årliga genomgång', { timeout: 60_000 }, async () => {
    const { owner, system, repos } = await ownersSystem();
    const ownerUser = await repos.users.ensure(owner.upn);
    const opened = await openContext(h, owner.upn, 'sv-SE');
    const { page } = opened;
    try {
      await page.goto(`${h.tabUrl}/systems/${system.id}?lang=sv`);
      await settled(page);
      // By keyboard only (issue 13): Tab to "Bekräfta uppgifterna", Enter, type, Tab to send, Enter.
      await tabTo(page, '[data-testid="system-review"]');
      await page.keyboard.press('Enter');
      await page.getByTestId('system-form').waitFor();
      await tabTo(page, '#system-action-hours');
      await page.keyboard.type('1,5');
      await tabTo(page, '#system-action-notes');
      await page.keyboard.type('Genomgång i webbläsartestet');
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SHOTS, 'system-review-sv.png'), fullPage: true });
      await tabTo(page, '[data-testid="system-submit"]');
      await page.keyboard.press('Enter');
      await page.getByTestId('system-notice').waitFor();
      expect(await page.getByTestId('system-notice').textContent()).toBe('Den årliga genomgången är registrerad.');
      const shown = today.format(new Date()).replace(/\u00a0/g, ' ');
      expect((await page.getByTestId('last-review').textContent())?.replace(/\u00a0/g, ' ')).toBe(shown);
      expect((await value(page, 'lastReviewedBy')) ?? '').toBe(ownerUser.title);
      await page.getByTestId('history-show').click();
      const actions = page.getByTestId('history-actions');
      await actions.waitFor();
      const row = actions.locator('tbody tr', { hasText: 'Genomgång i webbläsartestet' });
      expect(await row.textContent()).toContain('Årlig genomgång');
      expect(await row.textContent()).toContain(ownerUser.title);
      const stored = await repos.actions.list({ filter: where('actions').eq('system', system.id) });
      const action = stored.find((a) => a.notes === 'Genomgång i webbläsartestet')!;
      expect([action.kind, action.person?.id, action.hours]).toEqual(['årlig genomgång', ownerUser.id, 1.5]);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SHOTS, 'system-reviewed-sv.png'), fullPage: true });
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });

  it('is readable on a 390 px phone: nothing wider than the screen', { timeout: 60_000 }, async () => {
    const { owner, system } = await ownersSystem();
    const context = await h.browser.newContext({ locale: 'sv-SE', viewport: { width: 390, height: 844 } });
    await context.addInitScript((upn: string) => localStorage.setItem('systemkoll.persona', upn), owner.upn);
    const page = await context.newPage();
    try {
      await page.goto(`${h.tabUrl}/systems/${system.id}?lang=sv`);
      await settled(page);
      await page.getByTestId('system-sections').waitFor();
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(SHOTS, 'system-page-phone-sv.png'), fullPage: true });
      await page.getByTestId('system-edit').click();
      await page.getByTestId('system-form').waitFor();
      expect(await overflow()).toBeLessThanOrEqual(0);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SHOTS, 'system-edit-phone-sv.png'), fullPage: false });
    } finally {
      await context.close();
    }
  });

  it('a coordinator creates a system at /systems/new; the name is required', { timeout: 60_000 }, async () => {
    const coordinator = personas.find((p) => p.role === 'securityCoordinator')!;
    const opened = await openContext(h, coordinator.upn, 'sv-SE');
    const { page } = opened;
    try {
      // Reached from the register, where only coordinators and admins are offered it.
      await page.goto(`${h.tabUrl}/systems?lang=sv`);
      await settled(page);
      await page.getByTestId('system-create-link').click();
      await page.waitForURL((u) => u.pathname === '/systems/new');
      await settled(page);
      await page.getByTestId('system-form').waitFor();
      await page.getByTestId('system-submit').click();
      expect(await page.getByTestId('field-title').textContent()).toContain('Fältet måste fyllas i.');
      const name = `Nytt system ${Math.random().toString(36).slice(2, 8)}`;
      await field(page, 'title').fill(name);
      await field(page, 'confidentiality').selectOption('2');
      await page.getByTestId('system-submit').click();
      await page.waitForURL((u) => /\/systems\/\d+$/.test(u.pathname));
      await page.getByTestId('system-sections').waitFor();
      expect(await page.locator('h1').textContent()).toBe(name);
      expect(await value(page, 'confidentiality')).toBe('2 – Betydande');
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });
});

describe('system page: recording a classification', () => {
  it(
    'a level of 3 needs its justification next to the field; the classification is stamped with the owner and today',
    { timeout: 60_000 },
    async () => {
      const owner = personas.find((p) => p.role === 'systemOwner')!;
      const repos = createRepositories(createSp({ siteUrl: h.stack.siteUrl, getToken: async () => createLocalToken(ADMIN) }));
      const user = await repos.users.ensure(owner.upn);
      const [system] = await repos.systems.list({ filter: where('systems').eq('systemOwner', user.id), top: 1 });
      const opened = await openContext(h, owner.upn, 'sv-SE');
      const { page } = opened;
      try {
        await page.goto(`${h.tabUrl}/systems/${system!.id}?lang=sv`);
        await settled(page);
        await page.getByTestId('system-classify').click();
        await page.getByTestId('system-form').waitFor();
        await page.locator('#system-field-integrity').selectOption('3');
        await page.locator('#system-field-integrityReason').fill('');
        await page.getByTestId('system-submit').click();
        expect(await page.getByTestId('field-integrityReason').textContent()).toContain('Motivera nivå 3 (krävs från nivå 3).');
        await page.locator('#system-field-integrityReason').fill('Felaktiga larm kan leda till att hjälp inte kommer.');
        await page.locator('#system-action-hours').fill('2');
        await page.getByTestId('system-submit').click();
        await page.getByTestId('system-notice').waitFor();
        expect(await page.getByTestId('system-notice').textContent()).toBe('Klassningen är registrerad.');
        expect(await page.getByTestId('value-integrity').locator('dd').textContent()).toBe('3 – Allvarlig');
        expect(await page.getByTestId('value-classifiedBy').locator('dd').textContent()).toBe(user.title);
        const stored = await repos.systems.get(system!.id);
        const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
        expect([stored.integrity, stored.classifiedBy?.id, stored.classificationDate]).toEqual([3, user.id, today]);
        const actions = await repos.actions.list({ filter: where('actions').eq('system', system!.id) });
        expect(actions.some((a) => a.kind === 'informationsklassning' && a.person?.id === user.id && a.hours === 2)).toBe(true);
        expect(opened.errors).toEqual([]);
      } finally {
        await opened.context.close();
      }
    },
  );
});

describe('administration: importing a register file', () => {
  it(
    'an admin runs a dry run, sees the report row by row, then imports; the systems are in the register',
    { timeout: 90_000 },
    async () => {
      const opened = await openContext(h, ADMIN, 'sv-SE');
      const { page } = opened;
      const stamp = Math.random().toString(36).slice(2, 8);
      const csv = `\uFEFFSystemnamn;Leverantör;Förvaltare;Samhällsviktig;Avtalet löper ut\r\nImport ${stamp} A;Lev AB;okand.person@annanstans.se;JA;Löpande – uppsägningstid 3–12 månader\r\nImport ${stamp} B;Annan AB;.;nej;2027-06-30\r\n`;
      try {
        await page.goto(`${h.tabUrl}/admin?lang=sv`);
        await settled(page);
        await page
          .getByTestId('import-file')
          .setInputFiles({ name: 'register.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
        expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
        await page.getByTestId('import-dry-run').click();
        const summary = page.getByTestId('import-summary');
        await summary.waitFor({ timeout: 30_000 });
        expect(await summary.textContent()).toContain('Provkörning klar – inget är sparat.');
        const report = page.getByTestId('import-report');
        expect(await report.locator('tbody tr').count()).toBe(2);
        // The unknown person and the free text in a date column are named, not dropped.
        expect(await report.textContent()).toContain('okand.person@annanstans.se');
        expect(await report.textContent()).toContain('Löpande');
        expect(await seriousViolations(page)).toEqual([]);
        await page.screenshot({ path: join(SHOTS, 'admin-import-dry-run-sv.png'), fullPage: true });
        const before = await adminRepos().systems.list({ filter: where('systems').startsWith('title', `Import ${stamp}`) });
        expect(before).toEqual([]);

        await page.getByTestId('import-commit').click();
        await expect.poll(() => summary.textContent(), { timeout: 30_000 }).toContain('Importen är klar.');
        const after = await adminRepos().systems.list({ filter: where('systems').startsWith('title', `Import ${stamp}`) });
        expect(after.map((s) => [s.title, s.societallyCritical]).sort()).toEqual([
          [`Import ${stamp} A`, true],
          [`Import ${stamp} B`, false],
        ]);
        expect(after.find((s) => s.title.endsWith('A'))!.importNotes).toContain('Löpande');
        expect(opened.errors).toEqual([]);
      } finally {
        await opened.context.close();
      }
    },
  );

  it('an admin corrects a column the dry run did not recognise; import waits for a new dry run', { timeout: 90_000 }, async () => {
    const opened = await openContext(h, ADMIN, 'sv-SE');
    const { page } = opened;
    const stamp = Math.random().toString(36).slice(2, 8);
    const csv = `Systemnamn;Vad systemet gör\r\nMappning ${stamp};Bokar tvättstugor\r\n`;
    try {
      await page.goto(`${h.tabUrl}/admin?lang=sv`);
      await settled(page);
      await page.getByTestId('import-file').setInputFiles({ name: 'mapping.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
      await page.getByTestId('import-dry-run').click();
      await page.getByTestId('import-mapping').waitFor({ timeout: 30_000 });
      const select = page.getByTestId('mapping-Vad systemet gör');
      expect(await select.inputValue()).toBe('ignore');
      expect(await page.getByTestId('mapping-Systemnamn').inputValue()).toBe('title');
      await select.selectOption('description');
      await page.getByTestId('mapping-changed').waitFor();
      expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByTestId('import-dry-run').click();
      await expect.poll(() => page.getByTestId('import-commit').isDisabled(), { timeout: 30_000 }).toBe(false);
      await page.getByTestId('import-commit').click();
      await expect.poll(() => page.getByTestId('import-summary').textContent(), { timeout: 30_000 }).toContain('Importen är klar.');
      const [stored] = await adminRepos().systems.list({ filter: where('systems').eq('title', `Mappning ${stamp}`) });
      expect(stored?.description).toBe('Bokar tvättstugor');
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });

  it('the system page links to its security requirements', { timeout: 60_000 }, async () => {
    const opened = await openContext(h, ADMIN, 'sv-SE');
    const { page } = opened;
    try {
      await page.goto(`${h.tabUrl}/systems/${systemId}?lang=sv`);
      await settled(page);
      await page.getByTestId('system-requirements-link').click();
      await page.waitForURL((u) => u.pathname === `/systems/${systemId}/requirements`);
      await settled(page);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });
});
