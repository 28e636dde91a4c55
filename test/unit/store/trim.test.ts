/**
 * Security trimming (trim.ts) in its two forms — SQL for queries (readTrim, on any item alias) and the
 * predicate for rows already read (itemVisibility, canSeeItem) — must agree for every user and item:
 * list permission, unique item scopes, ReadSecurity=2 with the ManageLists bypass, the site admin.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addItem, updateItem } from '../../../src/server/local-sharepoint/items.js';
import { buildProjection, renderItem } from '../../../src/server/local-sharepoint/query/projection.js';
import { compileNode } from '../../../src/server/local-sharepoint/query/filter-sql.js';
import { parseFilter } from '../../../src/server/local-sharepoint/filter.js';
import {
  addGroupMember,
  addRoleAssignment,
  insertGroup,
  selectItems,
  setHasUnique,
  updateListProperty,
  upsertDirectoryUsers,
} from '../../../src/server/local-sharepoint/repository.js';
import type { ItemRow, ListRow, PrincipalRow } from '../../../src/server/local-sharepoint/site.js';
import { canSeeItem, itemVisibility, readTrim } from '../../../src/server/local-sharepoint/trim.js';
import { type Fixture, makeSite } from './site-fixture.js';

const READ = 1073741826;
const CONTRIBUTE = 1073741827;
const EDIT = 1073741830;

let f: Fixture;
let list: () => ListRow;
const users: Record<'admin' | 'u1' | 'u2' | 'u3' | 'u4', PrincipalRow> = {} as never;
const items: ItemRow[] = [];

beforeAll(() => {
  f = makeSite();
  const { site } = f;
  upsertDirectoryUsers(
    site.db,
    ['u1', 'u2', 'u3', 'u4'].map((u) => ({ upn: `${u}@exempelkommun.se`, displayName: u })),
  );
  users.admin = f.admin;
  for (const u of ['u1', 'u2', 'u3', 'u4'] as const) users[u] = site.ensureUser(`${u}@exempelkommun.se`) as PrincipalRow;
  const groupId = site.nextPrincipalId();
  insertGroup(site.db, { id: groupId, title: 'Samordnare', description: '', ownerId: f.admin.id });
  addGroupMember(site.db, groupId, users.u3.id);

  f.call('POST', 'web/lists', { Title: 'Incidenter', BaseTemplate: 100 });
  const id = (site.listByTitle('Incidenter') as ListRow).id;
  list = () => site.listById(id) as ListRow;
  setHasUnique(site.db, { type: 'list', listId: id }, true);
  addRoleAssignment(site.db, `list:${id}`, users.u1.id, CONTRIBUTE);
  addRoleAssignment(site.db, `list:${id}`, users.u2.id, CONTRIBUTE);
  addRoleAssignment(site.db, `list:${id}`, groupId, EDIT);
  // 1 by u1, 2 by u2 (both inherit); 3 by u1 with unique permissions for u2 (Read) and the group, not u1;
  // 4 by u2 with unique permissions for nobody
  for (const author of [users.u1, users.u2, users.u1, users.u2]) items.push(addItem(site, list(), author, { Title: `av ${author.title}` }));
  setHasUnique(site.db, { type: 'item', listId: id, itemId: 3 }, true);
  addRoleAssignment(site.db, `item:${id}:3`, users.u2.id, READ);
  addRoleAssignment(site.db, `item:${id}:3`, groupId, EDIT);
  setHasUnique(site.db, { type: 'item', listId: id, itemId: 4 }, true);
  for (const row of items) Object.assign(row, f.site.getItem(id, row.id));
});

const bySql = (user: PrincipalRow): number[] => {
  const t = readTrim(f.site, list(), user);
  return selectItems(f.site.db, ['i.list_id = ?', t.sql], [list().id, ...t.params], 'i.id', 100).map((r) => r.id);
};
const bySqlOnAlias = (user: PrincipalRow): number[] => {
  const t = readTrim(f.site, list(), user, 't');
  return (
    f.site.db.prepare(`SELECT t.id FROM items t WHERE t.list_id = ? AND ${t.sql} ORDER BY t.id`).all(list().id, ...t.params) as {
      id: number;
    }[]
  ).map((r) => r.id);
};
const byPredicate = (user: PrincipalRow): number[] => {
  const sees = itemVisibility(f.site, list(), user);
  return items.filter((r) => sees(r)).map((r) => r.id);
};
const byCanSee = (user: PrincipalRow): number[] => items.filter((r) => canSeeItem(f.site, list(), user, r)).map((r) => r.id);

describe.each([
  { readSecurity: 1, expected: { admin: [1, 2, 3, 4], u1: [1, 2], u2: [1, 2, 3], u3: [1, 2, 3], u4: [] } },
  // own items only, unless ManageLists (u3 through the group's Edit, the site admin)
  { readSecurity: 2, expected: { admin: [1, 2, 3, 4], u1: [1], u2: [2], u3: [1, 2, 3], u4: [] } },
])('ReadSecurity=$readSecurity', ({ readSecurity, expected }) => {
  beforeAll(() => updateListProperty(f.site.db, list().id, 'ReadSecurity', readSecurity));

  it.each(Object.entries(expected))('%s: SQL on any alias, the predicate and canSeeItem agree', (name, ids) => {
    const user = users[name as keyof typeof users];
    expect(bySql(user)).toEqual(ids);
    expect(bySqlOnAlias(user)).toEqual(ids);
    expect(byPredicate(user)).toEqual(ids);
    expect(byCanSee(user)).toEqual(ids);
  });
});

describe('lookup targets', () => {
  it('refuses an alias that is not a plain name', () => {
    expect(() => readTrim(f.site, list(), users.u1, 't; DROP')).toThrow();
  });

  it('a filter on a projected field joins the target trimmed to the viewer, one trim per target list', () => {
    const { site, saker, kategorier } = f;
    const base = { site, list: saker, expands: new Set(['Kategori']), columns: new Set<string>(), lookups: new Set<string>() };
    const plain = compileNode(base, parseFilter("Kategori/Title eq 'Drift'"));
    expect(plain.params).toEqual([kategorier.id, 'drift']);
    const ctx = { ...base, viewer: users.u4 };
    const trimmed = compileNode(ctx, parseFilter("Kategori/Title eq 'Drift' or startswith(Kategori/Title,'S')"));
    const t = readTrim(site, kategorier, users.u4, 't');
    expect(trimmed.sql).toContain(`t.id = json_extract(i.data, '$.Kategori') AND ${t.sql})`);
    expect(trimmed.params).toEqual([kategorier.id, ...t.params, 'drift', kategorier.id, ...t.params, 's']);
    expect([...(ctx as { targetTrims?: Map<string, unknown> }).targetTrims!.keys()]).toEqual([kategorier.id]);
  });

  it('a projection renders a hidden target as null, a hidden one of a multi-valued lookup is left out; the Id stays', () => {
    const { site, saker } = f;
    const row = updateItem(site, saker, site.getItem(saker.id, 1) as ItemRow, f.admin, { Flera: [1, 2] });
    const p = buildProjection(site, saker, 'KategoriId,Kategori/Title,FleraId,Flera/Title', 'Kategori,Flera');
    // u4 is no member of the site: the web's permissions give nothing on Kategorier
    const hidden = renderItem({ site, list: saker, userCache: new Map(), viewer: users.u4 }, row, p);
    expect(hidden).toMatchObject({ KategoriId: 2, Kategori: null, FleraId: [1, 2], Flera: [] });
    const shown = renderItem({ site, list: saker, userCache: new Map(), viewer: users.admin }, row, p);
    expect(shown).toMatchObject({ KategoriId: 2, Kategori: { Title: 'Säkerhet' }, FleraId: [1, 2] });
    expect((shown.Flera as { Title: string }[]).map((c) => c.Title)).toEqual(['Drift', 'Säkerhet']);
  });
});
