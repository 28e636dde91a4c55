/**
 * The tab's client for the Systemkoll API in the bot host (`/api/v1/…`, see
 * src/server/api/http.ts): what staff and system owners may no longer read from SharePoint
 * themselves (their reports, incidents on their systems) and the trusted writes. JSON with a bearer
 * token asked for per request (MSAL for the API's scope in production, the local token locally);
 * every failure becomes the same typed `DataError` the SharePoint pipeline throws, so pages show it
 * with `ErrorView` like any other. Throttling (429/503) is retried once, honouring `Retry-After` —
 * the one retry layer for the API, as PnPjs is for SharePoint (TanStack Query does not retry on top).
 */
import { ConflictError, DataError, dataErrorMessage, type DataErrorKind } from '../data/errors.js';
import type { ActionRecord, Incident, SystemRecord } from '../schema/index.js';
import { CategorizedError } from '../ui/error-info.js';
import type { RecordOf } from '../schema/index.js';
import type { Task, TaskFilter, TaskOverview } from '../../domain/tasks/index.js';

export interface ApiClientOptions {
  /** The API's origin, e.g. http://127.0.0.1:3978 (no `/api/v1`). */
  baseUrl: string;
  getToken: () => Promise<string>;
  /** Settings the API lacks (production); any request then fails with a configuration error. */
  missing?: readonly string[];
  /** Default globalThis.fetch. */
  fetch?: typeof fetch;
  /** How a Retry-After pause is waited out; default a timer. Tests pass one that resolves at once. */
  wait?: (ms: number) => Promise<void>;
  /** The longest pause honoured before the one retry (ms). Default 30 s; longer waits fail at once. */
  maxRetryWaitMs?: number;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Sent as If-Match (changes to items read earlier). */
  etag?: string;
  /** The answer is a file: returned as a Blob, not parsed as JSON. */
  binary?: boolean;
}

export interface ReportBody {
  title: string;
  description: string;
  systemId?: string | number;
  personalData: string;
  /** A nonce per report form: a retried or double-clicked submit returns the stored incident. */
  clientKey: string;
}

export interface AssessmentBody {
  requirementId: number;
  status: 'uppfyllt' | 'delvis' | 'ej uppfyllt' | 'ej tillämpligt';
  comment?: string | null;
}

export interface MyOverviewBody {
  systems: SystemRecord[];
  reports: Incident[];
  systemIncidents: Incident[];
}

export interface MyTasksBody {
  generatedAt: string;
  tasks: Task[];
}

export type SystemEventPath = 'review' | 'classification' | 'continuity-test' | 'restore-test';

export interface SystemEventBody {
  changes?: Record<string, unknown>;
  hours?: number | null;
  cost?: number | null;
  notes?: string | null;
}

export interface SystemHistoryBody {
  actions: ActionRecord[];
  /** null: the caller may not read this system's incidents. */
  incidents: Incident[] | null;
}

export interface IncidentAttachmentBody {
  name: string;
  url: string;
  size?: number;
}

/** Bytes as base64 without a data: prefix, in chunks (a 10 MB file would overflow one apply call). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export interface ApiClient {
  readonly baseUrl: string;
  get<T>(path: string, options?: RequestOptions): Promise<T>;
  send<T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  /** POST /api/v1/systems — a new system (coordinators, admins). */
  createSystem(fields: Record<string, unknown>, options?: RequestOptions): Promise<SystemRecord>;
  /** PATCH /api/v1/systems/:id — a register edit; `options.etag` required (conflict when stale). */
  updateSystem(id: number, patch: Record<string, unknown>, options: RequestOptions & { etag: string }): Promise<SystemRecord>;
  /** POST /api/v1/systems/:id/{review|classification|continuity-test|restore-test} — recorded with an action. */
  recordSystemEvent(
    id: number,
    event: SystemEventPath,
    body: SystemEventBody,
    options: RequestOptions & { etag: string },
  ): Promise<{ system: SystemRecord; action: ActionRecord }>;
  /** GET /api/v1/systems/:id/history — the system's actions and (for those allowed) incidents. */
  systemHistory(id: number, options?: RequestOptions): Promise<SystemHistoryBody>;
  /** GET /api/v1/me/overview — my systems, my reports and the incidents on my systems, in one round trip. */
  overview(options?: RequestOptions): Promise<MyOverviewBody>;
  /** GET /api/v1/me/tasks — the caller's tasks, most urgent first (derived live, never stored). */
  myTasks(options?: RequestOptions): Promise<MyTasksBody>;
  /** GET /api/v1/tasks — all tasks counted per förvaltning and rule, filtered (coordinators, admins). */
  taskOverview(filter?: TaskFilter, options?: RequestOptions): Promise<TaskOverview>;
  /** GET /api/v1/me/incidents — the caller's own reports, newest first. */
  myIncidents(options?: RequestOptions): Promise<Incident[]>;
  /** GET /api/v1/me/system-incidents — incidents on systems the caller owns or administers. */
  mySystemIncidents(options?: RequestOptions): Promise<Incident[]>;
  /** GET /api/v1/incidents/:id — one incident the caller may read (notFound otherwise). */
  incident(id: number, options?: RequestOptions): Promise<Incident>;
  /** POST /api/v1/incidents — a report; `created` is false when this clientKey was already received. */
  report(body: ReportBody, options?: RequestOptions): Promise<{ incident: Incident; created: boolean }>;
  /** GET /api/v1/incidents/:id/attachments — the files on an incident the caller may read. */
  incidentAttachments(id: number, options?: RequestOptions): Promise<IncidentAttachmentBody[]>;
  /** POST /api/v1/incidents/:id/attachments — attaches a file; `created` false when this very file was already there. */
  addIncidentAttachment(id: number, fileName: string, bytes: Uint8Array, options?: RequestOptions): Promise<IncidentAttachmentBody>;
  /** GET /api/v1/incidents/:id/attachments/:name — the file's bytes. */
  incidentAttachment(id: number, name: string, options?: RequestOptions): Promise<Blob>;
  /** POST /api/v1/systems/:id/assessments — the caller's self-assessment of one security requirement (idempotent). */
  assess(systemId: number, body: AssessmentBody, options?: RequestOptions): Promise<RecordOf<'selfAssessments'>>;
}

const DEFAULT_MAX_RETRY_WAIT_MS = 30_000;
/** Without Retry-After the one retry waits this long. */
const DEFAULT_RETRY_WAIT_MS = 1_000;

/** Swedish messages where the catalogue's wording is about SharePoint and the API is another service. */
const API_MESSAGES: Partial<Record<DataErrorKind, string>> = {
  network: 'Det gick inte att nå Systemkolls tjänst. Kontrollera nätverket och försök igen.',
  server: 'Systemkolls tjänst svarade med ett fel. Försök igen om en stund. Kvarstår felet, kontakta IT-supporten och uppge felkoden.',
  throttled: 'Systemkolls tjänst är hårt belastad just nu. Vänta en stund och försök igen – inget har gått förlorat.',
};

const DATA_KINDS: ReadonlySet<string> = new Set<DataErrorKind>([
  'conflict',
  'notFound',
  'forbidden',
  'unauthorized',
  'throttled',
  'threshold',
  'duplicate',
  'invalid',
  'network',
  'server',
]);

function kindFor(status: number, code: string | undefined): DataErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 429 || status === 503) return 'throttled';
  if (status === 400 || status === 413 || status === 422) return 'invalid';
  // 502: SharePoint refused the API's own request; the body names the DataError kind it got.
  if (status === 502 && code && DATA_KINDS.has(code)) return code as DataErrorKind;
  return 'server';
}

/** The API's refusal (`{ code, message }`, Swedish message) as a DataError; exported for tests. */
export function apiError(
  status: number,
  body: unknown,
  context: { method: string; path: string; requestId?: string | null; cause?: unknown },
): DataError {
  const b = (typeof body === 'object' && body !== null ? body : {}) as { code?: unknown; message?: unknown };
  const code = typeof b.code === 'string' ? b.code : undefined;
  const serverMessage = typeof b.message === 'string' && b.message.trim() ? b.message.trim() : undefined;
  const kind = kindFor(status, code);
  const options = {
    status,
    // The API's own messages are written for users (Swedish); otherwise the catalogue's advice.
    message: serverMessage ?? API_MESSAGES[kind] ?? dataErrorMessage(kind),
    detail: `${context.method} /api/v1/${context.path}: HTTP ${status}${code ? ` ${code}` : ''}${serverMessage ? ` – ${serverMessage}` : ''}`,
    ...(context.requestId ? { requestId: context.requestId } : {}),
    ...(context.cause !== undefined ? { cause: context.cause } : {}),
  };
  const error = kind === 'conflict' ? new ConflictError(options) : new DataError(kind, options);
  const details = (b as { details?: unknown }).details;
  if (details !== undefined) API_DETAILS.set(error, details);
  return error;
}

const API_DETAILS = new WeakMap<object, unknown>();

/** What the API sent beside its message (e.g. `{ fields: { title: '…' } }` for a refused register edit). */
export function apiErrorDetails(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? API_DETAILS.get(error) : undefined;
}

/** Field-keyed messages of a refused register write (400 `invalidSystem`), or null. */
export function apiFieldErrors(error: unknown): Record<string, string> | null {
  const details = apiErrorDetails(error) as { fields?: unknown } | undefined;
  const fields = details?.fields;
  if (!fields || typeof fields !== 'object') return null;
  return Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** Retry-After as milliseconds: seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

const timer = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const wait = options.wait ?? timer;
  const maxWait = options.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS;

  async function request<T>(method: string, path: string, body: unknown, opts: RequestOptions = {}): Promise<T> {
    const missing = options.missing ?? [];
    if (missing.length > 0 || !baseUrl)
      throw new CategorizedError(
        'config',
        `Systemkolls tjänst är inte inställd: ${(missing.length ? missing : ['VITE_SYSTEMKOLL_API_URL']).join(', ')} saknas.`,
      );
    const clean = path.replace(/^\/+/, '');
    const url = `${baseUrl}/api/v1/${clean}`;
    for (let attempt = 0; ; attempt++) {
      // A token per attempt: MSAL answers from its cache and refreshes what is about to expire.
      const token = await options.getToken();
      const headers: Record<string, string> = { Accept: opts.binary ? '*/*' : 'application/json', Authorization: `Bearer ${token}` };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      if (opts.etag) headers['If-Match'] = opts.etag;
      let res: Response;
      try {
        res = await doFetch(url, {
          method,
          headers,
          credentials: 'omit',
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          ...(opts.signal ? { signal: opts.signal } : {}),
        });
      } catch (error) {
        if (opts.signal?.aborted) throw error;
        const detail = `${method} /api/v1/${clean}: ${error instanceof Error ? error.message : String(error)}`;
        throw new DataError('network', { message: API_MESSAGES.network!, detail, cause: error });
      }
      const requestId = res.headers.get('request-id') ?? res.headers.get('x-request-id');
      if (res.ok) {
        if (res.status === 204) return undefined as T;
        if (opts.binary) return (await res.blob()) as T;
        try {
          return (await res.json()) as T;
        } catch (error) {
          throw apiError(502, null, { method, path: clean, requestId, cause: error });
        }
      }
      if ((res.status === 429 || res.status === 503) && attempt === 0) {
        const pause = retryAfterMs(res.headers.get('Retry-After')) ?? DEFAULT_RETRY_WAIT_MS;
        if (pause <= maxWait) {
          await res.body?.cancel().catch(() => undefined);
          await wait(pause);
          continue;
        }
      }
      const text = await res.text().catch(() => '');
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = null;
      }
      throw apiError(res.status, parsed, { method, path: clean, requestId });
    }
  }

  const client: ApiClient = {
    baseUrl,
    get: (path, opts) => request('GET', path, undefined, opts),
    send: (method, path, body, opts) => request(method, path, body, opts),
    createSystem: (fields, opts) => request('POST', 'systems', fields, opts),
    updateSystem: (id, patch, opts) => request('PATCH', `systems/${encodeURIComponent(String(id))}`, patch, opts),
    recordSystemEvent: (id, event, body, opts) => request('POST', `systems/${encodeURIComponent(String(id))}/${event}`, body, opts),
    systemHistory: (id, opts) => request('GET', `systems/${encodeURIComponent(String(id))}/history`, undefined, opts),
    overview: (opts) => request('GET', 'me/overview', undefined, opts),
    myTasks: (opts) => request('GET', 'me/tasks', undefined, opts),
    taskOverview: (filter = {}, opts) => {
      const q = new URLSearchParams();
      if (filter.department !== undefined) q.set('department', String(filter.department));
      if (filter.rule) q.set('rule', filter.rule);
      if (filter.person) q.set('person', filter.person);
      const qs = q.toString();
      return request('GET', qs ? `tasks?${qs}` : 'tasks', undefined, opts);
    },
    myIncidents: async (opts) => (await request<{ value: Incident[] }>('GET', 'me/incidents', undefined, opts)).value,
    mySystemIncidents: async (opts) => (await request<{ value: Incident[] }>('GET', 'me/system-incidents', undefined, opts)).value,
    incident: (id, opts) => request('GET', `incidents/${encodeURIComponent(String(id))}`, undefined, opts),
    report: (body, opts) => request('POST', 'incidents', body, opts),
    incidentAttachments: async (id, opts) =>
      (
        await request<{ value: IncidentAttachmentBody[] }>(
          'GET',
          `incidents/${encodeURIComponent(String(id))}/attachments`,
          undefined,
          opts,
        )
      ).value,
    addIncidentAttachment: (id, fileName, bytes, opts) =>
      request('POST', `incidents/${encodeURIComponent(String(id))}/attachments`, { fileName, contentBase64: toBase64(bytes) }, opts),
    incidentAttachment: (id, name, opts) =>
      request('GET', `incidents/${encodeURIComponent(String(id))}/attachments/${encodeURIComponent(name)}`, undefined, {
        ...opts,
        binary: true,
      }),
    assess: (systemId, body, opts) => request('POST', `systems/${encodeURIComponent(String(systemId))}/assessments`, body, opts),
  };
  return client;
}
