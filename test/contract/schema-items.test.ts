import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SPFI } from '@pnp/sp';
import type { LocalSharePoint } from '../../src/server/local-sharepoint/index.js';
import { createLocalToken } from '../../src/shared/auth/local-token.js';
import { ADMIN, spFor, startStore, statusOf } from './helpers.js';

let store: LocalSharePoint;
let sp: SPFI;
const hint = 8; // AddFieldOptions.AddFieldInternalNameHint

beforeAll(async () => {
  store = await startStore();
  store.addDirectoryUsers([
    { upn: 'anna@exempelkommun.se', displayName: 'Anna Andersson' },
    { upn: 'bo@exempelkommun.se', displayName: 'Bo Ek', email: 'bo.ek@exempelkommun.se' },
  ]);
  sp = spFor(store, ADMIN);
  await sp.web.lists.add('Kategorier');
  await sp.web.lists.add('Systems', 'Systemförteckning');
  const cats = sp.web.lists.getByTitle('Kategorier');
  await cats.items.add({ Title: 'Ekonomi' });
  await cats.items.add({ Title: 'Skola' });
  const catList = await cats.select('Id')();
  const f = sp.web.lists.getByTitle('Systems').fields;
  const xml = [
    '<Field Type="Text" Name="SystemCode" StaticName="SystemCode" DisplayName="Systemkod" MaxLength="10" Indexed="TRUE" EnforceUniqueValues="TRUE" />',
    '<Field Type="User" Name="SystemOwner" StaticName="SystemOwner" DisplayName="Systemägare" UserSelectionMode="PeopleOnly" />',
    '<Field Type="UserMulti" Name="Reviewers" StaticName="Reviewers" DisplayName="Granskare" Mult="TRUE" />',
    `<Field Type="Lookup" Name="Category" StaticName="Category" DisplayName="Kategori" List="{${catList.Id}}" ShowField="Title" />`,
    `<Field Type="LookupMulti" Name="Related" StaticName="Related" DisplayName="Relaterade" List="{${catList.Id}}" ShowField="Title" Mult="TRUE" />`,
    '<Field Type="Choice" Name="Status" StaticName="Status" DisplayName="Status" Format="Dropdown"><CHOICES><CHOICE>Aktiv</CHOICE><CHOICE>Avvecklad &amp; arkiverad</CHOICE></CHOICES><Default>Aktiv</Default></Field>',
    '<Field Type="MultiChoice" Name="Tags" StaticName="Tags" DisplayName="Taggar"><CHOICES><CHOICE>a</CHOICE><CHOICE>b</CHOICE></CHOICES></Field>',
    '<Field Type="Number" Name="Criticality" StaticName="Criticality" DisplayName="Kritikalitet" Decimals="0" Min="1" Max="4" />',
    '<Field Type="Currency" Name="Cost" StaticName="Cost" DisplayName="Kostnad" />',
    '<Field Type="Boolean" Name="Personal" StaticName="Personal" DisplayName="Personuppgifter"><Default>0</Default></Field>',
    '<Field Type="DateTime" Name="ReviewDate" StaticName="ReviewDate" DisplayName="Granskas" Format="DateOnly" />',
    '<Field Type="Note" Name="Notes" StaticName="Notes" DisplayName="Anteckningar" />',
    '<Field Type="URL" Name="Link" StaticName="Link" DisplayName="Länk" Format="Hyperlink" />',
  ];
  for (const SchemaXml of xml) await f.createFieldAsXml({ SchemaXml, Options: hint });
});

afterAll(async () => {
  await store.close();
});

describe('web and lists', () => {
  test('web, contextinfo', async () => {
    const web = await sp.web.select('Title', 'Url', 'Id', 'ServerRelativeUrl')();
    expect(web.Url).toBe(store.siteUrl);
    expect(web.ServerRelativeUrl).toBe('/sites/systemkoll');
    const res = await fetch(`${store.siteUrl}/_api/contextinfo`, {
      method: 'POST',
      headers: { Accept: 'application/json', Authorization: `Bearer ${createLocalToken(ADMIN)}` },
    });
    const info = (await res.json()) as { FormDigestValue: string; FormDigestTimeoutSeconds: number };
    expect(info.FormDigestValue).toMatch(/^0x/);
    expect(info.FormDigestTimeoutSeconds).toBe(1800);
  });

  test('401 without or with a bad token', async () => {
    const res = await fetch(`${store.siteUrl}/_api/web`, { headers: { Accept: 'application/json' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
    expect(await res.json()).toHaveProperty('error_description');
    const bad = await fetch(`${store.siteUrl}/_api/web`, { headers: { Authorization: `Bearer ${createLocalToken('okand@annan.se')}` } });
    expect(bad.status).toBe(401);
  });

  test('ensure, getByTitle (case, apostrophes), guid forms, 404 and duplicate titles', async () => {
    const first = await sp.web.lists.ensure("Anna's lista", 'x', 100, false, { EnableVersioning: true });
    expect(first.created).toBe(true);
    const again = await sp.web.lists.ensure("Anna's lista", 'y', 100, false, { MajorVersionLimit: 10 });
    expect(again.created).toBe(false);
    const l = await sp.web.lists
      .getByTitle("ANNA'S LISTA")
      .select('Id', 'Title', 'EnableVersioning', 'MajorVersionLimit', 'Description', 'EntityTypeName', 'ItemCount')();
    expect(l).toMatchObject({ Title: "Anna's lista", EnableVersioning: true, MajorVersionLimit: 10, Description: 'y', ItemCount: 0 });
    expect(l.EntityTypeName).toBe('Anna_x0027_s_x0020_listaList');
    expect((await sp.web.lists.getById(l.Id)()).Title).toBe("Anna's lista");
    const res = await fetch(`${store.siteUrl}/_api/Web/Lists(guid'${l.Id}')?$select=Title`, {
      headers: { Accept: 'application/json', Authorization: `Bearer ${createLocalToken(ADMIN)}` },
    });
    expect(((await res.json()) as { Title: string }).Title).toBe("Anna's lista");
    const missing = await statusOf(sp.web.lists.getByTitle('Finns inte')());
    expect(missing.status).toBe(404);
    expect(missing.message).toBe(`List 'Finns inte' does not exist at site with URL '${store.siteUrl}'.`);
    const dup = await statusOf(sp.web.lists.add('systems'));
    expect(dup.status).toBe(500);
    expect(dup.message).toMatch(/already exists/);
  });

  test('list settings MERGE and unknown properties', async () => {
    const list = sp.web.lists.getByTitle("Anna's lista");
    await list.update({ ReadSecurity: 2, WriteSecurity: 2, Description: 'z' });
    const l = await list.select('ReadSecurity', 'WriteSecurity', 'HasUniqueRoleAssignments')();
    expect(l).toMatchObject({ ReadSecurity: 2, WriteSecurity: 2, HasUniqueRoleAssignments: false });
    expect((await statusOf(list.update({ Bogus: 1 } as never))).status).toBe(400);
  });
});

describe('fields', () => {
  test('createFieldAsXml keeps Name only with the internal-name hint, like SharePoint', async () => {
    const fields = sp.web.lists.getByTitle("Anna's lista").fields;
    const hinted = await fields.createFieldAsXml({
      SchemaXml: '<Field Type="Text" Name="OwnerName" StaticName="OwnerName" DisplayName="Ägarens namn" />',
      Options: hint,
    });
    expect(hinted.InternalName).toBe('OwnerName');
    const plain = await fields.createFieldAsXml('<Field Type="Text" Name="Other" DisplayName="Ägare två" />');
    expect(plain.InternalName).toBe('_x00c4_gare_x0020_tv_x00e5_');
  });

  test('field metadata', async () => {
    const fields = await sp.web.lists
      .getByTitle('Systems')
      .fields.select(
        'InternalName',
        'Title',
        'TypeAsString',
        'FieldTypeKind',
        'Indexed',
        'EnforceUniqueValues',
        'MaxLength',
        'Choices',
        'AllowMultipleValues',
        'LookupList',
        'DefaultValue',
        'SchemaXml',
        'Required',
        'Hidden',
        'ReadOnlyField',
        'Id',
      )();
    const by = new Map<string, Record<string, unknown>>(fields.map((f) => [f.InternalName, f as unknown as Record<string, unknown>]));
    expect(by.get('Title')).toMatchObject({ TypeAsString: 'Text', MaxLength: 255 });
    expect(by.get('ID')).toMatchObject({ TypeAsString: 'Counter', ReadOnlyField: true });
    expect(by.get('Author')).toMatchObject({ TypeAsString: 'User' });
    expect(by.get('SystemCode')).toMatchObject({
      Title: 'Systemkod',
      TypeAsString: 'Text',
      FieldTypeKind: 2,
      Indexed: true,
      EnforceUniqueValues: true,
      MaxLength: 10,
    });
    expect(by.get('Status')).toMatchObject({ Choices: ['Aktiv', 'Avvecklad & arkiverad'], DefaultValue: 'Aktiv', FieldTypeKind: 6 });
    expect(by.get('Reviewers')).toMatchObject({ TypeAsString: 'UserMulti', AllowMultipleValues: true, FieldTypeKind: 20 });
    expect(by.get('Category')).toMatchObject({ TypeAsString: 'Lookup', FieldTypeKind: 7 });
    expect((by.get('SystemOwner') as { SchemaXml: string }).SchemaXml).toContain('Name="SystemOwner"');
    const one = await sp.web.lists.getByTitle('Systems').fields.getByInternalNameOrTitle('Systemägare')();
    expect(one.InternalName).toBe('SystemOwner');
  });

  test('verbose add* bodies and AddField lookup', async () => {
    const list = sp.web.lists.getByTitle('Kategorier');
    const text = await list.fields.addText('Kort namn', { MaxLength: 50 });
    expect(text).toMatchObject({ InternalName: 'Kort_x0020_namn', MaxLength: 50, TypeAsString: 'Text' });
    const choice = await list.fields.addChoice('Nivå', { Choices: ['1', '2'] });
    // fields.add* talk odata=verbose, where collections come as { results }
    expect((choice.Choices as unknown as { results: string[] }).results).toEqual(['1', '2']);
    await list.fields.addNumber('Antal');
    await list.fields.addBoolean('Aktiv');
    await list.fields.addDateTime('Datum');
    await list.fields.addUser('Ansvarig', { SelectionMode: 0 });
    await list.fields.addMultilineText('Beskrivning');
    const systems = await sp.web.lists.getByTitle('Systems').select('Id')();
    const lookup = await list.fields.addLookup('System', { LookupListId: systems.Id, LookupFieldName: 'Title' });
    expect(lookup).toMatchObject({ TypeAsString: 'Lookup', InternalName: 'System' });
  });

  test('MERGE upgrades on a list with data; index rules', async () => {
    const list = sp.web.lists.getByTitle('Kategorier');
    await list.items.add({ Title: 'Ekonomi' });
    await list.fields.getByInternalNameOrTitle('Title').update({ Indexed: true });
    // duplicates prevent a unique constraint
    expect((await statusOf(list.fields.getByInternalNameOrTitle('Title').update({ EnforceUniqueValues: true }))).status).toBe(400);
    // unique needs an index
    expect((await statusOf(list.fields.getByInternalNameOrTitle('Antal').update({ EnforceUniqueValues: true }))).status).toBe(400);
    // multiline text can't be indexed
    expect((await statusOf(list.fields.getByInternalNameOrTitle('Beskrivning').update({ Indexed: true }))).status).toBe(500);
    await list.fields.getByInternalNameOrTitle('Kort_x0020_namn').update({ MaxLength: 100, Title: 'Kortnamn', Required: true });
    await list.fields.getByInternalNameOrTitle('Nivå').update({ Choices: ['1', '2', '3'] });
    const f = await list.fields.getByInternalNameOrTitle('Kort_x0020_namn').select('MaxLength', 'Title', 'Required')();
    expect(f).toMatchObject({ MaxLength: 100, Title: 'Kortnamn', Required: true });
    // at most 20 indexes
    const many = sp.web.lists.getByTitle("Anna's lista").fields;
    for (let i = 0; i < 20; i++)
      await many.createFieldAsXml({
        SchemaXml: `<Field Type="Number" Name="N${i}" StaticName="N${i}" DisplayName="N${i}" />`,
        Options: hint,
      });
    for (let i = 0; i < 20; i++) await many.getByInternalNameOrTitle(`N${i}`).update({ Indexed: true });
    const over = await statusOf(many.getByInternalNameOrTitle('OwnerName').update({ Indexed: true }));
    expect(over.status).toBe(500);
  });
});

describe('items', () => {
  let owner: number;
  let reviewer: number;

  beforeAll(async () => {
    owner = (await sp.web.ensureUser('i:0#.f|membership|anna@exempelkommun.se')).Id;
    reviewer = (await sp.web.ensureUser('bo.ek@exempelkommun.se')).Id;
  });

  test('add returns the item; values round-trip in SharePoint JSON', async () => {
    const list = sp.web.lists.getByTitle('Systems');
    const item = await list.items.add({
      Title: 'Ekonomisystem',
      SystemCode: 'EK-1',
      SystemOwnerId: owner,
      ReviewersId: [owner, reviewer],
      CategoryId: 1,
      RelatedId: [1, 2],
      Tags: ['a', 'b'],
      Criticality: 3,
      Cost: 12.5,
      Personal: true,
      ReviewDate: '2024-05-01T00:00:00.000Z',
      Notes: 'rad 1\nrad 2',
      Link: { Url: 'https://exempel.se', Description: 'Exempel' },
    });
    expect(item).toMatchObject({
      'odata.type': 'SP.Data.SystemsListItem',
      'odata.etag': '"1"',
      Id: 1,
      ID: 1,
      Title: 'Ekonomisystem',
      SystemOwnerId: owner,
      SystemOwnerStringId: String(owner),
      ReviewersId: [owner, reviewer],
      CategoryId: 1,
      RelatedId: [1, 2],
      Tags: ['a', 'b'],
      Criticality: 3,
      Cost: 12.5,
      Personal: true,
      ReviewDate: '2024-05-01T00:00:00Z',
      Status: 'Aktiv',
      AuthorId: 1,
      EditorId: 1,
      Link: { Url: 'https://exempel.se', Description: 'Exempel' },
    });
    expect(item.Created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const bare = await list.items.add({ Title: 'Skolsystem', SystemCode: 'SK-1' });
    expect(bare).toMatchObject({ SystemOwnerId: null, ReviewersId: [], Personal: false, Criticality: null });
  });

  test('update → ETag header, If-Match, 412, delete', async () => {
    const list = sp.web.lists.getByTitle('Systems');
    const added = await list.items.add({ Title: 'Tillfälligt' });
    const r = await list.items.getById(added.Id).update({ Title: 'Ändrat' }, added['odata.etag']);
    expect(r.etag).toBe('"2"');
    const stale = await statusOf(list.items.getById(added.Id).update({ Title: 'Igen' }, '"1"'));
    expect(stale.status).toBe(412);
    expect(stale.message).toBe(`The request ETag value '"1"' does not match the object's ETag value '"2"'.`);
    await list.items.getById(added.Id).delete();
    const gone = await statusOf(list.items.getById(added.Id)());
    expect(gone.status).toBe(404);
    expect(gone.message).toBe('Item does not exist. It may have been deleted by another user.');
  });

  test('write validation', async () => {
    const list = sp.web.lists.getByTitle('Systems');
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [{ Nope: 1 }, 400, /The property 'Nope' does not exist on type 'SP.Data.SystemsListItem'/],
      [{ SystemCode: 'x'.repeat(11) }, 400, /maximum length/],
      [{ Criticality: 'hög' }, 400, /Edm.Double/],
      [{ Personal: 'ja' }, 400, /Edm.Boolean/],
      [{ ReviewDate: 'igår' }, 400, /Edm.DateTime/],
      [{ SystemOwnerId: 999 }, 400, /The user does not exist or is not unique/],
      [{ CategoryId: 999 }, 400, /lookup/i],
      [{ SystemCode: 'ek-1' }, 409, /already exists/],
    ];
    for (const [body, status, message] of cases) {
      const r = await statusOf(list.items.add({ Title: 'x', ...body }));
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.message).toMatch(message);
    }
  });

  test('$select/$expand for person and lookup columns', async () => {
    const list = sp.web.lists.getByTitle('Systems');
    const [row] = await list.items
      .select(
        'Id',
        'Title',
        'SystemOwner/Title',
        'SystemOwner/EMail',
        'SystemOwner/Id',
        'Reviewers/Title',
        'Category/Title',
        'Related/Title',
        'SystemOwnerId',
      )
      .expand('SystemOwner', 'Reviewers', 'Category', 'Related')
      .filter("SystemCode eq 'EK-1'")();
    expect(row.SystemOwner).toMatchObject({ Title: 'Anna Andersson', EMail: 'anna@exempelkommun.se', Id: owner });
    expect(row.Reviewers.map((r: { Title: string }) => r.Title)).toEqual(['Anna Andersson', 'Bo Ek']);
    expect(row.Category.Title).toBe('Ekonomi');
    expect(row.Related.map((r: { Title: string }) => r.Title)).toEqual(['Ekonomi', 'Skola']);
    expect(row.SystemOwnerId).toBe(owner);
    const bad = await statusOf(list.items.select('SystemOwner')());
    expect(bad.status).toBe(400);
    expect(bad.message).toMatch(/^The query to field 'SystemOwner' is not valid/);
  });

  test('$filter subset', async () => {
    const list = sp.web.lists.getByTitle('Systems');
    await list.items.add({ Title: "O'Brien system", SystemCode: 'OB-1', Criticality: 1, ReviewDate: '2025-12-24T10:00:00Z' });
    const titles = async (filter: string, expand?: string) => {
      const q = list.items.select('Title').filter(filter);
      if (expand) q.expand(expand);
      return (await q()).map((i: { Title: string }) => i.Title).sort();
    };
    expect(await titles("Title eq 'O''Brien system'")).toEqual(["O'Brien system"]);
    expect(await titles("startswith(Title,'ekon')")).toEqual(['Ekonomisystem']);
    expect(await titles("substringof('SYSTEM',Title) and Criticality ge 2")).toEqual(['Ekonomisystem']);
    expect(await titles('Criticality eq null')).toEqual(['Skolsystem']);
    expect(await titles('Criticality ne null and (Criticality lt 2 or Criticality gt 3)')).toEqual(["O'Brien system"]);
    expect(await titles(`SystemOwnerId eq ${owner}`)).toEqual(['Ekonomisystem']);
    expect(await titles(`SystemOwner/Id eq ${owner}`, 'SystemOwner')).toEqual(['Ekonomisystem']);
    expect(await titles("SystemOwner/Title eq 'Anna Andersson'", 'SystemOwner')).toEqual(['Ekonomisystem']);
    expect(await titles("Category/Title eq 'Ekonomi'", 'Category')).toEqual(['Ekonomisystem']);
    expect(await titles('Author/Id eq 1', 'Author')).toHaveLength(3);
    expect(await titles('Personal eq 1')).toEqual(['Ekonomisystem']);
    expect(await titles('Personal eq false')).toHaveLength(2);
    expect(await titles("ReviewDate gt '2025-01-01T00:00:00Z'")).toEqual(["O'Brien system"]);
    expect(await titles("ReviewDate lt datetime'2025-01-01T00:00:00'")).toEqual(['Ekonomisystem']);
    expect(await titles('year(ReviewDate) eq 2025 and month(ReviewDate) eq 12 and day(ReviewDate) eq 24')).toEqual(["O'Brien system"]);
    expect(await titles("not(Status eq 'Aktiv')")).toEqual([]);
    expect((await statusOf(list.items.filter('ReviewersId eq 1')())).status).toBe(400);
    expect((await statusOf(list.items.filter("Tags eq 'a'")())).status).toBe(400);
    expect((await statusOf(list.items.filter("SystemOwner/Title eq 'x'")())).status).toBe(400);
    expect((await statusOf(list.items.filter("Title eq 'x'; DROP TABLE items")())).status).toBe(400);
  });

  test('$orderby, $top, getById with $select', async () => {
    const list = sp.web.lists.getByTitle('Systems');
    const rows = await list.items.select('Title').orderBy('Criticality', false).orderBy('Title')();
    expect(rows.map((r: { Title: string }) => r.Title)).toEqual(['Ekonomisystem', "O'Brien system", 'Skolsystem']);
    expect(await list.items.top(1)()).toHaveLength(1);
    const one = await list.items.getById(1).select('Title', 'SystemOwner/Title').expand('SystemOwner')();
    expect(one.SystemOwner.Title).toBe('Anna Andersson');
    expect((await statusOf(list.items.top(5001)())).status).toBe(500);
    const count = await list.select('ItemCount')();
    expect(count.ItemCount).toBe(3);
  });

  test('more than 12 lookup columns in one query → SharePoint lookup threshold error', async () => {
    await sp.web.lists.add('Många uppslag');
    const list = sp.web.lists.getByTitle('Många uppslag');
    for (let i = 0; i < 11; i++) {
      await list.fields.createFieldAsXml({
        SchemaXml: `<Field Type="User" Name="P${i}" StaticName="P${i}" DisplayName="P${i}" />`,
        Options: hint,
      });
    }
    await list.items.add({ Title: 'x' });
    const all = await statusOf(list.items());
    expect(all.status).toBe(500);
    expect(all.message).toMatch(/lookup column threshold/);
    expect(await list.items.select('Id', 'Title', 'P0Id')()).toHaveLength(1);
  });
});

describe('$batch', () => {
  test('PnPjs batching: one failing part does not sink the others; one request', async () => {
    const list = sp.web.lists.getByTitle('Kategorier');
    store.stats.reset();
    const [batched, execute] = sp.batched();
    const bl = batched.web.lists.getByTitle('Kategorier');
    const a = bl.items.add({ Title: 'Vård' });
    const b = bl.items.add({ Finns: 'inte' });
    const c = bl.items.getById(1).update({ Title: 'Ekonomi och lön' });
    const d = bl.items.select('Id', 'Title').top(2)();
    await execute();
    expect((await a).Title).toBe('Vård');
    expect((await statusOf(b)).status).toBe(400);
    expect((await c).etag).toBe('"2"');
    expect(await d).toHaveLength(2);
    expect(store.stats.requests).toBe(1);
    expect((await list.items.getById(1)()).Title).toBe('Ekonomi och lön');
  });

  test('raw multipart shape, flat response, 100-part limit', async () => {
    const boundary = 'batch_11111111-2222-3333-4444-555555555555';
    const cs = 'changeset_aaaaaaaa-2222-3333-4444-555555555555';
    const base = `${store.siteUrl}/_api/web/lists/getByTitle('Kategorier')`;
    const body = [
      `--${boundary}`,
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      '',
      `GET ${base}/items(1)?$select=Title HTTP/1.1`,
      'Accept: application/json',
      '',
      '',
      `--${boundary}`,
      `Content-Type: multipart/mixed; boundary="${cs}"`,
      '',
      `--${cs}`,
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      '',
      `MERGE ${base}/items(1) HTTP/1.1`,
      'Content-Type: application/json;charset=utf-8',
      'IF-Match: *',
      '',
      '{"Title":"Ekonomi"}',
      '',
      `--${cs}`,
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      '',
      `DELETE ${base}/items(999) HTTP/1.1`,
      'IF-Match: *',
      '',
      '',
      `--${cs}--`,
      '',
      `--${boundary}--`,
      '',
    ].join('\n');
    const res = await fetch(`${store.siteUrl}/_api/$batch`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${createLocalToken(ADMIN)}`, 'Content-Type': `multipart/mixed; boundary=${boundary}` },
      body,
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.startsWith('--batchresponse_')).toBe(true);
    expect(text.endsWith('--\r\n')).toBe(true);
    expect(text).not.toMatch(/changesetresponse/);
    const statuses = [...text.matchAll(/^HTTP\/1\.1 (\d+)/gm)].map((m) => Number(m[1]));
    expect(statuses).toEqual([200, 204, 404]);
    expect(text).toMatch(/ETAG: "3"/);

    const many: string[] = [];
    for (let i = 0; i < 101; i++)
      many.push(
        `--${boundary}`,
        'Content-Type: application/http',
        'Content-Transfer-Encoding: binary',
        '',
        `GET ${store.siteUrl}/_api/web HTTP/1.1`,
        '',
        '',
      );
    many.push(`--${boundary}--`, '');
    const tooMany = await fetch(`${store.siteUrl}/_api/$batch`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${createLocalToken(ADMIN)}`, 'Content-Type': `multipart/mixed; boundary=${boundary}` },
      body: many.join('\n'),
    });
    expect(tooMany.status).toBe(400);
  });
});
