/** Pages rendered by SQLite (query/render-sql.ts) are the JSON renderItem makes, byte for byte. */
import { beforeAll, describe, expect, it } from 'vitest';
import { type ItemQuery, queryItems, queryItemsJson } from '../../../src/server/local-sharepoint/query.js';
import { renderedColumns } from '../../../src/server/local-sharepoint/query/render-sql.js';
import { buildProjection } from '../../../src/server/local-sharepoint/query/projection.js';
import { selectRenderedItems } from '../../../src/server/local-sharepoint/repository.js';
import { type Fixture, makeSite } from './site-fixture.js';

let f: Fixture;
const noTrim = { sql: '(1)', params: [] };
const q = (over: Partial<ItemQuery>): ItemQuery => ({
  select: null,
  expand: null,
  filter: null,
  orderby: null,
  top: null,
  skiptoken: null,
  ...over,
});

beforeAll(() => {
  f = makeSite();
  const add = (xml: string) =>
    f.call('POST', "web/lists/getbytitle('Saker')/fields/createfieldasxml", { parameters: { SchemaXml: xml, Options: 8 } });
  add('<Field Type="UserMulti" Mult="TRUE" Name="Granskare" DisplayName="Granskare" />');
  add('<Field Type="MultiChoice" Name="Taggar" DisplayName="Taggar"><CHOICES><CHOICE>a</CHOICE><CHOICE>b</CHOICE></CHOICES></Field>');
  add('<Field Type="Currency" Name="Belopp" DisplayName="Belopp" />');
  // Values that are easy to render differently: quotes, backslashes, control characters, non-Latin
  // text, fractions, empty multi-values, several people.
  f.call('POST', "web/lists/getbytitle('Saker')/items", {
    Title: 'Citat "så" \\ och\ttab\n\u2028 日本 😀',
    Antal: 0.1,
    Belopp: 1234.5,
    Aktiv: false,
    GranskareId: [f.admin.id],
    Taggar: ['a', 'b'],
    FleraId: [1, 3],
    Anteckning: '<p>html &amp; text</p>',
  });
  f.call('POST', "web/lists/getbytitle('Saker')/items", { Title: null, Antal: null, GranskareId: [], Taggar: null });
});

const both = (query: ItemQuery) => {
  const listUrl = 'http://127.0.0.1:1/sites/test/_api/web/lists/x';
  const objects = queryItems(f.site, f.saker, query, noTrim, listUrl);
  const expected = JSON.stringify(
    objects.nextLink ? { value: objects.value, 'odata.nextLink': objects.nextLink } : { value: objects.value },
  );
  return { actual: queryItemsJson(f.site, f.saker, query, noTrim, listUrl), expected };
};

describe('queryItemsJson', () => {
  it.each([
    ['full rows', q({})],
    ['full rows, paged on an index', q({ top: '3', orderby: 'Kod desc' })],
    [
      'a select of every kind',
      q({ select: 'Id,Title,Antal,Belopp,Aktiv,Datum,KategoriId,FleraId,AnsvarigId,GranskareId,Taggar,Anteckning' }),
    ],
    [
      'built-ins and unique permissions',
      q({ select: 'ID,Created,Modified,AuthorId,EditorId,HasUniqueRoleAssignments', filter: "Kod eq 'K1'" }),
    ],
    ['person Id forms', q({ select: 'AnsvarigStringId,GranskareStringId,AuthorStringId', top: '2', skiptoken: 'Paged=TRUE&p_ID=3' })],
  ])('%s: the same text as the objects', (_name, query) => {
    const { actual, expected } = both(query);
    expect(actual).toBe(expected);
  });

  it('renders expanded persons and lookups too; leaves ParentList to renderItem', () => {
    expect(renderedColumns(f.site, f.saker, buildProjection(f.site, f.saker, 'Kategori/Title', 'Kategori'))).not.toBeNull();
    expect(renderedColumns(f.site, f.saker, buildProjection(f.site, f.saker, 'ParentList/Title', 'ParentList'))).toBeNull();
    for (const query of [
      q({ select: 'Title,Kategori/Title,Kategori/Kod,Flera/Kod,Flera/Id', expand: 'Kategori,Flera' }),
      q({
        select: 'Id,Ansvarig/Id,Ansvarig/Title,Ansvarig/EMail,Ansvarig/Name,Ansvarig/UserName,Granskare/Title',
        expand: 'Ansvarig,Granskare',
      }),
      q({ select: 'Author/Title,Editor/EMail,AnsvarigId', expand: 'Author,Editor', top: '4' }),
      q({ expand: 'Kategori,Ansvarig' }),
    ]) {
      const { actual, expected } = both(query);
      expect(actual).toBe(expected);
    }
  });

  it('a page of many rows reads each lookup target list once, with the same answer', () => {
    const projection = buildProjection(f.site, f.saker, 'Id,Kategori/Title,Flera/Kod,Ansvarig/Title', 'Kategori,Flera,Ansvarig');
    const perRow = renderedColumns(f.site, f.saker, projection, undefined, 1);
    const bulk = renderedColumns(f.site, f.saker, projection, undefined, 1000);
    // Kategori and Flera point into Kategorier (3 items, fewer than the page): one read each.
    expect([perRow?.with.length, bulk?.with.length]).toEqual([0, 2]);
    const ids = [10, 9, 3, 1];
    expect(selectRenderedItems(f.site.db, f.saker.id, bulk!, ids)).toEqual(selectRenderedItems(f.site.db, f.saker.id, perRow!, ids));
    expect(JSON.parse(`[${selectRenderedItems(f.site.db, f.saker.id, bulk!, ids).join(',')}]`).map((r: { Id: number }) => r.Id)).toEqual(
      ids,
    );
  });
});
