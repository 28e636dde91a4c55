/** SharePoint's limits on a query: the list view threshold (5,000) and the lookup threshold (12). */
import { errors } from '../errors.js';
import { type FilterNode, type Member } from '../filter.js';
import { countItemsWhereExceeds, itemCountExceeds } from '../repository.js';
import type { ListRow, Site } from '../site.js';
import { MAX_LOOKUPS, resolveName } from './columns.js';
import { compileNode, type FilterContext } from './filter-sql.js';
import type { OrderKey } from './paging.js';

/**
 * The part of a filter SharePoint can answer from indexes: a comparison on an indexed column; an `and`
 * needs one indexed side, an `or` needs both. Returns null when no index can narrow the query.
 */
export function indexedPart(site: Site, list: ListRow, node: FilterNode): FilterNode | null {
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

export function checkLookupThreshold(count: number): void {
  if (count > MAX_LOOKUPS) throw errors.lookupThreshold();
}

/**
 * The list view threshold: past `site.listViewThreshold` items, every sort key must be indexed (ID
 * always is), and a filter needs an indexed part that itself matches at most the threshold.
 * Throws SharePoint's throttling error otherwise.
 */
export function checkListViewThreshold(ctx: FilterContext, keys: OrderKey[], filter: FilterNode | null): void {
  const { site, list } = ctx;
  if (!itemCountExceeds(site.db, list.id, site.listViewThreshold)) return;
  for (const k of keys) if (!k.field.indexed && k.name !== 'ID') throw errors.throttled();
  if (!filter) return;
  const part = indexedPart(site, list, filter);
  if (!part) throw errors.throttled();
  const c = compileNode({ ...ctx, columns: new Set(), lookups: new Set() }, part);
  if (countItemsWhereExceeds(site.db, list.id, c, site.listViewThreshold)) throw errors.throttled();
}
