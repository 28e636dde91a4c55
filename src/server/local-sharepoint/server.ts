/**
 * HTTP front: CORS for loopback origins, /_local admin endpoints, fault injection, bearer-token
 * identity, $batch, and SharePoint's response formats (JSON light, or verbose on request).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readLocalToken, createLocalToken, createLocalAppToken } from '../../shared/auth/local-token.js';
import { Api, type ApiResponse } from './api.js';
import { formatBatch, parseBatch, type BatchPartResult } from './batch.js';
import { SpError, errors } from './errors.js';
import { Faults } from './faults.js';
import type { PrincipalRow, Site } from './site.js';
import { upsertDirectoryUsers } from './repository.js';
import { getMeta, setMeta } from './storage.js';

export interface Persona {
  upn: string;
  role: string;
  title: string;
}

export interface DirectoryUser {
  upn: string;
  displayName: string;
  email?: string;
}

const JSON_LIGHT = 'application/json;odata=minimalmetadata;streaming=true;charset=utf-8';
const JSON_VERBOSE = 'application/json;odata=verbose;charset=utf-8';
const JSON_NO_METADATA = 'application/json;odata=nometadata;streaming=true;charset=utf-8';
/** What odata=nometadata leaves out: the per-entity annotations (paging and null stay, as in SharePoint). */
const ENTITY_ANNOTATIONS = new Set(['odata.type', 'odata.id', 'odata.editLink', 'odata.etag', 'odata.metadata']);
const MAX_BATCH_PARTS = 100;
const LOOPBACK_ORIGIN = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;
/**
 * The Host a request names must be this machine: a page on another domain that rebinds its DNS
 * name to 127.0.0.1 still sends its own name, and is refused.
 */
const LOOPBACK_HOST = /^(127(\.\d{1,3}){3}|localhost|\[::1\])(:\d+)?$/i;
/** Larger bodies are refused (413) while they arrive; SharePoint's own REST limit is far lower for JSON. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

class BodyTooLarge extends Error {}
const ALLOWED_HEADERS =
  'Authorization, Content-Type, Accept, If-Match, X-HTTP-Method, X-PnPjs-RequestId, X-ClientService-ClientTag, X-RequestDigest';

export class LocalServer {
  readonly faults = new Faults();
  requests = 0;
  private readonly api: Api;
  readonly http: Server;

  constructor(
    private readonly site: Site,
    private readonly sitePath: string,
    /** How injected latency is waited out (tests record it instead of waiting). */
    private readonly delay: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    this.api = new Api(site);
    this.http = createServer((req, res) => {
      this.onRequest(req, res).catch((err: unknown) => {
        if (!res.headersSent) this.send(res, 500, { 'Content-Type': 'application/json' }, JSON.stringify({ error: String(err) }));
      });
    });
  }

  // ---------------- directory & personas ----------------
  addDirectoryUsers(users: DirectoryUser[]): void {
    upsertDirectoryUsers(this.site.db, users);
  }

  personas(): Persona[] {
    return JSON.parse(getMeta(this.site.db, 'personas') ?? '[]') as Persona[];
  }

  setPersonas(personas: Persona[]): void {
    setMeta(this.site.db, 'personas', JSON.stringify(personas));
    // A persona must be able to sign in, so it is also a directory user.
    const missing = personas.filter((p) => !this.site.directoryUser(p.upn));
    this.addDirectoryUsers(missing.map((p) => ({ upn: p.upn, displayName: p.title })));
  }

  // ---------------- plumbing ----------------
  private send(res: ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer): void {
    res.writeHead(status, headers);
    res.end(body);
  }

  private cors(req: IncomingMessage, res: ServerResponse): void {
    const origin = req.headers.origin;
    if (origin && LOOPBACK_ORIGIN.test(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Expose-Headers', 'ETag, Retry-After, SPRequestGuid, request-id');
    }
  }

  private async readBody(req: IncomingMessage): Promise<Buffer> {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) throw new BodyTooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  }

  private tooLarge(res: ServerResponse, req: IncomingMessage): void {
    res.writeHead(413, { 'Content-Type': 'application/json; charset=utf-8', Connection: 'close' });
    res.end(JSON.stringify({ error: `The request body is larger than ${MAX_BODY_BYTES} bytes.` }));
    // Stop reading what is left of the body.
    req.socket.destroySoon();
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await this.route(req, res);
    } catch (error) {
      if (error instanceof BodyTooLarge) this.tooLarge(res, req);
      else throw error;
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!LOOPBACK_HOST.test(req.headers.host ?? '')) {
      this.send(res, 421, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }, 'Misdirected Request');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    this.cors(req, res);
    // SharePoint tags every reply with a correlation id that support can trace; so do we.
    const requestId = randomUUID();
    res.setHeader('SPRequestGuid', requestId);
    res.setHeader('request-id', requestId);
    if (method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, MERGE, DELETE, OPTIONS',
        'Access-Control-Allow-Headers': ALLOWED_HEADERS,
        'Access-Control-Max-Age': '600',
      });
      res.end();
      return;
    }
    if (url.pathname.startsWith('/_local/')) {
      await this.admin(req, res, url, method);
      return;
    }
    const apiPrefix = `${this.sitePath}/_api/`.toLowerCase();
    if (!url.pathname.toLowerCase().startsWith(apiPrefix)) {
      this.send(res, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Not Found');
      return;
    }
    this.requests++;
    const fault = this.faults.take(method, url.pathname + url.search);
    if (fault) {
      if (fault.latencyMs) await this.delay(fault.latencyMs);
      if (fault.drop && !fault.dropReply) {
        req.socket.destroy();
        return;
      }
      if (fault.status) {
        const headers: Record<string, string> = { 'Content-Type': JSON_LIGHT };
        if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
        const message =
          fault.status === 429
            ? 'The request has been throttled. Please wait and retry after the time given in the Retry-After header.'
            : 'The service is temporarily unavailable. Please try again later.';
        this.send(
          res,
          fault.status,
          headers,
          new SpError(fault.status, '-2147024860, Microsoft.SharePoint.SPThrottledException', message).body(),
        );
        return;
      }
    }
    // Who is asking is known from the headers alone: an unauthenticated request is refused before
    // its body is read.
    const user = this.authenticate(req.headers.authorization);
    if (!user) {
      this.send(
        res,
        401,
        {
          'Content-Type': 'application/json; charset=utf-8',
          // The body was not read; close rather than keep the connection.
          Connection: 'close',
          'WWW-Authenticate': `Bearer realm="${this.site.siteId}",client_id="00000003-0000-0ff1-ce00-000000000000",trusted_issuers="00000001-0000-0000-c000-000000000000@*",authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize"`,
        },
        JSON.stringify({ error_description: 'Invalid JWT token. The token is missing, malformed, expired or names an unknown user.' }),
      );
      return;
    }
    const raw = await this.readBody(req);
    const body = raw.toString('utf8');
    const apiPath = url.pathname.slice(apiPrefix.length);
    const query = new URLSearchParams(url.search);
    const headers = this.lowerHeaders(req);
    if (apiPath.toLowerCase() === '$batch') {
      // dropReply: the parts run (their changes are committed), the reply never arrives.
      this.batch(fault?.dropReply ? null : res, body, headers, user);
      if (fault?.dropReply) req.socket.destroy();
      return;
    }
    const result = this.execute(method, apiPath, query, headers, body, user, raw);
    if (fault?.dropReply) {
      // The change is committed, the reply never arrives: what a proxy that drops a reply does.
      req.socket.destroy();
      return;
    }
    this.send(res, result.status, result.headers, result.binary ?? result.body);
  }

  /**
   * One REST call run in-process exactly as `route` runs it after the socket (no HTTP, no client):
   * what the store itself costs, for the bench. `path` is below `_api/`, with its query string.
   */
  callInProcess(method: string, path: string, upn: string, headers: Record<string, string> = {}, body = ''): BatchPartResult {
    const user = this.site.userByUpn(upn) ?? this.site.ensureUser(upn);
    if (!user) throw new Error(`Okänd användare: ${upn}`);
    const u = new URL(path, 'http://127.0.0.1/');
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    return this.execute(method.toUpperCase(), u.pathname.slice(1), u.searchParams, lower, body, user);
  }

  private lowerHeaders(req: IncomingMessage): Record<string, string | undefined> {
    const out: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
    return out;
  }

  private authenticate(header: string | undefined): PrincipalRow | null {
    const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
    if (!m) return null;
    const claims = readLocalToken((m[1] as string).trim());
    if (!claims) return null;
    if (claims.exp !== undefined && claims.exp * 1000 < Date.now()) return null;
    if (claims.app !== undefined) return this.site.appPrincipal();
    return this.site.userByUpn(claims.upn) ?? this.site.ensureUser(claims.upn) ?? null;
  }

  /** Runs one API call (top level or batch part) and renders SharePoint's response. */
  private execute(
    method: string,
    apiPath: string,
    query: URLSearchParams,
    headers: Record<string, string | undefined>,
    body: string,
    user: PrincipalRow,
    raw: Buffer = Buffer.from(body, 'utf8'),
  ): BatchPartResult & { binary?: Buffer } {
    const verbose = /odata=verbose/i.test(headers.accept ?? '');
    let r: ApiResponse;
    try {
      const run = this.site.db.transaction(() => this.api.handle({ method, path: apiPath, query, headers, body, raw, user }));
      r = run();
    } catch (err) {
      const e =
        err instanceof SpError
          ? err
          : new SpError(500, '-2146233088, System.InvalidOperationException', err instanceof Error ? err.message : String(err));
      return { status: e.status, headers: { 'Content-Type': JSON_LIGHT, ...e.headers }, body: e.body() };
    }
    // A file's content ($value) is answered as it is stored.
    if (r.binary)
      return {
        status: r.status,
        headers: { 'Content-Type': 'application/octet-stream', ...(r.headers ?? {}) },
        body: '',
        binary: r.binary,
      };
    const noMetadata = !verbose && /odata=nometadata/i.test(headers.accept ?? '');
    const type = verbose ? JSON_VERBOSE : noMetadata ? JSON_NO_METADATA : JSON_LIGHT;
    const out: Record<string, string> = { 'Content-Type': type, ...(r.headers ?? {}) };
    // A body the store serialized itself is JSON light already; the other formats are made from it.
    if (r.rawJson !== undefined && !verbose && !noMetadata) return { status: r.status, headers: out, body: r.rawJson };
    const value = r.rawJson !== undefined ? (JSON.parse(r.rawJson) as unknown) : r.json;
    if (r.status === 204 || value === undefined || value === '') return { status: r.status, headers: out, body: '' };
    const json = verbose ? toVerbose(value) : noMetadata ? withoutMetadata(value) : value;
    return { status: r.status, headers: out, body: JSON.stringify(json) };
  }

  /** Runs a $batch and answers it on `res` (null: run it and answer nobody). */
  private batch(res: ServerResponse | null, body: string, headers: Record<string, string | undefined>, user: PrincipalRow): void {
    let parts;
    try {
      parts = parseBatch(body, headers['content-type'] ?? '');
      if (parts.length > MAX_BATCH_PARTS) throw errors.tooManyBatchParts();
    } catch (err) {
      const e = err instanceof SpError ? err : errors.badRequest('The batch request is not valid.');
      if (res) this.send(res, e.status, { 'Content-Type': JSON_LIGHT }, e.body());
      return;
    }
    const results: BatchPartResult[] = parts.map((part) => {
      const u = new URL(part.url, `http://127.0.0.1${this.sitePath}/`);
      const prefix = `${this.sitePath}/_api/`.toLowerCase();
      if (!u.pathname.toLowerCase().startsWith(prefix)) {
        const e = errors.resourceNotFound(u.pathname);
        return { status: e.status, headers: { 'Content-Type': JSON_LIGHT }, body: e.body() };
      }
      const partHeaders: Record<string, string | undefined> = { ...part.headers };
      let method = part.method;
      if (method === 'MERGE' || method === 'PATCH' || method === 'DELETE' || method === 'PUT') {
        partHeaders['x-http-method'] = method;
        method = 'POST';
      }
      return this.execute(method, u.pathname.slice(prefix.length), new URLSearchParams(u.search), partHeaders, part.body, user);
    });
    const formatted = formatBatch(results);
    if (res) this.send(res, 200, { 'Content-Type': formatted.contentType }, formatted.body);
  }

  // ---------------- /_local ----------------
  private async admin(req: IncomingMessage, res: ServerResponse, url: URL, method: string): Promise<void> {
    const json = (status: number, value: unknown) =>
      this.send(res, status, { 'Content-Type': 'application/json; charset=utf-8' }, JSON.stringify(value));
    const remote = req.socket.remoteAddress ?? '';
    if (!/^(127\.|::1$|::ffff:127\.)/.test(remote)) {
      json(403, { error: 'Endast åtkomst från den lokala datorn är tillåten.' });
      return;
    }
    // A web page may POST text/plain across origins without a CORS preflight: a POST with a body
    // must be JSON, and any write that carries a browser's Origin must come from this machine.
    if (method !== 'GET' && method !== 'HEAD') {
      const origin = req.headers.origin;
      const type = (req.headers['content-type'] ?? '').toLowerCase();
      const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
      if ((origin && !LOOPBACK_ORIGIN.test(origin)) || (method === 'POST' && hasBody && !type.startsWith('application/json'))) {
        json(403, { error: 'Ändringar här kräver JSON från den lokala datorn.' });
        return;
      }
    }
    const path = url.pathname.replace(/\/+$/, '');
    const readJson = async (): Promise<Record<string, unknown>> => {
      const text = (await this.readBody(req)).toString('utf8');
      try {
        return text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        return {};
      }
    };
    const key = `${method} ${path}`;
    switch (key) {
      case 'GET /_local/health':
        return json(200, { status: 'ok', siteUrl: this.site.siteUrl });
      case 'POST /_local/token': {
        const body = await readJson();
        // The app-only identity the Systemkoll API writes with (loopback only, like every /_local call).
        if (body.app === true) return json(200, { token: createLocalAppToken() });
        const upn = typeof body.upn === 'string' ? body.upn : '';
        const dir = upn ? this.site.directoryUser(upn) : undefined;
        if (!dir) return json(404, { error: `Okänd användare: ${upn || '(saknas)'}. Lägg till användaren i katalogen först.` });
        return json(200, { token: createLocalToken(dir.upn, dir.display_name) });
      }
      case 'GET /_local/personas':
        return json(200, this.personas());
      case 'PUT /_local/personas': {
        const body = await readJson();
        const list = Array.isArray(body.personas) ? body.personas : Array.isArray(body) ? body : null;
        if (!list) return json(400, { error: 'Förväntade { personas: [...] }.' });
        this.setPersonas(list as Persona[]);
        return json(200, this.personas());
      }
      case 'POST /_local/directory': {
        const body = await readJson();
        if (!Array.isArray(body.users)) return json(400, { error: 'Förväntade { users: [...] }.' });
        this.addDirectoryUsers(body.users as DirectoryUser[]);
        return json(200, { added: body.users.length });
      }
      case 'GET /_local/stats':
        return json(200, { requests: this.requests });
      case 'POST /_local/stats/reset':
        this.requests = 0;
        return json(200, { requests: 0 });
      case 'PUT /_local/faults': {
        const body = await readJson();
        if (!Array.isArray(body.rules)) return json(400, { error: 'Förväntade { rules: [...] }.' });
        this.faults.set(body.rules as never);
        return json(200, { rules: body.rules.length });
      }
      case 'DELETE /_local/faults':
        this.faults.set([]);
        return json(200, { rules: 0 });
      default:
        return json(404, { error: `Okänd lokal slutpunkt: ${method} ${path}` });
    }
  }
}

/** JSON light → nometadata: the same values without odata.type/id/editLink/etag. */
function withoutMetadata(json: unknown): unknown {
  if (Array.isArray(json)) return json.map(withoutMetadata);
  if (json && typeof json === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(json)) if (!ENTITY_ANNOTATIONS.has(k)) out[k] = withoutMetadata(v);
    return out;
  }
  return json;
}

/** JSON light → verbose (`{ d: ... }`, `__metadata`, arrays as `{ results }`), for the fields.add* calls. */
function toVerbose(json: unknown): unknown {
  const conv = (v: unknown): unknown => {
    if (Array.isArray(v)) return { results: v.map(conv) };
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      if (typeof o['odata.type'] === 'string')
        out.__metadata = { type: o['odata.type'], ...(o['odata.id'] ? { id: o['odata.id'], uri: o['odata.id'] } : {}) };
      for (const [k, val] of Object.entries(o)) if (!k.startsWith('odata.')) out[k] = conv(val);
      return out;
    }
    return v;
  };
  const o = json as Record<string, unknown>;
  if (o && Array.isArray(o.value)) return { d: { results: (o.value as unknown[]).map(conv) } };
  return { d: conv(json) };
}
