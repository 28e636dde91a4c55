/**
 * Security trimming of list items: which items a user may see (list permission, unique item scopes,
 * ReadSecurity=2 own items unless ManageLists; the site admin sees all). One rule, in two forms: SQL
 * for queries (readTrim) and a predicate for rows already read (itemVisibility). Used for the list
 * being queried and for lookup targets (projections, filters on projected fields, lookup writes).
 */
import { hasPerm, Perm } from './roles.js';
import { uniqueItemIdsGranted } from './repository.js';
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
 * Ids of the list's items with unique permissions that grant `user` ViewListItems (at most `limit`).
 * The same rule as maskAt per item (a mask is the union of the user's and their groups' levels on the
 * item), asked of the items with unique permissions only, in one statement.
 */
function visibleUniqueIds(site: Site, list: ListRow, user: PrincipalRow, limit = -1): number[] {
  const principals = [user.id, ...site.groupsOf(user.id)];
  return uniqueItemIdsGranted(site.db, list.id, principals, site.roleDefsWith(Perm.ViewListItems), limit);
}

/**
 * SQL that trims a query to the items `user` may see, on item alias `alias` (`i` for the list being
 * queried, another alias for a lookup target joined in a subquery). Costs what the list's items with
 * unique permissions cost, never a read of the whole list: the site admin is not trimmed; someone
 * with the list's permission sees every inheriting item plus the unique ones granted to them; without
 * it, only those (an `id IN` the planner answers by primary key).
 */
export function readTrim(site: Site, list: ListRow, user: PrincipalRow, alias = 'i'): Trim {
  if (!/^[a-z]+$/.test(alias)) throw new Error(`Invalid item alias '${alias}'.`);
  const { canViewList, ownOnly } = listFacts(site, list, user);
  let trim: Trim;
  if (user.is_site_admin) {
    trim = { sql: '(1)', params: [] };
  } else {
    const visibleUnique = visibleUniqueIds(site, list, user);
    const inUnique = `${alias}.id IN (SELECT value FROM json_each(?))`;
    if (!canViewList) trim = { sql: `(${inUnique})`, params: [JSON.stringify(visibleUnique)] };
    else if (visibleUnique.length === 0) trim = { sql: `(${alias}.has_unique = 0)`, params: [] };
    else trim = { sql: `(${alias}.has_unique = 0 OR ${inUnique})`, params: [JSON.stringify(visibleUnique)] };
  }
  if (ownOnly) return { sql: `(${trim.sql} AND ${alias}.author_id = ?)`, params: [...trim.params, user.id] };
  return trim;
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
  return visibleUniqueIds(site, list, user, 1).length > 0;
}
