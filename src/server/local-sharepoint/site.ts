import { randomUUID } from 'node:crypto';
import { type Db, getMeta, setMeta } from './storage.js';
import type { FieldDef } from './fields.js';
import { EMPTY_MASK, FULL_MASK, hasPerm, type Mask, orMask } from './roles.js';

export interface ListRow {
  id: string;
  title: string;
  description: string;
  entity_type_name: string;
  url_name: string;
  created: string;
  base_template: number;
  enable_versioning: number;
  major_version_limit: number;
  read_security: number;
  write_security: number;
  has_unique: number;
  next_item_id: number;
  last_modified: string;
}

export interface PrincipalRow {
  id: number;
  type: number;
  login: string;
  title: string;
  email: string | null;
  upn: string | null;
  is_site_admin: number;
  description: string | null;
  owner_id: number | null;
}

export interface ItemRow {
  list_id: string;
  id: number;
  version: number;
  guid: string;
  author_id: number;
  editor_id: number;
  created: string;
  modified: string;
  has_unique: number;
  data: string;
}

export type Scope = { type: 'web' } | { type: 'list'; listId: string } | { type: 'item'; listId: string; itemId: number };

export function scopeKey(scope: Scope): string {
  if (scope.type === 'web') return 'web';
  if (scope.type === 'list') return `list:${scope.listId}`;
  return `item:${scope.listId}:${scope.itemId}`;
}

export const CLAIM_PREFIX = 'i:0#.f|membership|';
/** SharePoint's claim for an app-only principal (Entra app, SharePoint's realm). */
export const APP_LOGIN = 'i:0i.t|ms.sp.ext|systemkoll-local-app@local';

/** The site's data model on top of SQLite; schema lookups are cached because every request needs them. */
export class Site {
  private fieldCache = new Map<string, FieldDef[]>();
  private roleMaskCache: Map<number, Mask> | null = null;

  /** Absolute site URL; set once the server knows its port. */
  siteUrl = '';

  constructor(
    readonly db: Db,
    readonly listViewThreshold: number,
  ) {}

  get webId(): string {
    return getMeta(this.db, 'web_id') ?? '';
  }

  get siteId(): string {
    return getMeta(this.db, 'site_id') ?? '';
  }

  get webTitle(): string {
    return getMeta(this.db, 'web_title') ?? 'Systemkoll';
  }

  get serverRelativeUrl(): string {
    return new URL(this.siteUrl).pathname;
  }

  // ---------- lists ----------
  allLists(): ListRow[] {
    return this.db.prepare('SELECT * FROM lists ORDER BY created, title').all() as ListRow[];
  }

  listByTitle(title: string): ListRow | undefined {
    const wanted = title.toLocaleLowerCase('sv-SE');
    return this.allLists().find((l) => l.title.toLocaleLowerCase('sv-SE') === wanted);
  }

  listById(id: string): ListRow | undefined {
    return this.db.prepare('SELECT * FROM lists WHERE id = ?').get(id.replace(/[{}]/g, '').toLowerCase()) as ListRow | undefined;
  }

  fields(listId: string): FieldDef[] {
    let cached = this.fieldCache.get(listId);
    if (!cached) {
      const rows = this.db.prepare('SELECT def FROM fields WHERE list_id = ? ORDER BY position').all(listId) as { def: string }[];
      cached = rows.map((r) => JSON.parse(r.def) as FieldDef);
      this.fieldCache.set(listId, cached);
    }
    return cached;
  }

  field(listId: string, internalName: string): FieldDef | undefined {
    return this.fields(listId).find((f) => f.internalName === internalName);
  }

  /** getByInternalNameOrTitle: internal name first (case-sensitive as SharePoint), then title. */
  fieldByNameOrTitle(listId: string, name: string): FieldDef | undefined {
    const fields = this.fields(listId);
    return fields.find((f) => f.internalName === name) ?? fields.find((f) => f.title.toLowerCase() === name.toLowerCase());
  }

  saveField(listId: string, def: FieldDef, isNew: boolean): void {
    if (isNew) {
      const pos = (this.db.prepare('SELECT COALESCE(MAX(position), 0) + 1 AS p FROM fields WHERE list_id = ?').get(listId) as { p: number })
        .p;
      this.db
        .prepare('INSERT INTO fields (list_id, internal_name, position, def) VALUES (?,?,?,?)')
        .run(listId, def.internalName, pos, JSON.stringify(def));
    } else {
      this.db
        .prepare('UPDATE fields SET def = ? WHERE list_id = ? AND internal_name = ?')
        .run(JSON.stringify(def), listId, def.internalName);
    }
    this.fieldCache.delete(listId);
  }

  deleteField(listId: string, internalName: string): void {
    this.db.prepare('DELETE FROM fields WHERE list_id = ? AND internal_name = ?').run(listId, internalName);
    this.fieldCache.delete(listId);
  }

  itemCount(listId: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM items WHERE list_id = ?').get(listId) as { n: number }).n;
  }

  getItem(listId: string, id: number): ItemRow | undefined {
    return this.db.prepare('SELECT * FROM items WHERE list_id = ? AND id = ?').get(listId, id) as ItemRow | undefined;
  }

  // ---------- principals ----------
  principal(id: number): PrincipalRow | undefined {
    return this.db.prepare('SELECT * FROM principals WHERE id = ?').get(id) as PrincipalRow | undefined;
  }

  userByUpn(upn: string): PrincipalRow | undefined {
    return this.db.prepare('SELECT * FROM principals WHERE type = 1 AND login = ?').get(CLAIM_PREFIX + upn) as PrincipalRow | undefined;
  }

  /**
   * The app-only identity (SharePoint's `i:0i.t|ms.sp.ext|<client id>@<tenant>` principal with
   * Sites.Selected full control): made on first use, a site collection administrator as app-only
   * full control is. Only the local app token maps to it.
   */
  appPrincipal(): PrincipalRow {
    const existing = this.db.prepare('SELECT * FROM principals WHERE type = 1 AND login = ?').get(APP_LOGIN) as PrincipalRow | undefined;
    if (existing) return existing;
    const id = this.nextPrincipalId();
    this.db
      .prepare('INSERT INTO principals (id, type, login, title, email, upn, is_site_admin) VALUES (?,1,?,?,NULL,NULL,1)')
      .run(id, APP_LOGIN, 'Systemkoll (app)');
    return this.principal(id) as PrincipalRow;
  }

  directoryUser(nameOrEmail: string): { upn: string; display_name: string; email: string | null } | undefined {
    return this.db
      .prepare('SELECT * FROM directory WHERE upn = ? COLLATE NOCASE OR email = ? COLLATE NOCASE')
      .get(nameOrEmail, nameOrEmail) as { upn: string; display_name: string; email: string | null } | undefined;
  }

  nextPrincipalId(): number {
    const id = Number(getMeta(this.db, 'next_principal_id') ?? '6');
    setMeta(this.db, 'next_principal_id', String(id + 1));
    return id;
  }

  /** ensureuser: resolves a claim, UPN or e-mail against the tenant directory and adds a site user once. */
  ensureUser(logon: string): PrincipalRow | undefined {
    const plain = logon.startsWith(CLAIM_PREFIX) ? logon.slice(CLAIM_PREFIX.length) : logon.includes('|') ? '' : logon;
    if (!plain) return undefined;
    const dir = this.directoryUser(plain);
    if (!dir) return undefined;
    const existing = this.userByUpn(dir.upn);
    if (existing) return existing;
    const id = this.nextPrincipalId();
    this.db
      .prepare('INSERT INTO principals (id, type, login, title, email, upn, is_site_admin) VALUES (?,?,?,?,?,?,0)')
      .run(id, 1, CLAIM_PREFIX + dir.upn, dir.display_name, dir.email ?? dir.upn, dir.upn);
    return this.principal(id);
  }

  groupsOf(userId: number): number[] {
    return (this.db.prepare('SELECT group_id FROM group_members WHERE user_id = ?').all(userId) as { group_id: number }[]).map(
      (r) => r.group_id,
    );
  }

  // ---------- security ----------
  private roleMasks(): Map<number, Mask> {
    if (!this.roleMaskCache) {
      const rows = this.db.prepare('SELECT id, high, low FROM role_defs').all() as { id: number; high: string; low: string }[];
      this.roleMaskCache = new Map(rows.map((r) => [r.id, { high: BigInt(r.high), low: BigInt(r.low) }]));
    }
    return this.roleMaskCache;
  }

  /** Ids of the permission levels that include `perm` (a role assignment grants it iff its level does). */
  roleDefsWith(perm: number): number[] {
    return [...this.roleMasks()].filter(([, mask]) => hasPerm(mask, perm)).map(([id]) => id);
  }

  invalidateRoles(): void {
    this.roleMaskCache = null;
  }

  /** The scope whose role assignments apply: the nearest object up the chain with unique permissions. */
  effectiveScope(scope: Scope): Scope {
    if (scope.type === 'item') {
      const row = this.db.prepare('SELECT has_unique FROM items WHERE list_id = ? AND id = ?').get(scope.listId, scope.itemId) as
        { has_unique: number } | undefined;
      if (row?.has_unique) return scope;
      return this.effectiveScope({ type: 'list', listId: scope.listId });
    }
    if (scope.type === 'list') {
      const row = this.db.prepare('SELECT has_unique FROM lists WHERE id = ?').get(scope.listId) as { has_unique: number } | undefined;
      if (row?.has_unique) return scope;
    }
    return { type: 'web' };
  }

  /** Mask from the role assignments stored on exactly this (unique) scope. */
  maskAt(user: PrincipalRow, key: string): Mask {
    if (user.is_site_admin) return FULL_MASK;
    const principals = [user.id, ...this.groupsOf(user.id)];
    const rows = this.db
      .prepare(`SELECT role_def_id FROM role_assignments WHERE scope = ? AND principal_id IN (SELECT value FROM json_each(?))`)
      .all(key, JSON.stringify(principals)) as { role_def_id: number }[];
    const masks = this.roleMasks();
    return rows.reduce((acc, r) => orMask(acc, masks.get(r.role_def_id) ?? EMPTY_MASK), EMPTY_MASK);
  }

  effectiveMask(user: PrincipalRow, scope: Scope): Mask {
    return this.maskAt(user, scopeKey(this.effectiveScope(scope)));
  }

  newGuid(): string {
    return randomUUID();
  }
}
