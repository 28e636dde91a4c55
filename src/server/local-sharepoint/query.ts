/**
 * Item reads: $select/$expand projection, $filter → parameterised SQL, $orderby, keyset paging with
 * SharePoint's skiptoken, and SharePoint's limits (list view threshold, lookup column threshold).
 */
import { errors } from './errors.js';
import { isPersonOrLookup } from './fields.js';
import { type FilterNode, parseFilter } from './filter.js';
import type { ItemRow, ListRow, Site } from './site.js';
import { DEFAULT_TOP, MAX_TOP, ensureSqlIndexes } from './query/columns.js';
import { compileNode, type FilterContext } from './query/filter-sql.js';
import { keysetCondition, parseOrderBy, tokenValue } from './query/paging.js';
import { buildProjection, builtinValue, renderItem, type RenderContext } from './query/projection.js';
import { checkLookupThreshold, indexedPart } from './query/threshold.js';

export { DEFAULT_TOP, MAX_LOOKUPS, MAX_TOP, columnSql, entityType, resolveName } from './query/columns.js';
export { normalizeDate } from './query/filter-sql.js';
export { buildProjection, renderItem, type Projection, type RenderContext } from './query/projection.js';
export { checkLookupThreshold } from './query/threshold.js';

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
