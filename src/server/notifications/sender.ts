/**
 * Delivering a digest: the NotificationSender port and its Graph implementation
 * (POST /v1.0/users/{upn}/teamwork/sendActivityNotification, activity type `taskDue` from the app
 * manifest). The same sender serves production (graph.microsoft.com, app-only certificate token) and
 * local mode (the local Graph endpoint, src/server/local-graph). Throttling is handled here, where
 * the Retry-After header is: the wait is injectable so tests never sleep.
 */
import type { Digest } from '../../domain/notifications.js';
import { certificateClient, type CertificateCredentials } from '../auth/certificate.js';

/** What a sender delivers: a task digest, or an incident event with its own activity type. */
export type Deliverable = Pick<Digest, 'recipient' | 'message'> &
  Partial<Omit<Digest, 'recipient' | 'message' | 'templateParameters'>> & {
    templateParameters: Readonly<Record<string, string>>;
    /** Declared in the app manifest; default `taskDue`. */
    activityType?: string;
  };

export interface NotificationSender {
  /** Delivers the notification; `webUrl` is where it leads. Throws SendError on failure. */
  send(digest: Deliverable, webUrl: string): Promise<void>;
}

export class SendError extends Error {
  /** HTTP status, or undefined when no reply came (connection lost: the outcome is unknown). */
  readonly status: number | undefined;
  constructor(message: string, status?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SendError';
    this.status = status;
  }
}

export type Wait = (ms: number) => Promise<void>;
export const realWait: Wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export const GRAPH_BASE_URL = 'https://graph.microsoft.com';
export const TASK_ACTIVITY_TYPE = 'taskDue';
const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/** Retry-After in ms: seconds or an HTTP date; a default backoff when absent. */
function retryAfterMs(header: string | null, attempt: number, now: number): number {
  if (header) {
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds, 300) * 1000;
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.min(Math.max(date - now, 0), 300_000);
  }
  return Math.min(2 ** attempt, 60) * 1000;
}

export interface GraphSenderOptions {
  /** Default https://graph.microsoft.com; the local endpoint in local mode. */
  baseUrl?: string;
  getToken: () => Promise<string>;
  wait?: Wait;
  /** Throttled answers (429/503) retried at most this many times per digest. Default 4. */
  maxRetries?: number;
  fetch?: typeof fetch;
  /** A reply not received within this time counts as lost. Default 30 s. */
  timeoutMs?: number;
}

export function graphActivitySender(options: GraphSenderOptions): NotificationSender {
  const base = (options.baseUrl ?? GRAPH_BASE_URL).replace(/\/+$/, '');
  const wait = options.wait ?? realWait;
  const maxRetries = options.maxRetries ?? 4;
  const doFetch = options.fetch ?? fetch;
  return {
    async send(digest, webUrl) {
      const body = JSON.stringify({
        topic: { source: 'text', value: 'Systemkoll', webUrl },
        activityType: digest.activityType ?? TASK_ACTIVITY_TYPE,
        previewText: { content: digest.message },
        templateParameters: Object.entries(digest.templateParameters).map(([name, value]) => ({ name, value })),
      });
      const url = `${base}/v1.0/users/${encodeURIComponent(digest.recipient)}/teamwork/sendActivityNotification`;
      for (let attempt = 0; ; attempt++) {
        let res: Response;
        try {
          res = await doFetch(url, {
            method: 'POST',
            headers: { authorization: `Bearer ${await options.getToken()}`, 'content-type': 'application/json' },
            body,
            signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
          });
        } catch (error) {
          // No reply: Graph may or may not have delivered. Not resent here; the job decides.
          throw new SendError(`Inget svar från Graph: ${error instanceof Error ? error.message : String(error)}`, undefined, {
            cause: error,
          });
        }
        if (res.ok) {
          await res.body?.cancel();
          return;
        }
        const text = await res.text().catch(() => '');
        if ((res.status === 429 || res.status === 503) && attempt < maxRetries) {
          await wait(retryAfterMs(res.headers.get('retry-after'), attempt, Date.now()));
          continue;
        }
        let detail = text.slice(0, 300);
        try {
          const parsed = JSON.parse(text) as { error?: { code?: string; message?: string } };
          if (parsed.error) detail = [parsed.error.code, parsed.error.message].filter(Boolean).join(': ');
        } catch {
          // Not JSON: keep the text as it came.
        }
        throw new SendError(`Graph svarade ${res.status}${detail ? ` (${detail})` : ''}.`, res.status);
      }
    },
  };
}

/** App-only Graph token with the Systemkoll app's certificate (TeamsActivity.Send application permission). */
export function graphAppOnlyToken(cred: CertificateCredentials): () => Promise<string> {
  const client = certificateClient(cred);
  return async () => {
    const result = await client.acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE] });
    if (!result?.accessToken) throw new Error('Entra ID gav ingen åtkomsttoken för Microsoft Graph (certifikatinloggning).');
    return result.accessToken;
  };
}

/**
 * Local mode without a Graph endpoint: the Aviseringar item (channel 'utkorg') is the delivery —
 * the tab's outbox page shows it — so sending is nothing more.
 */
export const outboxSender: NotificationSender = { send: async () => undefined };
