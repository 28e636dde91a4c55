/**
 * A course module taken in Teams: lessons, each followed by single-choice questions, and a pass
 * mark. The content is data (the list Kursmoduler, one item per course, JSON in a note field), so a
 * municipality can add its own course; it is validated here on every read. The answer key stays on
 * the server: `publicModule` is what the tab gets, `scoreAttempt` what the API scores with.
 *
 * Text in a lesson body: paragraphs separated by a blank line; a paragraph whose lines all start
 * with "- " is a bulleted list.
 */
import { z } from 'zod';

/** The longest content accepted (characters of JSON): a course beyond this should be split in two. */
export const MAX_MODULE_CONTENT_CHARS = 60_000;
export const DEFAULT_PASS_MARK = 80;

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'ett id är 1–40 tecken: små bokstäver a–z, siffror och bindestreck');
/** Swedish first; English optional (the tab falls back to Swedish). */
const text = (max: number) =>
  z.object({ sv: z.string().trim().min(1).max(max), en: z.string().trim().min(1).max(max).optional() }).strict();

const questionSchema = z
  .object({
    id,
    prompt: text(1000),
    options: z
      .array(z.object({ id, text: text(500) }).strict())
      .min(2)
      .max(6),
    correct: id,
    explanation: text(2000),
  })
  .strict();

const lessonSchema = z
  .object({
    id,
    title: text(200),
    body: text(12_000),
    questions: z.array(questionSchema).max(10),
  })
  .strict();

export const moduleContentSchema = z
  .object({
    version: z.literal(1),
    lessons: z.array(lessonSchema).min(1).max(30),
  })
  .strict()
  .superRefine((content, ctx) => {
    const lessonIds = new Set<string>();
    const questionIds = new Set<string>();
    content.lessons.forEach((lesson, l) => {
      if (lessonIds.has(lesson.id))
        ctx.addIssue({ code: 'custom', path: ['lessons', l, 'id'], message: `lektionen ${lesson.id} finns två gånger` });
      lessonIds.add(lesson.id);
      lesson.questions.forEach((q, i) => {
        const path = ['lessons', l, 'questions', i];
        if (questionIds.has(q.id)) ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: `frågan ${q.id} finns två gånger` });
        questionIds.add(q.id);
        const options = new Set(q.options.map((o) => o.id));
        if (options.size !== q.options.length)
          ctx.addIssue({ code: 'custom', path: [...path, 'options'], message: `frågan ${q.id} har två svarsalternativ med samma id` });
        if (!options.has(q.correct))
          ctx.addIssue({ code: 'custom', path: [...path, 'correct'], message: `rätt svar på frågan ${q.id} är inget av alternativen` });
      });
    });
    if (questionIds.size === 0) ctx.addIssue({ code: 'custom', path: ['lessons'], message: 'kursen har inga frågor' });
  });

export type ModuleContent = z.infer<typeof moduleContentSchema>;
export type ModuleText = ModuleContent['lessons'][number]['title'];

export type ParsedModule = { ok: true; content: ModuleContent } | { ok: false; problems: string[] };

/** The stored JSON as content, or the problems in Swedish ("lessons.2.questions.0.correct: …"). */
export function parseModuleContent(json: string | null | undefined): ParsedModule {
  if (!json || !json.trim()) return { ok: false, problems: ['innehållet är tomt'] };
  if (json.length > MAX_MODULE_CONTENT_CHARS)
    return { ok: false, problems: [`innehållet är ${json.length} tecken, högst ${MAX_MODULE_CONTENT_CHARS} (dela kursen i två)`] };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    return { ok: false, problems: [`innehållet är inte giltig JSON (${error instanceof Error ? error.message : String(error)})`] };
  }
  const result = moduleContentSchema.safeParse(raw);
  if (result.success) return { ok: true, content: result.data };
  return {
    ok: false,
    problems: result.error.issues.slice(0, 20).map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)),
  };
}

/** A pass mark as stored (percent); anything unusable is the default. */
export function passMarkOf(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= 100 ? value : DEFAULT_PASS_MARK;
}

/** What the tab may see before submitting: no right answers, no explanations. */
export interface PublicQuestion {
  id: string;
  prompt: ModuleText;
  options: { id: string; text: ModuleText }[];
}
export interface PublicLesson {
  id: string;
  title: ModuleText;
  body: ModuleText;
  questions: PublicQuestion[];
}

export function publicLessons(content: ModuleContent): PublicLesson[] {
  // Built field by field (never spread), so a key added to the schema is not sent by accident.
  return content.lessons.map((l) => ({
    id: l.id,
    title: l.title,
    body: l.body,
    questions: l.questions.map((q) => ({
      id: q.id,
      prompt: q.prompt,
      options: q.options.map((o) => ({ id: o.id, text: o.text })),
    })),
  }));
}

export function questionCount(content: ModuleContent): number {
  return content.lessons.reduce((n, l) => n + l.questions.length, 0);
}

export interface QuestionResult {
  questionId: string;
  lessonId: string;
  /** The option chosen, or null when the question was left unanswered (counted as wrong). */
  chosen: string | null;
  correct: boolean;
  explanation: ModuleText;
}

export interface AttemptScore {
  /** Percent of the questions answered right, rounded down (0–100). */
  score: number;
  passed: boolean;
  passMark: number;
  correct: number;
  total: number;
  results: QuestionResult[];
}

/**
 * Scores chosen answers (question id → option id). Unanswered and unknown options are wrong; answers
 * to questions the course does not have are ignored. Passing compares exactly (17 of 21 right is
 * 80.95 % and passes 80 %), the score shown is rounded down.
 */
export function scoreAttempt(content: ModuleContent, answers: Readonly<Record<string, string>>, passMark: number): AttemptScore {
  const results: QuestionResult[] = [];
  for (const lesson of content.lessons)
    for (const q of lesson.questions) {
      const chosen = Object.prototype.hasOwnProperty.call(answers, q.id) ? (answers[q.id] ?? null) : null;
      results.push({ questionId: q.id, lessonId: lesson.id, chosen, correct: chosen === q.correct, explanation: q.explanation });
    }
  const total = results.length;
  const correct = results.filter((r) => r.correct).length;
  return {
    score: total === 0 ? 0 : Math.floor((correct * 100) / total),
    passed: total > 0 && correct * 100 >= passMark * total,
    passMark,
    correct,
    total,
    results,
  };
}

/** The text in a language, Swedish when there is none in it. */
export function inLanguage(t: ModuleText, language: string): string {
  return language.toLowerCase().startsWith('en') && t.en ? t.en : t.sv;
}

/** A lesson body as blocks: paragraphs and bulleted lists ("- " lines, also right after a paragraph's text). */
export type BodyBlock = { kind: 'p'; text: string } | { kind: 'ul'; items: string[] };

export function bodyBlocks(body: string): BodyBlock[] {
  const blocks: BodyBlock[] = [];
  for (const paragraph of body.split(/\n\s*\n/)) {
    let last: BodyBlock | undefined;
    for (const raw of paragraph.split('\n')) {
      const line = raw.trim();
      if (!line) continue;
      const bullet = line.startsWith('- ');
      if (bullet && last?.kind === 'ul') last.items.push(line.slice(2).trim());
      else if (!bullet && last?.kind === 'p') last.text = `${last.text} ${line}`;
      else blocks.push((last = bullet ? { kind: 'ul', items: [line.slice(2).trim()] } : { kind: 'p', text: line }));
    }
  }
  return blocks;
}
