import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SPFI } from '@pnp/sp';
import '@pnp/sp/profiles';
import type { LocalSharePoint } from '../../src/server/local-sharepoint/index.js';
import { createLocalToken } from '../../src/shared/auth/local-token.js';
import { ensurePerson, searchPeople } from '../../src/shared/data/people.js';
import { ADMIN, spFor, startStore, statusOf } from './helpers.js';

const READER = 'lasare@exempelkommun.se';
const OUTSIDER = 'utanfor@exempelkommun.se';
const READ = 1073741826;

let store: LocalSharePoint;
let admin: SPFI;
let reader: SPFI;

beforeAll(async () => {
  store = await startStore();
  store.addDirectoryUsers([
    { upn: READER, displayName: 'Lars Läsare' },
    { upn: 'asa.ostberg@exempelkommun.se', displayName: 'Åsa Östberg' },
    { upn: 'anna.lind@exempelkommun.se', displayName: 'Anna Lind', email: 'anna@exempelkommun.se' },
    { upn: 'lina.andersson@exempelkommun.se', displayName: 'Lina Andersson' },
    { upn: OUTSIDER, displayName: 'Ulla Utanför' },
  ]);
  admin = spFor(store, ADMIN);
  reader = spFor(store, READER);
  // Read on the site, as the Systemkoll groups have.
  const { Id } = await admin.web.ensureUser(READER);
  await admin.web.roleAssignments.add(Id, READ);
});

afterAll(async () => {
  await store.close();
});

describe('ClientPeoplePickerSearchUser', () => {
  test('answers one JSON string of user entities, the way SharePoint Online does (PnPjs parses it)', async () => {
    const found = await admin.profiles.clientPeoplePickerSearchUser({ QueryString: 'ann', MaximumEntitySuggestions: 10, PrincipalType: 1 });
    expect(found).toEqual([
      expect.objectContaining({
        Key: 'i:0#.f|membership|anna.lind@exempelkommun.se',
        DisplayText: 'Anna Lind',
        EntityType: 'User',
        IsResolved: true,
        EntityData: expect.objectContaining({ Email: 'anna@exempelkommun.se', PrincipalType: 'User' }),
      }),
    ]);
  });

  test('matches the start of any word of the name, the sign-in name or the address; case and å/ä/ö as typed', async () => {
    const titles = async (q: string) => (await searchPeople(reader, q)).map((p) => p.title);
    expect(await titles('and')).toEqual(['Lina Andersson']);
    expect(await titles('öst')).toEqual(['Åsa Östberg']);
    expect(await titles('ÅSA')).toEqual(['Åsa Östberg']);
    expect(await titles('anna@')).toEqual(['Anna Lind']);
    expect(await titles('l')).toEqual(['Anna Lind', 'Lars Läsare', 'Lina Andersson']);
    expect(await titles('zz')).toEqual([]);
    expect(await titles('  ')).toEqual([]);
  });

  test('someone without access to the site is refused (403); access to one list only (Limited Access on the web) is enough', async () => {
    expect((await statusOf(searchPeople(spFor(store, OUTSIDER), 'anna'))).status).toBe(403);
    const { Id } = await admin.web.ensureUser(OUTSIDER);
    const list = await admin.web.lists.add('Bara en lista');
    await admin.web.lists.getById(list.Id).breakRoleInheritance(false);
    await admin.web.lists.getById(list.Id).roleAssignments.add(Id, READ);
    expect((await searchPeople(spFor(store, OUTSIDER), 'anna')).map((p) => p.title)).toEqual(['Anna Lind']);
  });

  test('MaximumEntitySuggestions limits the answer; groups only (PrincipalType 8) finds no users', async () => {
    expect(await admin.profiles.clientPeoplePickerSearchUser({ QueryString: 'l', MaximumEntitySuggestions: 1 })).toHaveLength(1);
    expect(await admin.profiles.clientPeoplePickerSearchUser({ QueryString: 'l', MaximumEntitySuggestions: 5, PrincipalType: 8 })).toEqual(
      [],
    );
  });

  test('verbose names the result after the method; a body without queryParams is refused (400); GET is not allowed', async () => {
    const url = `${store.siteUrl}/_api/SP.UI.ApplicationPages.ClientPeoplePickerWebServiceInterface.ClientPeoplePickerSearchUser`;
    const headers = { authorization: `Bearer ${createLocalToken(ADMIN)}`, 'content-type': 'application/json' };
    const verbose = await fetch(url, {
      method: 'POST',
      headers: { ...headers, accept: 'application/json;odata=verbose' },
      body: JSON.stringify({ queryParams: { QueryString: 'lina' } }),
    });
    const body = (await verbose.json()) as { d: { ClientPeoplePickerSearchUser: string } };
    expect(JSON.parse(body.d.ClientPeoplePickerSearchUser)).toEqual([expect.objectContaining({ DisplayText: 'Lina Andersson' })]);
    const bad = await fetch(url, { method: 'POST', headers: { ...headers, accept: 'application/json' }, body: '{}' });
    expect(bad.status).toBe(400);
    const get = await fetch(url, { headers: { ...headers, accept: 'application/json' } });
    expect(get.status).toBe(405);
  });

  test('the chosen Key is what ensureUser takes: the person becomes a site user once, with an id', async () => {
    const [anna] = await searchPeople(reader, 'anna');
    const first = await ensurePerson(admin, anna!.key);
    const again = await ensurePerson(admin, anna!.key);
    expect(first).toEqual({ id: again.id, title: 'Anna Lind', email: 'anna@exempelkommun.se' });
    expect((await admin.web.siteUsers.getById(first.id)()).LoginName).toBe(anna!.key);
    expect((await statusOf(ensurePerson(admin, 'i:0#.f|membership|ingen@exempelkommun.se'))).status).toBe(500);
  });
});
