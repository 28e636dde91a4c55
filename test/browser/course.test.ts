/**
 * The built-in course in the tab (issue 11), in real headless Chromium against the local stack:
 * taken by keyboard only (Tab, arrows, Space, Enter) to a pass, axe clean on every step, focus on
 * the lesson heading after each move, resumed after a reload from what the browser kept; at 390 px
 * and in the dark and high-contrast themes. The answers never reach the browser before submitting:
 * not in the module's response, not in the built tab.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { createRepositories, createSp, where } from '../../src/shared/data/index.js';
import { createLocalToken } from '../../src/shared/auth/local-token.js';
import { GRUNDKURS, GRUNDKURS_TITLE } from '../../src/domain/course-content/grundkurs.js';
import { openContext, startHarness, type Harness } from './harness.js';

const ADMIN = 'admin@exempelkommun.se';
const SHOTS = join(process.cwd(), 'test-results', 'screenshots');

let h: Harness;
let employee = '';
let courseId = 0;
const admin = () => createRepositories(createSp({ siteUrl: h.stack.siteUrl, getToken: async () => createLocalToken(ADMIN) }));

beforeAll(async () => {
  h = await startHarness();
  await mkdir(SHOTS, { recursive: true });
  const body = (await (await fetch(`${h.stack.storeUrl}/_local/personas`)).json()) as
    { upn: string; role: string }[] | { personas: { upn: string; role: string }[] };
  const personas = Array.isArray(body) ? body : body.personas;
  employee = personas.find((p) => p.role === 'employee')!.upn;
  courseId = (await admin().trainingCourses.first(where('trainingCourses').eq('title', GRUNDKURS_TITLE)))!.id;
}, 240_000);

afterAll(async () => {
  await h?.close();
});

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

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      testId: el?.getAttribute('data-testid') ?? null,
      text: el?.textContent?.trim() ?? '',
      type: (el as HTMLInputElement | null)?.type ?? null,
      name: (el as HTMLInputElement | null)?.name ?? null,
      value: (el as HTMLInputElement | null)?.value ?? null,
      inQuestion: el?.closest('[data-testid^="question-"]')?.getAttribute('data-testid') ?? null,
    };
  });

/** Presses Tab (at most 60 times) until the focused element passes `done`. */
async function tabUntil(page: Page, what: string, done: (f: Awaited<ReturnType<typeof focused>>) => boolean): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if (done(await focused(page))) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

/** Chooses an option by keyboard: Tab into the question's radio group, then arrows or Space. */
async function answer(page: Page, questionId: string, optionIndex: number): Promise<void> {
  await tabUntil(page, questionId, (f) => f.type === 'radio' && f.inQuestion === `question-${questionId}`);
  const start = await focused(page);
  const options = GRUNDKURS.lessons
    .flatMap((l) => l.questions)
    .find((q) => q.id === questionId)!
    .options.map((o) => o.id);
  const from = Math.max(0, options.indexOf(start.value ?? ''));
  if (from === optionIndex) await page.keyboard.press('Space');
  for (let i = from; i < optionIndex; i++) await page.keyboard.press('ArrowDown');
  for (let i = from; i > optionIndex; i--) await page.keyboard.press('ArrowUp');
  expect((await focused(page)).value).toBe(options[optionIndex]);
}

/** Tabs to a button by its text and presses Enter. */
async function pressButton(page: Page, text: string): Promise<void> {
  await tabUntil(page, text, (f) => f.text === text);
  await page.keyboard.press('Enter');
}

const stepTitle = (page: Page) => page.getByTestId('course-step-title').textContent();

describe('Grundkurs i informationssäkerhet in the tab', () => {
  it(
    'is taken by keyboard only to a pass: focus on each lesson heading, axe clean on each step, resumed after a reload',
    { timeout: 180_000 },
    async () => {
      const before = await admin().trainingCompletions.list({ filter: where('trainingCompletions').eq('course', courseId) });
      const { page, context, errors } = await openContext(h, employee, 'sv-SE');
      try {
        const moduleResponse = page.waitForResponse(
          (r) => r.url().endsWith(`/api/v1/training/courses/${courseId}/module`) && r.request().method() === 'GET',
        );
        await page.goto(`${h.tabUrl}/training/courses/${courseId}?lang=sv`);
        const served = await (await moduleResponse).text();
        expect(served).not.toMatch(/"correct"|"explanation"/);
        expect(served).not.toContain(GRUNDKURS.lessons[5]!.questions[2]!.explanation.sv);
        await page.getByTestId('course-step-title').waitFor();
        expect(await stepTitle(page)).toBe(GRUNDKURS.lessons[0]!.title.sv);
        // The demo's employee passed over a year ago: the page says so.
        await expect(page.getByTestId('course-last-completion').textContent()).resolves.toContain('Du klarade kursen');
        await page.screenshot({ path: join(SHOTS, 'course-lesson-1.png'), fullPage: true });

        // One wrong answer (the first question of the last lesson): 20 of 21 still passes.
        const wrongOnPurpose = GRUNDKURS.lessons[6]!.questions[0]!;
        const choice = (q: (typeof GRUNDKURS.lessons)[number]['questions'][number]) => {
          const right = q.options.findIndex((o) => o.id === q.correct);
          return q.id === wrongOnPurpose.id ? (right + 1) % q.options.length : right;
        };

        for (const [index, lesson] of GRUNDKURS.lessons.entries()) {
          expect(await axeViolations(page), `lesson ${lesson.id}`).toEqual([]);
          for (const q of lesson.questions) await answer(page, q.id, choice(q));
          if (index === 2) {
            // Leave mid-course: a reload brings back this lesson with its answers chosen.
            await page.reload();
            await page.getByTestId('course-step-title').waitFor();
            expect(await stepTitle(page)).toBe(lesson.title.sv);
            for (const q of lesson.questions) {
              const checked = page.getByTestId(`question-${q.id}`).locator('input[type="radio"]:checked');
              await expect(checked.getAttribute('value')).resolves.toBe(q.options[choice(q)]!.id);
            }
            await expect(page.getByText('9 av 21 frågor besvarade', { exact: false }).count()).resolves.toBe(1);
          }
          await pressButton(page, index + 1 < GRUNDKURS.lessons.length ? 'Nästa lektion' : 'Till inlämningen');
          const f = await focused(page);
          expect(f.testId, `focus after ${lesson.id}`).toBe('course-step-title');
          expect(f.text).toBe(GRUNDKURS.lessons[index + 1]?.title.sv ?? 'Lämna in dina svar');
        }

        expect(await axeViolations(page), 'summary').toEqual([]);
        await page.screenshot({ path: join(SHOTS, 'course-summary.png'), fullPage: true });
        await pressButton(page, 'Lämna in');
        await page.getByTestId('course-result').waitFor();
        const f = await focused(page);
        expect([f.testId, f.text]).toEqual(['course-step-title', 'Godkänd']);
        await expect(page.getByText('95 % rätt (20 av 21)').count()).resolves.toBe(1);
        await expect(page.getByTestId(`result-${wrongOnPurpose.id}`).textContent()).resolves.toContain('Fel');
        await expect(page.getByTestId(`result-${wrongOnPurpose.id}`).textContent()).resolves.toContain(wrongOnPurpose.explanation.sv);
        expect(await axeViolations(page), 'result').toEqual([]);
        await page.screenshot({ path: join(SHOTS, 'course-result.png'), fullPage: true });

        const after = await admin().trainingCompletions.list({ filter: where('trainingCompletions').eq('course', courseId) });
        const added = after.filter((c) => !before.some((b) => b.id === c.id));
        expect(added).toHaveLength(1);
        expect(added[0]).toMatchObject({ source: 'Teams-modul', score: 95 });
        expect(added[0]!.person.email?.toLowerCase()).toBe(employee.toLowerCase());
        // A pass clears what the browser kept: the next visit starts from the first lesson.
        await page.goto(`${h.tabUrl}/training/courses/${courseId}?lang=sv`);
        await page.getByTestId('course-step-title').waitFor();
        expect(await stepTitle(page)).toBe(GRUNDKURS.lessons[0]!.title.sv);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it('fits a 390 px phone and stays axe clean in the dark and high-contrast themes', { timeout: 120_000 }, async () => {
    const { page, context } = await openContext(h, employee, 'sv-SE');
    try {
      await page.setViewportSize({ width: 390, height: 844 });
      for (const theme of ['light', 'dark', 'contrast']) {
        await page.goto(`${h.tabUrl}/training/courses/${courseId}?lang=sv&theme=${theme}`);
        await page.getByTestId('course-step-title').waitFor();
        expect(await overflow(page), theme).toBeLessThanOrEqual(0);
        expect(await axeViolations(page), theme).toEqual([]);
        await page.screenshot({ path: join(SHOTS, `course-phone-${theme}.png`), fullPage: true });
      }
      await page.goto(`${h.tabUrl}/training/courses/${courseId}?lang=en`);
      await page.getByTestId('course-step-title').waitFor();
      expect(await stepTitle(page)).toBe(GRUNDKURS.lessons[0]!.title.en);
    } finally {
      await context.close();
    }
  });

  it('ships no answer key in the built tab', { timeout: 60_000 }, async () => {
    const seen = new Set<string>();
    const queue = ['/'];
    const bodies: string[] = [];
    while (queue.length > 0) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const text = await (await fetch(`${h.tabUrl}${path}`)).text();
      bodies.push(text);
      for (const m of text.matchAll(/(?:\/|\.\/|")(assets\/[A-Za-z0-9._-]+\.js)/g)) queue.push(`/${m[1]}`);
    }
    expect(seen.size).toBeGreaterThan(2);
    const all = bodies.join('\n');
    for (const q of GRUNDKURS.lessons.flatMap((l) => l.questions)) expect(all).not.toContain(q.explanation.sv);
  });
});
