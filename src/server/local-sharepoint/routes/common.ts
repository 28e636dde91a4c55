/** What every route shares: the request/response shapes, JSON bodies, permission checks and navigation properties. */
import { errors } from '../errors.js';
import type { Segment } from '../path.js';
import { type Entity, shapeCollection, shapeEntity } from '../shape.js';
import type { PrincipalRow, Site } from '../site.js';

export interface ApiRequest {
  method: string;
  /** Path after `_api/` (still URL-encoded). */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body: string;
  /** The body as sent (a file's bytes for AttachmentFiles/add); the same bytes as `body` (absent: `body` as UTF-8). */
  raw?: Buffer;
  user: PrincipalRow;
}

export interface ApiResponse {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  /** The JSON light body already serialized (a page of items rendered by SQLite); instead of `json`. */
  rawJson?: string;
  /** A file's bytes, answered as they are (instead of JSON). */
  binary?: Buffer;
}

/** What a route needs: the site and the request. */
export interface Ctx {
  site: Site;
  req: ApiRequest;
}

export const ok = (json: unknown, status = 200, headers?: Record<string, string>): ApiResponse => ({
  status,
  json,
  ...(headers ? { headers } : {}),
});

export const noContent = (headers?: Record<string, string>): ApiResponse => ({ status: 204, ...(headers ? { headers } : {}) });

export function parseBody(req: ApiRequest): Record<string, unknown> {
  if (!req.body.trim()) return {};
  try {
    const v = JSON.parse(req.body) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    /* fall through */
  }
  throw errors.badRequest('Invalid JSON. A token was not recognized in the JSON content.');
}

/** Access denied unless `cond`. */
export function need(cond: boolean): void {
  if (!cond) throw errors.accessDenied();
}

/** The method after X-HTTP-Method tunnelling (POST + X-HTTP-Method: MERGE/DELETE). */
export function effectiveMethod(req: ApiRequest): string {
  return (req.headers['x-http-method'] ?? req.method).toUpperCase();
}

/** POST with X-HTTP-Method: DELETE. */
export function isTunnelledDelete(req: ApiRequest): boolean {
  return req.method === 'POST' && (req.headers['x-http-method'] ?? '').toUpperCase() === 'DELETE';
}

export function shapeQuery(req: ApiRequest): { select: string | null; expand: string | null } {
  return { select: req.query.get('$select'), expand: req.query.get('$expand') };
}

/** A navigation property of an entity (e.g. `.../groups`, `.../member`). */
export function navOf(req: ApiRequest, e: Entity, segs: Segment[]): ApiResponse {
  const seg = segs[0] as Segment;
  const key = Object.keys(e.nav ?? {}).find((k) => k.toLowerCase() === seg.name);
  if (!key || !e.nav) throw errors.resourceNotFound(seg.name);
  const v = (e.nav[key] as () => Entity | Entity[] | null)();
  if (Array.isArray(v)) return ok({ value: shapeCollection(v, req.query, key) });
  if (!v) throw errors.resourceNotFound(seg.name);
  return ok(shapeEntity(v, shapeQuery(req), key));
}
