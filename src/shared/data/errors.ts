/**
 * Every failure of the data layer becomes a DataError with a kind callers can branch on and a plain
 * Swedish message a user can act on. SharePoint's own code/message are kept for the log.
 */
import { translator } from '../i18n/catalogue.js';

export type DataErrorKind =
  'conflict' | 'notFound' | 'forbidden' | 'unauthorized' | 'throttled' | 'threshold' | 'duplicate' | 'invalid' | 'network' | 'server';

/** The user-facing explanation of an error kind, from the one catalogue (`errors.<kind>.advice`). */
export function dataErrorMessage(kind: DataErrorKind, language: 'sv' | 'en' = 'sv'): string {
  return translator(language)(`errors.${kind}.advice`);
}

export class DataError extends Error {
  readonly kind: DataErrorKind;
  readonly status: number | undefined;
  /** SharePoint's error code and English message, for logs and support. */
  readonly detail: string | undefined;
  readonly requestId: string | undefined;

  constructor(
    kind: DataErrorKind,
    options: { status?: number; detail?: string; requestId?: string; message?: string; cause?: unknown } = {},
  ) {
    // The original error (PnPjs's HttpRequestError with the response, or fetch's) stays as `cause`.
    super(options.message ?? dataErrorMessage(kind), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DataError';
    this.kind = kind;
    this.status = options.status;
    this.detail = options.detail;
    this.requestId = options.requestId;
  }
}

/** Optimistic concurrency lost: the item changed since it was read (HTTP 412). */
export class ConflictError extends DataError {
  constructor(options: { detail?: string; requestId?: string; cause?: unknown } = {}) {
    super('conflict', { status: 412, ...options });
    this.name = 'ConflictError';
  }
}

interface HttpLikeError {
  isHttpRequestError?: boolean;
  status?: number;
  message?: string;
  response?: { headers?: { get(name: string): string | null } };
}

function sharePointError(message: string): { code?: string; text?: string } {
  const start = message.indexOf('{');
  if (start < 0) return {};
  try {
    const body = JSON.parse(message.slice(start)) as Record<string, any>;
    const err = body['odata.error'] ?? body.error;
    return { code: err?.code, text: err?.message?.value ?? err?.message };
  } catch {
    return {};
  }
}

/** Translates whatever PnPjs or fetch threw into a DataError. */
export function toDataError(error: unknown): DataError {
  if (error instanceof DataError) return error;
  const e = error as HttpLikeError;
  if (e?.isHttpRequestError || typeof e?.status === 'number') {
    const status = e.status ?? 0;
    const { code, text } = sharePointError(e.message ?? '');
    const detail = [code, text].filter(Boolean).join(': ') || e.message;
    const requestId = e.response?.headers?.get('request-id') ?? e.response?.headers?.get('sprequestguid') ?? undefined;
    const opts = { status, cause: error, ...(detail ? { detail } : {}), ...(requestId ? { requestId } : {}) };
    if (status === 412) return new ConflictError(opts);
    if (status === 404) return new DataError('notFound', opts);
    if (status === 403) return new DataError('forbidden', opts);
    if (status === 401) return new DataError('unauthorized', opts);
    if (status === 429 || status === 503) return new DataError('throttled', opts);
    if (code?.includes('SPQueryThrottledException')) return new DataError('threshold', opts);
    if (code?.includes('SPDuplicateValuesFoundException') || /duplicate values/i.test(text ?? '')) return new DataError('duplicate', opts);
    if (status === 400) return new DataError('invalid', opts);
    return new DataError('server', opts);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new DataError('network', { detail: message, cause: error });
}
