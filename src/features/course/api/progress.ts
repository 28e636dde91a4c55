/**
 * Where a person is in a course, kept in localStorage per person and course so that leaving the
 * page, a reload or a closed Teams client resumes at the same lesson with the same answers. Tied to
 * the module's revision: answers given to other questions are not restored.
 */
import type { Session } from '../../../shared/ui/session.js';

export interface CourseProgress {
  revision: string;
  /** 0 … lessons − 1, then lessons = the summary before submitting. */
  step: number;
  answers: Record<string, string>;
  /** The attempt's idempotency key; renewed after a definitive result. */
  clientKey: string;
}

const PREFIX = 'systemkoll.course.';

export function progressKey(session: Session, courseId: number): string {
  return `${PREFIX}${(session.persona?.upn ?? session.key).toLowerCase()}.${courseId}`;
}

export function newAttemptKey(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return `attempt-${c.randomUUID()}`;
  return `attempt-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export function readProgress(key: string, revision: string): CourseProgress | null {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const p = JSON.parse(raw) as Partial<CourseProgress>;
    if (p.revision !== revision || typeof p.step !== 'number' || typeof p.clientKey !== 'string') return null;
    const answers = Object.fromEntries(Object.entries(p.answers ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
    return { revision, step: Math.max(0, Math.floor(p.step)), answers, clientKey: p.clientKey };
  } catch {
    return null;
  }
}

export function writeProgress(key: string, progress: CourseProgress | null): void {
  // Storage full or blocked: the course still works, it just does not resume.
  try {
    if (progress) localStorage.setItem(key, JSON.stringify(progress));
    else localStorage.removeItem(key);
  } catch {
    /* ignore */
  }
}
