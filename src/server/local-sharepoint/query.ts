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
import { nextLink, parseOrderBy, skiptokenAfter, skiptokenCondition } from './query/paging.js';
import { buildProjection, renderItem, type RenderContext } from './query/projection.js';
import { checkListViewThreshold, checkLookupThreshold } from './query/threshold.js';
import { selectItems } from './repository.js';

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
  const rows = selectItems(site.db, where, params, order, top + 1);
  const more = rows.length > top;
  const page = more ? rows.slice(0, top) : rows;
  const ctx: RenderContext = { site, list, userCache: new Map(), viewer };
  const value = page.map((r) => renderItem(ctx, r, projection));
  if (!more || page.length === 0) return { value };
  return { value, nextLink: nextLink(listUrl, skiptokenAfter(keys, page[page.length - 1] as ItemRow), q) };
}
