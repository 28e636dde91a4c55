/**
 * $select/$expand/$filter/$top for the non-item entities (lists, fields, users, groups, role
 * assignments). Entities carry navigation properties as thunks that run only when expanded.
 */
import { errors } from './errors.js';
import { type FilterNode, type Operand, parseFilter } from './filter.js';
import { fold } from './storage.js';

export interface Entity {
  props: Record<string, unknown>;
  /** Properties SharePoint returns only when $select names them (e.g. ServerRelativePath). */
  selectOnly?: Record<string, unknown>;
  nav?: Record<string, () => Entity | Entity[] | null>;
}

export interface ShapeQuery {
  select: string | null;
  expand: string | null;
}

function splitList(v: string | null): string[] {
  return (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `known`: property names any member of the collection has (derived types carry extra ones). */
export function shapeEntity(e: Entity, q: ShapeQuery, typeName: string, known?: Set<string>): Record<string, unknown> {
  const selects = splitList(q.select);
  const expands = splitList(q.expand);
  const navLower = new Map(Object.keys(e.nav ?? {}).map((k) => [k.toLowerCase(), k]));
  const out: Record<string, unknown> = {};
  const all = selects.length === 0 || selects.includes('*');
  for (const [k, v] of Object.entries(e.props)) {
    if (k.startsWith('odata.') || all) out[k] = v;
  }
  const subSelects = new Map<string, string[]>();
  for (const s of selects) {
    if (s === '*') continue;
    const slash = s.indexOf('/');
    if (slash > 0) {
      const head = navLower.get(s.slice(0, slash).toLowerCase());
      if (!head) continue;
      const list = subSelects.get(head) ?? [];
      list.push(s.slice(slash + 1));
      subSelects.set(head, list);
      continue;
    }
    const key = Object.keys(e.props).find((k) => k.toLowerCase() === s.toLowerCase());
    const extra = key ? undefined : Object.keys(e.selectOnly ?? {}).find((k) => k.toLowerCase() === s.toLowerCase());
    if (key) out[key] = e.props[key];
    else if (extra) out[extra] = (e.selectOnly as Record<string, unknown>)[extra];
    else if (!navLower.has(s.toLowerCase()) && !known?.has(s.toLowerCase())) throw errors.unknownProperty(s, typeName);
  }
  for (const x of expands) {
    const [headRaw, ...rest] = x.split('/');
    const head = navLower.get((headRaw ?? '').toLowerCase());
    if (!head || !e.nav) throw errors.unknownProperty(x, typeName);
    const value = (e.nav[head] as () => Entity | Entity[] | null)();
    const sub: ShapeQuery = { select: (subSelects.get(head) ?? []).join(',') || null, expand: rest.length ? rest.join('/') : null };
    out[head] = value === null ? null : Array.isArray(value) ? value.map((v) => shapeEntity(v, sub, head)) : shapeEntity(value, sub, head);
  }
  return out;
}

function operandValue(e: Entity, o: Operand): unknown {
  if (o.kind === 'literal') return o.value;
  if (o.kind === 'member') {
    const key = Object.keys(e.props).find((k) => k.toLowerCase() === (o.path[0] ?? '').toLowerCase());
    if (!key) throw errors.badFilter(o.path.join('/'));
    return e.props[key];
  }
  throw errors.badFilter(o.fn);
}

function cmp(a: unknown, b: unknown): number {
  const x = fold(typeof a === 'boolean' ? (a ? 1 : 0) : a);
  const y = fold(typeof b === 'boolean' ? (b ? 1 : 0) : b);
  if (typeof x === 'number' && typeof y === 'string' && y !== '' && !Number.isNaN(Number(y))) return x - Number(y);
  if (typeof x === 'string' && typeof y === 'number') return Number(x) - y;
  return String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
}

function evaluate(e: Entity, n: FilterNode): boolean {
  switch (n.kind) {
    case 'and':
      return evaluate(e, n.left) && evaluate(e, n.right);
    case 'or':
      return evaluate(e, n.left) || evaluate(e, n.right);
    case 'not':
      return !evaluate(e, n.expr);
    case 'func': {
      const hay = String(fold(operandValue(e, n.member)) ?? '');
      const needle = String(fold(n.value.value) ?? '');
      return n.name === 'startswith' ? hay.startsWith(needle) : hay.includes(needle);
    }
    case 'cmp': {
      const a = operandValue(e, n.left);
      const b = operandValue(e, n.right);
      if (a === null || b === null || a === undefined || b === undefined) {
        const same = (a ?? null) === (b ?? null);
        return n.op === 'eq' ? same : n.op === 'ne' ? !same : false;
      }
      const c = cmp(a, b);
      return { eq: c === 0, ne: c !== 0, lt: c < 0, le: c <= 0, gt: c > 0, ge: c >= 0 }[n.op];
    }
  }
}

export function shapeCollection(entities: Entity[], params: URLSearchParams, typeName: string): Record<string, unknown>[] {
  let list = entities;
  const filter = params.get('$filter');
  if (filter && filter.trim()) {
    const tree = parseFilter(filter);
    list = list.filter((e) => evaluate(e, tree));
  }
  const orderby = params.get('$orderby');
  if (orderby) {
    const keys = splitList(orderby).map((p) => p.split(/\s+/) as [string, string?]);
    list = [...list].sort((a, b) => {
      for (const [k, dir] of keys) {
        const c = cmp(operandValue(a, { kind: 'member', path: [k] }), operandValue(b, { kind: 'member', path: [k] }));
        if (c !== 0) return dir?.toLowerCase() === 'desc' ? -c : c;
      }
      return 0;
    });
  }
  const top = params.get('$top');
  if (top !== null) list = list.slice(0, Number(top));
  const q = { select: params.get('$select'), expand: params.get('$expand') };
  const known = new Set(entities.flatMap((e) => Object.keys(e.props).map((k) => k.toLowerCase())));
  return list.map((e) => shapeEntity(e, q, typeName, known));
}
