/** The store's named statements (repository.ts) where a route relies on more than one row changing together. */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  addRoleAssignment,
  clearSubscopes,
  copyRoleAssignments,
  deleteList,
  hasDuplicateValues,
  removeFieldValues,
  removeSiteUser,
  roleAssignmentRows,
  setHasUnique,
} from '../../../src/server/local-sharepoint/repository.js';
import { scopeKey } from '../../../src/server/local-sharepoint/site.js';
import { type Fixture, makeSite } from './site-fixture.js';

let f: Fixture;
beforeEach(() => {
  f = makeSite({ items: 3 });
});

const count = (sql: string, ...params: unknown[]) => (f.site.db.prepare(sql).get(...params) as { n: number }).n;

describe('repository', () => {
  it('deleteList removes the list, its fields, items and every role assignment on it or its items', () => {
    const id = f.saker.id;
    addRoleAssignment(f.site.db, `list:${id}`, 4, 1073741826);
    addRoleAssignment(f.site.db, `item:${id}:2`, 4, 1073741826);
    addRoleAssignment(f.site.db, `list:${f.kategorier.id}`, 4, 1073741826);
    deleteList(f.site.db, id);
    expect(f.site.listById(id)).toBeUndefined();
    expect(count('SELECT COUNT(*) AS n FROM items WHERE list_id = ?', id)).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM fields WHERE list_id = ?', id)).toBe(0);
    expect(count("SELECT COUNT(*) AS n FROM role_assignments WHERE scope LIKE '%' || ? || '%'", id)).toBe(0);
    expect(roleAssignmentRows(f.site.db, `list:${f.kategorier.id}`)).toEqual([{ principal_id: 4, role_def_id: 1073741826 }]);
  });

  it('hasDuplicateValues compares case-folded and ignores empty values', () => {
    expect(hasDuplicateValues(f.site.db, f.saker.id, 'Kod')).toBe(false); // K1, K2, K0
    f.call('POST', "web/lists/getbytitle('Saker')/items", { Title: 'Utan kod A' });
    f.call('POST', "web/lists/getbytitle('Saker')/items", { Title: 'Utan kod B' });
    expect(hasDuplicateValues(f.site.db, f.saker.id, 'Kod')).toBe(false);
    f.call('POST', "web/lists/getbytitle('Saker')/items", { Title: 'Liten', Kod: 'k1' });
    expect(hasDuplicateValues(f.site.db, f.saker.id, 'Kod')).toBe(true);
  });

  it('removeFieldValues drops the column from every item of that list only', () => {
    removeFieldValues(f.site.db, f.saker.id, 'Kod');
    expect(count("SELECT COUNT(*) AS n FROM items WHERE list_id = ? AND json_extract(data, '$.Kod') IS NOT NULL", f.saker.id)).toBe(0);
    expect(count("SELECT COUNT(*) AS n FROM items WHERE list_id = ? AND json_extract(data, '$.Kod') IS NOT NULL", f.kategorier.id)).toBe(3);
  });

  it('removeSiteUser takes a user out of groups and assignments but never removes a site admin', () => {
    const user = f.site.ensureUser('admin@exempelkommun.se');
    expect(user?.is_site_admin).toBe(1);
    removeSiteUser(f.site.db, 1);
    expect(f.site.principal(1)).toBeDefined();
    expect(f.site.groupsOf(1)).toEqual([]);
  });

  it('copyRoleAssignments and clearSubscopes: a list made unique keeps its parent roles; clearing makes items inherit again', () => {
    const list = { type: 'list', listId: f.saker.id } as const;
    const item = { type: 'item', listId: f.saker.id, itemId: 2 } as const;
    copyRoleAssignments(f.site.db, 'web', scopeKey(list));
    setHasUnique(f.site.db, list, true);
    expect(roleAssignmentRows(f.site.db, scopeKey(list))).toEqual(roleAssignmentRows(f.site.db, 'web'));
    setHasUnique(f.site.db, item, true);
    addRoleAssignment(f.site.db, scopeKey(item), 4, 1073741826);
    expect(f.site.effectiveScope(item)).toEqual(item);
    clearSubscopes(f.site.db, list);
    expect(f.site.effectiveScope(item)).toEqual(list);
    expect(roleAssignmentRows(f.site.db, scopeKey(item))).toEqual([]);
    expect(roleAssignmentRows(f.site.db, scopeKey(list))).not.toEqual([]);
  });
});
