/** Splits an _api path into segments like `getByTitle('A/B')` and reads their arguments. */
import { errors } from './errors.js';

export interface Segment {
  /** Lower-cased name, e.g. `getbytitle`. */
  name: string;
  /** Raw text inside the parentheses (decoded), or null. */
  args: string | null;
}

export function splitPath(path: string): Segment[] {
  const parts: string[] = [];
  let cur = '';
  let depth = 0;
  let quoted = false;
  for (const ch of path) {
    if (ch === "'") quoted = !quoted;
    if (!quoted && ch === '(') depth++;
    if (!quoted && ch === ')') depth--;
    if (ch === '/' && depth === 0 && !quoted) {
      if (cur) parts.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  if (cur) parts.push(cur);
  return parts.map((p) => {
    let text: string;
    try {
      text = decodeURIComponent(p);
    } catch {
      text = p;
    }
    const open = text.indexOf('(');
    if (open > 0 && text.endsWith(')')) return { name: text.slice(0, open).toLowerCase(), args: text.slice(open + 1, -1) };
    return { name: text.toLowerCase(), args: null };
  });
}

function unquote(value: string): string | null {
  const v = value.trim();
  const m = /^(?:guid)?'((?:[^']|'')*)'$/i.exec(v);
  return m ? (m[1] as string).replace(/''/g, "'") : null;
}

/** A single string argument: 'text', guid'…', or an @alias resolved from the query string. */
export function stringArg(args: string | null, query: URLSearchParams): string {
  if (args === null) throw errors.badRequest('Missing argument.');
  const a = args.trim();
  if (a.startsWith('@')) {
    const aliased = query.get(a);
    const v = aliased === null ? null : unquote(aliased);
    if (v === null) throw errors.badRequest(`The parameter alias '${a}' is not defined.`);
    return v;
  }
  const v = unquote(a);
  return v === null ? a : v;
}

export function numberArg(args: string | null, query: URLSearchParams): number {
  const raw = args?.trim().startsWith('@') ? (query.get(args.trim()) ?? '') : (args ?? '');
  const n = Number(raw.replace(/'/g, '').trim());
  if (!Number.isFinite(n)) throw errors.badRequest('Invalid numeric argument.');
  return n;
}

/** `principalid=5, roledefid=1073741826` → { principalid: '5', roledefid: '1073741826' } (keys lower-cased). */
export function namedArgs(args: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (args ?? '').split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    out[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim();
  }
  return out;
}
