/**
 * Lookups follow the target item's security trimming: a reader of list A must not learn anything
 * through a lookup column about B items they may not see (ReadSecurity=2, no permission on B, unique
 * item permissions). The `<Field>Id` stays, since SharePoint stores it on the A item; the projection
 * (`$expand`) is null or left out, `$filter` on a projected field treats the hidden target as empty,
 * and writing a lookup id that the caller cannot see fails exactly like an id that does not exist.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SPFI } from '@pnp/sp';
import type { LocalSharePoint } from '../../src/server/local-sharepoint/index.js';
import { ADMIN, spFor, startStore, statusOf } from './helpers.js';

const AUTHOR = 'anmalare@exempelkommun.se';
const READER = 'lasare@exempelkommun.se';
const COORDINATOR = 'samordnare@exempelkommun.se';
const CONTRIBUTE = 1073741827;
const EDIT = 1073741830;
const hint = 8; // AddFieldOptions.AddFieldInternalNameHint
const MISSING = 9999;

let store: LocalSharePoint;
let admin: SPFI;
let author: SPFI;
let reader: SPFI;
let coordinator: SPFI;
/** Ids of the target items. */
const ids = { authorsIncident: 0, readersIncident: 0, secretTask: 0, openCase: 0, closedCase: 0 };
/** Ids of the Insatser rows. */
const rowIds = { first: 0, second: 0 };

interface Projected {
  Id: number;
  Title: string;
}
interface Row {
  Id: number;
  Title: string;
  IncidentId: number | null;
  Incident: Projected | null;
  RelateradeId: number[];
  Relaterade: Projected[];
  UppgiftId: number | null;
  Uppgift: Projected | null;
  ArendeId: number | null;
  Arende: Projected | null;
}

const EXPANDS = ['Incident', 'Relaterade', 'Uppgift', 'Arende'];
const SELECT = [
  'Id',
  'Title',
  'IncidentId',
  'Incident/Id',
  'Incident/Title',
  'RelateradeId',
  'Relaterade/Id',
  'Relaterade/Title',
  'UppgiftId',
  'Uppgift/Id',
  'Uppgift/Title',
  'ArendeId',
  'Arende/Id',
  'Arende/Title',
];

const insatser = (sp: SPFI) => sp.web.lists.getByTitle('Insatser');

async function rowsAs(sp: SPFI): Promise<Map<string, Row>> {
  const rows = (await insatser(sp)
    .items.select(...SELECT)
    .expand(...EXPANDS)()) as Row[];
  return new Map(rows.map((r) => [r.Title, r]));
}

/** Titles of the Insatser rows a filter on a projected field matches, as `sp`. */
async function matching(sp: SPFI, filter: string, expand: string): Promise<string[]> {
  const rows = (await insatser(sp).items.select('Title').expand(expand).filter(filter)()) as { Title: string }[];
  return rows.map((r) => r.Title).sort();
}

async function restrictedList(title: string, grants: [number, number][], readSecurity = 1): Promise<void> {
  await admin.web.lists.add(title);
  const list = admin.web.lists.getByTitle(title);
  await list.breakRoleInheritance(false, true);
  for (const [principal, role] of grants) await list.roleAssignments.add(principal, role);
  if (readSecurity !== 1) await list.update({ ReadSecurity: readSecurity });
}

beforeAll(async () => {
  store = await startStore();
  store.addDirectoryUsers([
    { upn: AUTHOR, displayName: 'Anna Anmälare' },
    { upn: READER, displayName: 'Lars Läsare' },
    { upn: COORDINATOR, displayName: 'Sara Samordnare' },
  ]);
  admin = spFor(store, ADMIN);
  author = spFor(store, AUTHOR);
  reader = spFor(store, READER);
  coordinator = spFor(store, COORDINATOR);
  const authorId = (await admin.web.ensureUser(AUTHOR)).Id;
  const readerId = (await admin.web.ensureUser(READER)).Id;
  const coordinatorId = (await admin.web.ensureUser(COORDINATOR)).Id;

  // B: incidents, everyone may report, staff see only their own (coordinators manage the list)
  await restrictedList(
    'Incidenter',
    [
      [authorId, CONTRIBUTE],
      [readerId, CONTRIBUTE],
      [coordinatorId, EDIT],
    ],
    2,
  );
  ids.authorsIncident = (await author.web.lists.getByTitle('Incidenter').items.add({ Title: 'Annas incident' })).Id;
  ids.readersIncident = (await reader.web.lists.getByTitle('Incidenter').items.add({ Title: 'Lars incident' })).Id;

  // B': a list the reader has no permission on at all
  await restrictedList('Hemliga', [
    [authorId, CONTRIBUTE],
    [coordinatorId, EDIT],
  ]);
  ids.secretTask = (await author.web.lists.getByTitle('Hemliga').items.add({ Title: 'Hemlig uppgift' })).Id;

  // B'': everyone reads the list, one item has unique permissions without the reader
  await restrictedList('Ärenden', [
    [authorId, CONTRIBUTE],
    [readerId, CONTRIBUTE],
    [coordinatorId, EDIT],
  ]);
  const cases = admin.web.lists.getByTitle('Ärenden');
  ids.openCase = (await cases.items.add({ Title: 'Öppet ärende' })).Id;
  ids.closedCase = (await cases.items.add({ Title: 'Stängt ärende' })).Id;
  const closed = cases.items.getById(ids.closedCase);
  await closed.breakRoleInheritance(true, false);
  await closed.roleAssignments.remove(readerId, CONTRIBUTE);

  // A: readable and writable by all three
  await restrictedList('Insatser', [
    [authorId, CONTRIBUTE],
    [readerId, CONTRIBUTE],
    [coordinatorId, CONTRIBUTE],
  ]);
  const listId = async (title: string) => (await admin.web.lists.getByTitle(title).select('Id')()).Id as string;
  const [incidents, secrets, caseList] = [await listId('Incidenter'), await listId('Hemliga'), await listId('Ärenden')];
  for (const SchemaXml of [
    `<Field Type="Lookup" Name="Incident" StaticName="Incident" DisplayName="Incident" List="{${incidents}}" ShowField="Title" />`,
    `<Field Type="LookupMulti" Name="Relaterade" StaticName="Relaterade" DisplayName="Relaterade" List="{${incidents}}" ShowField="Title" Mult="TRUE" />`,
    `<Field Type="Lookup" Name="Uppgift" StaticName="Uppgift" DisplayName="Uppgift" List="{${secrets}}" ShowField="Title" />`,
    `<Field Type="Lookup" Name="Arende" StaticName="Arende" DisplayName="Ärende" List="{${caseList}}" ShowField="Title" />`,
  ])
    await insatser(admin).fields.createFieldAsXml({ SchemaXml, Options: hint });
  rowIds.first = (
    await insatser(admin).items.add({
      Title: 'Insats 1',
      IncidentId: ids.authorsIncident,
      RelateradeId: [ids.authorsIncident, ids.readersIncident],
      UppgiftId: ids.secretTask,
      ArendeId: ids.closedCase,
    })
  ).Id;
  rowIds.second = (
    await insatser(admin).items.add({
      Title: 'Insats 2',
      IncidentId: ids.readersIncident,
      RelateradeId: [ids.readersIncident],
      ArendeId: ids.openCase,
    })
  ).Id;
});

afterAll(async () => {
  await store.close();
});

describe('$expand of a lookup whose target the reader cannot see', () => {
  test('ReadSecurity=2: the projection is null, the Id stays; the reader’s own incident is projected', async () => {
    const rows = await rowsAs(reader);
    const first = rows.get('Insats 1') as Row;
    expect(first.IncidentId).toBe(ids.authorsIncident);
    expect(first.Incident).toBeNull();
    const second = rows.get('Insats 2') as Row;
    expect(second.Incident).toMatchObject({ Id: ids.readersIncident, Title: 'Lars incident' });
  });

  test('a multi-valued lookup leaves hidden targets out of the projection but keeps every Id', async () => {
    const first = (await rowsAs(reader)).get('Insats 1') as Row;
    expect(first.RelateradeId).toEqual([ids.authorsIncident, ids.readersIncident]);
    expect(first.Relaterade.map((r) => r.Title)).toEqual(['Lars incident']);
  });

  test('no permission on the target list: null projection, Id kept', async () => {
    const first = (await rowsAs(reader)).get('Insats 1') as Row;
    expect(first.UppgiftId).toBe(ids.secretTask);
    expect(first.Uppgift).toBeNull();
  });

  test('a target item with unique permissions excluding the reader: null; its visible sibling is projected', async () => {
    const rows = await rowsAs(reader);
    expect(rows.get('Insats 1')?.ArendeId).toBe(ids.closedCase);
    expect(rows.get('Insats 1')?.Arende).toBeNull();
    expect(rows.get('Insats 2')?.Arende).toMatchObject({ Title: 'Öppet ärende' });
  });

  test('one item read with getById and $expand is trimmed the same way', async () => {
    const one = (await insatser(reader)
      .items.getById(rowIds.first)
      .select(...SELECT)
      .expand(...EXPANDS)()) as Row;
    expect(one).toMatchObject({ IncidentId: ids.authorsIncident, Incident: null, Uppgift: null, Arende: null });
    expect(one.Relaterade.map((r) => r.Id)).toEqual([ids.readersIncident]);
  });

  test('the incident’s author sees it projected', async () => {
    const first = (await rowsAs(author)).get('Insats 1') as Row;
    expect(first.Incident).toMatchObject({ Id: ids.authorsIncident, Title: 'Annas incident' });
    expect(first.Relaterade.map((r) => r.Title)).toEqual(['Annas incident']);
    expect(first.Uppgift?.Title).toBe('Hemlig uppgift');
    expect(first.Arende?.Title).toBe('Stängt ärende');
  });

  test('a user with ManageLists on the incidents sees every incident projected', async () => {
    const first = (await rowsAs(coordinator)).get('Insats 1') as Row;
    expect(first.Incident?.Title).toBe('Annas incident');
    expect(first.Relaterade.map((r) => r.Title)).toEqual(['Annas incident', 'Lars incident']);
    expect(first.Uppgift?.Title).toBe('Hemlig uppgift');
    expect(first.Arende?.Title).toBe('Stängt ärende');
  });

  test('the site admin sees everything projected', async () => {
    const first = (await rowsAs(admin)).get('Insats 1') as Row;
    expect([first.Incident?.Title, first.Uppgift?.Title, first.Arende?.Title]).toEqual([
      'Annas incident',
      'Hemlig uppgift',
      'Stängt ärende',
    ]);
  });
});

describe('$filter on a projected field treats a hidden target as empty', () => {
  test('ReadSecurity=2: the reader cannot test the title of someone else’s incident', async () => {
    expect(await matching(reader, "Incident/Title eq 'Annas incident'", 'Incident')).toEqual([]);
    expect(await matching(reader, "startswith(Incident/Title,'Anna')", 'Incident')).toEqual([]);
    expect(await matching(reader, "substringof('incident',Incident/Title)", 'Incident')).toEqual(['Insats 2']);
    expect(await matching(reader, 'Incident/Title eq null', 'Incident')).toEqual(['Insats 1']);
    expect(await matching(reader, "Incident/Title eq 'Lars incident'", 'Incident')).toEqual(['Insats 2']);
    // the Id is list A's own column and stays filterable
    expect(await matching(reader, `Incident/Id eq ${ids.authorsIncident}`, 'Incident')).toEqual(['Insats 1']);
  });

  test('no permission on the target list', async () => {
    expect(await matching(reader, "Uppgift/Title eq 'Hemlig uppgift'", 'Uppgift')).toEqual([]);
    expect(await matching(reader, "startswith(Uppgift/Title,'H')", 'Uppgift')).toEqual([]);
  });

  test('a target item with unique permissions excluding the reader', async () => {
    expect(await matching(reader, "Arende/Title eq 'Stängt ärende'", 'Arende')).toEqual([]);
    expect(await matching(reader, "substringof('ärende',Arende/Title)", 'Arende')).toEqual(['Insats 2']);
  });

  test('the author and a user with ManageLists match on the projected title', async () => {
    expect(await matching(author, "Incident/Title eq 'Annas incident'", 'Incident')).toEqual(['Insats 1']);
    expect(await matching(author, "Arende/Title eq 'Stängt ärende'", 'Arende')).toEqual(['Insats 1']);
    expect(await matching(coordinator, "Incident/Title eq 'Annas incident'", 'Incident')).toEqual(['Insats 1']);
    expect(await matching(coordinator, "Uppgift/Title eq 'Hemlig uppgift'", 'Uppgift')).toEqual(['Insats 1']);
  });

  test('ordering by a projected field is refused, so it cannot sort on hidden values', async () => {
    const r = await statusOf(insatser(reader).items.select('Title').expand('Incident').orderBy('Incident/Title')());
    expect(r.status).toBe(400);
  });
});

describe('writing a lookup id the caller cannot see fails like an id that does not exist', () => {
  const missing = () => statusOf(insatser(reader).items.add({ Title: 'Ny', IncidentId: MISSING }));

  test('items.add with a single lookup', async () => {
    const absent = await missing();
    expect(absent).toEqual({ status: 400, message: 'Invalid lookup value.' });
    expect(await statusOf(insatser(reader).items.add({ Title: 'Ny', IncidentId: ids.authorsIncident }))).toEqual(absent);
    expect(await statusOf(insatser(reader).items.add({ Title: 'Ny', UppgiftId: ids.secretTask }))).toEqual(absent);
    expect(await statusOf(insatser(reader).items.add({ Title: 'Ny', UppgiftId: MISSING }))).toEqual(absent);
    expect(await statusOf(insatser(reader).items.add({ Title: 'Ny', ArendeId: ids.closedCase }))).toEqual(absent);
    expect(await statusOf(insatser(reader).items.add({ Title: 'Ny', ArendeId: MISSING }))).toEqual(absent);
    const titles = (await insatser(admin).items.select('Title')()).map((r: { Title: string }) => r.Title);
    expect(titles).not.toContain('Ny');
  });

  test('items.add with a multi-valued lookup', async () => {
    const absent = await statusOf(insatser(reader).items.add({ Title: 'Ny', RelateradeId: [ids.readersIncident, MISSING] }));
    expect(absent).toEqual(await missing());
    expect(await statusOf(insatser(reader).items.add({ Title: 'Ny', RelateradeId: [ids.readersIncident, ids.authorsIncident] }))).toEqual(
      absent,
    );
  });

  test('update of an existing item; nothing is written', async () => {
    const row = insatser(reader).items.getById(rowIds.second);
    const absent = await statusOf(row.update({ IncidentId: MISSING }));
    expect(absent).toEqual(await missing());
    expect(await statusOf(row.update({ IncidentId: ids.authorsIncident }))).toEqual(absent);
    expect(await statusOf(row.update({ RelateradeId: [ids.authorsIncident] }))).toEqual(absent);
    expect(await statusOf(row.update({ UppgiftId: ids.secretTask }))).toEqual(absent);
    expect(await statusOf(row.update({ ArendeId: ids.closedCase }))).toEqual(absent);
    const after = (await insatser(admin).items.getById(rowIds.second)()) as Row;
    expect(after).toMatchObject({
      IncidentId: ids.readersIncident,
      RelateradeId: [ids.readersIncident],
      UppgiftId: null,
      ArendeId: ids.openCase,
    });
  });

  test('visible targets are accepted: the reader’s own incident, the author’s incident as its author', async () => {
    const mine = await insatser(reader).items.add({ Title: 'Lars insats', IncidentId: ids.readersIncident, ArendeId: ids.openCase });
    expect(mine.IncidentId).toBe(ids.readersIncident);
    const annas = await insatser(author).items.add({
      Title: 'Annas insats',
      IncidentId: ids.authorsIncident,
      UppgiftId: ids.secretTask,
      ArendeId: ids.closedCase,
    });
    expect(annas).toMatchObject({ IncidentId: ids.authorsIncident, UppgiftId: ids.secretTask, ArendeId: ids.closedCase });
    const coordinators = await insatser(coordinator).items.add({
      Title: 'Saras insats',
      RelateradeId: [ids.authorsIncident, ids.readersIncident],
    });
    expect(coordinators.RelateradeId).toEqual([ids.authorsIncident, ids.readersIncident]);
  });
});
