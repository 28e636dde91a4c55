/**
 * The local store's query pieces, directly (until now only end to end): the $filter parser,
 * $filter → SQL, threshold rules and keyset paging, over a small in-memory site whose list view
 * threshold is 5 items so the threshold rules can be seen without thousands of rows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Api, type ApiRequest } from '../../../src/server/local-sharepoint/api.js';
import { parseFilter } from '../../../src/server/local-sharepoint/filter.js';
import { queryItems, type ItemQuery } from '../../../src/server/local-sharepoint/query.js';
import { compileNode, type FilterContext } from '../../../src/server/local-sharepoint/query/filter-sql.js';
import { keysetCondition, parseOrderBy, tokenValue } from '../../../src/server/local-sharepoint/query/paging.js';
import { checkLookupThreshold, indexedPart } from '../../../src/server/local-sharepoint/query/threshold.js';
import { Site, type ListRow, type PrincipalRow } from '../../../src/server/local-sharepoint/site.js';
import { ADMIN_UPN, openStorage } from '../../../src/server/local-sharepoint/storage.js';

let site: Site;
let list: ListRow;
let admin: PrincipalRow;

function call(api: Api, method: string, path: string, body: unknown = undefined) {
  const req: ApiRequest = {
    method,
    path,
    query: new URLSearchParams(),
    headers: { accept: 'application/json;odata=nometadata', 'content-type': 'application/json' },
    body: body === undefined ? '' : JSON.stringify(body),
    user: admin,
  };
  return site.db.transaction(() => api.handle(req))();
}

const q = (over: Partial<ItemQuery> = {}): ItemQuery => ({
  select: null,
  expand: null,
  filter: null,
  orderby: null,
  top: null,
  skiptoken: null,
  ...over,
});
const noTrim = { sql: '1', params: [] };

beforeAll(() => {
  site = new Site(openStorage(undefined), 5);
  site.siteUrl = 'http://127.0.0.1:1/sites/test';
  admin = site.userByUpn(ADMIN_UPN)!;
  const api = new Api(site);
  call(api, 'POST', 'web/lists', { Title: 'Saker', BaseTemplate: 100 });
  const fields = "web/lists/getbytitle('Saker')/fields/createfieldasxml";
  call(api, 'POST', fields, { parameters: { SchemaXml: '<Field Type="Text" Name="Kod" DisplayName="Kod" Indexed="TRUE" />' } });
  call(api, 'POST', fields, { parameters: { SchemaXml: '<Field Type="Number" Name="Antal" DisplayName="Antal" />' } });
  for (let i = 1; i <= 8; i++) call(api, 'POST', "web/lists/getbytitle('Saker')/items", { Title: `Sak ${i}`, Kod: `K${i % 3}`, Antal: i });
  list = site.listByTitle('Saker')!;
});

describe('$filter parser', () => {
  it('parses comparisons, functions, and/or/not with precedence and quoted strings', () => {
    expect(parseFilter("Title eq 'O''Brien'")).toEqual({
      kind: 'cmp',
      op: 'eq',
      left: { kind: 'member', path: ['Title'] },
      right: { kind: 'literal', value: "O'Brien" },
    });
    const tree = parseFilter("Antal gt 2 and (Kod eq 'K1' or startswith(Title,'Sak'))");
    expect(tree.kind).toBe('and');
    if (tree.kind === 'and') expect(tree.right.kind).toBe('or');
  });

  it('refuses what it cannot parse', () => {
    expect(() => parseFilter("Title eq 'unterminated")).toThrow();
    expect(() => parseFilter('Title xx 1')).toThrow();
  });
});

describe('$filter → SQL', () => {
  const ctx = (): FilterContext => ({ site, list, expands: new Set(), columns: new Set(), lookups: new Set() });

  it('puts every value in a parameter, never in the SQL text', () => {
    const c = compileNode(ctx(), parseFilter("Title eq 'x'' OR 1=1 --'"));
    expect(c.sql).not.toContain('OR 1=1');
    expect(c.params).toContain("x' or 1=1 --");
  });

  it('turns eq null into IS NULL and refuses an unknown column with SharePoint’s error', () => {
    expect(compileNode(ctx(), parseFilter('Antal eq null')).sql).toMatch(/IS NULL/);
    expect(() => compileNode(ctx(), parseFilter("Finns eq 'x'"))).toThrow(/Finns/);
  });
});

describe('threshold rules', () => {
  it('finds the indexed part of a filter: and needs one indexed side, or needs both', () => {
    expect(indexedPart(site, list, parseFilter("Kod eq 'K1' and Antal gt 2"))).toEqual(parseFilter("Kod eq 'K1'"));
    expect(indexedPart(site, list, parseFilter("Kod eq 'K1' or Antal gt 2"))).toBeNull();
    expect(indexedPart(site, list, parseFilter('Antal gt 2'))).toBeNull();
  });

  it('refuses a non-indexed filter or sort past the list view threshold, and allows an indexed one', () => {
    expect(site.itemCount(list.id)).toBeGreaterThan(5);
    expect(() => queryItems(site, list, q({ filter: 'Antal gt 2' }), noTrim, 'u')).toThrow(/threshold/i);
    expect(() => queryItems(site, list, q({ orderby: 'Antal' }), noTrim, 'u')).toThrow(/threshold/i);
    expect(queryItems(site, list, q({ filter: "Kod eq 'K1'" }), noTrim, 'u').value).toHaveLength(3);
  });

  it('allows at most 12 lookups in one query', () => {
    expect(() => checkLookupThreshold(12)).not.toThrow();
    expect(() => checkLookupThreshold(13)).toThrow();
  });
});

describe('keyset paging', () => {
  it('always ends the order with the item id, so pages are stable', () => {
    const keys = parseOrderBy(site, list, 'Kod desc');
    expect(keys.map((k) => [k.name, k.desc])).toEqual([
      ['Kod', true],
      ['ID', false],
    ]);
  });

  it('builds the condition for "after this row" with parameters', () => {
    const keys = parseOrderBy(site, list, 'Kod');
    const c = keysetCondition(keys, [tokenValue('K1', 'text'), tokenValue('4', 'number')]);
    expect(c.params).toEqual(['k1', 'k1', 4]);
    expect(c.sql).toContain('?');
  });

  it('pages through every item exactly once with $skiptoken, even past the threshold', () => {
    const seen: number[] = [];
    let next: ItemQuery | null = q({ top: '3' });
    while (next) {
      const page = queryItems(site, list, next, noTrim, 'http://x/list');
      seen.push(...page.value.map((v) => v.Id as number));
      next = page.nextLink ? q({ top: '3', skiptoken: new URL(page.nextLink).searchParams.get('$skiptoken') }) : null;
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
