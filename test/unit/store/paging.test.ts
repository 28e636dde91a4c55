/** $orderby and keyset paging with SharePoint's $skiptoken / odata.nextLink (query/paging.ts). */
import { beforeAll, describe, expect, it } from 'vitest';
import { SpError } from '../../../src/server/local-sharepoint/errors.js';
import { type ItemQuery, queryItems } from '../../../src/server/local-sharepoint/query.js';
import {
  keysetCondition,
  nextLink,
  parseOrderBy,
  skiptokenAfter,
  skiptokenCondition,
  tokenValue,
} from '../../../src/server/local-sharepoint/query/paging.js';
import type { ItemRow } from '../../../src/server/local-sharepoint/site.js';
import { type Fixture, makeSite, noTrim, q } from './site-fixture.js';

const KOD = "sp_fold(json_extract(i.data, '$.Kod'))";

let f: Fixture; // 8 items, past the threshold
let g: Fixture; // 3 items + 2 without Kod/Antal: 5, at the threshold, so any column sorts
beforeAll(() => {
  f = makeSite();
  g = makeSite({ items: 3 });
  g.call('POST', "web/lists/getbytitle('Saker')/items", { Title: 'Tom A' });
  g.call('POST', "web/lists/getbytitle('Saker')/items", { Title: 'Tom B', Aktiv: true });
});

const keys = (orderby: string | null, fx: Fixture = f) => parseOrderBy(fx.site, fx.saker, orderby);
const row = (id: number, fx: Fixture = f) => fx.site.getItem(fx.saker.id, id) as ItemRow;

describe('parseOrderBy', () => {
  it('always ends the order with the item id, so pages are stable', () => {
    expect(keys('Kod desc').map((k) => [k.name, k.sql, k.kind, k.desc])).toEqual([
      ['Kod', KOD, 'text', true],
      ['ID', 'i.id', 'number', false],
    ]);
    expect(keys(null).map((k) => k.name)).toEqual(['ID']);
  });

  it('sorts text case-folded, numbers/booleans/dates as stored, and does not repeat ID', () => {
    expect(keys('Antal asc, Aktiv, Datum DESC, Id desc').map((k) => [k.name, k.sql, k.kind, k.desc])).toEqual([
      ['Antal', "json_extract(i.data, '$.Antal')", 'number', false],
      ['Aktiv', "json_extract(i.data, '$.Aktiv')", 'bool', false],
      ['Datum', "json_extract(i.data, '$.Datum')", 'date', true],
      ['ID', 'i.id', 'number', true],
    ]);
  });

  it('refuses bad directions, unknown columns, multi-value and note columns', () => {
    expect(() => keys('Kod sideways')).toThrow('Invalid $orderby: Kod sideways');
    expect(() => keys('Kod asc extra')).toThrow(SpError);
    expect(() => keys('Finns')).toThrow("Column 'Finns' does not exist.");
    expect(() => keys('FleraId')).toThrow("The field 'Flera' cannot be used in $orderby.");
    expect(() => keys('Anteckning')).toThrow("The field 'Anteckning' cannot be used in $orderby.");
  });
});

describe('keysetCondition', () => {
  it('builds "after this row" over every key, values as parameters', () => {
    expect(keysetCondition(keys('Kod'), ['k1', 4])).toEqual({
      sql: `(${KOD} > ? OR (${KOD} = ? AND (i.id > ?)))`,
      params: ['k1', 'k1', 4],
    });
    expect(keysetCondition(keys(null), [7])).toEqual({ sql: '(i.id > ?)', params: [7] });
  });

  it('places empty values as SQLite sorts them: first ascending, last descending', () => {
    expect(keysetCondition(keys('Kod desc'), ['k1', 4])).toEqual({
      sql: `(${KOD} < ? OR ${KOD} IS NULL OR (${KOD} = ? AND (i.id > ?)))`,
      params: ['k1', 'k1', 4],
    });
    expect(keysetCondition(keys('Kod'), [null, 4])).toEqual({
      sql: `(${KOD} IS NOT NULL OR (${KOD} IS NULL AND (i.id > ?)))`,
      params: [4],
    });
    expect(keysetCondition(keys('Kod desc'), [null, 4])).toEqual({ sql: `(${KOD} IS NULL AND (i.id > ?))`, params: [4] });
  });
});

describe('$skiptoken', () => {
  it('reads token values as the column compares them', () => {
    expect(tokenValue('4', 'number')).toBe(4);
    expect(tokenValue('1', 'bool')).toBe(1);
    expect(tokenValue('ÅK', 'text')).toBe('åk');
    expect(tokenValue('2024-01-15T08:00:00Z', 'date')).toBe('2024-01-15T08:00:00Z');
    expect(tokenValue('', 'text')).toBeNull();
    expect(tokenValue(null, 'number')).toBeNull();
  });

  it('turns Paged=TRUE&p_… into the keyset condition, and ignores other tokens', () => {
    expect(skiptokenCondition(keys('Kod'), 'Paged=TRUE&p_Kod=K1&p_ID=4')).toEqual(keysetCondition(keys('Kod'), ['k1', 4]));
    expect(skiptokenCondition(keys(null), 'Paged=true&p_ID=3')).toEqual({ sql: '(i.id > ?)', params: [3] });
    expect(skiptokenCondition(keys(null), 'Paged=FALSE&p_ID=3')).toBeNull();
    expect(skiptokenCondition(keys(null), 'Paged=TRUE')).toBeNull();
    expect(skiptokenCondition(keys(null), 'p_ID=3')).toBeNull();
  });

  it("writes the last row's sort values: booleans as 1/0, empty as ''", () => {
    expect(skiptokenAfter(keys('Aktiv desc, Kod'), row(4))).toBe('Paged=TRUE&p_Aktiv=1&p_Kod=K1&p_ID=4');
    expect(skiptokenAfter(keys('Antal'), row(3))).toBe('Paged=TRUE&p_Antal=3&p_ID=3');
    expect(skiptokenAfter(keys('Kod'), row(4, g))).toBe('Paged=TRUE&p_Kod=&p_ID=4');
    expect(skiptokenAfter(keys('Created'), row(2))).toBe(`Paged=TRUE&p_Created=${encodeURIComponent(row(2).created)}&p_ID=2`);
  });

  it('round-trips: what skiptokenAfter writes, skiptokenCondition reads back', () => {
    const k = keys('Aktiv desc, Kod');
    expect(skiptokenCondition(k, skiptokenAfter(k, row(4)))).toEqual(keysetCondition(k, [1, 'k1', 4]));
  });
});

describe('odata.nextLink', () => {
  it('puts the new $skiptoken first, then the query’s options', () => {
    expect(
      nextLink("http://x/_api/web/lists(guid'1')", 'Paged=TRUE&p_ID=2', {
        select: 'Id',
        expand: null,
        filter: "Kod eq 'K1'",
        orderby: null,
        top: '2',
      }),
    ).toBe("http://x/_api/web/lists(guid'1')/items?%24skiptoken=Paged%3DTRUE%26p_ID%3D2&%24select=Id&%24filter=Kod+eq+%27K1%27&%24top=2");
  });

  it('is absent on the last page and on an empty page', () => {
    const last = queryItems(f.site, f.saker, q({ top: '8', select: 'Id' }), noTrim, 'http://x/l');
    expect(last.value).toHaveLength(8);
    expect(last.nextLink).toBeUndefined();
    expect(queryItems(f.site, f.saker, q({ top: '0' }), noTrim, 'http://x/l')).toEqual({ value: [] });
    const first = queryItems(f.site, f.saker, q({ top: '7', select: 'Id' }), noTrim, 'http://x/l');
    expect(first.nextLink).toBe('http://x/l/items?%24skiptoken=Paged%3DTRUE%26p_ID%3D7&%24select=Id&%24top=7');
  });
});

describe('paging through queryItems', () => {
  /** Every page by following nextLink as a client does (its whole query string). */
  const pagedIds = (fx: Fixture, query: ItemQuery): number[] => {
    const ids: number[] = [];
    let next: ItemQuery | null = query;
    let pages = 0;
    while (next) {
      const page = queryItems(fx.site, fx.saker, next, noTrim, 'http://x/l');
      ids.push(...page.value.map((v) => v.Id as number));
      pages++;
      if (pages > 20) throw new Error('paging does not end');
      const p: URLSearchParams | null = page.nextLink ? new URL(page.nextLink).searchParams : null;
      next = p
        ? {
            select: p.get('$select'),
            expand: p.get('$expand'),
            filter: p.get('$filter'),
            orderby: p.get('$orderby'),
            top: p.get('$top'),
            skiptoken: p.get('$skiptoken'),
          }
        : null;
    }
    return ids;
  };

  it('visits every item exactly once, past the threshold, by id', () => {
    expect(pagedIds(f, q({ top: '3', select: 'Id' }))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('keeps ties in id order on an indexed column with repeated values', () => {
    // Kod = K(i % 3): K0 → 3, 6; K1 → 1, 4, 7; K2 → 2, 5, 8
    expect(pagedIds(f, q({ top: '2', select: 'Id', orderby: 'Kod' }))).toEqual([3, 6, 1, 4, 7, 2, 5, 8]);
    expect(pagedIds(f, q({ top: '2', select: 'Id', orderby: 'Kod desc' }))).toEqual([2, 5, 8, 1, 4, 7, 3, 6]);
  });

  it('keeps the filter across pages', () => {
    expect(pagedIds(f, q({ top: '1', select: 'Id', filter: "Kod eq 'K1'" }))).toEqual([1, 4, 7]);
  });

  it.each(['Kod', 'Kod desc', 'Antal', 'Antal desc', 'Aktiv', 'Aktiv desc, Title', 'Title desc', 'Datum desc', 'Id desc'])(
    'pages by %s with empty values exactly as the unpaged order',
    (orderby) => {
      const all = queryItems(g.site, g.saker, q({ select: 'Id', orderby }), noTrim, 'u').value.map((v) => v.Id as number);
      expect([...all].sort()).toEqual([1, 2, 3, 4, 5]);
      expect(pagedIds(g, q({ top: '2', select: 'Id', orderby }))).toEqual(all);
    },
  );

  it('sorts empty values first ascending and last descending', () => {
    expect(pagedIds(g, q({ top: '2', select: 'Id', orderby: 'Kod' }))).toEqual([4, 5, 3, 1, 2]);
    expect(pagedIds(g, q({ top: '2', select: 'Id', orderby: 'Antal desc' }))).toEqual([3, 2, 1, 4, 5]);
  });
});
