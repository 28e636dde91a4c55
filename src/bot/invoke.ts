/**
 * One wrapper for every invoke the bot answers: the deadline (Teams gives up after about 5 s, so we
 * answer within ours, counted from when the HTTP request arrived — the SDK's own work included),
 * logging with a correlation id, and a user-facing message in the user's language.
 *
 * Two layers keep that promise:
 * - `answerInvoke` runs a handler's work against the time left (the deadline less a small margin)
 *   and answers with the handler's own error card, logged under what the user was doing;
 * - `guardInvokes` watches every request on the HTTP server: if nothing has been answered when the
 *   deadline itself passes — the SDK stalled before our handler ran (JWT keys, a user-token lookup,
 *   a plugin) — it answers on the handler's behalf with the same kind of error card.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { DataError, dataErrorMessage } from '../shared/data/index.js';
import { langOf, texts, type Lang } from './i18n.js';

const arrival = new AsyncLocalStorage<number>();

export class DeadlineError extends Error {
  constructor() {
    super('deadline');
    this.name = 'DeadlineError';
  }
}

/** Time kept back for the watchdog: handlers give up this much before the deadline itself. */
export function handlerMargin(deadlineMs: number): number {
  return Math.min(250, Math.floor(deadlineMs / 4));
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
  /** What went wrong (the deadline, a data error …), for handlers that word it themselves. */
  error?: unknown;
}

function fail(what: string, error: unknown, lang: Lang, log: (line: string) => void, message = userMessage(error, lang)): InvokeFailure {
  const correlationId = randomUUID().slice(0, 8);
  const detail =
    error instanceof DataError ? `${error.kind} ${error.detail ?? ''}` : error instanceof Error ? error.message : String(error);
  log(`[bot] ${what} misslyckades (felkod ${correlationId}): ${detail}`);
  return { correlationId, message, error };
}

/**
 * Runs an invoke's work within the deadline (less the watchdog's margin). On any failure it logs the
 * technical detail under a short correlation id and lets `fallback` answer the user with the message
 * and the id.
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
    return await withinDeadline(options.work, options.deadlineMs - handlerMargin(options.deadlineMs));
  } catch (error) {
    return options.fallback(fail(options.what, error, options.lang, options.log));
  }
}

/** What the watchdog knows of a request when it has to answer: the parsed activity, if any. */
export interface LateInvoke {
  /** The activity, once the SDK's body parser has read it (undefined before). */
  activity: { type?: unknown; name?: unknown; locale?: unknown } | undefined;
  lang: Lang;
}

/**
 * Remembers when each request reached the server (so `withinDeadline` counts the SDK's work too)
 * and answers any invoke still unanswered when the deadline passes. `lateAnswer` gives the body for
 * that invoke (an error dialog, an error message) or undefined to leave the request alone.
 *
 * Listeners run synchronously one after another, so the SDK's request handler (registered after
 * this) and everything it awaits see the arrival time.
 */
export function guardInvokes(
  server: Server,
  options: {
    deadlineMs: number;
    log: (line: string) => void;
    lateAnswer: (late: LateInvoke, failure: InvokeFailure) => unknown;
  },
): void {
  server.prependListener('request', (req: IncomingMessage & { body?: unknown }, res: ServerResponse) => {
    arrival.enterWith(performance.now());
    // Only Teams invokes have a deadline; the Systemkoll API answers its own requests.
    if (req.method !== 'POST' || req.url?.startsWith('/api/v1/')) return;
    const timer = setTimeout(() => {
      if (res.headersSent || res.writableEnded) return;
      const activity = req.body && typeof req.body === 'object' ? (req.body as LateInvoke['activity']) : undefined;
      if (activity && activity.type !== 'invoke') return;
      const lang = langOf(typeof activity?.locale === 'string' ? activity.locale : undefined);
      const what = typeof activity?.name === 'string' ? activity.name : 'okänd begäran';
      const failure = fail(`${what} (ej besvarad i tid)`, new DeadlineError(), lang, options.log, texts(lang).lateAnswer);
      const body = options.lateAnswer({ activity, lang }, failure);
      if (body === undefined) return;
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
      silence(res);
    }, options.deadlineMs);
    timer.unref();
    res.once('close', () => clearTimeout(timer));
  });
}

/** The SDK answers late on a response we already sent: let that write go nowhere instead of failing. */
function silence(res: ServerResponse): void {
  const quiet = res as unknown as Record<'setHeader' | 'writeHead' | 'write' | 'end', (...args: unknown[]) => unknown>;
  quiet.setHeader = () => res;
  quiet.writeHead = () => res;
  quiet.write = () => true;
  quiet.end = () => res;
}
