/**
 * Fidelity to SharePoint, area by area as PnPjs's own test suite exercises it (test/sp in
 * pnp/pnpjs: items, lists, fields, batch, site users, site groups, webs, security), through plain
 * @pnp/sp (no Systemkoll behaviours) against the local store. Each scenario asserts what SharePoint
 * answers; what the store deliberately leaves out (docs/local-store.md) must answer as SharePoint
 * answers an unknown resource: 404, "-1, Microsoft.SharePoint.Client.ResourceNotFoundException".
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spfi, SPBrowser, type SPFI } from '@pnp/sp';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/fields';
import '@pnp/sp/batching';
import '@pnp/sp/site-users/web';
import '@pnp/sp/site-groups/web';
import '@pnp/sp/security';
import '@pnp/sp/folders/list';
import '@pnp/sp/views/list';
import '@pnp/sp/content-types/web';
import '@pnp/sp/content-types/list';
import { PermissionKind } from '@pnp/sp/security';
import { createLocalToken } from '../../src/shared/auth/local-token.js';
import { FreshBearerToken } from '../../src/shared/data/sp.js';
import type { LocalSharePoint } from '../../src/server/local-sharepoint/index.js';
import { ADMIN, startStore } from './helpers.js';

const MEMBER = 'medlem@exempelkommun.se';
const READ = 1073741826;
const CONTRIBUTE = 1073741827;
const NOT_FOUND = '-1, Microsoft.SharePoint.Client.ResourceNotFoundException';

let store: LocalSharePoint;
let sp: SPFI;

/** Plain PnPjs as its own tests configure it: the browser preset and a bearer token, nothing of ours. */
function pnp(upn: string): SPFI {
  return spfi().using(
    SPBrowser({ baseUrl: store.siteUrl }),
    FreshBearerToken(async () => createLocalToken(upn)),
  );
}

/** Status and SharePoint's odata.error of a rejected PnPjs call (HttpRequestError carries the response). */
async function failure(p: Promise<unknown>): Promise<{ status: number; code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as { status?: number; response?: Response };
    const body = (await err.response?.clone().json()) as { 'odata.error'?: { code: string; message: { value: string } } };
    return { status: err.status ?? 0, code: body['odata.error']?.code ?? '', message: body['odata.error']?.message.value ?? '' };
  }
  throw new Error('expected the call to be refused');
}

async function raw(path: string, accept: string): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${store.siteUrl}/_api/${path}`, {
    headers: { Authorization: `Bearer ${createLocalToken(ADMIN)}`, Accept: accept },
  });
  return { status: res.status, json: await res.json() };
}

beforeAll(async () => {
  store = await startStore();
  store.addDirectoryUsers([{ upn: MEMBER, displayName: 'Maja Medlem', email: 'maja@exempelkommun.se' }]);
  sp = pnp(ADMIN);
});

afterAll(async () => {
  await store.close();
});

describe('lists', () => {
  test('add, getById, getByTitle, update and delete', async () => {
    const added = await sp.web.lists.add('Fidelity add', 'described', 100, false);
    expect(added).toMatchObject({ Title: 'Fidelity add', Description: 'described', BaseTemplate: 100, BaseType: 0 });
    const byId = await sp.web.lists.getById(added.Id).select('Title')();
    expect(byId.Title).toBe('Fidelity add');
    await sp.web.lists.getByTitle('Fidelity add').update({ Title: 'Fidelity renamed', EnableVersioning: true });
    const renamed = await sp.web.lists.getByTitle('Fidelity renamed').select('Title', 'EnableVersioning')();
    expect(renamed).toMatchObject({ Title: 'Fidelity renamed', EnableVersioning: true });
    await sp.web.lists.getById(added.Id).delete();
    expect((await failure(sp.web.lists.getById(added.Id)())).status).toBe(404);
  });

  test('BaseTemplate 101 is a document library; a template the store lacks is refused, not made a list', async () => {
    const library = await sp.web.lists.add('Fidelity library', '', 101, false, { OnQuickLaunch: true } as never);
    expect(library).toMatchObject({ BaseTemplate: 101, BaseType: 1 });
    for (const template of [102, 104, 106, 107, 171]) {
      const refused = await failure(sp.web.lists.add(`Fidelity template ${template}`, '', template, false));
      expect(refused).toEqual({ status: 500, code: '-2130575237, Microsoft.SharePoint.SPException', message: 'Invalid list template.' });
      expect((await failure(sp.web.lists.getByTitle(`Fidelity template ${template}`)())).status).toBe(404);
    }
  });

  test('ensure creates once, then finds; a title over 255 characters is refused on add and update', async () => {
    const first = await sp.web.lists.ensure('Fidelity ensure');
    const again = await sp.web.lists.ensure('Fidelity ensure');
    expect([first.created, again.created]).toEqual([true, false]);
    const exactly255 = 'x'.repeat(255);
    expect((await sp.web.lists.ensure(exactly255)).created).toBe(true);
    const tooLong = await failure(sp.web.lists.ensure('y'.repeat(256)));
    expect(tooLong).toMatchObject({ status: 400, code: '-2147024809, System.ArgumentException' });
    expect((await failure(sp.web.lists.getByTitle('Fidelity ensure').update({ Title: 'z'.repeat(300) }))).status).toBe(400);
    expect(await sp.web.lists.filter(`startswith(Title,'y')`)()).toEqual([]);
  });

  test('ensure of an existing list with a property SP.List lacks is refused', async () => {
    const refused = await failure(sp.web.lists.ensure('Fidelity ensure', '', 100, false, { NoSuchProperty: 1 } as never));
    expect(refused).toMatchObject({ status: 400, code: '-1, Microsoft.SharePoint.Client.InvalidClientQueryException' });
    expect(refused.message).toContain("The property 'NoSuchProperty' does not exist on type 'SP.List'");
  });

  test('effectiveBasePermissions, fields, items and rootFolder answer; views and content types are not here', async () => {
    const list = sp.web.lists.getByTitle('Fidelity ensure');
    const perms = await list.effectiveBasePermissions();
    expect(sp.web.hasPermissions(perms, PermissionKind.ManageLists)).toBe(true);
    expect((await list.fields()).some((f) => f.InternalName === 'Title')).toBe(true);
    expect(await list.items()).toEqual([]);
    expect(await list.rootFolder.select('ServerRelativeUrl')()).toMatchObject({ ServerRelativeUrl: expect.stringMatching(/\/Lists\//) });
    for (const call of [list.views(), list.contentTypes(), sp.web.lists.ensureSiteAssetsLibrary()]) {
      expect(await failure(call)).toMatchObject({ status: 404, code: NOT_FOUND });
    }
  });
});

describe('items', () => {
  const title = 'Fidelity items';

  beforeAll(async () => {
    await sp.web.lists.ensure(title, 'Used to test item operations');
    const [batched, execute] = sp.batched();
    for (let i = 1; i <= 5; i++) void batched.web.lists.getByTitle(title).items.add({ Title: `Item ${i}` });
    await execute();
  });

  test('items, getById and getAll by paging agree with ItemCount', async () => {
    const list = sp.web.lists.getByTitle(title);
    const all = await list.items();
    expect(all.map((i) => i.Title)).toEqual(['Item 1', 'Item 2', 'Item 3', 'Item 4', 'Item 5']);
    expect(await list.items.getById(all[0].Id)()).toMatchObject({ Id: all[0].Id, Title: 'Item 1' });
    const paged: unknown[] = [];
    for await (const page of list.items.top(2)) paged.push(...page);
    const { ItemCount } = await list.select('ItemCount')();
    expect(paged).toHaveLength(ItemCount);
  });

  test('update and delete honour the etag: a stale one is refused with 412', async () => {
    const list = sp.web.lists.getByTitle(title);
    const added = await list.items.add({ Title: 'Versioned' });
    const etag = added['odata.etag'] as string;
    const updated = await list.items.getById(added.Id).update({ Title: 'Versioned 2' }, etag);
    expect(updated.etag).not.toBe(etag);
    const stale = await failure(list.items.getById(added.Id).update({ Title: 'Versioned 3' }, etag));
    expect(stale).toMatchObject({ status: 412, code: '-1, Microsoft.SharePoint.Client.ClientServiceException' });
    expect((await failure(list.items.getById(added.Id).delete(etag))).status).toBe(412);
    await list.items.getById(added.Id).delete(updated.etag);
    expect(await failure(list.items.getById(added.Id)())).toMatchObject({ status: 404, code: '-2130575338, System.ArgumentException' });
  });

  test('recycle answers the recycle bin id and the item is gone', async () => {
    const list = sp.web.lists.getByTitle(title);
    const added = await list.items.add({ Title: 'Recycle Me' });
    expect(await list.items.getById(added.Id).recycle()).toMatch(/^[0-9a-f-]{36}$/);
    expect((await failure(list.items.getById(added.Id)())).status).toBe(404);
  });

  test('item.list is the ParentList, and getParentInfos expands ParentList with its RootFolder and ParentWeb', async () => {
    const list = sp.web.lists.getByTitle(title);
    const [first] = await list.items.select('Id').top(1)();
    const item = list.items.getById(first.Id);
    const { Title } = await item.list.select('Title')();
    expect(Title).toBe(title);
    const infos = await item.getParentInfos();
    const { Id, RootFolder } = await list.select('Id', 'RootFolder/ServerRelativeUrl').expand('RootFolder')();
    expect(infos.Item.Id).toBe(first.Id);
    expect(infos.ParentList).toMatchObject({ Id, Title: title, RootFolderServerRelativeUrl: RootFolder.ServerRelativeUrl });
    expect(infos.ParentList.RootFolderServerRelativePath).toEqual({ DecodedUrl: RootFolder.ServerRelativeUrl });
    expect(infos.ParentWeb).toMatchObject({ Url: store.siteUrl, ServerRelativeUrl: '/sites/systemkoll' });
    const page = await list.items.select('Id', 'ParentList/Title').expand('ParentList').top(2)();
    expect(page.map((i) => i.ParentList)).toEqual([expect.objectContaining({ Title: title, 'odata.type': 'SP.List' }), expect.anything()]);
    expect(page[1].ParentList).toEqual(page[0].ParentList);
  });

  test('item permissions answer; versions and field values as text are not here', async () => {
    const list = sp.web.lists.getByTitle(title);
    const [first] = await list.items.select('Id').top(1)();
    const item = list.items.getById(first.Id);
    expect(sp.web.hasPermissions(await item.effectiveBasePermissions(), PermissionKind.EditListItems)).toBe(true);
    for (const call of [item.versions(), item.fieldValuesAsText(), item.fieldValuesAsHTML()]) {
      expect(await failure(call)).toMatchObject({ status: 404, code: NOT_FOUND });
    }
  });
});

describe('fields', () => {
  const title = 'Fidelity fields';

  beforeAll(async () => {
    await sp.web.lists.ensure(title);
    await sp.web.lists.ensure('Fidelity lookup target');
  });

  test('the common field types are added with their FieldTypeKind and read back by id, title and name', async () => {
    const fields = sp.web.lists.getByTitle(title).fields;
    const target = await sp.web.lists.getByTitle('Fidelity lookup target').select('Id')();
    const added = [
      await fields.addText('Kod', { MaxLength: 40 }),
      await fields.addMultilineText('Anteckning', { NumberOfLines: 6, RichText: false }),
      await fields.addNumber('Antal', { MinimumValue: 0, MaximumValue: 100 }),
      await fields.addDateTime('Datum'),
      await fields.addBoolean('Klar'),
      await fields.addChoice('Status', { Choices: ['ny', 'klar'] }),
      await fields.addMultiChoice('Taggar', { Choices: ['a', 'b'] }),
      await fields.addUser('Ansvarig', { SelectionMode: 0 }),
      await fields.addLookup('Koppling', { LookupListId: target.Id, LookupFieldName: 'Title' }),
    ];
    expect(added.map((f) => f.FieldTypeKind)).toEqual([2, 3, 9, 4, 8, 6, 15, 20, 7]);
    const kodId = String(added[0]?.Id);
    expect(await fields.getById(kodId)()).toMatchObject({ InternalName: 'Kod', MaxLength: 40 });
    expect(await fields.getByTitle('Kod')()).toMatchObject({ Id: kodId });
    expect(await fields.getByInternalNameOrTitle('Kod')()).toMatchObject({ Id: kodId });
  });

  test('update and delete a field; an unknown field is SharePoint answer for a missing field', async () => {
    const fields = sp.web.lists.getByTitle(title).fields;
    const id = String((await fields.addText('Tillfällig')).Id);
    await fields.getById(id).update({ Title: 'Tillfällig 2', Description: 'd' });
    expect(await fields.getById(id).select('Title', 'Description')()).toMatchObject({ Title: 'Tillfällig 2', Description: 'd' });
    await fields.getById(id).delete();
    expect((await failure(fields.getById(id)())).status).toBe(404);
    expect(await failure(sp.web.fields())).toMatchObject({ status: 404, code: NOT_FOUND });
  });
});

describe('batch', () => {
  test('several operations in one request, answered in order, each with its own result', async () => {
    const { list } = await sp.web.lists.ensure('Fidelity batch');
    const [batched, execute] = sp.batched();
    const blist = batched.web.lists.getByTitle('Fidelity batch');
    const a = blist.items.add({ Title: 'A' });
    const b = blist.items.add({ Title: 'B' });
    const web = batched.web.select('Title')();
    const missing = batched.web.lists
      .getByTitle('No such list')()
      .then(
        () => 'found',
        (e: { status?: number }) => e.status,
      );
    store.stats.reset();
    await execute();
    expect(store.stats.requests).toBe(1);
    expect((await a).Title).toBe('A');
    // Run in the order sent: B is added after A.
    expect((await b).Id).toBe((await a).Id + 1);
    expect((await web).Title).toBe('Systemkoll');
    expect(await missing).toBe(404);
    expect((await list.items()).map((i) => i.Title)).toEqual(['A', 'B']);
  });
});

describe('site users and groups', () => {
  test('siteUsers, currentUser, ensureUser, getById, getByEmail, getByLoginName, currentUser.groups', async () => {
    const me = await sp.web.currentUser();
    expect(me).toMatchObject({ Id: 1, LoginName: `i:0#.f|membership|${ADMIN}`, IsSiteAdmin: true });
    const ensured = await sp.web.ensureUser(MEMBER);
    expect(ensured).toMatchObject({ LoginName: `i:0#.f|membership|${MEMBER}`, Title: 'Maja Medlem' });
    expect((await sp.web.siteUsers()).map((u) => u.Id)).toContain(ensured.Id);
    expect(await sp.web.getUserById(ensured.Id)()).toMatchObject({ Email: 'maja@exempelkommun.se' });
    expect(await sp.web.siteUsers.getByEmail('maja@exempelkommun.se')()).toMatchObject({ Id: ensured.Id });
    expect(await sp.web.siteUsers.getByLoginName(ensured.LoginName)()).toMatchObject({ Id: ensured.Id });
    expect((await sp.web.currentUser.groups()).map((g) => g.Title)).toContain('Systemkoll Owners');
    expect((await failure(sp.web.ensureUser('okand@exempelkommun.se'))).status).toBe(500);
  });

  test('siteGroups: associated groups, add, getById, getByName, update, users, remove', async () => {
    expect((await sp.web.associatedOwnerGroup()).Title).toBe('Systemkoll Owners');
    expect((await sp.web.associatedMemberGroup()).Title).toBe('Systemkoll Members');
    expect((await sp.web.associatedVisitorGroup()).Title).toBe('Systemkoll Visitors');
    const group = await sp.web.siteGroups.add({ Title: 'Fidelity group', Description: 'first' });
    expect(await sp.web.siteGroups.getById(group.Id)()).toMatchObject({ Title: 'Fidelity group', PrincipalType: 8 });
    await sp.web.siteGroups.getByName('Fidelity group').update({ Title: 'Fidelity group 2', Description: 'second' });
    expect(await sp.web.siteGroups.getById(group.Id)()).toMatchObject({ Title: 'Fidelity group 2', Description: 'second' });
    await sp.web.siteGroups.getById(group.Id).users.add(`i:0#.f|membership|${MEMBER}`);
    expect((await sp.web.siteGroups.getById(group.Id).users()).map((u) => u.Title)).toEqual(['Maja Medlem']);
    expect((await failure(sp.web.siteGroups.add({ Title: 'Fidelity group 2' }))).status).toBe(500);
    await sp.web.siteGroups.removeById(group.Id);
    expect((await failure(sp.web.siteGroups.getById(group.Id)())).status).toBe(404);
    const other = await sp.web.siteGroups.add({ Title: 'Fidelity group 3' });
    await sp.web.siteGroups.removeByLoginName(other.LoginName);
    expect((await failure(sp.web.siteGroups.getByName('Fidelity group 3')())).status).toBe(404);
  });
});

describe('webs', () => {
  test('the web, its properties and update', async () => {
    const web = await sp.web();
    expect(web).toMatchObject({ Title: 'Systemkoll', Url: store.siteUrl, ServerRelativeUrl: '/sites/systemkoll', WebTemplate: 'STS' });
    await sp.web.update({ Title: 'Systemkoll fidelity', Description: 'beskrivning' });
    expect(await sp.web.select('Title', 'Description')()).toMatchObject({ Title: 'Systemkoll fidelity', Description: 'beskrivning' });
    expect((await failure(sp.web.update({ NoSuchProperty: 1 } as never))).status).toBe(400);
    await sp.web.update({ Title: 'Systemkoll' });
  });

  test('getParentWeb on a root web is null ($expand=ParentWeb answers 200 with ParentWeb null)', async () => {
    expect(await sp.web.getParentWeb()).toBeNull();
    const light = await raw('web?$select=Url,ParentWeb/ServerRelativeUrl&$expand=ParentWeb', 'application/json;odata=nometadata');
    expect(light).toEqual({ status: 200, json: { ParentWeb: null, Url: store.siteUrl } });
    const verbose = await raw('web?$select=Title,ParentWeb/Title&$expand=ParentWeb', 'application/json;odata=verbose');
    expect(verbose.status).toBe(200);
    expect(verbose.json).toMatchObject({ d: { __metadata: { type: 'SP.Web' }, Title: 'Systemkoll', ParentWeb: null } });
    expect(await raw('web/ParentWeb', 'application/json;odata=minimalmetadata')).toEqual({ status: 200, json: { 'odata.null': true } });
  });

  test('subwebs, web content types and an unknown segment are SharePoint unknown resources', async () => {
    for (const call of [sp.web.webs(), sp.web.contentTypes(), sp.web.getList('/sites/systemkoll/Lists/x')()]) {
      expect(await failure(call)).toMatchObject({ status: 404, code: NOT_FOUND });
    }
    expect((await raw('site/NoSuchThing', 'application/json;odata=minimalmetadata')).json).toMatchObject({
      'odata.error': { code: NOT_FOUND, message: { value: 'Cannot find resource for the request nosuchthing.' } },
    });
    const unknown = await raw('web/NoSuchThing', 'application/json;odata=minimalmetadata');
    expect(unknown).toEqual({
      status: 404,
      json: { 'odata.error': { code: NOT_FOUND, message: { lang: 'en-US', value: 'Cannot find resource for the request nosuchthing.' } } },
    });
  });
});

describe('security', () => {
  test('roleAssignments, breakRoleInheritance, effective permissions, add and remove, reset', async () => {
    const { list } = await sp.web.lists.ensure('Fidelity security');
    const member = await sp.web.ensureUser(MEMBER);
    expect((await list.roleAssignments()).length).toBeGreaterThan(0);
    expect(await list.firstUniqueAncestorSecurableObject()).not.toBeNull();
    expect(await list.userHasPermissions(member.LoginName, PermissionKind.ViewListItems)).toBe(false);
    expect(await list.currentUserHasPermissions(PermissionKind.AddListItems)).toBe(true);
    await list.breakRoleInheritance(true, true);
    expect((await list.select('HasUniqueRoleAssignments')<{ HasUniqueRoleAssignments: boolean }>()).HasUniqueRoleAssignments).toBe(true);
    await list.roleAssignments.add(member.Id, CONTRIBUTE);
    expect(await list.userHasPermissions(member.LoginName, PermissionKind.AddListItems)).toBe(true);
    expect(await pnp(MEMBER).web.lists.getByTitle('Fidelity security').items.add({ Title: 'by member' })).toMatchObject({
      Title: 'by member',
    });
    await list.roleAssignments.remove(member.Id, CONTRIBUTE);
    await list.roleAssignments.add(member.Id, READ);
    const denied = await failure(pnp(MEMBER).web.lists.getByTitle('Fidelity security').items.add({ Title: 'again' }));
    expect(denied).toMatchObject({ status: 403, code: '-2147024891, System.UnauthorizedAccessException' });
    await list.resetRoleInheritance();
    expect(await list.userHasPermissions(member.LoginName, PermissionKind.ViewListItems)).toBe(false);
  });

  test('role definitions are read by name and type; custom ones cannot be added here', async () => {
    const read = await sp.web.roleDefinitions.getByName('Read')();
    expect(read).toMatchObject({ Id: READ, RoleTypeKind: 2 });
    expect(await sp.web.roleDefinitions.getByType(3)()).toMatchObject({ Id: CONTRIBUTE });
    expect((await failure(sp.web.roleDefinitions.add('Fidelity level', '', 1000, { Low: 1, High: 0 }))).status).toBe(405);
  });
});
