import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROLE_DEFINITIONS } from './roles.js';

export type Db = Database.Database;

export const ADMIN_UPN = 'admin@exempelkommun.se';
export const ADMIN_NAME = 'Administratör Exempelkommun';

/** Case folding used for SharePoint's case-insensitive text comparisons (covers å/ä/ö, unlike NOCASE). */
export function fold(value: unknown): unknown {
  return typeof value === 'string' ? value.toLocaleLowerCase('sv-SE') : value;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS directory (upn TEXT PRIMARY KEY COLLATE NOCASE, display_name TEXT NOT NULL, email TEXT);
CREATE TABLE IF NOT EXISTS principals (
  id INTEGER PRIMARY KEY, type INTEGER NOT NULL, login TEXT NOT NULL UNIQUE COLLATE NOCASE, title TEXT NOT NULL,
  email TEXT, upn TEXT, is_site_admin INTEGER NOT NULL DEFAULT 0, description TEXT, owner_id INTEGER);
CREATE TABLE IF NOT EXISTS group_members (group_id INTEGER NOT NULL, user_id INTEGER NOT NULL, PRIMARY KEY (group_id, user_id));
CREATE TABLE IF NOT EXISTS role_defs (id INTEGER PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL, kind INTEGER NOT NULL,
  high TEXT NOT NULL, low TEXT NOT NULL, ord INTEGER NOT NULL, hidden INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS lists (id TEXT PRIMARY KEY, title TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
  entity_type_name TEXT NOT NULL, url_name TEXT NOT NULL, created TEXT NOT NULL, base_template INTEGER NOT NULL,
  enable_versioning INTEGER NOT NULL DEFAULT 0, major_version_limit INTEGER NOT NULL DEFAULT 50,
  read_security INTEGER NOT NULL DEFAULT 1, write_security INTEGER NOT NULL DEFAULT 1, has_unique INTEGER NOT NULL DEFAULT 0,
  next_item_id INTEGER NOT NULL DEFAULT 1, last_modified TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS fields (list_id TEXT NOT NULL, internal_name TEXT NOT NULL, position INTEGER NOT NULL, def TEXT NOT NULL,
  PRIMARY KEY (list_id, internal_name));
CREATE TABLE IF NOT EXISTS items (list_id TEXT NOT NULL, id INTEGER NOT NULL, version INTEGER NOT NULL, guid TEXT NOT NULL,
  author_id INTEGER NOT NULL, editor_id INTEGER NOT NULL, created TEXT NOT NULL, modified TEXT NOT NULL,
  has_unique INTEGER NOT NULL DEFAULT 0, data TEXT NOT NULL, PRIMARY KEY (list_id, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS role_assignments (scope TEXT NOT NULL, principal_id INTEGER NOT NULL, role_def_id INTEGER NOT NULL,
  PRIMARY KEY (scope, principal_id, role_def_id));
CREATE TABLE IF NOT EXISTS attachments (list_id TEXT NOT NULL, item_id INTEGER NOT NULL, name TEXT NOT NULL COLLATE NOCASE,
  content BLOB NOT NULL, created TEXT NOT NULL, PRIMARY KEY (list_id, item_id, name)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS files (list_id TEXT NOT NULL, item_id INTEGER NOT NULL, content BLOB NOT NULL,
  PRIMARY KEY (list_id, item_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_items_unique ON items(list_id, id) WHERE has_unique = 1;
`;

/**
 * Fixed planner statistics for the items table, the way SharePoint treats its column indexes: a list
 * holds many items (the primary key's list_id narrows little), an indexed column narrows to a few
 * (a unique one to one), few items have unique permissions. Without them SQLite's default guesses
 * make it walk the whole list in primary-key order even when an indexed column is filtered on (39 ms
 * instead of 0.1 ms for a unique key at 20,000 items). Fixed, not measured by ANALYZE: measured
 * statistics go stale as a list grows from empty, and these keep plans the same at every size.
 * Rewritten whenever an index on items is made.
 */
export function hintItemsPlanner(db: Db): void {
  // sqlite_stat1 cannot be made with CREATE TABLE; analysing the tiny meta table creates it.
  if (!db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'`).get()) db.exec('ANALYZE meta');
  const indexes = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'items'`).all() as { name: string }[];
  // "rows, rows per list, rows per list and value": the list's own rows are the primary key "items".
  const stat = (name: string) => {
    if (name === 'ix_items_unique') return '1000 10 1';
    if (name === 'items' || name.startsWith('ux_')) return '1000000 10000 1';
    return '1000000 10000 10';
  };
  db.transaction(() => {
    db.prepare(`DELETE FROM sqlite_stat1 WHERE tbl = 'items'`).run();
    const put = db.prepare(`INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('items', ?, ?)`);
    for (const name of ['items', ...indexes.map((i) => i.name)]) put.run(name, stat(name));
  })();
  db.exec('ANALYZE sqlite_schema');
}

/**
 * Prepared statements are kept and reused by their SQL text (at most `max`, least recently used out).
 * Preparing was a third of the store's CPU when paging: listById, getItem and principal ran once per
 * rendered row. A statement's own settings (pluck) are set at each use by the code that uses them.
 */
function cacheStatements(db: Db, max = 500): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let stmt = cache.get(sql);
    if (stmt) {
      cache.delete(sql);
    } else {
      stmt = prepare(sql);
      if (cache.size >= max) cache.delete(cache.keys().next().value as string);
    }
    cache.set(sql, stmt);
    return stmt;
  }) as Db['prepare'];
}

/** Opens (and on first use seeds) the site database: in memory, or <dataDir>/site.db. */
export function openStorage(dataDir: string | undefined): Db {
  let file = ':memory:';
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    file = join(dataDir, 'site.db');
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  cacheStatements(db);
  db.function('sp_fold', { deterministic: true }, (v: unknown) => fold(v) as string | number | null);
  db.exec(SCHEMA);
  hintItemsPlanner(db);
  const seeded = db.prepare(`SELECT value FROM meta WHERE key = 'web_id'`).get();
  if (!seeded) seed(db);
  return db;
}

export function getMeta(db: Db, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function nowIso(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A new SharePoint team site: the admin is a site collection admin and owner, the three associated
 * groups hold Full Control / Edit / Read on the web. Principal ids follow SharePoint's usual layout.
 */
function seed(db: Db): void {
  const tx = db.transaction(() => {
    setMeta(db, 'web_id', randomUUID());
    setMeta(db, 'site_id', randomUUID());
    setMeta(db, 'web_title', 'Systemkoll');
    setMeta(db, 'web_created', nowIso());
    for (const def of ROLE_DEFINITIONS) {
      db.prepare('INSERT INTO role_defs (id, name, description, kind, high, low, ord, hidden) VALUES (?,?,?,?,?,?,?,?)').run(
        def.id,
        def.name,
        def.description,
        def.kind,
        def.high,
        def.low,
        def.order,
        def.hidden ? 1 : 0,
      );
    }
    db.prepare(`INSERT INTO directory (upn, display_name, email) VALUES (?, ?, ?)`).run(ADMIN_UPN, ADMIN_NAME, ADMIN_UPN);
    const insertPrincipal = db.prepare(
      'INSERT INTO principals (id, type, login, title, email, upn, is_site_admin, description, owner_id) VALUES (?,?,?,?,?,?,?,?,?)',
    );
    insertPrincipal.run(1, 1, `i:0#.f|membership|${ADMIN_UPN}`, ADMIN_NAME, ADMIN_UPN, ADMIN_UPN, 1, null, null);
    insertPrincipal.run(3, 8, 'Systemkoll Owners', 'Systemkoll Owners', null, null, 0, null, 3);
    insertPrincipal.run(4, 8, 'Systemkoll Visitors', 'Systemkoll Visitors', null, null, 0, null, 3);
    insertPrincipal.run(5, 8, 'Systemkoll Members', 'Systemkoll Members', null, null, 0, null, 3);
    setMeta(db, 'next_principal_id', '6');
    db.prepare('INSERT INTO group_members (group_id, user_id) VALUES (3, 1)').run();
    const assign = db.prepare('INSERT INTO role_assignments (scope, principal_id, role_def_id) VALUES (?,?,?)');
    assign.run('web', 3, 1073741829);
    assign.run('web', 4, 1073741826);
    assign.run('web', 5, 1073741830);
  });
  tx();
}
