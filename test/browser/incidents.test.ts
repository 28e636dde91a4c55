/**
 * Incidents in the tab, in real headless Chromium against the local stack: the report form and its
 * browser outbox (a report kept while the API cannot be reached, sent exactly once), "Mina
 * rapporter", the coordinators' list (filters in the URL, the board), triage against the severity
 * model, the workflow, a legal report closing its clock, what staff may not do, axe and a 390 px phone.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { createRepositories, createSp, where } from '../../src/shared/data/index.js';
import { createLocalToken } from '../../src/shared/auth/local-token.js';
import { openContext, startHarness, tabTo, type Harness } from './harness.js';

const ADMIN = 'admin@exempelkommun.se';
const SHOTS = join(process.cwd(), 'test-results', 'screenshots');

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

async function apiSend(upn: string, method: string, path: string, body?: unknown, etag?: string) {
  const res = await fetch(`${h.apiUrl}/api/v1/${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${createLocalToken(upn)}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(etag ? { 'If-Match': etag } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> & { incident?: { id: number } } };
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

async function shot(page: Page, name: string): Promise<void> {
  const { width, height } = await page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight,
  }));
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true, clip: { x: 0, y: 0, width, height: Math.min(height, 3000) } });
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function fillReport(page: Page, title: string) {
  await page.getByTestId('report-title').fill(title);
  await page.getByTestId('report-description').fill('Ett mejl som såg ut att komma från banken bad om inloggning.');
  await page.getByTestId('report-personal-data').getByRole('radio', { name: 'Nej' }).check();
}

const incidentsTitled = (title: string) => adminRepos().incidents.list({ filter: where('incidents').eq('title', title) });

describe('Rapportera incident i fliken', () => {
  it(
    'validates beside each field in Swedish, keeps the input, then confirms with a reference that shows in Mina rapporter',
    { timeout: 120_000 },
    async () => {
      const employee = persona('employee');
      const { page, context, errors } = await openContext(h, employee.upn);
      try {
        await page.goto(`${h.tabUrl}/incidents?lang=sv`);
        await settled(page);
        await page.getByTestId('report-incident-button').click();
        await page.getByTestId('report-title').waitFor();
        expect(page.url()).toMatch(/\/incidents\/new$/);

        // Nothing but a title: the other required fields say what is missing, the title stays.
        await page.getByTestId('report-title').fill('Halvfärdig rapport');
        await page.getByTestId('report-submit').click();
        await page.getByTestId('report-errors').waitFor();
        await expect.poll(() => page.getByText('Beskriv vad som har hänt.').count()).toBeGreaterThan(0);
        expect(await page.getByText('Välj om personuppgifter berörs (ja, nej eller vet ej).').count()).toBeGreaterThan(0);
        expect(await page.getByTestId('report-title').inputValue()).toBe('Halvfärdig rapport');
        expect(await axeViolations(page)).toEqual([]);
        await shot(page, 'incidents-report-errors');

        // The rest by keyboard only (issue 13): Tab to each field, type, choose, send with Enter.
        const title = `Nätfiske via tabben ${Date.now().toString(36)}`;
        await page.getByTestId('report-title').fill('');
        await page.locator('h1').first().focus();
        await tabTo(page, '[data-testid="report-title"]');
        await page.keyboard.type(title);
        await tabTo(page, '[data-testid="report-description"]');
        await page.keyboard.type('Ett mejl som såg ut att komma från banken bad om inloggning.');
        await tabTo(page, '[data-testid="report-personal-data"]');
        // Into the radio group: Space chooses the focused option, the arrows move to "Nej".
        await page.keyboard.press('Space');
        const nej = page.getByTestId('report-personal-data').getByRole('radio', { name: 'Nej' });
        for (let i = 0; i < 3 && !(await nej.isChecked()); i++) await page.keyboard.press('ArrowDown');
        expect(await nej.isChecked()).toBe(true);
        await tabTo(page, '[data-testid="report-category"]');
        await page.keyboard.type('angrepp');
        expect(await page.getByTestId('report-category').inputValue()).toBe('angrepp');
        await tabTo(page, '[data-testid="report-submit"]');
        await page.keyboard.press('Enter');
        const confirmation = page.getByTestId('report-confirmation');
        await confirmation.waitFor({ timeout: 15_000 });
        const reference = (await page.getByTestId('report-reference').textContent())!.trim();
        expect(reference).toMatch(/^INC-\d{4}-\d{4,}$/);
        expect(await confirmation.textContent()).toContain('Mina rapporter');
        expect(await axeViolations(page)).toEqual([]);
        await shot(page, 'incidents-report-confirmation');

        await page.getByTestId('nav-incidents').click();
        const mine = page.getByTestId('my-incidents-table');
        await mine.waitFor();
        await expect.poll(() => mine.textContent()).toContain(reference);
        expect(await mine.textContent()).toContain(title);
        expect(await mine.textContent()).toContain('Ny');
        // Staff get no coordinator list.
        expect(await page.getByTestId('filter-status').count()).toBe(0);
        expect(await axeViolations(page)).toEqual([]);
        await shot(page, 'incidents-mine');
        expect(await incidentsTitled(title)).toHaveLength(1);
        expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it(
    'keeps a report in the browser outbox while the API cannot be reached and sends it exactly once with "Skicka nu"',
    { timeout: 120_000 },
    async () => {
      const employee = persona('employee');
      const { page, context } = await openContext(h, employee.upn);
      const reportUrl = `${h.apiUrl}/api/v1/incidents`;
      try {
        await page.goto(`${h.tabUrl}/incidents/new?lang=sv`);
        await settled(page);
        await page.route(reportUrl, (route) =>
          route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue(),
        );
        const title = `Utkorgsrapport ${Date.now().toString(36)}`;
        await fillReport(page, title);
        await page.getByTestId('report-submit').click();
        const stored = page.getByTestId('report-stored');
        await stored.waitFor();
        expect(await stored.textContent()).toContain('Sparad på den här enheten – skickas när anslutningen fungerar');
        expect((await page.locator('main').textContent())!.toLowerCase()).not.toContain('misslyckades');
        await expect.poll(() => page.getByTestId('outbox-item').filter({ hasText: title }).count()).toBe(1);
        const kept = await page.evaluate(() =>
          Object.keys(localStorage)
            .filter((k) => k.startsWith('systemkoll.incidentOutbox.'))
            .map((k) => localStorage.getItem(k)),
        );
        expect(kept.join('')).toContain(title);
        expect(await incidentsTitled(title)).toHaveLength(0);
        expect(await axeViolations(page)).toEqual([]);
        await shot(page, 'incidents-outbox-waiting');

        // Still offline: "Skicka nu" keeps it.
        await page.getByTestId('outbox-send').click();
        await expect.poll(() => page.getByTestId('outbox-send').isEnabled()).toBe(true);
        expect(await page.getByTestId('outbox-item').filter({ hasText: title }).count()).toBe(1);

        await page.unroute(reportUrl);
        await page.getByTestId('outbox-send').click();
        await expect.poll(() => page.getByTestId('outbox-item').count(), { timeout: 15_000 }).toBe(0);
        // A reload sends nothing again: the outbox is empty and the store holds one.
        await page.reload();
        await settled(page);
        expect(await page.getByTestId('outbox-pending').count()).toBe(0);
        await expect.poll(async () => (await incidentsTitled(title)).length).toBe(1);
      } finally {
        await context.close();
      }
    },
  );
});

describe('Bilagor till rapporter', () => {
  // A real (tiny) PNG: signature and nothing else is enough for the store, which keeps bytes as sent.
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 7, 7, 7]);

  it(
    'refuses a wrong file type beside the file, sends the report with a screenshot that waits while the API cannot take it, and the coordinator downloads the same bytes',
    { timeout: 150_000 },
    async () => {
      const employee = persona('employee');
      const { page, context } = await openContext(h, employee.upn);
      let incidentId = 0;
      try {
        await page.goto(`${h.tabUrl}/incidents/new?lang=sv`);
        await settled(page);
        const title = `Rapport med skärmbild ${Date.now().toString(36)}`;
        await fillReport(page, title);
        await page.getByTestId('report-files').setInputFiles([
          { name: 'program.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') },
          { name: 'skärmbild.png', mimeType: 'image/png', buffer: png },
        ]);
        const chosen = page.getByTestId('report-files-chosen');
        await expect.poll(() => chosen.textContent()).toContain('Filtypen tillåts inte');
        await page.getByTestId('report-submit').click();
        await page.getByTestId('report-files-error').waitFor();
        expect(await incidentsTitled(title)).toHaveLength(0);
        expect(await page.getByTestId('report-title').inputValue()).toBe(title);
        expect(await axeViolations(page)).toEqual([]);
        await page.getByRole('button', { name: 'Ta bort program.exe' }).click();

        // The report goes; the file cannot (the API is unreachable for files): it waits on the device.
        const filesUrl = /\/api\/v1\/incidents\/\d+\/attachments$/;
        await page.route(filesUrl, (route) =>
          route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue(),
        );
        await page.getByTestId('report-submit').click();
        const confirmation = page.getByTestId('report-confirmation');
        await confirmation.waitFor({ timeout: 15_000 });
        expect(await confirmation.textContent()).toContain('1 bilaga väntar på att skickas');
        await expect.poll(() => page.getByTestId('outbox-files').textContent()).toContain('skärmbild.png');
        const [stored] = await incidentsTitled(title);
        incidentId = stored!.id;
        expect(await adminRepos().incidents.attachments(incidentId)).toEqual([]);
        expect(await axeViolations(page)).toEqual([]);
        await shot(page, 'incidents-report-attachment-waiting');

        // Back online: "Skicka nu" sends the file once.
        await page.unroute(filesUrl);
        await page.getByTestId('outbox-files').getByRole('button', { name: 'Skicka nu' }).click();
        await expect.poll(() => page.getByTestId('outbox-files').count(), { timeout: 15_000 }).toBe(0);
        expect((await adminRepos().incidents.attachments(incidentId)).map((a) => a.name)).toEqual(['skärmbild.png']);

        // The reporter sees the file on the incident.
        await page.goto(`${h.tabUrl}/incidents/${incidentId}?lang=sv`);
        await settled(page);
        await expect.poll(() => page.getByTestId('incident-attachments').textContent()).toContain('skärmbild.png');
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
      const coordinator = persona('securityCoordinator');
      const other = await openContext(h, coordinator.upn);
      try {
        await other.page.setViewportSize({ width: 390, height: 844 });
        await other.page.goto(`${h.tabUrl}/incidents/${incidentId}?lang=sv`);
        await settled(other.page);
        const download = other.page.waitForEvent('download');
        await other.page.getByTestId('incident-attachments').getByRole('button', { name: 'Ladda ned skärmbild.png' }).click();
        const file = await download;
        expect(file.suggestedFilename()).toBe('skärmbild.png');
        const { readFile } = await import('node:fs/promises');
        expect(Buffer.compare(await readFile((await file.path())!), png)).toBe(0);
        // The coordinator may attach too (the rule the API enforces): the picker is there.
        expect(await other.page.getByTestId('incident-attachments').getByTestId('report-files').count()).toBe(1);
        expect(await overflow(other.page)).toBeLessThanOrEqual(0);
        expect(await axeViolations(other.page)).toEqual([]);
        await shot(other.page, 'incidents-attachments-coordinator-phone');
      } finally {
        await other.context.close();
      }
    },
  );
});

describe('Incidenter för informationssäkerhetssamordnaren', () => {
  it('filters the list by status with the filter in the URL, and shows the board by status', { timeout: 120_000 }, async () => {
    const coordinator = persona('securityCoordinator');
    const { page, context } = await openContext(h, coordinator.upn);
    try {
      await page.goto(`${h.tabUrl}/incidents?lang=sv`);
      await settled(page);
      await page.getByTestId('incidents-table').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, 'incidents-coordinator-list');

      await page.getByTestId('filter-status').selectOption('pågående');
      await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('pågående');
      await settled(page);
      await expect
        .poll(async () => {
          const statuses = await page.getByTestId('incidents-table').locator('tbody tr td:nth-child(4)').allTextContents();
          return statuses.length > 0 && statuses.every((s) => s.startsWith('Pågående'));
        })
        .toBe(true);

      await page.getByTestId('view-board').click();
      await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('board');
      await page.getByTestId('incident-board').waitFor();
      expect(await page.getByTestId('board-column-pågående').locator('li').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('board-column-ny').locator('li').count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, 'incidents-coordinator-board');

      // The URL carries the filters: reloading shows the same board.
      await page.reload();
      await settled(page);
      await page.getByTestId('incident-board').waitFor();
      expect(await page.getByTestId('filter-status').inputValue()).toBe('pågående');

      // Overdue legal reports: derived from the clocks of the loaded incidents; every card left is marked.
      await page.getByTestId('view-list').click();
      await page.getByTestId('filter-status').selectOption('');
      await page.getByTestId('filter-overdue').click();
      await expect.poll(() => new URL(page.url()).searchParams.get('overdue')).toBe('1');
      await expect
        .poll(async () => {
          const rows = await page.getByTestId('incidents-table').locator('tbody tr').count();
          const marked = await page.getByTestId('incidents-table').getByTestId('overdue-badge').count();
          const none = await page.getByText('Inga incidenter matchar filtren.').count();
          return none === 1 || (rows > 0 && rows === marked);
        })
        .toBe(true);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it(
    'triages against the model (a different severity needs a justification), moves the workflow and records the IMY report',
    { timeout: 150_000 },
    async () => {
      const employee = persona('employee');
      const coordinator = persona('securityCoordinator');
      const title = `Fel mottagare av personuppgifter ${Date.now().toString(36)}`;
      const created = await apiSend(employee.upn, 'POST', 'incidents', {
        title,
        description: 'Ett beslut med personnummer skickades till fel person.',
        personalData: 'ja',
        clientKey: `test-${title}`,
      });
      expect(created.status).toBe(201);
      const id = created.body.incident!.id;

      const { page, context } = await openContext(h, coordinator.upn);
      try {
        await page.goto(`${h.tabUrl}/incidents/${id}?lang=sv`);
        await settled(page);
        const model = page.getByTestId('severity-model');
        await model.waitFor();
        expect(await model.textContent()).toContain('Personuppgifter berörs → minst medel.');
        expect(await axeViolations(page)).toEqual([]);
        await shot(page, 'incidents-triage');

        // Kritisk/P1 where the model says medel/P3, without a justification: the API's Swedish refusal.
        await page.getByTestId('triage-severity').selectOption('kritisk');
        await page.getByTestId('triage-priority').selectOption('P1');
        await page.getByTestId('triage-save').click();
        const refusal = page.getByTestId('write-error');
        await refusal.waitFor();
        expect(await refusal.textContent()).toMatch(/Modellen ger medel \(P3\)\. Motivera/);
        expect(await page.getByText('Skriv en motivering.').count()).toBeGreaterThan(0);
        expect(await page.getByTestId('triage-severity').inputValue()).toBe('kritisk');
        expect(await axeViolations(page)).toEqual([]);

        await page.getByTestId('triage-justification').fill('Beslutet gäller ett skyddat personnummer.');
        await page.getByTestId('triage-save').click();
        await page.getByTestId('triage-saved').waitFor();
        const timeline = page.getByTestId('timeline');
        await expect.poll(() => timeline.textContent()).toContain('Allvarlighetsgrad: – → kritisk');
        expect(await timeline.textContent()).toContain('Beslutet gäller ett skyddat personnummer.');

        // The workflow, one step at a time; each change on the timeline.
        await page.getByTestId('status-under bedömning').click();
        await expect.poll(() => page.getByTestId('incident-status').textContent()).toContain('Under bedömning');
        await page.getByTestId('status-pågående').click();
        await expect.poll(() => page.getByTestId('incident-status').textContent()).toContain('Pågående');
        await expect.poll(() => timeline.textContent()).toContain('Status: under bedömning → pågående');
        await page.getByTestId('assign-me').click();
        await expect.poll(() => page.getByTestId('incident-assignee').textContent()).not.toBe('–');

        // The IMY clock: a live countdown, closed by recording the report.
        const clock = page.locator('[data-testid="legal-clock"][data-regime="GDPR anmälan till IMY"]');
        expect(await clock.getAttribute('data-state')).toBe('kommande');
        expect(await clock.getByTestId('clock-countdown').textContent()).toMatch(/kvar$/);
        await clock.getByTestId('clock-record').click();
        await clock.getByTestId('clock-reference').fill('IMY-2026-4711');
        expect(await axeViolations(page)).toEqual([]);
        await clock.getByTestId('clock-save').click();
        await expect.poll(() => clock.getAttribute('data-state')).toBe('skickad');
        expect(await clock.getByTestId('clock-state').textContent()).toBe('Skickad');
        expect(await clock.textContent()).toContain('IMY-2026-4711');
        await shot(page, 'incidents-triaged');

        const stored = await adminRepos().incidents.get(id);
        expect(stored.severity).toBe('kritisk');
        expect(stored.status).toBe('pågående');
      } finally {
        await context.close();
      }
    },
  );

  it('staff cannot open the coordinators’ list or triage: the tab hides it and the API refuses', { timeout: 90_000 }, async () => {
    const employee = persona('employee');
    const someone = (await adminRepos().incidents.list({ top: 1, orderBy: [{ key: 'id', ascending: true }] }))[0]!;
    const { page, context } = await openContext(h, employee.upn);
    try {
      await page.goto(`${h.tabUrl}/incidents?lang=sv`);
      await settled(page);
      expect(await page.getByTestId('filter-status').count()).toBe(0);
      expect(await page.getByTestId('view-board').count()).toBe(0);
      await page.goto(`${h.tabUrl}/incidents/${someone.id}?lang=sv`);
      // Not theirs: the API answers as for a missing incident.
      await page.getByTestId('error-view').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('severity-model').count()).toBe(0);
      expect(await page.getByTestId('triage-save').count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
    const patch = await apiSend(employee.upn, 'PATCH', `incidents/${someone.id}`, { severity: 'låg' }, someone.etag ?? '*');
    expect([403, 404]).toContain(patch.status);
    const timeline = await apiSend(employee.upn, 'GET', `incidents/${someone.id}/timeline`);
    expect([403, 404]).toContain(timeline.status);
  });

  it('fits a 390 px phone: the form, the list, the board and the incident page', { timeout: 120_000 }, async () => {
    const coordinator = persona('securityCoordinator');
    const { page, context } = await openContext(h, coordinator.upn);
    try {
      await page.setViewportSize({ width: 390, height: 844 });
      const some = (await adminRepos().incidents.list({ top: 1, orderBy: [{ key: 'reportedAt', ascending: false }] }))[0]!;
      for (const [path, ready] of [
        ['/incidents/new', 'report-title'],
        ['/incidents', 'incidents-table'],
        ['/incidents?view=board', 'incident-board'],
        [`/incidents/${some.id}`, 'severity-model'],
      ] as const) {
        await page.goto(`${h.tabUrl}${path}${path.includes('?') ? '&' : '?'}lang=sv`);
        await settled(page);
        await page.getByTestId(ready).first().waitFor();
        expect(await overflow(page), path).toBeLessThanOrEqual(0);
        expect(await axeViolations(page), path).toEqual([]);
      }
      await shot(page, 'incidents-phone-detail');
    } finally {
      await context.close();
    }
  });
});
