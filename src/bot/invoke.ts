/**
 * One wrapper for every invoke the bot answers: the deadline (Teams gives up after about 5 s, so we
 * answer within ours, counted from when the HTTP request arrived — the SDK's own work included),
 * logging with a correlation id, and a user-facing message in the user's language.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import { DataError, dataErrorMessage } from '../shared/data/index.js';
import { texts, type Lang } from './i18n.js';

const arrival = new AsyncLocalStorage<number>();

/**
 * Remembers when each request reached the server. Listeners run synchronously one after another,
 * so the SDK's request handler (registered after this) and everything it awaits see the time.
 */
export function trackRequestArrival(server: Server): void {
  server.prependListener('request', () => arrival.enterWith(performance.now()));
}

export class DeadlineError extends Error {
  constructor() {
    super('deadline');
    this.name = 'DeadlineError';
  }
}

/** Runs `work` but settles by the deadline, counted from the request's arrival. */
export function withinDeadline<T>(work: () => Promise<T>, deadlineMs: number): Promise<T> {
  const started = arrival.getStore() ?? performance.now();
  const remaining = Math.max(0, deadlineMs - (performance.now() - started));
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError()), remaining);
  });
  return Promise.race([work(), deadline]).finally(() => clearTimeout(timer));
}

export function userMessage(error: unknown, lang: Lang): string {
  if (error instanceof DeadlineError) return texts(lang).timeout;
  // DataError kinds have user-facing explanations; other errors may be technical.
  if (error instanceof DataError) return dataErrorMessage(error.kind, lang);
  // fetch() in Node fails with a TypeError when the server cannot be reached at all.
  if (error instanceof TypeError && /fetch failed/i.test(error.message)) return dataErrorMessage('network', lang);
  return texts(lang).errorTitle + '.';
}

export interface InvokeFailure {
  correlationId: string;
  message: string;
}

/**
 * Runs an invoke's work within the deadline. On any failure it logs the technical detail under a
 * short correlation id and lets `fallback` answer the user with the message and the id.
 */
export async function answerInvoke<T>(options: {
  what: string;
  lang: Lang;
  deadlineMs: number;
  log: (line: string) => void;
  work: () => Promise<T>;
  fallback: (failure: InvokeFailure) => T;
}): Promise<T> {
  try {
    return await withinDeadline(options.work, options.deadlineMs);
  } catch (error) {
    const correlationId = randomUUID().slice(0, 8);
    const detail =
      error instanceof DataError ? `${error.kind} ${error.detail ?? ''}` : error instanceof Error ? error.message : String(error);
    options.log(`[bot] ${options.what} misslyckades (felkod ${correlationId}): ${detail}`);
    return options.fallback({ correlationId, message: userMessage(error, options.lang) });
  }
}
