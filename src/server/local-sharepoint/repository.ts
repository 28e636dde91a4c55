/**
 * The store's writes and reads behind the REST routes, one named function per statement, so the
 * route modules contain no SQL. (Schema lookups that are cached live on `Site`; item query
 * compilation lives in query/.)
 */
import type { FieldDef } from './fields.js';
import type { RoleDefinitionSeed } from './roles.js';
import type { ItemRow, ListRow, PrincipalRow, Scope } from './site.js';
import { type Db, hintItemsPlanner } from './storage.js';

/** A permission level as stored: the seed's fields, with SQLite's names and 0/1 for booleans. */
export type RoleDefRow = Omit<RoleDefinitionSeed, 'order' | 'hidden'> & { ord: number; hidden: number };

// ---------------- lists ----------------

export interface NewList {
  id: string;
  title: string;
  description: string;
  entityTypeName: string;
  urlName: string;
  created: string;
  baseTemplate: number;
  enableVersioning: boolean;
  majorVersionLimit: number;
  readSecurity: number;
  writeSecurity: number;
}

/** A new list with the built-in fields, in their order. */
export function insertList(db: Db, l: NewList, fields: FieldDef[]): void {
  db.prepare(
    `INSERT INTO lists (id, title, description, entity_type_name, url_name, created, base_template, enable_versioning,
        major_version_limit, read_security, write_security, has_unique, next_item_id, last_modified) VALUES (?,?,?,?,?,?,?,?,?,?,?,0,1,?)`,
  ).run(
    l.id,
    l.title,
    l.description,
    l.entityTypeName,
    l.urlName,
    l.created,
    l.baseTemplate,
    l.enableVersioning ? 1 : 0,
    l.majorVersionLimit,
    l.readSecurity,
    l.writeSecurity,
    l.created,
  );
  const fieldStmt = db.prepare('INSERT INTO fields (list_id, internal_name, position, def) VALUES (?,?,?,?)');
  for (const [i, f] of fields.entries()) fieldStmt.run(l.id, f.internalName, i, JSON.stringify(f));
}

/** The SP.List properties that can be changed, and their columns. */
export const LIST_COLUMNS = {
  Title: 'title',
  Description: 'description',
  EnableVersioning: 'enable_versioning',
  MajorVersionLimit: 'major_version_limit',
  ReadSecurity: 'read_security',
  WriteSecurity: 'write_security',
} as const satisfies Record<string, keyof ListRow>;

export type ListProperty = keyof typeof LIST_COLUMNS;

export function updateListProperty(db: Db, listId: string, property: ListProperty, value: string | number): void {
  db.prepare(`UPDATE lists SET ${LIST_COLUMNS[property]} = ? WHERE id = ?`).run(value, listId);
}

/** A list with its items, fields and every role assignment on it or its items. */
export function deleteList(db: Db, listId: string): void {
  db.prepare('DELETE FROM items WHERE list_id = ?').run(listId);
  db.prepare('DELETE FROM files WHERE list_id = ?').run(listId);
  db.prepare('DELETE FROM fields WHERE list_id = ?').run(listId);
  db.prepare('DELETE FROM role_assignments WHERE scope = ? OR scope LIKE ?').run(`list:${listId}`, `item:${listId}:%`);
  db.prepare('DELETE FROM lists WHERE id = ?').run(listId);
}

// ---------------- fields ----------------

/** Whether two items of the list hold the same (case-folded, non-empty) value in the column. */
export function hasDuplicateValues(db: Db, listId: string, internalName: string): boolean {
  const dup = db
    .prepare(
      `SELECT ${foldedColumnExpression(internalName)} AS v, COUNT(*) AS n FROM items WHERE list_id = ? AND v IS NOT NULL GROUP BY v HAVING n > 1 LIMIT 1`,
    )
    .get(listId);
  return !!dup;
}

/** Drops a column's values from every item of the list. */
export function removeFieldValues(db: Db, listId: string, internalName: string): void {
  db.prepare('UPDATE items SET data = json_remove(data, ?) WHERE list_id = ?').run(columnPath(internalName), listId);
}

// ---------------- principals ----------------

export function siteUserByLogin(db: Db, login: string): PrincipalRow | undefined {
  return db.prepare('SELECT * FROM principals WHERE type = 1 AND login = ?').get(login) as PrincipalRow | undefined;
}

export function siteUserByEmail(db: Db, email: string): PrincipalRow | undefined {
  return db.prepare('SELECT * FROM principals WHERE type = 1 AND email = ? COLLATE NOCASE').get(email) as PrincipalRow | undefined;
}

/** A user or group by login name (a group's login is its title). */
export function principalByLogin(db: Db, login: string): PrincipalRow | undefined {
  return db.prepare('SELECT * FROM principals WHERE login = ?').get(login) as PrincipalRow | undefined;
}

export function allSiteUsers(db: Db): PrincipalRow[] {
  return db.prepare('SELECT * FROM principals WHERE type = 1 ORDER BY id').all() as PrincipalRow[];
}

export function allSiteGroups(db: Db): PrincipalRow[] {
  return db.prepare('SELECT * FROM principals WHERE type = 8 ORDER BY id').all() as PrincipalRow[];
}

export function loginTaken(db: Db, login: string): boolean {
  return !!db.prepare('SELECT 1 FROM principals WHERE login = ?').get(login);
}

/** A site user's removal: out of every group, every role assignment, and (unless a site admin) the site. */
export function removeSiteUser(db: Db, userId: number): void {
  db.prepare('DELETE FROM group_members WHERE user_id = ?').run(userId);
  db.prepare('DELETE FROM role_assignments WHERE principal_id = ?').run(userId);
  db.prepare('DELETE FROM principals WHERE id = ? AND is_site_admin = 0').run(userId);
}

// ---------------- groups ----------------

export function insertGroup(db: Db, g: { id: number; title: string; description: string; ownerId: number }): void {
  db.prepare('INSERT INTO principals (id, type, login, title, description, owner_id, is_site_admin) VALUES (?,8,?,?,?,?,0)').run(
    g.id,
    g.title,
    g.title,
    g.description,
    g.ownerId,
  );
}

/** A group's title is also its login name. */
export function renameGroup(db: Db, groupId: number, title: string): void {
  db.prepare('UPDATE principals SET title = ?, login = ? WHERE id = ?').run(title, title, groupId);
}

export function setGroupDescription(db: Db, groupId: number, description: string): void {
  db.prepare('UPDATE principals SET description = ? WHERE id = ?').run(description, groupId);
}

export function setGroupOwner(db: Db, groupId: number, ownerId: number): void {
  db.prepare('UPDATE principals SET owner_id = ? WHERE id = ?').run(ownerId, groupId);
}

export function deleteGroup(db: Db, groupId: number): void {
  db.prepare('DELETE FROM group_members WHERE group_id = ?').run(groupId);
  db.prepare('DELETE FROM role_assignments WHERE principal_id = ?').run(groupId);
  db.prepare('DELETE FROM principals WHERE id = ?').run(groupId);
}

export function addGroupMember(db: Db, groupId: number, userId: number): void {
  db.prepare('INSERT OR IGNORE INTO group_members (group_id, user_id) VALUES (?, ?)').run(groupId, userId);
}

export function removeGroupMember(db: Db, groupId: number, userId: number): void {
  db.prepare('DELETE FROM group_members WHERE group_id = ? AND user_id = ?').run(groupId, userId);
}

// ---------------- role definitions & assignments ----------------

export function allRoleDefs(db: Db): RoleDefRow[] {
  return db.prepare('SELECT * FROM role_defs ORDER BY ord').all() as RoleDefRow[];
}

export function roleDefExists(db: Db, id: number): boolean {
  return !!db.prepare('SELECT 1 FROM role_defs WHERE id = ?').get(id);
}

export function addRoleAssignment(db: Db, scopeKey: string, principalId: number, roleDefId: number): void {
  db.prepare('INSERT OR IGNORE INTO role_assignments (scope, principal_id, role_def_id) VALUES (?,?,?)').run(
    scopeKey,
    principalId,
    roleDefId,
  );
}

export function removeRoleAssignment(db: Db, scopeKey: string, principalId: number, roleDefId: number): void {
  db.prepare('DELETE FROM role_assignments WHERE scope = ? AND principal_id = ? AND role_def_id = ?').run(scopeKey, principalId, roleDefId);
}

/** Every role of one principal on one scope. */
export function removePrincipalAssignments(db: Db, scopeKey: string, principalId: number): void {
  db.prepare('DELETE FROM role_assignments WHERE scope = ? AND principal_id = ?').run(scopeKey, principalId);
}

export function clearRoleAssignments(db: Db, scopeKey: string): void {
  db.prepare('DELETE FROM role_assignments WHERE scope = ?').run(scopeKey);
}

export function copyRoleAssignments(db: Db, fromKey: string, toKey: string): void {
  db.prepare(
    'INSERT OR IGNORE INTO role_assignments (scope, principal_id, role_def_id) SELECT ?, principal_id, role_def_id FROM role_assignments WHERE scope = ?',
  ).run(toKey, fromKey);
}

/** Marks a list or item as having its own role assignments (or inheriting again); the web always has them. */
export function setHasUnique(db: Db, scope: Scope, unique: boolean): void {
  if (scope.type === 'list') db.prepare('UPDATE lists SET has_unique = ? WHERE id = ?').run(unique ? 1 : 0, scope.listId);
  if (scope.type === 'item')
    db.prepare('UPDATE items SET has_unique = ? WHERE list_id = ? AND id = ?').run(unique ? 1 : 0, scope.listId, scope.itemId);
}

/** clearSubscopes: every list and item below the scope inherits again. */
export function clearSubscopes(db: Db, scope: Scope): void {
  if (scope.type === 'web') {
    db.prepare(`DELETE FROM role_assignments WHERE scope <> 'web'`).run();
    db.prepare('UPDATE lists SET has_unique = 0').run();
    db.prepare('UPDATE items SET has_unique = 0').run();
  } else if (scope.type === 'list') {
    db.prepare('DELETE FROM role_assignments WHERE scope LIKE ?').run(`item:${scope.listId}:%`);
    db.prepare('UPDATE items SET has_unique = 0 WHERE list_id = ?').run(scope.listId);
  }
}

export function roleDefById(db: Db, id: number): RoleDefRow | undefined {
  return db.prepare('SELECT * FROM role_defs WHERE id = ?').get(id) as RoleDefRow | undefined;
}

/** The assignments stored on exactly one scope, one row per (principal, role). */
export function roleAssignmentRows(db: Db, scopeKey: string): { principal_id: number; role_def_id: number }[] {
  return db
    .prepare('SELECT principal_id, role_def_id FROM role_assignments WHERE scope = ? ORDER BY principal_id, role_def_id')
    .all(scopeKey) as { principal_id: number; role_def_id: number }[];
}

export function groupMemberRows(db: Db, groupId: number): PrincipalRow[] {
  return db
    .prepare('SELECT p.* FROM principals p JOIN group_members m ON m.user_id = p.id WHERE m.group_id = ? ORDER BY p.id')
    .all(groupId) as PrincipalRow[];
}

// ---------------- tenant directory ----------------

/** Adds or updates users of the (simulated) tenant directory, in one transaction. */
export function upsertDirectoryUsers(db: Db, users: { upn: string; displayName: string; email?: string }[]): void {
  const stmt = db.prepare(
    'INSERT INTO directory (upn, display_name, email) VALUES (?, ?, ?) ON CONFLICT(upn) DO UPDATE SET display_name = excluded.display_name, email = excluded.email',
  );
  const tx = db.transaction(() => {
    for (const u of users) stmt.run(u.upn, u.displayName, u.email ?? u.upn);
  });
  tx();
}

// ---------------- items ----------------

const SAFE_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Names put into SQL text (DDL cannot take parameters) must be plain identifiers. */
export function assertIdentifier(name: string): string {
  if (!SAFE_IDENTIFIER.test(name)) throw new Error(`Unsafe SQL identifier: ${JSON.stringify(name)}`);
  return name;
}

/** The JSON path of a column in an item's data. Only encoded internal names (identifiers) are columns. */
export function columnPath(internalName: string): string {
  return `$.${assertIdentifier(internalName)}`;
}

/**
 * An expression index on the items table. DDL cannot take parameters, so the name and the column
 * are checked to be identifiers before they become SQL text.
 */
export function createItemsIndex(db: Db, name: string, expression: string): void {
  db.exec(`CREATE INDEX IF NOT EXISTS ${assertIdentifier(name)} ON items(list_id, ${expression})`);
  hintItemsPlanner(db);
}

/** The case-folded value of a column, as an index expression. */
export function foldedColumnExpression(internalName: string): string {
  return `sp_fold(json_extract(data, '${columnPath(internalName)}'))`;
}

/** Whether another item of the list holds this (case-folded) value in the column. */
export function foldedValueTaken(db: Db, listId: string, internalName: string, folded: unknown, exceptId: number): boolean {
  return !!db
    .prepare(`SELECT id FROM items WHERE list_id = ? AND id <> ? AND ${foldedColumnExpression(internalName)} = ? LIMIT 1`)
    .get(listId, exceptId, folded);
}

/** Moves the list's next item id on (the id just taken is `nextId - 1`). */
export function advanceNextItemId(db: Db, listId: string, nextId: number, now: string): void {
  db.prepare('UPDATE lists SET next_item_id = ?, last_modified = ? WHERE id = ?').run(nextId, now, listId);
}

export function insertItem(db: Db, row: ItemRow): void {
  db.prepare(
    'INSERT INTO items (list_id, id, version, guid, author_id, editor_id, created, modified, has_unique, data) VALUES (?,?,?,?,?,?,?,?,?,?)',
  ).run(row.list_id, row.id, row.version, row.guid, row.author_id, row.editor_id, row.created, row.modified, row.has_unique, row.data);
}

/** Stores a new version of an item and marks its list modified. */
export function updateItemRow(db: Db, row: ItemRow): void {
  db.prepare('UPDATE items SET version = ?, editor_id = ?, modified = ?, data = ? WHERE list_id = ? AND id = ?').run(
    row.version,
    row.editor_id,
    row.modified,
    row.data,
    row.list_id,
    row.id,
  );
  db.prepare('UPDATE lists SET last_modified = ? WHERE id = ?').run(row.modified, row.list_id);
}

/** An item with its own role assignments, attachments and (in a library) its file. */
export function deleteItemRow(db: Db, listId: string, id: number): void {
  db.prepare('DELETE FROM items WHERE list_id = ? AND id = ?').run(listId, id);
  db.prepare(`DELETE FROM role_assignments WHERE scope = ?`).run(`item:${listId}:${id}`);
  db.prepare('DELETE FROM attachments WHERE list_id = ? AND item_id = ?').run(listId, id);
  db.prepare('DELETE FROM files WHERE list_id = ? AND item_id = ?').run(listId, id);
}

/**
 * Ids of the list's items with their own role assignments on which one of `principals` holds one of
 * `roleDefIds` (at most `limit`). Reads only the items with unique permissions (ix_items_unique) and
 * their assignments by primary key, never the whole list.
 */
export function uniqueItemIdsGranted(db: Db, listId: string, principals: number[], roleDefIds: number[], limit = -1): number[] {
  return (
    db
      .prepare(
        `SELECT i.id FROM items i WHERE i.list_id = ? AND i.has_unique = 1 AND EXISTS (SELECT 1 FROM role_assignments ra
           WHERE ra.scope = 'item:' || i.list_id || ':' || i.id AND ra.principal_id IN (SELECT value FROM json_each(?))
             AND ra.role_def_id IN (SELECT value FROM json_each(?))) ORDER BY i.id LIMIT ?`,
      )
      .all(listId, JSON.stringify(principals), JSON.stringify(roleDefIds), limit) as { id: number }[]
  ).map((r) => r.id);
}

/** Whether the list holds more than `n` items (reads at most n + 1 index entries, not the whole list). */
export function itemCountExceeds(db: Db, listId: string, n: number): boolean {
  return !!db.prepare('SELECT 1 FROM items WHERE list_id = ? LIMIT 1 OFFSET ?').get(listId, n);
}

/** Whether more than `n` of the list's items match a compiled condition on alias `i` (stops at n + 1). */
export function countItemsWhereExceeds(db: Db, listId: string, condition: { sql: string; params: unknown[] }, n: number): boolean {
  return !!db
    .prepare(`SELECT 1 FROM items i WHERE i.list_id = ? AND ${condition.sql} LIMIT 1 OFFSET ?`)
    .get(listId, ...condition.params, n);
}

/** One page of items: compiled conditions on alias `i` (joined with AND), an ORDER BY list and a limit. */
export function selectItems(db: Db, where: string[], params: unknown[], orderBy: string, limit: number): ItemRow[] {
  return db.prepare(`SELECT i.* FROM items i WHERE ${where.join(' AND ')} ORDER BY ${orderBy} LIMIT ?`).all(...params, limit) as ItemRow[];
}

/** The ids of one page of items, in order (conditions and order as selectItems). */
export function selectItemIds(db: Db, where: string[], params: unknown[], orderBy: string, limit: number): number[] {
  return db
    .prepare(`SELECT i.id FROM items i WHERE ${where.join(' AND ')} ORDER BY ${orderBy} LIMIT ?`)
    .pluck(true)
    .all(...params, limit) as number[];
}

/** Items of a list by id, as the JSON SQLite renders for each (query/render-sql.ts), in the order of `ids`. */
export function selectRenderedItems(
  db: Db,
  listId: string,
  rendered: { sql: string; params: unknown[]; with: string[]; withParams: unknown[] },
  ids: number[],
): string[] {
  const prefix = rendered.with.length ? `WITH ${rendered.with.join(', ')} ` : '';
  // CROSS JOIN keeps the ids as the outer loop (a seek per id, never a scan of the list); each row
  // carries its position, so the order is the ids' without sorting the rendered text.
  const rows = db
    .prepare(`${prefix}SELECT k.key, ${rendered.sql} FROM json_each(?) k CROSS JOIN items i ON i.list_id = ? AND i.id = k.value`)
    .raw(true)
    .all(...rendered.withParams, ...rendered.params, JSON.stringify(ids), listId) as [number, string][];
  const out: string[] = [];
  for (const [at, json] of rows) out[at] = json;
  return out.filter((json) => json !== undefined);
}
