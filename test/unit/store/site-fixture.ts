/**
 * A small in-memory site for the store's unit tests, built through the same REST handlers the server
 * uses (no HTTP). The list view threshold is 5 items, so the threshold rules show with 8 items.
 *
 * Kategorier: Title, Kod (Text, indexed) — 3 items (Drift, Säkerhet, Ekonomi).
 * Saker: Title, Kod (Text, indexed), Antal (Number), Aktiv (Boolean), Datum (DateTime),
 *   Kategori (Lookup → Kategorier), Ansvarig (User), Flera (LookupMulti → Kategorier), Anteckning (Note)
 *   — 8 items: Sak i, Kod K(i % 3), Antal i, Aktiv when i is even, Datum 2024-0i-15T08:00:00Z,
 *   Kategori (i % 3) + 1, Ansvarig the admin (1).
 */
import { Api, type ApiRequest, type ApiResponse } from '../../../src/server/local-sharepoint/api.js';
import type { ItemQuery, Trim } from '../../../src/server/local-sharepoint/query.js';
import { type ListRow, type PrincipalRow, Site } from '../../../src/server/local-sharepoint/site.js';
import { ADMIN_UPN, openStorage } from '../../../src/server/local-sharepoint/storage.js';

export const THRESHOLD = 5;
export const SITE_URL = 'http://127.0.0.1:1/sites/test';

export interface Fixture {
  site: Site;
  admin: PrincipalRow;
  saker: ListRow;
  kategorier: ListRow;
  call(method: string, path: string, body?: unknown): ApiResponse;
}

export function makeSite(options: { items?: number } = {}): Fixture {
  const site = new Site(openStorage(undefined), THRESHOLD);
  site.siteUrl = SITE_URL;
  const admin = site.userByUpn(ADMIN_UPN) as PrincipalRow;
  const api = new Api(site);
  const call = (method: string, path: string, body: unknown = undefined): ApiResponse => {
    const req: ApiRequest = {
      method,
      path,
      query: new URLSearchParams(),
      headers: { accept: 'application/json;odata=nometadata', 'content-type': 'application/json' },
      body: body === undefined ? '' : JSON.stringify(body),
      user: admin,
    };
    return site.db.transaction(() => api.handle(req))();
  };
  const addField = (list: string, xml: string) =>
    call('POST', `web/lists/getbytitle('${list}')/fields/createfieldasxml`, { parameters: { SchemaXml: xml, Options: 8 } });

  call('POST', 'web/lists', { Title: 'Kategorier', BaseTemplate: 100 });
  addField('Kategorier', '<Field Type="Text" Name="Kod" DisplayName="Kod" Indexed="TRUE" />');
  for (const [title, kod] of [
    ['Drift', 'D'],
    ['Säkerhet', 'S'],
    ['Ekonomi', 'E'],
  ])
    call('POST', "web/lists/getbytitle('Kategorier')/items", { Title: title, Kod: kod });
  const kategorier = site.listByTitle('Kategorier') as ListRow;

  call('POST', 'web/lists', { Title: 'Saker', BaseTemplate: 100 });
  addField('Saker', '<Field Type="Text" Name="Kod" DisplayName="Kod" Indexed="TRUE" />');
  addField('Saker', '<Field Type="Number" Name="Antal" DisplayName="Antal" />');
  addField('Saker', '<Field Type="Boolean" Name="Aktiv" DisplayName="Aktiv" />');
  addField('Saker', '<Field Type="DateTime" Name="Datum" DisplayName="Datum" />');
  addField('Saker', `<Field Type="Lookup" Name="Kategori" DisplayName="Kategori" List="{${kategorier.id}}" ShowField="Title" />`);
  addField('Saker', '<Field Type="User" Name="Ansvarig" DisplayName="Ansvarig" />');
  addField('Saker', `<Field Type="Lookup" Mult="TRUE" Name="Flera" DisplayName="Flera" List="{${kategorier.id}}" ShowField="Title" />`);
  addField('Saker', '<Field Type="Note" Name="Anteckning" DisplayName="Anteckning" />');
  const count = options.items ?? 8;
  for (let i = 1; i <= count; i++) {
    call('POST', "web/lists/getbytitle('Saker')/items", {
      Title: `Sak ${i}`,
      Kod: `K${i % 3}`,
      Antal: i,
      Aktiv: i % 2 === 0,
      Datum: `2024-${String(i).padStart(2, '0')}-15T08:00:00Z`,
      KategoriId: (i % 3) + 1,
      AnsvarigId: admin.id,
    });
  }
  const saker = site.listByTitle('Saker') as ListRow;
  return { site, admin, saker, kategorier, call };
}

export const q = (over: Partial<ItemQuery> = {}): ItemQuery => ({
  select: null,
  expand: null,
  filter: null,
  orderby: null,
  top: null,
  skiptoken: null,
  ...over,
});

/** No security trimming: every item is visible. */
export const noTrim: Trim = { sql: '1', params: [] };
