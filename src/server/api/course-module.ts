/**
 * Courses taken in Teams (issue 11): the module's lessons and questions without the right answers,
 * and attempts scored here. The content lives in Kursmoduler, which only coordinators and admins
 * can read; this reads it app-only, validates it (src/domain/course-module.ts) and never lets the
 * answer key or the explanations out before an attempt is submitted.
 *
 * A passing attempt records the caller's completion app-only with source 'Teams-modul' — for the
 * caller only, whoever the request names. A completion is never replaced: it is added, keyed by
 * person, course and Stockholm date (the same key as a coordinator's entry or an import, so one
 * day holds one completion) and by the attempt's key (an HMAC over caller, course and the client's
 * idempotency key), so a resent attempt records nothing twice, also after midnight. A failed add is
 * believed only after both keys are looked up again (a reply lost after commit).
 */
import { createHmac } from 'node:crypto';
import type { Actor } from '../../domain/authorization.js';
import { addCalendarMonths, stockholmDate } from '../../domain/calendar.js';
import {
  parseModuleContent,
  passMarkOf,
  publicLessons,
  questionCount,
  scoreAttempt,
  type ModuleContent,
  type PublicLesson,
  type QuestionResult,
} from '../../domain/course-module.js';
import { DataError, where, type Repositories, type SiteUser } from '../../shared/data/index.js';
import type { Fields, RecordOf, TrainingCompletion } from '../../shared/schema/index.js';
import type { Caller } from './caller.js';
import { ApiError } from './service.js';

interface Deps {
  repos: Repositories;
  now: () => Date;
  submissionSecret: string;
  actorFor(caller: Caller): Promise<Actor & { user: SiteUser }>;
  /** Drops what was derived from the data (tasks) after a write. */
  changed(): void;
}

/** The most answers an attempt may carry (a course has at most 30 lessons of 10 questions). */
export const MAX_ATTEMPT_ANSWERS = 300;

export interface CompletionSummary {
  id: number;
  completedAt: string;
  expiresAt: string | null;
  source: string | null;
  score: number | null;
}

export interface CourseModuleBody {
  course: { id: number; title: string; description: string | null; recertificationMonths: number | null };
  passMark: number;
  /** Changes whenever the module's content does: progress kept in the browser is for one revision. */
  revision: string;
  questionCount: number;
  lessons: PublicLesson[];
  /** The caller's latest completion of this course, from any source. */
  lastCompletion: CompletionSummary | null;
}

export interface AttemptInput {
  answers: Record<string, string>;
  clientKey: string;
  /** The revision the answers were given to; a different one is refused (the questions may differ). */
  revision?: string;
}

export interface AttemptBody {
  score: number;
  passed: boolean;
  passMark: number;
  correct: number;
  total: number;
  results: QuestionResult[];
  /** The completion this attempt gave (passed), else null. */
  completion: CompletionSummary | null;
  /** True when this request stored the completion; false when it was already there (a resend, or passed earlier today). */
  recorded: boolean;
}

type CourseModule = RecordOf<'courseModules'>;

const summary = (c: TrainingCompletion): CompletionSummary => ({
  id: c.id,
  completedAt: c.completedAt,
  expiresAt: c.expiresAt ?? null,
  source: c.source ?? null,
  score: c.score ?? null,
});

export function createCourseModules(deps: Deps) {
  const { repos, now } = deps;

  async function load(courseId: number): Promise<{ course: RecordOf<'trainingCourses'>; module: CourseModule; content: ModuleContent }> {
    const notFound = () => new ApiError(404, 'courseNotFound', 'Kursen finns inte, eller kan inte genomföras i Teams.');
    let course: RecordOf<'trainingCourses'>;
    try {
      course = await repos.trainingCourses.get(courseId);
    } catch (error) {
      if (error instanceof DataError && error.kind === 'notFound') throw notFound();
      throw error;
    }
    if (course.active === false) throw notFound();
    const m = where('courseModules');
    const module = await repos.courseModules.first(m.and(m.eq('course', courseId), m.eq('active', true)));
    if (!module) throw notFound();
    const parsed = parseModuleContent(module.content);
    if (!parsed.ok)
      throw new ApiError(
        500,
        'courseContentInvalid',
        `Kursen kan inte visas: innehållet i listan Kursmoduler är felaktigt (${parsed.problems.slice(0, 3).join('; ')}). Kontakta informationssäkerhetssamordnaren.`,
      );
    return { course, module, content: parsed.content };
  }

  async function latestCompletion(userId: number, courseId: number): Promise<TrainingCompletion | null> {
    const c = where('trainingCompletions');
    const rows = await repos.trainingCompletions.list({
      filter: c.and(c.eq('person', userId), c.eq('course', courseId)),
      orderBy: [{ key: 'completedAt', ascending: false }],
      top: 1,
    });
    return rows[0] ?? null;
  }

  async function byAttemptKey(attemptKey: string): Promise<TrainingCompletion | null> {
    return repos.trainingCompletions.first(where('trainingCompletions').eq('attemptKey', attemptKey));
  }

  return {
    /** GET training/courses/:id/module — any signed-in person; lessons and questions, no answers. */
    async module(caller: Caller, courseId: number): Promise<CourseModuleBody> {
      const actor = await deps.actorFor(caller);
      const { course, module, content } = await load(courseId);
      const last = await latestCompletion(actor.userId, course.id);
      return {
        course: {
          id: course.id,
          title: course.title,
          description: course.description ?? null,
          recertificationMonths: course.recertificationMonths ?? null,
        },
        passMark: passMarkOf(module.passMark),
        revision: `${module.id}:${module.modified}`,
        questionCount: questionCount(content),
        lessons: publicLessons(content),
        lastCompletion: last ? summary(last) : null,
      };
    },

    /** POST training/courses/:id/attempts — scored here; a pass records the caller's completion. */
    async attempt(caller: Caller, courseId: number, input: AttemptInput): Promise<AttemptBody> {
      const actor = await deps.actorFor(caller);
      const clientKey = input.clientKey.trim();
      if (!clientKey || clientKey.length > 200) throw new ApiError(400, 'badRequest', 'Försöket saknar en giltig nyckel (clientKey).');
      if (Object.keys(input.answers).length > MAX_ATTEMPT_ANSWERS) throw new ApiError(400, 'badRequest', 'För många svar.');
      const { course, module, content } = await load(courseId);
      if (input.revision !== undefined && input.revision !== `${module.id}:${module.modified}`)
        throw new ApiError(
          409,
          'courseChanged',
          'Kursen har ändrats sedan du började. Läs in sidan igen – dina svar på frågor som finns kvar är sparade.',
        );
      const scored = scoreAttempt(content, input.answers, passMarkOf(module.passMark));
      if (!scored.passed) return { ...scored, completion: null, recorded: false };

      const mac = createHmac('sha256', deps.submissionSecret).update(`attempt|${actor.userId}|${course.id}|${clientKey}`).digest('hex');
      const attemptKey = `ak-${mac.slice(0, 48)}`;
      const resent = await byAttemptKey(attemptKey);
      if (resent) return { ...scored, completion: summary(resent), recorded: false };

      const completedAt = stockholmDate(now());
      const months = course.recertificationMonths ?? 0;
      const completionKey = `${actor.userId}:${course.id}:${completedAt}`;
      const draft = {
        title: `${actor.user.title} – ${course.title}`.slice(0, 255),
        person: { id: actor.userId },
        course: { id: course.id },
        completedAt,
        ...(months > 0 ? { expiresAt: addCalendarMonths(completedAt, months) } : {}),
        source: 'Teams-modul',
        score: scored.score,
        completionKey,
        attemptKey,
      } satisfies Partial<Fields<'trainingCompletions'>>;
      try {
        const stored = await repos.trainingCompletions.add(draft);
        deps.changed();
        return { ...scored, completion: summary(stored), recorded: true };
      } catch (error) {
        // A duplicate day (passed earlier today, or by import) or a reply lost after commit: what is
        // stored under either key is the answer; anything else is the error.
        const existing =
          (await byAttemptKey(attemptKey)) ??
          (await repos.trainingCompletions.first(where('trainingCompletions').eq('completionKey', completionKey)));
        if (existing) return { ...scored, completion: summary(existing), recorded: false };
        throw error;
      }
    },
  };
}

export type CourseModules = ReturnType<typeof createCourseModules>;
