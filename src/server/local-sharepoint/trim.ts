/**
 * Security trimming of list items: which items a user may see (list permission, unique item scopes,
 * ReadSecurity=2 own items unless ManageLists; the site admin sees all). One rule, in two forms: SQL
 * for queries (readTrim) and a predicate for rows already read (itemVisibility). Used for the list
 * being queried and for lookup targets (projections, filters on projected fields, lookup writes).
 */
import { hasPerm, Perm } from './roles.js';
import { uniqueItemIds } from './repository.js';
import type { ItemRow, ListRow, PrincipalRow, Site } from './site.js';

/** A condition on an item alias, with its parameters. */
export interface Trim {
  sql: string;
  params: unknown[];
}

/** Whether the user may see one item of the list the predicate was made for. */
export type ItemVisibility = (row: ItemRow) => boolean;

function listFacts(site: Site, list: ListRow, user: PrincipalRow): { canViewList: boolean; ownOnly: boolean } {
  const listMask = site.effectiveMask(user, { type: 'list', listId: list.id });
  return {
    canViewList: hasPerm(listMask, Perm.ViewListItems),
    ownOnly: list.read_security === 2 && !hasPerm(listMask, Perm.ManageLists),
  };
}

/**
 * SQL that trims a query to the items `user` may see, on item alias `alias` (`i` for the list being
 * queried, another alias for a lookup target joined in a subquery).
 */
export function readTrim(site: Site, list: ListRow, user: PrincipalRow, alias = 'i'): Trim {
  if (!/^[a-z]+$/.test(alias)) throw new Error(`Invalid item alias '${alias}'.`);
  const { canViewList, ownOnly } = listFacts(site, list, user);
  const visibleUnique = uniqueItemIds(site.db, list.id).filter((id) =>
    hasPerm(site.maskAt(user, `item:${list.id}:${id}`), Perm.ViewListItems),
  );
  let sql = `((${alias}.has_unique = 0 AND ${canViewList ? 1 : 0}) OR ${alias}.id IN (SELECT value FROM json_each(?)))`;
  const params: unknown[] = [JSON.stringify(visibleUnique)];
  if (ownOnly) {
    sql = `(${sql} AND ${alias}.author_id = ?)`;
    params.push(user.id);
  }
  return { sql, params };
}

/**
 * The same rule as readTrim for rows already read: the list's permissions are read once, an item
 * with unique permissions is looked up when first asked about (so a page of lookups never reads
 * every unique scope of the target list).
 */
export function itemVisibility(site: Site, list: ListRow, user: PrincipalRow): ItemVisibility {
  const { canViewList, ownOnly } = listFacts(site, list, user);
  const unique = new Map<number, boolean>();
  return (row) => {
    if (ownOnly && row.author_id !== user.id) return false;
    if (!row.has_unique) return canViewList;
    let seen = unique.get(row.id);
    if (seen === undefined) {
      seen = hasPerm(site.maskAt(user, `item:${list.id}:${row.id}`), Perm.ViewListItems);
      unique.set(row.id, seen);
    }
    return seen;
  };
}

export function canSeeItem(site: Site, list: ListRow, user: PrincipalRow, row: ItemRow): boolean {
  return itemVisibility(site, list, user)(row);
}

/** Visibility predicates per list for one request (one page, one body), made when first needed. */
export function visibilityCache(site: Site, user: PrincipalRow): (list: ListRow) => ItemVisibility {
  const made = new Map<string, ItemVisibility>();
  return (list) => {
    let v = made.get(list.id);
    if (!v) made.set(list.id, (v = itemVisibility(site, list, user)));
    return v;
  };
}

/**
 * Whether `user` may see the list itself: they hold a role on the list or on one of its items
 * (Limited Access). SharePoint leaves other lists out of the list collection and refuses them
 * (access denied), so a list's item count and fields reveal nothing to people without access.
 */
export function canSeeList(site: Site, list: ListRow, user: PrincipalRow): boolean {
  const mask = site.effectiveMask(user, { type: 'list', listId: list.id });
  if (hasPerm(mask, Perm.ViewListItems) || hasPerm(mask, Perm.ManageLists)) return true;
  return uniqueItemIds(site.db, list.id).some((id) => hasPerm(site.maskAt(user, `item:${list.id}:${id}`), Perm.ViewListItems));
}
