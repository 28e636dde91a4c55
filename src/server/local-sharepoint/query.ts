/**
 * Item reads: $select/$expand projection, $filter → parameterised SQL, $orderby, keyset paging with
 * SharePoint's skiptoken, and SharePoint's limits (list view threshold, lookup column threshold).
 */
import { errors } from './errors.js';
import { isPersonOrLookup } from './fields.js';
import { type FilterNode, parseFilter } from './filter.js';
import type { ItemRow, ListRow, PrincipalRow, Site } from './site.js';
import type { Trim } from './trim.js';
import { DEFAULT_TOP, MAX_TOP, ensureSqlIndexes } from './query/columns.js';
import { compileNode, type FilterContext } from './query/filter-sql.js';
import { nextLink, type OrderKey, parseOrderBy, skiptokenAfter, skiptokenCondition } from './query/paging.js';
import { buildProjection, type Projection, renderItem, type RenderContext } from './query/projection.js';
import { renderedColumns } from './query/render-sql.js';
import { checkListViewThreshold, checkLookupThreshold } from './query/threshold.js';
import { selectItemIds, selectItems, selectRenderedItems } from './repository.js';

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

export type { Trim } from './trim.js';

/** A checked query: its projection, WHERE terms and parameters, sort keys and page size. */
interface Plan {
  projection: Projection;
  where: string[];
  params: unknown[];
  keys: OrderKey[];
  order: string;
  top: number;
}

function plan(site: Site, list: ListRow, q: ItemQuery, trim: Trim, viewer?: PrincipalRow): Plan {
  const projection = buildProjection(site, list, q.select, q.expand);
  let top = DEFAULT_TOP;
  if (q.top !== null) {
    top = Number(q.top);
    if (!Number.isInteger(top) || top < 0) throw errors.badRequest(`Invalid $top value '${q.top}'.`);
    if (top > MAX_TOP) throw errors.topTooLarge();
  }
  const fctx: FilterContext = { site, list, expands: new Set(projection.expanded.keys()), columns: new Set(), lookups: new Set(), viewer };
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
  checkListViewThreshold(fctx, keys, tree);

  where.push(trim.sql);
  params.push(...trim.params);

  if (q.skiptoken) {
    const after = skiptokenCondition(keys, q.skiptoken);
    if (after) {
      where.push(after.sql);
      params.push(...after.params);
    }
  }
  const order = keys.map((k) => `${k.sql} ${k.desc ? 'DESC' : 'ASC'}`).join(', ');
  return { projection, where, params, keys, order, top };
}

/**
 * `trim` limits the rows of `list`; `viewer` is the user the request runs as, whose view of lookup
 * targets decides what projections show and what filters on projected fields can match. Without a
 * viewer (the store's own code, unit tests) lookup targets are not trimmed.
 */
export function queryItems(
  site: Site,
  list: ListRow,
  q: ItemQuery,
  trim: Trim,
  listUrl: string,
  viewer?: PrincipalRow,
): { value: Record<string, unknown>[]; nextLink?: string } {
  return renderPlan(site, list, plan(site, list, q, trim, viewer), q, listUrl, viewer);
}

function renderPlan(
  site: Site,
  list: ListRow,
  { projection, where, params, keys, order, top }: Plan,
  q: ItemQuery,
  listUrl: string,
  viewer?: PrincipalRow,
): { value: Record<string, unknown>[]; nextLink?: string } {
  const rows = selectItems(site.db, where, params, order, top + 1);
  const more = rows.length > top;
  const page = more ? rows.slice(0, top) : rows;
  const ctx: RenderContext = { site, list, userCache: new Map(), viewer };
  const value = page.map((r) => renderItem(ctx, r, projection));
  if (!more || page.length === 0) return { value };
  return { value, nextLink: nextLink(listUrl, skiptokenAfter(keys, page[page.length - 1] as ItemRow), q) };
}

/**
 * The same answer as queryItems as JSON light text (`{"value":[...],"odata.nextLink":...}`): rows
 * rendered by SQLite when the projection allows (render-sql.ts), by renderItem otherwise.
 */
export function queryItemsJson(site: Site, list: ListRow, q: ItemQuery, trim: Trim, listUrl: string, viewer?: PrincipalRow): string {
  const p = plan(site, list, q, trim, viewer);
  // The page's ids first (the index answers them), then its rows rendered: how many rows there are
  // decides how lookup targets are read (render-sql.ts).
  const ids = selectItemIds(site.db, p.where, p.params, p.order, p.top + 1);
  const more = ids.length > p.top;
  const page = more ? ids.slice(0, p.top) : ids;
  const rendered = renderedColumns(site, list, p.projection, viewer, page.length);
  if (!rendered) {
    const result = renderPlan(site, list, p, q, listUrl, viewer);
    return JSON.stringify(result.nextLink ? { value: result.value, 'odata.nextLink': result.nextLink } : { value: result.value });
  }
  const value = `{"value":[${selectRenderedItems(site.db, list.id, rendered, page).join(',')}]`;
  const lastId = page[page.length - 1];
  const last = more && lastId !== undefined ? site.getItem(list.id, lastId) : undefined;
  if (!last) return `${value}}`;
  return `${value},"odata.nextLink":${JSON.stringify(nextLink(listUrl, skiptokenAfter(p.keys, last), q))}}`;
}
