/**
 * A Graph-shaped local endpoint for the Graph calls Systemkoll makes:
 * POST /v1.0/users/{id}/teamwork/sendActivityNotification, and the reads GET /v1.0/users/delta
 * (directory.ts) and GET /v1.0/reports/security/getAttackSimulationTrainingUserCoverage
 * (training-coverage.ts), paged like Graph and throttled by the same hook. It checks the body the way Graph does
 * (400 with Graph's error shape for a bad body, 401 without a bearer token), answers 204 and keeps
 * what it received in memory — so the notification job runs unchanged against it in local mode and
 * in tests. Test hooks answer the next calls with 429 + Retry-After, or drop the reply after the
 * notification was recorded (a connection lost after Graph delivered).
 *
 * Mounted by the bot host in local mode under /_local/graph (loopback only, like everything local),
 * or started on its own port (startLocalGraph) by tests.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TrainingCoverage } from '../../domain/training/index.js';
import { TRAINING_COVERAGE_PATH } from '../defender/training-coverage.js';
import { createLocalDirectory, type LocalDirectory } from './directory.js';
import { createLocalTrainingCoverage, type LocalTrainingCoverage } from './training-coverage.js';

export interface ReceivedNotification {
  /** The user id or UPN from the path, lower-case. */
  user: string;
  activityType: string;
  previewText: string;
  webUrl: string;
  templateParameters: Record<string, string>;
  /** Order of arrival, from 1. */
  sequence: number;
}

export interface LocalGraph {
  /** Answers a request when it is for this endpoint (path below `prefix`); false otherwise. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Every notification accepted so far, in order of arrival. */
  readonly received: readonly ReceivedNotification[];
  /** The next `count` calls get 429 with `Retry-After: retryAfterSeconds` (nothing is delivered). */
  throttleNext(count: number, retryAfterSeconds: number): void;
  /** The next `count` calls are delivered, then the connection is destroyed without a reply. */
  dropNextReplies(count: number): void;
  /** Every call so far (including refused ones). */
  readonly calls: number;
  /** The directory GET /v1.0/users/delta answers from (the roster sync's source). */
  readonly directory: LocalDirectory;
  /** What GET /v1.0/reports/security/getAttackSimulationTrainingUserCoverage answers (the Defender import's source). */
  readonly trainingCoverage: LocalTrainingCoverage;
  reset(): void;
}

const ROUTE = /^\/v1\.0\/users\/([^/]+)\/teamwork\/sendActivityNotification$/;
const MAX_BODY = 64 * 1024;

function graphError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ error: { code, message, innerError: { 'request-id': 'local', date: new Date().toISOString() } } }));
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** What Graph checks of the body of sendActivityNotification (the parts Systemkoll sends). */
function validate(body: unknown): string | Omit<ReceivedNotification, 'user' | 'sequence'> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'The request body must be a JSON object.';
  const b = body as Record<string, unknown>;
  const topic = b.topic as Record<string, unknown> | undefined;
  if (typeof topic !== 'object' || topic === null) return "Required property 'topic' is missing.";
  if (topic.source !== 'text' && topic.source !== 'entityUrl') return "topic.source must be 'text' or 'entityUrl'.";
  if (typeof topic.value !== 'string' || topic.value === '') return 'topic.value is required.';
  if (topic.source === 'text' && (typeof topic.webUrl !== 'string' || !URL.canParse(topic.webUrl)))
    return "topic.webUrl must be an absolute URL when topic.source is 'text'.";
  if (typeof b.activityType !== 'string' || b.activityType === '') return "Required property 'activityType' is missing.";
  const preview = b.previewText as Record<string, unknown> | undefined;
  if (typeof preview !== 'object' || preview === null || typeof preview.content !== 'string')
    return "Required property 'previewText.content' is missing.";
  if (preview.content.length > 150) return 'previewText.content must be at most 150 characters.';
  const params: Record<string, string> = {};
  if (b.templateParameters !== undefined) {
    if (!Array.isArray(b.templateParameters)) return 'templateParameters must be an array.';
    for (const p of b.templateParameters as unknown[]) {
      const kv = p as Record<string, unknown> | null;
      if (!kv || typeof kv.name !== 'string' || typeof kv.value !== 'string') return 'Each template parameter needs a name and a value.';
      params[kv.name] = kv.value;
    }
  }
  return {
    activityType: b.activityType,
    previewText: preview.content,
    webUrl: typeof topic.webUrl === 'string' ? topic.webUrl : String(topic.value),
    templateParameters: params,
  };
}

export function createLocalGraph(
  options: {
    prefix?: string;
    /** The training coverage until a test sets it (local mode: the demo's). */
    trainingCoverage?: () => TrainingCoverage[];
  } = {},
): LocalGraph {
  const prefix = (options.prefix ?? '').replace(/\/+$/, '');
  const received: ReceivedNotification[] = [];
  let throttle = { count: 0, seconds: 0 };
  let drops = 0;
  let calls = 0;
  const directory = createLocalDirectory();
  const trainingCoverage = createLocalTrainingCoverage(options.trainingCoverage);

  return {
    directory,
    trainingCoverage,
    get received() {
      return received;
    },
    get calls() {
      return calls;
    },
    throttleNext(count, retryAfterSeconds) {
      throttle = { count, seconds: retryAfterSeconds };
    },
    dropNextReplies(count) {
      drops = count;
    },
    reset() {
      received.length = 0;
      throttle = { count: 0, seconds: 0 };
      drops = 0;
      calls = 0;
    },
    async handle(req, res) {
      const path = (req.url ?? '').split('?')[0] ?? '';
      if (!path.startsWith(`${prefix}/v1.0/`)) return false;
      const match = ROUTE.exec(path.slice(prefix.length));
      calls++;
      const read = path.slice(prefix.length);
      if (read === '/v1.0/users/delta' || read === TRAINING_COVERAGE_PATH) {
        if (!/^Bearer \S+/.test(req.headers.authorization ?? '')) {
          graphError(res, 401, 'InvalidAuthenticationToken', 'Access token is empty.');
          return true;
        }
        if (throttle.count > 0) {
          throttle.count--;
          graphError(res, 429, 'TooManyRequests', 'Too many requests.', { 'retry-after': String(throttle.seconds) });
          return true;
        }
        const host = `http://${req.headers.host ?? '127.0.0.1'}${prefix}`;
        const query = new URL(req.url ?? '', 'http://x').searchParams;
        const answer = read === TRAINING_COVERAGE_PATH ? trainingCoverage.answer(query, host) : directory.delta(query, host);
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.body));
        return true;
      }
      if (!match) {
        graphError(res, 400, 'BadRequest', `Resource not found for the segment '${path.slice(prefix.length)}'.`);
        return true;
      }
      if (req.method !== 'POST') {
        graphError(res, 405, 'Request_BadRequest', 'Only POST is supported.');
        return true;
      }
      if (!/^Bearer \S+/.test(req.headers.authorization ?? '')) {
        graphError(res, 401, 'InvalidAuthenticationToken', 'Access token is empty.');
        return true;
      }
      if (throttle.count > 0) {
        throttle.count--;
        graphError(res, 429, 'TooManyRequests', 'Too many requests.', { 'retry-after': String(throttle.seconds) });
        return true;
      }
      const text = await readBody(req);
      if (text === null) {
        graphError(res, 413, 'RequestEntityTooLarge', 'The request body is too large.');
        return true;
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        graphError(res, 400, 'BadRequest', 'Unable to read JSON request payload.');
        return true;
      }
      const checked = validate(body);
      if (typeof checked === 'string') {
        graphError(res, 400, 'BadRequest', checked);
        return true;
      }
      received.push({ ...checked, user: decodeURIComponent(match[1]!).toLowerCase(), sequence: received.length + 1 });
      if (drops > 0) {
        drops--;
        res.destroy();
        return true;
      }
      res.writeHead(204);
      res.end();
      return true;
    },
  };
}

export interface RunningLocalGraph extends LocalGraph {
  /** Base URL to give the Graph sender, e.g. http://127.0.0.1:54321 (paths /v1.0/…). */
  url: string;
  close(): Promise<void>;
}

/** The endpoint on its own loopback port (0 = a free one). */
export async function startLocalGraph(options: { port?: number } = {}): Promise<RunningLocalGraph> {
  const graph = createLocalGraph();
  const server = createServer((req, res) => {
    graph.handle(req, res).then(
      (handled) => {
        if (!handled) graphError(res, 404, 'NotFound', 'Not found.');
      },
      () => {
        if (!res.headersSent) graphError(res, 500, 'InternalServerError', 'Local Graph failed.');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return Object.assign(graph, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
