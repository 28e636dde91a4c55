import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SPFI } from '@pnp/sp';
import { PermissionKind } from '@pnp/sp/security';
import type { LocalSharePoint } from '../../src/server/local-sharepoint/index.js';
import { ADMIN, spFor, startStore, statusOf } from './helpers.js';

const READER = 'lasare@exempelkommun.se';
const EDITOR = 'redaktor@exempelkommun.se';
const OTHER = 'ovrig@exempelkommun.se';
const READ = 1073741826;
const CONTRIBUTE = 1073741827;

let store: LocalSharePoint;
let admin: SPFI;
let reader: SPFI;
let editor: SPFI;
let other: SPFI;

beforeAll(async () => {
  store = await startStore();
  store.addDirectoryUsers([
    { upn: READER, displayName: 'Lars Läsare' },
    { upn: EDITOR, displayName: 'Rut Redaktör' },
    { upn: OTHER, displayName: 'Östen Övrig', email: 'osten@exempelkommun.se' },
  ]);
  admin = spFor(store, ADMIN);
  reader = spFor(store, READER);
  editor = spFor(store, EDITOR);
  other = spFor(store, OTHER);
});

afterAll(async () => {
  await store.close();
});

describe('users', () => {
  test('currentUser, ensureUser forms, siteUsers lookups', async () => {
    const me = await admin.web.currentUser();
    expect(me).toMatchObject({
      Id: 1,
      LoginName: 'i:0#.f|membership|admin@exempelkommun.se',
      Title: 'Administratör Exempelkommun',
      IsSiteAdmin: true,
      PrincipalType: 1,
      UserPrincipalName: ADMIN,
      Email: ADMIN,
    });
    const a = await admin.web.ensureUser(`i:0#.f|membership|${READER}`);
    const b = await admin.web.ensureUser(READER);
    expect(b.Id).toBe(a.Id);
    const byMail = await admin.web.ensureUser('osten@exempelkommun.se');
    expect(byMail).toMatchObject({ Title: 'Östen Övrig', LoginName: `i:0#.f|membership|${OTHER}` });
    const unknown = await statusOf(admin.web.ensureUser('ingen@exempelkommun.se'));
    expect(unknown.status).toBe(500);
    expect(unknown.message).toBe('The specified user ingen@exempelkommun.se could not be found.');
    expect((await admin.web.siteUsers.getById(a.Id)()).Title).toBe('Lars Läsare');
    expect((await admin.web.siteUsers.getByEmail('osten@exempelkommun.se')()).Id).toBe(byMail.Id);
    expect((await admin.web.siteUsers.getByLoginName(`i:0#.f|membership|${READER}`)()).Id).toBe(a.Id);
    expect((await statusOf(admin.web.siteUsers.getByEmail('x@y.se')())).status).toBe(404);
    const all = await admin.web.siteUsers();
    expect(all.map((u: { Id: number }) => u.Id)).toEqual(expect.arrayContaining([1, a.Id, byMail.Id]));
    // a directory user becomes a site user on first request
    const editorMe = await editor.web.currentUser();
    expect(editorMe.IsSiteAdmin).toBe(false);
  });

  test('role definitions', async () => {
    const defs = await admin.web.roleDefinitions();
    const byName = new Map(defs.map((d: { Name: string }) => [d.Name, d]));
    expect(byName.get('Full Control')).toMatchObject({
      Id: 1073741829,
      RoleTypeKind: 5,
      BasePermissions: { High: '2147483647', Low: '4294967295' },
    });
    expect(byName.get('Read')).toMatchObject({ Id: READ, RoleTypeKind: 2 });
    expect((await admin.web.roleDefinitions.getByType(3)()).Name).toBe('Contribute');
    expect((await admin.web.roleDefinitions.getByName('Edit')()).Id).toBe(1073741830);
  });

  test('site groups and members', async () => {
    const groups = await admin.web.siteGroups.select('Id', 'Title', 'PrincipalType')();
    expect(groups.map((g: { Title: string }) => g.Title)).toEqual(['Systemkoll Owners', 'Systemkoll Visitors', 'Systemkoll Members']);
    const created = await admin.web.siteGroups.add({ Title: 'Systemförvaltare', Description: 'Förvaltar system' });
    expect(created).toMatchObject({ Title: 'Systemförvaltare', PrincipalType: 8 });
    const g = admin.web.siteGroups.getByName('Systemförvaltare');
    await g.users.add(`i:0#.f|membership|${EDITOR}`);
    await g.users.add(`i:0#.f|membership|${OTHER}`);
    expect((await g.users()).map((u: { Title: string }) => u.Title).sort()).toEqual(['Rut Redaktör', 'Östen Övrig']);
    await g.users.removeByLoginName(`i:0#.f|membership|${OTHER}`);
    const editorId = (await admin.web.ensureUser(EDITOR)).Id;
    expect((await admin.web.siteUsers.getById(editorId).groups()).map((x: { Title: string }) => x.Title)).toEqual(['Systemförvaltare']);
    expect((await editor.web.currentUser.groups()).map((x: { Id: number }) => x.Id)).toEqual([created.Id]);
    expect((await admin.web.siteGroups.getById(created.Id)()).Title).toBe('Systemförvaltare');
    expect((await statusOf(admin.web.siteGroups.getByName('Finns ej')())).status).toBe(404);
    // only those who may manage permissions create groups
    expect((await statusOf(editor.web.siteGroups.add({ Title: 'X' }))).status).toBe(403);
  });
});

describe('permissions', () => {
  let readerId: number;
  let editorId: number;
  let groupId: number;

  beforeAll(async () => {
    readerId = (await admin.web.ensureUser(READER)).Id;
    editorId = (await admin.web.ensureUser(EDITOR)).Id;
    groupId = (await admin.web.siteGroups.getByName('Systemförvaltare')()).Id;
    await admin.web.siteGroups.getByName('Systemkoll Visitors').users.add(`i:0#.f|membership|${READER}`);
    await admin.web.lists.add('Incidenter');
    const list = admin.web.lists.getByTitle('Incidenter');
    await list.breakRoleInheritance(false, true);
    await list.roleAssignments.add(readerId, READ);
    await list.roleAssignments.add(groupId, CONTRIBUTE);
  });

  test('the site admin has everything; effective permissions per user', async () => {
    const web = (await admin.web.select('EffectiveBasePermissions')()) as unknown as { EffectiveBasePermissions: unknown };
    expect(web.EffectiveBasePermissions).toEqual({ High: '2147483647', Low: '4294967295' });
    expect(await admin.web.currentUserHasPermissions(PermissionKind.ManageWeb)).toBe(true);
    const list = admin.web.lists.getByTitle('Incidenter');
    expect(await reader.web.lists.getByTitle('Incidenter').currentUserHasPermissions(PermissionKind.ViewListItems)).toBe(true);
    expect(await reader.web.lists.getByTitle('Incidenter').currentUserHasPermissions(PermissionKind.AddListItems)).toBe(false);
    expect(await editor.web.lists.getByTitle('Incidenter').currentUserHasPermissions(PermissionKind.EditListItems)).toBe(true);
    const perms = await list.getUserEffectivePermissions(`i:0#.f|membership|${READER}`);
    expect(list.hasPermissions(perms, PermissionKind.ViewListItems)).toBe(true);
    expect(list.hasPermissions(perms, PermissionKind.ManageLists)).toBe(false);
    expect(await other.web.lists.getByTitle('Incidenter').currentUserHasPermissions(PermissionKind.ViewListItems)).toBe(false);
  });

  test('role assignments with $expand', async () => {
    const list = admin.web.lists.getByTitle('Incidenter');
    expect(((await list.select('HasUniqueRoleAssignments')()) as { HasUniqueRoleAssignments?: boolean }).HasUniqueRoleAssignments).toBe(
      true,
    );
    const ras = (await list.roleAssignments
      .expand('Member', 'RoleDefinitionBindings')
      .select('PrincipalId', 'Member/Title', 'RoleDefinitionBindings/Id')()) as unknown as {
      PrincipalId: number;
      RoleDefinitionBindings: { Id: number }[];
    }[];
    const map = new Map(
      ras.map((r: { PrincipalId: number; RoleDefinitionBindings: { Id: number }[] }) => [
        r.PrincipalId,
        r.RoleDefinitionBindings.map((b) => b.Id),
      ]),
    );
    expect(map.get(readerId)).toEqual([READ]);
    expect(map.get(groupId)).toEqual([CONTRIBUTE]);
    const webRas = (await admin.web.roleAssignments.expand('Member')()) as unknown as { Member: { Title: string } }[];
    expect(webRas.map((r: { Member: { Title: string } }) => r.Member.Title)).toContain('Systemkoll Owners');
    await list.roleAssignments.remove(readerId, READ);
    // the list has unique permissions, so Lars' Read on the web (Visitors) does not apply
    expect(await reader.web.lists.getByTitle('Incidenter').currentUserHasPermissions(PermissionKind.ViewListItems)).toBe(false);
  });

  test('reader cannot add (403), contributor can; schema changes need ManageLists', async () => {
    const list = admin.web.lists.getByTitle('Incidenter');
    await list.roleAssignments.add(readerId, READ);
    const denied = await statusOf(reader.web.lists.getByTitle('Incidenter').items.add({ Title: 'Nej' }));
    expect(denied.status).toBe(403);
    expect(denied.message).toBe('Access denied. You do not have permission to perform this action or access this resource.');
    const ok = await editor.web.lists.getByTitle('Incidenter').items.add({ Title: 'Från redaktör' });
    expect(ok.AuthorId).toBe(editorId);
    expect(
      (await statusOf(editor.web.lists.getByTitle('Incidenter').fields.createFieldAsXml('<Field Type="Text" Name="X" DisplayName="X" />')))
        .status,
    ).toBe(403);
    expect((await statusOf(editor.web.lists.getByTitle('Incidenter').update({ Description: 'x' }))).status).toBe(403);
    expect((await statusOf(reader.web.lists.getByTitle('Incidenter').items.getById(ok.Id).update({ Title: 'x' }))).status).toBe(403);
    expect((await reader.web.lists.getByTitle('Incidenter').items()).length).toBe(1);
    // Someone with no role on the list is refused the list itself, its items included (no counts either).
    expect((await statusOf(other.web.lists.getByTitle('Incidenter').items.getById(ok.Id)())).status).toBe(403);
    expect((await statusOf(other.web.lists.getByTitle('Incidenter').items())).status).toBe(403);
  });

  test('ReadSecurity=2 and WriteSecurity=2 limit users to their own items', async () => {
    const list = admin.web.lists.getByTitle('Incidenter');
    await list.update({ ReadSecurity: 2, WriteSecurity: 2 });
    await admin.web.siteGroups.getByName('Systemförvaltare').users.add(`i:0#.f|membership|${OTHER}`);
    const mine = await other.web.lists.getByTitle('Incidenter').items.add({ Title: 'Östens' });
    const seen = await other.web.lists.getByTitle('Incidenter').items.select('Title')();
    expect(seen.map((i: { Title: string }) => i.Title)).toEqual(['Östens']);
    const editorsItem = (await editor.web.lists.getByTitle('Incidenter').items.select('Id')())[0] as { Id: number };
    expect((await statusOf(other.web.lists.getByTitle('Incidenter').items.getById(editorsItem.Id)())).status).toBe(404);
    expect((await statusOf(other.web.lists.getByTitle('Incidenter').items.getById(editorsItem.Id).update({ Title: 'x' }))).status).toBe(
      404,
    );
    // the admin (ManageLists) sees everything
    expect(await list.items()).toHaveLength(2);
    await list.update({ ReadSecurity: 1 });
    expect((await other.web.lists.getByTitle('Incidenter').items()).length).toBe(2);
    expect((await statusOf(other.web.lists.getByTitle('Incidenter').items.getById(editorsItem.Id).update({ Title: 'x' }))).status).toBe(
      403,
    );
    await other.web.lists.getByTitle('Incidenter').items.getById(mine.Id).update({ Title: 'Östens, ändrad' });
    await list.update({ WriteSecurity: 4 });
    expect((await statusOf(other.web.lists.getByTitle('Incidenter').items.getById(mine.Id).update({ Title: 'x' }))).status).toBe(403);
    await list.update({ WriteSecurity: 1 });
  });

  test('item-level broken inheritance hides an item from one user', async () => {
    const list = admin.web.lists.getByTitle('Incidenter');
    const secret = await list.items.add({ Title: 'Hemlig' });
    const item = list.items.getById(secret.Id);
    await item.breakRoleInheritance(true, false);
    await item.roleAssignments.remove(readerId, READ);
    expect((await item.select('HasUniqueRoleAssignments')()).HasUniqueRoleAssignments).toBe(true);
    const readerTitles = (await reader.web.lists.getByTitle('Incidenter').items.select('Title')()).map((i: { Title: string }) => i.Title);
    expect(readerTitles).not.toContain('Hemlig');
    expect((await statusOf(reader.web.lists.getByTitle('Incidenter').items.getById(secret.Id)())).status).toBe(404);
    const editorTitles = (await editor.web.lists.getByTitle('Incidenter').items.select('Title')()).map((i: { Title: string }) => i.Title);
    expect(editorTitles).toContain('Hemlig');
    expect(
      await reader.web.lists
        .getByTitle('Incidenter')
        .items.getById(secret.Id)
        .currentUserHasPermissions(PermissionKind.ViewListItems)
        .catch(() => false),
    ).toBe(false);
    await item.resetRoleInheritance();
    const again = (await reader.web.lists.getByTitle('Incidenter').items.select('Title')()).map((i: { Title: string }) => i.Title);
    expect(again).toContain('Hemlig');
  });

  test('resetRoleInheritance on a list returns it to the web permissions', async () => {
    await admin.web.lists.add('Ärvande');
    const list = admin.web.lists.getByTitle('Ärvande');
    await list.breakRoleInheritance(false);
    expect(await reader.web.lists.getByTitle('Ärvande').currentUserHasPermissions(PermissionKind.ViewListItems)).toBe(false);
    await list.resetRoleInheritance();
    // Lars is in Visitors (Read on the web)
    expect(await reader.web.lists.getByTitle('Ärvande').currentUserHasPermissions(PermissionKind.ViewListItems)).toBe(true);
    expect((await statusOf(list.roleAssignments.add(readerId, CONTRIBUTE))).status).toBe(400);
  });
});
