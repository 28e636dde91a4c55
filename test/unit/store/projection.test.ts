/** $select/$expand → projection, and how an item renders (query/projection.ts). */
import { beforeAll, describe, expect, it } from 'vitest';
import { SpError } from '../../../src/server/local-sharepoint/errors.js';
import { buildProjection, renderItem } from '../../../src/server/local-sharepoint/query/projection.js';
import type { ItemRow } from '../../../src/server/local-sharepoint/site.js';
import { type Fixture, makeSite, SITE_URL } from './site-fixture.js';

let f: Fixture;
beforeAll(() => {
  f = makeSite();
});

const project = (select: string | null, expand: string | null = null) => buildProjection(f.site, f.saker, select, expand);
const render = (id: number, select: string | null, expand: string | null = null) =>
  renderItem({ site: f.site, list: f.saker, userCache: new Map() }, f.site.getItem(f.saker.id, id) as ItemRow, project(select, expand));
const messageOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof SpError) return e.message;
    throw e;
  }
  throw new Error('expected an SpError');
};

describe('buildProjection', () => {
  it('selects everything by default and counts every person/lookup column as a lookup', () => {
    const p = project(null);
    expect(p.all).toBe(true);
    expect([...p.lookups].sort()).toEqual(['Ansvarig', 'Author', 'Editor', 'Flera', 'Kategori']);
    expect(project('*').all).toBe(true);
  });

  it('keeps plain columns and Id forms; only the Id forms count as lookups', () => {
    const p = project('Title, Antal, KategoriId, AnsvarigStringId, Id');
    expect(p.all).toBe(false);
    expect([...p.fields]).toEqual(['Title', 'Antal', 'KategoriId', 'AnsvarigId', 'ID']);
    expect([...p.lookups]).toEqual(['Kategori', 'Ansvarig']);
    expect(p.expanded.size).toBe(0);
  });

  it('collects the sub-properties of expanded columns, Id when none is selected', () => {
    const p = project('Title,Kategori/Title,Kategori/Kod,Ansvarig/EMail', 'Kategori,Ansvarig,Flera');
    expect([...p.expanded].map(([k, v]) => [k, [...v]])).toEqual([
      ['Kategori', ['Title', 'Kod']],
      ['Ansvarig', ['EMail']],
      ['Flera', ['Id']],
    ]);
    expect([...p.lookups]).toEqual(['Kategori', 'Ansvarig', 'Flera']);
  });

  it('refuses with SharePoint’s messages what cannot be selected or expanded', () => {
    expect(messageOf(() => project('Kategori/Title'))).toBe(
      "The query to field 'Kategori' is not valid. The $select query string must specify the target fields and the $expand query string must contains Kategori.",
    );
    expect(messageOf(() => project('Kategori'))).toMatch(/Kategori/);
    expect(messageOf(() => project('Finns'))).toBe("The field or property 'Finns' does not exist.");
    expect(messageOf(() => project(null, 'Title'))).toBe("The field or property 'Title' does not exist.");
    expect(messageOf(() => project('Kategori/Finns', 'Kategori'))).toBe("The field or property 'Finns' does not exist.");
    expect(messageOf(() => project('Ansvarig/Skonummer', 'Ansvarig'))).toBe("The field or property 'Skonummer' does not exist.");
    expect(messageOf(() => project('Flera/Kategori', 'Flera'))).toBe("The field or property 'Kategori' does not exist.");
  });
});

describe('renderItem', () => {
  it('renders exactly the selected columns plus the OData annotations', () => {
    const item = render(4, 'Title,Antal,Aktiv,KategoriId,AnsvarigId,HasUniqueRoleAssignments');
    const row = f.site.getItem(f.saker.id, 4) as ItemRow;
    expect(item).toEqual({
      'odata.type': 'SP.Data.SakerListItem',
      'odata.id': row.guid,
      'odata.etag': '"1"',
      'odata.editLink': `Web/Lists(guid'${f.saker.id}')/Items(4)`,
      Title: 'Sak 4',
      Antal: 4,
      Aktiv: true,
      KategoriId: 2,
      AnsvarigId: 1,
      AnsvarigStringId: '1',
      HasUniqueRoleAssignments: false,
    });
  });

  it('renders Id and ID together, and an empty multi-value column as []', () => {
    expect(render(2, 'Id,FleraId')).toMatchObject({ Id: 2, ID: 2, FleraId: [] });
  });

  it('renders expanded lookups and people with the selected sub-properties', () => {
    const item = render(3, 'Kategori/Title,Kategori/Kod,Ansvarig/Title,Ansvarig/EMail', 'Kategori,Ansvarig');
    expect(item.Kategori).toMatchObject({ 'odata.type': 'SP.Data.KategorierListItem', Title: 'Drift', Kod: 'D' });
    expect(item.Ansvarig).toEqual({
      'odata.type': 'SP.Data.UserInfoItem',
      'odata.id': `${SITE_URL}/_api/Web/SiteUserInfoList/Items(1)`,
      Title: 'Administratör Exempelkommun',
      EMail: 'admin@exempelkommun.se',
    });
    expect(item).not.toHaveProperty('Title');
  });

  it('renders every field with the default projection, person/lookup columns in Id form', () => {
    const item = render(1, null);
    expect(item).toMatchObject({ Id: 1, ID: 1, Title: 'Sak 1', Kod: 'K1', Antal: 1, Aktiv: false, KategoriId: 2, AnsvarigStringId: '1' });
    expect(item).not.toHaveProperty('Kategori');
    expect(item.OData__UIVersionString).toBe('1.0');
  });
});
