/**
 * Tasks in the tab, in real headless Chromium against the local stack: "Mina uppgifter" grouped by
 * urgency with one-click "Åtgärda" into the system page (the review opens), the counts in the
 * navigation, "Översikt" for coordinators (counts per förvaltning and rule, filters in the URL) and
 * refused to staff, "Utkorg" (the visible outbox of local mode), the system page's task links, axe
 * and a 390 px phone.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { createRepositories, createSp } from '../../src/shared/data/index.js';
import { createLocalToken } from '../../src/shared/auth/local-token.js';
import type { Task, TaskOverview } from '../../src/domain/tasks/index.js';
import { openContext, startHarness, type Harness } from './harness.js';

const ADMIN = 'admin@exempelkommun.se';
const SHOTS = join(process.cwd(), 'test-results', 'screenshots');
const REVIEWED_SYSTEM = 'Planering och tidsregistrering hemtjänst';

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
  const res = await fetch(`${h.stack.storeUrl}/_local/personas`);
  const body = (await res.json()) as typeof personas | { personas: typeof personas };
  personas = Array.isArray(body) ? body : body.personas;
}, 180_000);

afterAll(async () => {
  await h?.close();
});

/** GET on the Systemkoll API as `upn`, the way the tab asks. */
async function api<T>(upn: string, path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${h.apiUrl}/api/v1/${path}`, { headers: { Authorization: `Bearer ${createLocalToken(upn)}` } });
  return { status: res.status, body: (await res.json()) as T };
}

async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor({ state: 'visible', timeout: 15_000 });
  await page.waitForFunction(() => document.querySelectorAll('[role="progressbar"]').length === 0, undefined, { timeout: 15_000 });
}

async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(' | ')}`,
  );
}

/** The Systemkoll API paths the page asked for (preflights left out). */
function apiCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on('request', (r) => {
    if (r.url().startsWith(`${h.apiUrl}/api/v1/`) && r.method() !== 'OPTIONS')
      calls.push(new URL(r.url()).pathname + new URL(r.url()).search);
  });
  return calls;
}

/** A full-page screenshot, cut at 2,400 px (the overview's list is long). */
async function shot(page: Page, name: string): Promise<void> {
  const { width, height } = await page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight,
  }));
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true, clip: { x: 0, y: 0, width, height: Math.min(height, 2400) } });
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('Mina uppgifter', () => {
  it(
    'the system owner sees tasks grouped by urgency, the overdue review first among its peers; Åtgärda opens the review',
    { timeout: 90_000 },
    async () => {
      const owner = persona('systemOwner');
      const expected = (await api<{ tasks: Task[] }>(owner.upn, 'me/tasks')).body.tasks;
      const review = expected.find((t) => t.rule === 'register.review' && t.subject.title === REVIEWED_SYSTEM);
      expect(review, 'the demo gives the owner an overdue review').toBeDefined();
      expect(review!.urgency).toBe('försenad');

      const opened = await openContext(h, owner.upn, 'sv-SE');
      const { page } = opened;
      const calls = apiCalls(page);
      try {
        await page.goto(`${h.tabUrl}/tasks?lang=sv`);
        await settled(page);
        await page.getByTestId('task-card').first().waitFor();
        expect(await page.getByTestId('coming-soon').count()).toBe(0);

        // Grouped: every group's heading counts its cards, and all of them are shown.
        const groups = [
          ['task-group-overdue', 'Försenade', 'försenad'],
          ['task-group-soon', 'Snart', 'snart'],
          ['task-group-later', 'Senare', 'senare'],
        ] as const;
        let shown = 0;
        for (const [id, name, urgency] of groups) {
          const want = expected.filter((t) => t.urgency === urgency).length;
          const group = page.getByTestId(id);
          if (want === 0) {
            expect(await group.count()).toBe(0);
            continue;
          }
          expect(await group.locator('h2').textContent()).toBe(`${name} (${want})`);
          const dues = await group.getByTestId('task-card').evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute('data-due')!)));
          expect(dues).toHaveLength(want);
          expect([...dues].sort((a, b) => a - b)).toEqual(dues);
          shown += want;
        }
        expect(shown).toBe(expected.length);

        const card = page.getByTestId('task-group-overdue').locator(`[data-task-id="${review!.id}"]`);
        expect(await card.getByTestId('task-reason').textContent()).toBe(review!.reason);
        expect(await card.getByTestId('task-subject').textContent()).toBe(REVIEWED_SYSTEM);
        expect(await card.getByTestId('task-due').textContent()).toMatch(/^Skulle ha varit klar \d{1,2} [a-zä]+\.? \d{4}$/);
        expect(await card.getByTestId('task-severity').textContent()).toMatch(/^Allvarlighet: (Hög|Medel|Låg)$/);

        // The navigation counts the same tasks, overdue highlighted — from the same single request.
        const count = page.getByTestId('nav-count-tasks');
        expect(await count.getAttribute('data-total')).toBe(String(expected.length));
        expect(await count.getAttribute('data-overdue')).toBe(String(expected.filter((t) => t.urgency === 'försenad').length));
        expect(await page.getByTestId('nav-tasks').textContent()).toMatch(/Mina uppgifter.*\d+ uppgifter, varav \d+ försenade/);
        expect(calls.filter((c) => c === '/api/v1/me/tasks')).toHaveLength(1);
        // A system owner is no coordinator: no Översikt, no Utkorg.
        expect(await page.getByTestId('nav-overview').count()).toBe(0);
        expect(await page.getByTestId('nav-outbox').count()).toBe(0);

        expect(await axeViolations(page)).toEqual([]);
        await shot(page, 'my-tasks-owner-sv');

        // One click: inside the tab (no reload), the system page with the yearly review open.
        await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
        await card.getByTestId('task-fix').click();
        await page.waitForURL((u) => u.pathname === `/systems/${review!.subject.id}`);
        await page.getByTestId('system-form').waitFor();
        expect(await page.getByRole('heading', { level: 2, name: 'Årlig genomgång' }).count()).toBe(1);
        expect(await page.locator('h1').textContent()).toBe(REVIEWED_SYSTEM);
        expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
        // The link is used up: cancelling shows the page and does not open the form again.
        expect(new URL(page.url()).searchParams.has('action')).toBe(false);
        await page.getByRole('button', { name: 'Avbryt' }).click();
        await page.getByTestId('system-sections').waitFor();
        expect(await page.getByTestId('system-form').count()).toBe(0);
        expect(opened.errors).toEqual([]);
      } finally {
        await opened.context.close();
      }
    },
  );

  it('in English the reasons and the group names are English', { timeout: 60_000 }, async () => {
    const owner = persona('systemOwner');
    const expected = (await api<{ tasks: Task[] }>(owner.upn, 'me/tasks')).body.tasks;
    const review = expected.find((t) => t.rule === 'register.review' && t.subject.title === REVIEWED_SYSTEM)!;
    const opened = await openContext(h, owner.upn, 'en-US');
    const { page } = opened;
    try {
      await page.goto(`${h.tabUrl}/tasks?lang=en`);
      await settled(page);
      const card = page.locator(`[data-task-id="${review.id}"]`);
      await card.waitFor();
      expect(await card.getByTestId('task-reason').textContent()).toBe(review.reasonEn);
      expect(await page.getByTestId('task-group-overdue').locator('h2').textContent()).toMatch(/^Overdue \(\d+\)$/);
      expect(await card.getByTestId('task-fix').textContent()).toBe('Fix');
      expect(await axeViolations(page)).toEqual([]);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });

  it(
    'an employee sees only their own tasks (or the kind empty state), no Översikt; a direct visit to /overview is refused',
    { timeout: 60_000 },
    async () => {
      const employee = persona('employee');
      const expected = (await api<{ tasks: Task[] }>(employee.upn, 'me/tasks')).body.tasks;
      const opened = await openContext(h, employee.upn, 'sv-SE');
      const { page } = opened;
      const calls = apiCalls(page);
      try {
        await page.goto(`${h.tabUrl}/tasks?lang=sv`);
        await settled(page);
        await page.getByTestId('my-reports').or(page.getByText('Du har inte rapporterat')).first().waitFor();
        if (expected.length === 0) {
          expect(await page.getByTestId('tasks-empty').textContent()).toContain('Inga uppgifter just nu');
          expect(await page.getByTestId('nav-count-tasks').count()).toBe(0);
        } else {
          const ids = await page.getByTestId('task-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-task-id')));
          expect(ids.sort()).toEqual(expected.map((t) => t.id).sort());
          for (const t of expected) expect(t.assignees).toContain(employee.upn.toLowerCase());
        }
        expect(await page.getByTestId('nav-tasks').count()).toBe(1);
        expect(await page.getByTestId('nav-overview').count()).toBe(0);
        expect(await page.getByTestId('nav-outbox').count()).toBe(0);
        expect(await axeViolations(page)).toEqual([]);
        await shot(page, 'my-tasks-employee-sv');

        await page.goto(`${h.tabUrl}/overview?lang=sv`);
        await settled(page);
        const refusal = page.getByTestId('overview-forbidden');
        await refusal.waitFor();
        expect(await refusal.textContent()).toContain('Du har inte behörighet att se översikten');
        expect(await page.locator('h1').textContent()).toBe('Översikt');
        // Not even asked: the API would refuse (and does — below).
        expect(calls.some((c) => c.startsWith('/api/v1/tasks'))).toBe(false);
        expect((await api(employee.upn, 'tasks')).status).toBe(403);
        expect(await axeViolations(page)).toEqual([]);

        await page.goto(`${h.tabUrl}/outbox?lang=sv`);
        await settled(page);
        expect(await page.getByTestId('outbox-forbidden').textContent()).toContain('Du har inte behörighet att se utkorgen');
        expect(opened.errors).toEqual([]);
      } finally {
        await opened.context.close();
      }
    },
  );
});

describe('Översikt', () => {
  it('the coordinator sees counts per förvaltning and rule, and filters by rule in the URL', { timeout: 90_000 }, async () => {
    const coordinator = persona('securityCoordinator');
    const all = (await api<TaskOverview>(coordinator.upn, 'tasks')).body;
    expect(all.total).toBeGreaterThan(0);
    const opened = await openContext(h, coordinator.upn, 'sv-SE');
    const { page } = opened;
    const calls = apiCalls(page);
    try {
      await page.goto(`${h.tabUrl}/tasks?lang=sv`);
      await settled(page);
      const nav = page.getByTestId('nav-overview');
      await nav.waitFor();
      await expect.poll(() => page.getByTestId('nav-count-overview').getAttribute('data-total')).toBe(String(all.total));
      await nav.click();
      await page.waitForURL((u) => u.pathname === '/overview');
      await page.getByTestId('overview-departments').waitFor();
      // The navigation's count and the page share one request.
      expect(calls.filter((c) => c === '/api/v1/tasks')).toHaveLength(1);

      expect(await page.getByTestId('overview-total').textContent()).toBe(String(all.total));
      const departments = page.getByTestId('overview-departments').locator('tbody tr');
      expect(await departments.count()).toBe(all.byDepartment.length);
      const first = all.byDepartment[0]!;
      const row = page.getByTestId('overview-departments').locator(`tbody tr[data-key="${first.key}"]`);
      // Soft hyphens let long compounds break at the joint on a phone.
      const shown = async (l: ReturnType<Page['locator']>) => ((await l.textContent()) ?? '').replace(/\u00ad/g, '');
      expect(await shown(row.locator('th'))).toContain(first.key === '0' ? 'Utan förvaltning' : first.label);
      expect(await row.getByTestId('count-total').textContent()).toBe(String(first.total));
      expect(await row.getByTestId('count-overdue').textContent()).toBe(String(first.overdue));
      expect(await page.getByRole('columnheader', { name: 'Äldsta försenade' }).count()).toBe(2);
      const rules = page.getByTestId('overview-rules');
      expect(await rules.locator('tbody tr').count()).toBe(all.byRule.length);
      expect(await shown(rules.locator('tbody tr[data-key="register.review"] th'))).toBe('Årlig genomgång');
      if (all.byRule.some((r) => r.key === 'register.classification-stale'))
        expect(await shown(rules.locator('tbody tr[data-key="register.classification-stale"] th'))).toBe('Informationsklassning inaktuell');
      const before = await page.getByTestId('overview-tasks').getByTestId('task-card').count();
      // A page at a time; "Visa fler" adds the next.
      expect(before).toBe(Math.min(50, all.tasks.length));
      if (all.tasks.length > 50) {
        await page.getByTestId('overview-more').click();
        await expect.poll(() => page.getByTestId('overview-tasks').getByTestId('task-card').count()).toBe(Math.min(100, all.tasks.length));
      }
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, 'overview-coordinator-sv');

      // Filter by rule: the URL says so and the list narrows to that rule.
      const reviews = all.byRule.find((r) => r.key === 'register.review')!;
      expect(reviews.total).toBeLessThan(all.total);
      await page.getByTestId('filter-rule').selectOption('register.review');
      await page.waitForURL((u) => u.searchParams.get('rule') === 'register.review');
      await expect.poll(() => page.getByTestId('overview-matching').textContent()).toMatch(new RegExp(`av ${reviews.total} uppgifter`));
      const filtered = await page
        .getByTestId('overview-tasks')
        .getByTestId('task-card')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')));
      expect(filtered.length).toBe(Math.min(50, reviews.total));
      expect(new Set(filtered)).toEqual(new Set(['register.review']));
      // Assignees are shown in the coordinator's list.
      expect(await page.getByTestId('overview-tasks').getByTestId('task-assignees').first().textContent()).toMatch(/^Ansvariga: .+@/);

      // The URL alone restores the filter (a shared link, a reload) — and the navigation's count
      // shares the page's one request.
      calls.length = 0;
      await page.reload();
      await settled(page);
      await page.getByTestId('overview-tasks').waitFor();
      expect(calls.filter((c) => c.startsWith('/api/v1/tasks'))).toEqual(['/api/v1/tasks?rule=register.review']);
      expect(await page.getByTestId('nav-count-overview').getAttribute('data-total')).toBe(String(all.total));
      expect(await page.getByTestId('filter-rule').inputValue()).toBe('register.review');
      expect(await page.getByTestId('overview-tasks').getByTestId('task-card').count()).toBe(Math.min(50, reviews.total));

      // Förvaltning from the table, then clear.
      const dept = all.byDepartment.find((d) => d.key !== '0')!;
      await page.getByTestId('overview-departments').locator(`tbody tr[data-key="${dept.key}"] th button`).click();
      await page.waitForURL((u) => u.searchParams.get('department') === dept.key && u.searchParams.get('rule') === 'register.review');
      await page.getByTestId('filter-clear').click();
      await page.waitForURL((u) => !u.search.includes('rule') && !u.search.includes('department'));
      await expect.poll(() => page.getByTestId('overview-tasks').getByTestId('task-card').count()).toBe(before);
      expect(await axeViolations(page)).toEqual([]);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });

  it('filters by person: only that person’s tasks', { timeout: 60_000 }, async () => {
    const coordinator = persona('securityCoordinator');
    const owner = persona('systemOwner');
    const mine = (await api<{ tasks: Task[] }>(owner.upn, 'me/tasks')).body.tasks;
    const opened = await openContext(h, coordinator.upn, 'sv-SE');
    const { page } = opened;
    try {
      await page.goto(`${h.tabUrl}/overview?lang=sv`);
      await settled(page);
      await page.getByTestId('filter-person').fill(owner.upn.toUpperCase());
      await page.getByTestId('filter-apply').click();
      await page.waitForURL((u) => u.searchParams.get('person') === owner.upn.toLowerCase());
      await expect.poll(() => page.getByTestId('overview-matching').textContent()).toMatch(new RegExp(`av ${mine.length} uppgifter`));
      const ids = await page
        .getByTestId('overview-tasks')
        .getByTestId('task-card')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-task-id')));
      expect(ids.sort()).toEqual(mine.map((t) => t.id).sort());
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });
});

describe('Utkorg', () => {
  it('shows the local-mode explanation, the empty state, then a sent notification newest first', { timeout: 60_000 }, async () => {
    const coordinator = persona('securityCoordinator');
    const repos = adminRepos();
    const opened = await openContext(h, coordinator.upn, 'sv-SE');
    const { page } = opened;
    try {
      await page.goto(`${h.tabUrl}/tasks?lang=sv`);
      await settled(page);
      await page.getByTestId('nav-outbox').click();
      await page.waitForURL((u) => u.pathname === '/outbox');
      await settled(page);
      expect(await page.getByTestId('outbox-local-mode').textContent()).toContain('aktivitetsflöde i Teams hamnar här i stället');
      const existing = await repos.notifications.list({ top: 1 });
      if (existing.length === 0) {
        expect(await page.getByTestId('outbox-empty').textContent()).toContain('Inga aviseringar har skickats än. Kör npm run notify');
        expect(await axeViolations(page)).toEqual([]);
        await shot(page, 'outbox-empty-sv');
      }

      const stamp = Math.random().toString(36).slice(2, 10);
      const owner = persona('systemOwner');
      await repos.notifications.add({
        title: `Uppgifter för ${owner.upn}`,
        recipient: owner.upn,
        digestKey: `browser-${stamp}`,
        status: 'skickad',
        channel: 'utkorg',
        taskIds: 'register.review:1',
        message: `Du har uppgifter som väntar (${stamp}).`,
        link: '/tasks',
        sentAt: new Date().toISOString(),
        attempts: 1,
      });
      await page.reload();
      await settled(page);
      const first = page.getByTestId('outbox-item').first();
      await first.waitFor();
      expect(await first.getByTestId('outbox-message').textContent()).toBe(`Du har uppgifter som väntar (${stamp}).`);
      expect(await first.locator('h2').textContent()).toBe(owner.upn);
      expect(await first.getByTestId('outbox-status').textContent()).toBe('Skickad');
      expect(await first.textContent()).toContain('Utkorg (lokalt läge)');
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, 'outbox-sv');
      await first.getByRole('link', { name: 'Öppna länken' }).click();
      await page.waitForURL((u) => u.pathname === '/tasks');
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });
});

describe('task links on the system page', () => {
  it('?edit=<section> opens the form at that section; #<section> brings the section into focus', { timeout: 60_000 }, async () => {
    const coordinator = persona('securityCoordinator');
    const [system] = await adminRepos().systems.list({ top: 1 });
    const opened = await openContext(h, coordinator.upn, 'sv-SE');
    const { page } = opened;
    try {
      await page.goto(`${h.tabUrl}/systems/${system!.id}?edit=avtal&lang=sv`);
      await page.getByTestId('system-form').waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.closest('fieldset')?.id)).toBe('edit-avtal');
      expect(new URL(page.url()).searchParams.has('edit')).toBe(false);
      expect(new URL(page.url()).searchParams.get('lang')).toBe('sv');

      // A fresh load (not a hash change on the page already open).
      await page.goto('about:blank');
      await page.goto(`${h.tabUrl}/systems/${system!.id}?lang=sv#avtal`);
      await page.getByTestId('system-sections').waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('avtal');
      expect(await page.getByTestId('system-form').count()).toBe(0);

      await page.goto(`${h.tabUrl}/systems/${system!.id}?action=classify&lang=sv`);
      await page.getByTestId('system-form').waitFor();
      expect(await page.getByRole('heading', { level: 2, name: 'Informationsklassning' }).count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });

  it('an employee following a recording link sees the page, not a form they may not use', { timeout: 60_000 }, async () => {
    const employee = persona('employee');
    const [system] = await adminRepos().systems.list({ top: 1 });
    const opened = await openContext(h, employee.upn, 'sv-SE');
    const { page } = opened;
    try {
      await page.goto(`${h.tabUrl}/systems/${system!.id}?action=review&lang=sv`);
      await page.getByTestId('system-sections').waitFor();
      expect(await page.getByTestId('system-form').count()).toBe(0);
      expect(await page.getByTestId('system-review').count()).toBe(0);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });
});

describe('390 px phone', () => {
  const cases = [
    ['systemOwner', '/tasks', 'task-card', 'my-tasks-phone'],
    ['securityCoordinator', '/overview', 'overview-departments', 'overview-phone'],
    ['securityCoordinator', '/outbox', 'outbox-local-mode', 'outbox-phone'],
  ] as const;
  for (const [role, path, ready, name] of cases) {
    it(`${path} as ${role}: no sideways scrolling, axe clean`, { timeout: 60_000 }, async () => {
      const upn = persona(role).upn;
      const context = await h.browser.newContext({ locale: 'sv-SE', viewport: { width: 390, height: 844 } });
      await context.addInitScript((u: string) => localStorage.setItem('systemkoll.persona', u), upn);
      const page = await context.newPage();
      try {
        await page.goto(`${h.tabUrl}${path}?lang=sv`);
        await settled(page);
        await page.getByTestId(ready).first().waitFor();
        expect(await overflow(page)).toBeLessThanOrEqual(0);
        if (path === '/tasks') {
          // Cards: the button sits under the text, inside the card.
          const card = page.getByTestId('task-card').first();
          const [c, b] = await Promise.all([card.boundingBox(), card.getByTestId('task-fix').boundingBox()]);
          expect(b!.x + b!.width).toBeLessThanOrEqual(c!.x + c!.width);
          const reason = await card.getByTestId('task-reason').boundingBox();
          expect(b!.y).toBeGreaterThanOrEqual(reason!.y + reason!.height);
        }
        expect(await axeViolations(page)).toEqual([]);
        await shot(page, `${name}-sv`);
      } finally {
        await context.close();
      }
    });
  }
});

describe('themes', () => {
  it('dark and high contrast: Mina uppgifter, Översikt and Utkorg have no axe violations', { timeout: 90_000 }, async () => {
    const opened = await openContext(h, ADMIN, 'sv-SE');
    const { page } = opened;
    const problems: string[] = [];
    try {
      for (const theme of ['dark', 'contrast'] as const)
        for (const [path, ready] of [
          ['/tasks', 'my-tasks'],
          ['/overview', 'overview-departments'],
          ['/outbox', 'outbox-local-mode'],
        ] as const) {
          await page.goto(`${h.tabUrl}${path}?lang=sv&theme=${theme}`);
          await settled(page);
          await page.getByTestId(ready).first().waitFor();
          expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
          for (const v of await axeViolations(page)) problems.push(`${path} ${theme}: ${v}`);
          await shot(page, `${path.slice(1)}-admin-sv-${theme}`);
        }
      expect(problems).toEqual([]);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });
});
