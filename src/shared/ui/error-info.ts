/**
 * Turns anything thrown into what the user is told: a category with a plain-language title and
 * advice (texts live in the i18n resources under `errors.<category>`), the HTTP status, the
 * server's request id if it sent one, and a fresh correlation id to quote to support.
 */
export type ErrorCategory =
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'conflict'
  | 'throttled'
  | 'server'
  | 'network'
  | 'threshold'
  | 'duplicate'
  | 'invalid'
  | 'signIn'
  | 'config'
  | 'unknown';

export const errorCategories: readonly ErrorCategory[] = [
  'unauthorized',
  'forbidden',
  'notFound',
  'conflict',
  'throttled',
  'server',
  'network',
  'threshold',
  'duplicate',
  'invalid',
  'signIn',
  'config',
  'unknown',
];

export interface ErrorInfo {
  category: ErrorCategory;
  status?: number;
  requestId?: string;
  correlationId: string;
  /** Technical detail for support (English, from the server); never the main message. */
  detail?: string;
}

/** A fresh id per error occurrence; shown to the user and written to the console log. */
export function newCorrelationId(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const hex = () =>
    Math.floor(Math.random() * 0x10000)
      .toString(16)
      .padStart(4, '0');
  return `${hex()}${hex()}-${hex()}-4${hex().slice(1)}-${hex()}-${hex()}${hex()}${hex()}`;
}

export function categoryForStatus(status: number | undefined): ErrorCategory | null {
  if (status === undefined || status === 0) return null;
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 429 || status === 503) return 'throttled';
  if (status >= 500) return 'server';
  if (status === 400) return 'invalid';
  return null;
}

const dataKinds: Record<string, ErrorCategory> = {
  conflict: 'conflict',
  notFound: 'notFound',
  forbidden: 'forbidden',
  unauthorized: 'unauthorized',
  throttled: 'throttled',
  threshold: 'threshold',
  duplicate: 'duplicate',
  invalid: 'invalid',
  network: 'network',
  server: 'server',
};

interface ErrorLike {
  name?: unknown;
  kind?: unknown;
  status?: unknown;
  requestId?: unknown;
  detail?: unknown;
  message?: unknown;
  errorCode?: unknown;
  category?: unknown;
}

/** Errors our own code raises with a fixed category (sign-in, configuration). */
export class CategorizedError extends Error {
  constructor(
    readonly category: ErrorCategory,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'CategorizedError';
  }
}

export function describeError(error: unknown, correlationId: string = newCorrelationId()): ErrorInfo {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const status = typeof e.status === 'number' ? e.status : undefined;
  const requestId = typeof e.requestId === 'string' && e.requestId ? e.requestId : undefined;
  const message = typeof e.message === 'string' ? e.message : typeof error === 'string' ? error : undefined;
  const detail = typeof e.detail === 'string' && e.detail ? e.detail : message;

  let category: ErrorCategory | null = null;
  if (error instanceof CategorizedError) category = error.category;
  else if (typeof e.kind === 'string' && dataKinds[e.kind]) category = dataKinds[e.kind]!;
  if (!category) category = categoryForStatus(status);
  if (!category && typeof e.errorCode === 'string') {
    // MSAL errors: anything about interaction or consent means the user must sign in again.
    category = /network|timed_out|timeout/i.test(e.errorCode) ? 'network' : 'signIn';
  }
  if (!category && e.name === 'TypeError' && /fetch|network|load failed/i.test(message ?? '')) category = 'network';
  if (!category) category = 'unknown';

  return {
    category,
    correlationId,
    ...(status !== undefined ? { status } : {}),
    ...(requestId ? { requestId } : {}),
    ...(detail ? { detail } : {}),
  };
}
