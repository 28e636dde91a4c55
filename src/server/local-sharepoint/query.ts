/**
 * Item reads: $select/$expand projection, $filter → parameterised SQL, $orderby, keyset paging with
 * SharePoint's skiptoken, and SharePoint's limits (list view threshold, lookup column threshold).
 */
import { errors } from './errors.js';
import { type FieldDef, isMulti, isPersonOrLookup, isUserField } from './fields.js';
import { type FilterNode, type Literal, type Member, type Operand, parseFilter } from './filter.js';
import type { ItemRow, ListRow, Site } from './site.js';
import { fold } from './storage.js';

export const MAX_TOP = 5000;
export const DEFAULT_TOP = 100;
export const MAX_LOOKUPS = 12;

type ValueKind = 'text' | 'number' | 'bool' | 'date';

export function entityType(list: ListRow): string {
  return `SP.Data.${list.entity_type_name}Item`;
}

/** SQL for a single-valued column of item alias `a`. Internal names are schema identifiers, never user values. */
export function columnSql(f: FieldDef, a = 'i'): string {
  switch (f.internalName) {
    case 'ID':
      return `${a}.id`;
    case 'Created':
      return `${a}.created`;
    case 'Modified':
      return `${a}.modified`;
    case 'Author':
      return `${a}.author_id`;
    case 'Editor':
      return `${a}.editor_id`;
    default:
      if (!/^[A-Za-z0-9_]+$/.test(f.internalName)) throw errors.fieldNotFound(f.internalName);
      return `json_extract(${a}.data, '$.${f.internalName}')`;
  }
}

function kindOf(f: FieldDef): ValueKind {
  switch (f.type) {
    case 'Counter':
    case 'Number':
    case 'Currency':
    case 'User':
    case 'Lookup':
      return 'number';
    case 'Boolean':
      return 'bool';
    case 'DateTime':
      return 'date';
    default:
      return 'text';
  }
}

/** Resolves a property name as used in $select/$filter/$orderby: `Title`, `Id`, `OwnerId`, `OwnerStringId`. */
export function resolveName(site: Site, list: ListRow, name: string): { field: FieldDef; asId: boolean } | undefined {
  if (name === 'Id' || name === 'ID') return { field: site.field(list.id, 'ID') as FieldDef, asId: false };
  const direct = site.field(list.id, name);
  if (direct) return { field: direct, asId: false };
  for (const suffix of ['StringId', 'Id']) {
    if (name.endsWith(suffix)) {
      const f = site.field(list.id, name.slice(0, -suffix.length));
      if (f && isPersonOrLookup(f) && (suffix === 'Id' || isUserField(f))) return { field: f, asId: true };
    }
  }
  return undefined;
}

const sqlIndexes = new WeakMap<Site, Set<string>>();

/**
 * SQLite expression indexes mirroring the columns SharePoint indexes, so filters and sorts on them
 * stay fast at 100,000 items the way they do on a tenant (text is indexed case-folded, as compared).
 */
function ensureSqlIndexes(site: Site, list: ListRow): void {
  let made = sqlIndexes.get(site);
  if (!made) sqlIndexes.set(site, (made = new Set()));
  for (const f of site.fields(list.id)) {
    if (!f.indexed || f.builtin || !/^[A-Za-z0-9_]+$/.test(f.internalName)) continue;
    const name = `ix_${list.id.replace(/[^A-Za-z0-9]/g, '')}_${f.internalName}`;
    if (made.has(name)) continue;
    const expr = `json_extract(data, '$.${f.internalName}')`;
    site.db.exec(`CREATE INDEX IF NOT EXISTS ${name} ON items(list_id, ${kindOfText(kindOf(f)) ? `sp_fold(${expr})` : expr})`);
    made.add(name);
  }
}

// ---------------- projection ----------------

export interface Projection {
  all: boolean;
  /** Plain columns (internal names) selected. */
  fields: Set<string>;
  /** Expanded person/lookup columns → selected sub-properties. */
  expanded: Map<string, Set<string>>;
  /** Person/lookup columns read by the query (counted against the lookup threshold). */
  lookups: Set<string>;
}

const USER_PROPS: Record<string, string> = { Id: 'id', ID: 'id', Title: 'title', EMail: 'email', Name: 'login', UserName: 'upn' };

export function buildProjection(site: Site, list: ListRow, select: string | null, expand: string | null): Projection {
  const p: Projection = { all: false, fields: new Set(), expanded: new Map(), lookups: new Set() };
  const expands = new Set<string>();
  for (const raw of (expand ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const f = site.field(list.id, raw);
    if (!f || !isPersonOrLookup(f)) throw errors.propertyNotFound(raw);
    expands.add(f.internalName);
    p.expanded.set(f.internalName, new Set());
  }
  const selects = (select ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (selects.length === 0 || selects.includes('*')) p.all = true;
  for (const s of selects) {
    if (s === '*') continue;
    const slash = s.indexOf('/');
    if (slash > 0) {
      const head = s.slice(0, slash);
      const sub = s.slice(slash + 1);
      const f = site.field(list.id, head);
      if (!f || !isPersonOrLookup(f)) throw errors.propertyNotFound(head);
      if (!expands.has(f.internalName)) throw errors.lookupNotExpanded(head);
      validateSubProperty(site, f, sub);
      (p.expanded.get(f.internalName) as Set<string>).add(sub);
      continue;
    }
    if (s === 'HasUniqueRoleAssignments') {
      p.fields.add(s);
      continue;
    }
    const r = resolveName(site, list, s);
    if (!r) throw errors.propertyNotFound(s);
    if (isPersonOrLookup(r.field) && !r.asId) {
      if (!expands.has(r.field.internalName)) throw errors.lookupNotExpanded(s);
      continue;
    }
    p.fields.add(r.asId ? `${r.field.internalName}Id` : r.field.internalName);
  }
  if (p.all) {
    for (const f of site.fields(list.id)) if (isPersonOrLookup(f)) p.lookups.add(f.internalName);
  } else {
    for (const name of p.fields) {
      const r = resolveName(site, list, name);
      if (r && isPersonOrLookup(r.field)) p.lookups.add(r.field.internalName);
    }
  }
  for (const [name, subs] of p.expanded) {
    p.lookups.add(name);
    if (subs.size === 0) subs.add('Id');
  }
  return p;
}

function validateSubProperty(site: Site, f: FieldDef, sub: string): void {
  if (isUserField(f)) {
    if (!(sub in USER_PROPS)) throw errors.propertyNotFound(sub);
    return;
  }
  if (sub === 'Id' || sub === 'ID') return;
  const target = site.listById(f.lookupList ?? '');
  const tf = target && site.field(target.id, sub);
  if (!tf || isMulti(tf) || isPersonOrLookup(tf)) throw errors.propertyNotFound(sub);
}

// ---------------- $filter ----------------

interface Compiled {
  sql: string;
  params: unknown[];
}

interface FilterContext {
  site: Site;
  list: ListRow;
  expands: Set<string>;
  /** Columns (internal names) referenced, for the index check. */
  columns: Set<string>;
  lookups: Set<string>;
}

function memberSql(ctx: FilterContext, m: Member): { sql: string; kind: ValueKind; params: unknown[]; field: FieldDef } {
  const [head, sub] = m.path as [string, string | undefined];
  if (sub === undefined) {
    const r = resolveName(ctx.site, ctx.list, head);
    if (!r) throw errors.fieldNotFound(head);
    if (isMulti(r.field)) throw errors.multiValueFilter(r.field.internalName);
    if (isPersonOrLookup(r.field) && !r.asId) throw errors.lookupNotExpanded(head);
    ctx.columns.add(r.field.internalName);
    if (isPersonOrLookup(r.field)) ctx.lookups.add(r.field.internalName);
    return { sql: columnSql(r.field), kind: kindOf(r.field), params: [], field: r.field };
  }
  const f = ctx.site.field(ctx.list.id, head);
  if (!f || !isPersonOrLookup(f)) throw errors.fieldNotFound(head);
  if (isMulti(f)) throw errors.multiValueFilter(f.internalName);
  if (!ctx.expands.has(f.internalName)) throw errors.lookupNotExpanded(head);
  ctx.columns.add(f.internalName);
  ctx.lookups.add(f.internalName);
  const idSql = columnSql(f);
  if (sub === 'Id' || sub === 'ID') return { sql: idSql, kind: 'number', params: [], field: f };
  if (isUserField(f)) {
    const col = USER_PROPS[sub];
    if (!col) throw errors.fieldNotFound(sub);
    return {
      sql: `(SELECT p.${col} FROM principals p WHERE p.id = ${idSql})`,
      kind: col === 'id' ? 'number' : 'text',
      params: [],
      field: f,
    };
  }
  const target = ctx.site.listById(f.lookupList ?? '');
  const tf = target && ctx.site.field(target.id, sub);
  if (!target || !tf || isMulti(tf) || isPersonOrLookup(tf)) throw errors.fieldNotFound(sub);
  return {
    sql: `(SELECT ${columnSql(tf, 't')} FROM items t WHERE t.list_id = ? AND t.id = ${idSql})`,
    kind: kindOf(tf),
    params: [target.id],
    field: f,
  };
}

export function normalizeDate(value: string): string | null {
  const s = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`;
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return null;
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function literalParam(lit: Literal, kind: ValueKind): unknown {
  const v = lit.value;
  if (v === null) return null;
  switch (kind) {
    case 'number': {
      const n = typeof v === 'number' ? v : Number(v);
      if (Number.isNaN(n)) throw errors.badFilter(String(v));
      return n;
    }
    case 'bool':
      if (v === true || v === 1 || v === '1' || v === 'true') return 1;
      if (v === false || v === 0 || v === '0' || v === 'false') return 0;
      throw errors.badFilter(String(v));
    case 'date': {
      const d = normalizeDate(String(v));
      if (!d) throw errors.badFilter(String(v));
      return d;
    }
    default:
      return fold(String(v));
  }
}

const SQL_OP: Record<string, string> = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' };

function compileNode(ctx: FilterContext, node: FilterNode): Compiled {
  switch (node.kind) {
    case 'and':
    case 'or': {
      const l = compileNode(ctx, node.left);
      const r = compileNode(ctx, node.right);
      return { sql: `(${l.sql} ${node.kind.toUpperCase()} ${r.sql})`, params: [...l.params, ...r.params] };
    }
    case 'not': {
      const e = compileNode(ctx, node.expr);
      return { sql: `(NOT COALESCE(${e.sql}, 0))`, params: e.params };
    }
    case 'func': {
      const m = memberSql(ctx, node.member);
      const needle = fold(String(node.value.value ?? ''));
      const test = node.name === 'startswith' ? '= 1' : '> 0';
      return { sql: `(instr(sp_fold(${m.sql}), ?) ${test})`, params: [...m.params, needle] };
    }
    case 'cmp': {
      let left: Operand = node.left;
      let right: Operand = node.right;
      let op = node.op;
      if (left.kind === 'literal' && right.kind !== 'literal') {
        [left, right] = [right, left];
        op = ({ lt: 'gt', le: 'ge', gt: 'lt', ge: 'le', eq: 'eq', ne: 'ne' } as const)[op];
      }
      if (right.kind !== 'literal' || left.kind === 'literal') throw errors.badFilter('comparison');
      let sql: string;
      let kind: ValueKind;
      let params: unknown[];
      if (left.kind === 'datepart') {
        const m = memberSql(ctx, left.member);
        if (m.kind !== 'date') throw errors.badFilter(left.fn);
        const [start, len] = left.fn === 'year' ? [1, 4] : left.fn === 'month' ? [6, 2] : [9, 2];
        sql = `CAST(substr(${m.sql}, ${start}, ${len}) AS INTEGER)`;
        kind = 'number';
        params = m.params;
      } else {
        const m = memberSql(ctx, left);
        sql = kindOfText(m.kind) ? `sp_fold(${m.sql})` : m.sql;
        kind = m.kind;
        params = m.params;
      }
      if (right.value === null) {
        if (op !== 'eq' && op !== 'ne') throw errors.badFilter('null');
        return { sql: `(${sql} IS ${op === 'eq' ? '' : 'NOT '}NULL)`, params };
      }
      return { sql: `(${sql} ${SQL_OP[op]} ?)`, params: [...params, literalParam(right, kind)] };
    }
  }
}

const kindOfText = (k: ValueKind) => k === 'text';

/**
 * The part of a filter SharePoint can answer from indexes: a comparison on an indexed column; an `and`
 * needs one indexed side, an `or` needs both. Returns null when no index can narrow the query.
 */
function indexedPart(site: Site, list: ListRow, node: FilterNode): FilterNode | null {
  const indexed = (m: Member) => {
    const head = m.path[0] as string;
    const r = resolveName(site, list, head) ?? { field: site.field(list.id, head) };
    return !!r.field && (r.field.indexed || r.field.internalName === 'ID');
  };
  switch (node.kind) {
    case 'cmp': {
      const m = [node.left, node.right].find((o): o is Member => o.kind === 'member');
      return m && indexed(m) ? node : null;
    }
    case 'func':
      return indexed(node.member) ? node : null;
    case 'not':
      return null;
    case 'and': {
      const l = indexedPart(site, list, node.left);
      const r = indexedPart(site, list, node.right);
      if (l && r) return { kind: 'and', left: l, right: r };
      return l ?? r;
    }
    case 'or': {
      const l = indexedPart(site, list, node.left);
      const r = indexedPart(site, list, node.right);
      return l && r ? { kind: 'or', left: l, right: r } : null;
    }
  }
}

// ---------------- orderby / paging ----------------

interface OrderKey {
  name: string;
  sql: string;
  kind: ValueKind;
  desc: boolean;
  field: FieldDef;
}

function parseOrderBy(site: Site, list: ListRow, orderby: string | null): OrderKey[] {
  const keys: OrderKey[] = [];
  for (const part of (orderby ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [name, dir = 'asc', extra] = part.split(/\s+/);
    if (extra !== undefined || !/^(asc|desc)$/i.test(dir)) throw errors.badRequest(`Invalid $orderby: ${part}`);
    const r = resolveName(site, list, name as string);
    if (!r) throw errors.fieldNotFound(name as string);
    if (isMulti(r.field) || r.field.type === 'Note')
      throw errors.badRequest(`The field '${r.field.internalName}' cannot be used in $orderby.`);
    const kind = kindOf(r.field);
    const base = columnSql(r.field);
    keys.push({
      name: r.field.internalName,
      sql: kind === 'text' ? `sp_fold(${base})` : base,
      kind,
      desc: /^desc$/i.test(dir),
      field: r.field,
    });
  }
  if (!keys.some((k) => k.name === 'ID')) {
    const idField = site.field(list.id, 'ID') as FieldDef;
    keys.push({ name: 'ID', sql: 'i.id', kind: 'number', desc: false, field: idField });
  }
  return keys;
}

function keysetCondition(keys: OrderKey[], values: unknown[]): Compiled {
  const build = (i: number): Compiled => {
    const k = keys[i] as OrderKey;
    const v = values[i];
    const isLast = i === keys.length - 1;
    const rest = isLast ? null : build(i + 1);
    // SQLite sorts NULL first ascending and last descending, like SharePoint's empty values.
    if (v === null || v === undefined) {
      if (!k.desc) {
        const sql = rest ? `(${k.sql} IS NOT NULL OR (${k.sql} IS NULL AND ${rest.sql}))` : `(${k.sql} IS NOT NULL)`;
        return { sql, params: rest ? rest.params : [] };
      }
      return rest ? { sql: `(${k.sql} IS NULL AND ${rest.sql})`, params: rest.params } : { sql: '(0)', params: [] };
    }
    const cmp = k.desc ? '<' : '>';
    const nullTail = k.desc ? ` OR ${k.sql} IS NULL` : '';
    if (!rest) return { sql: `(${k.sql} ${cmp} ?${nullTail})`, params: [v] };
    return { sql: `(${k.sql} ${cmp} ?${nullTail} OR (${k.sql} = ? AND ${rest.sql}))`, params: [v, v, ...rest.params] };
  };
  return build(0);
}

function tokenValue(raw: string | null, kind: ValueKind): unknown {
  if (raw === null || raw === '') return null;
  if (kind === 'number' || kind === 'bool') return Number(raw);
  if (kind === 'text') return fold(raw);
  return raw;
}

// ---------------- item JSON ----------------

export interface RenderContext {
  site: Site;
  list: ListRow;
  userCache: Map<number, Record<string, unknown> | null>;
  /** Lookup targets already read while rendering one page (many rows point at the same item). */
  lookupCache?: Map<string, { row: ItemRow; data: Record<string, unknown> } | null>;
}

function userProps(ctx: RenderContext, id: number): Record<string, unknown> | null {
  if (!ctx.userCache.has(id)) {
    const p = ctx.site.principal(id);
    ctx.userCache.set(id, p ? { id: p.id, title: p.title, email: p.email ?? '', login: p.login, upn: p.upn ?? '' } : null);
  }
  return ctx.userCache.get(id) ?? null;
}

function expandedValue(ctx: RenderContext, f: FieldDef, id: number, subs: Set<string>): Record<string, unknown> | null {
  if (isUserField(f)) {
    const u = userProps(ctx, id);
    if (!u) return null;
    const out: Record<string, unknown> = {
      'odata.type': 'SP.Data.UserInfoItem',
      'odata.id': `${ctx.site.siteUrl}/_api/Web/SiteUserInfoList/Items(${id})`,
    };
    for (const s of subs) out[s] = u[USER_PROPS[s] as string];
    return out;
  }
  const target = ctx.site.listById(f.lookupList ?? '');
  if (!target) return null;
  const cache = (ctx.lookupCache ??= new Map());
  const key = `${target.id}:${id}`;
  if (!cache.has(key)) {
    const found = ctx.site.getItem(target.id, id);
    cache.set(key, found ? { row: found, data: JSON.parse(found.data) as Record<string, unknown> } : null);
  }
  const hit = cache.get(key);
  if (!hit) return null;
  const { row, data } = hit;
  const out: Record<string, unknown> = { 'odata.type': entityType(target), 'odata.id': row.guid };
  for (const s of subs) out[s] = s === 'Id' || s === 'ID' ? row.id : (data[s] ?? null);
  return out;
}

function builtinValue(row: ItemRow, name: string): unknown {
  switch (name) {
    case 'ID':
      return row.id;
    case 'Created':
      return row.created;
    case 'Modified':
      return row.modified;
    case 'Author':
      return row.author_id;
    case 'Editor':
      return row.editor_id;
    default:
      return undefined;
  }
}

export function renderItem(ctx: RenderContext, row: ItemRow, p: Projection): Record<string, unknown> {
  const { site, list } = ctx;
  const data = JSON.parse(row.data) as Record<string, unknown>;
  const out: Record<string, unknown> = {
    'odata.type': entityType(list),
    'odata.id': row.guid,
    'odata.etag': `"${row.version}"`,
    'odata.editLink': `Web/Lists(guid'${list.id}')/Items(${row.id})`,
  };
  const valueOf = (f: FieldDef) => {
    const b = builtinValue(row, f.internalName);
    return b !== undefined ? b : (data[f.internalName] ?? (isMulti(f) ? [] : null));
  };
  const put = (f: FieldDef, idForm: boolean) => {
    const v = valueOf(f);
    if (f.internalName === 'ID') {
      out.Id = row.id;
      out.ID = row.id;
      return;
    }
    if (isPersonOrLookup(f)) {
      if (!idForm) return;
      out[`${f.internalName}Id`] = v;
      if (isUserField(f)) {
        out[`${f.internalName}StringId`] = Array.isArray(v) ? v.map(String) : v === null ? null : String(v);
      }
      return;
    }
    out[f.internalName] = v;
  };
  if (p.all) {
    out.FileSystemObjectType = 0;
    out.Id = row.id;
    out.ContentTypeId = '0x0100' + list.id.replace(/-/g, '').toUpperCase();
    for (const f of site.fields(list.id)) {
      if (f.internalName === 'ID') continue;
      put(f, true);
    }
    out.ID = row.id;
    out.OData__UIVersionString = `${row.version}.0`;
    out.Attachments = false;
    out.GUID = row.guid;
  } else {
    for (const name of p.fields) {
      if (name === 'HasUniqueRoleAssignments') {
        out.HasUniqueRoleAssignments = row.has_unique === 1;
        continue;
      }
      const r = resolveName(site, list, name);
      if (r) put(r.field, r.asId);
    }
  }
  for (const [name, subs] of p.expanded) {
    const f = site.field(list.id, name) as FieldDef;
    const v = valueOf(f);
    if (Array.isArray(v)) {
      out[name] = v.map((id) => expandedValue(ctx, f, Number(id), subs)).filter((x) => x !== null);
    } else {
      out[name] = v === null ? null : expandedValue(ctx, f, Number(v), subs);
    }
  }
  return out;
}

// ---------------- the query ----------------

export interface ItemQuery {
  select: string | null;
  expand: string | null;
  filter: string | null;
  orderby: string | null;
  top: string | null;
  skiptoken: string | null;
}

export interface Trim {
  sql: string;
  params: unknown[];
}

export function checkLookupThreshold(count: number): void {
  if (count > MAX_LOOKUPS) throw errors.lookupThreshold();
}

export function queryItems(
  site: Site,
  list: ListRow,
  q: ItemQuery,
  trim: Trim,
  listUrl: string,
): { value: Record<string, unknown>[]; nextLink?: string } {
  const projection = buildProjection(site, list, q.select, q.expand);
  let top = DEFAULT_TOP;
  if (q.top !== null) {
    top = Number(q.top);
    if (!Number.isInteger(top) || top < 0) throw errors.badRequest(`Invalid $top value '${q.top}'.`);
    if (top > MAX_TOP) throw errors.topTooLarge();
  }
  const fctx: FilterContext = { site, list, expands: new Set(projection.expanded.keys()), columns: new Set(), lookups: new Set() };
  const where: string[] = ['i.list_id = ?'];
  const params: unknown[] = [list.id];
  let tree: FilterNode | null = null;
  if (q.filter && q.filter.trim()) {
    tree = parseFilter(q.filter);
    const c = compileNode(fctx, tree);
    where.push(c.sql);
    params.push(...c.params);
  }
  const keys = parseOrderBy(site, list, q.orderby);
  const lookups = new Set([...projection.lookups, ...fctx.lookups]);
  for (const k of keys) if (isPersonOrLookup(k.field)) lookups.add(k.field.internalName);
  checkLookupThreshold(lookups.size);

  ensureSqlIndexes(site, list);
  if (site.itemCount(list.id) > site.listViewThreshold) {
    for (const k of keys) if (!k.field.indexed && k.name !== 'ID') throw errors.throttled();
    if (tree) {
      const part = indexedPart(site, list, tree);
      if (!part) throw errors.throttled();
      const c = compileNode({ ...fctx, columns: new Set(), lookups: new Set() }, part);
      const n = (
        site.db.prepare(`SELECT COUNT(*) AS n FROM items i WHERE i.list_id = ? AND ${c.sql}`).get(list.id, ...c.params) as { n: number }
      ).n;
      if (n > site.listViewThreshold) throw errors.throttled();
    }
  }

  where.push(trim.sql);
  params.push(...trim.params);

  if (q.skiptoken) {
    const token = new URLSearchParams(q.skiptoken);
    if (token.get('Paged')?.toUpperCase() === 'TRUE') {
      const values = keys.map((k) => tokenValue(token.get(`p_${k.name}`), k.kind));
      if (token.has('p_ID')) {
        const c = keysetCondition(keys, values);
        where.push(c.sql);
        params.push(...c.params);
      }
    }
  }
  const order = keys.map((k) => `${k.sql} ${k.desc ? 'DESC' : 'ASC'}`).join(', ');
  const rows = site.db
    .prepare(`SELECT i.* FROM items i WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ?`)
    .all(...params, top + 1) as ItemRow[];
  const more = rows.length > top;
  const page = more ? rows.slice(0, top) : rows;
  const ctx: RenderContext = { site, list, userCache: new Map() };
  const value = page.map((r) => renderItem(ctx, r, projection));
  if (!more || page.length === 0) return { value };
  const last = page[page.length - 1] as ItemRow;
  const lastData = JSON.parse(last.data) as Record<string, unknown>;
  const token = new URLSearchParams();
  token.set('Paged', 'TRUE');
  for (const k of keys) {
    const raw = k.name === 'ID' ? last.id : (builtinValue(last, k.name) ?? lastData[k.name] ?? null);
    const v = typeof raw === 'boolean' ? (raw ? 1 : 0) : raw;
    token.set(`p_${k.name}`, v === null ? '' : String(v));
  }
  const next = new URLSearchParams();
  next.set('$skiptoken', token.toString());
  for (const [k, v] of [
    ['$select', q.select],
    ['$expand', q.expand],
    ['$filter', q.filter],
    ['$orderby', q.orderby],
    ['$top', q.top],
  ] as const) {
    if (v !== null) next.set(k, v);
  }
  return { value, nextLink: `${listUrl}/items?${next.toString()}` };
}
