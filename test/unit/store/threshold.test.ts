/**
 * SharePoint's query limits (query/threshold.ts): the list view threshold (here 5 items instead of
 * 5,000) on non-indexed filters and sorts, and the 12-lookup threshold.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SpError } from '../../../src/server/local-sharepoint/errors.js';
import { parseFilter } from '../../../src/server/local-sharepoint/filter.js';
import { queryItems } from '../../../src/server/local-sharepoint/query.js';
import type { FilterContext } from '../../../src/server/local-sharepoint/query/filter-sql.js';
import { parseOrderBy } from '../../../src/server/local-sharepoint/query/paging.js';
import { checkListViewThreshold, checkLookupThreshold, indexedPart } from '../../../src/server/local-sharepoint/query/threshold.js';
import type { ListRow } from '../../../src/server/local-sharepoint/site.js';
import { type Fixture, makeSite, noTrim, q, THRESHOLD } from './site-fixture.js';

const LVT = 'The attempted operation is prohibited because it exceeds the list view threshold.';
const THROTTLED_CODE = '-2147024860, Microsoft.SharePoint.SPQueryThrottledException';

let big: Fixture; // 8 items > threshold 5
let small: Fixture; // 5 items = threshold
beforeAll(() => {
  big = makeSite();
  small = makeSite({ items: THRESHOLD });
});

const errorOf = (fn: () => unknown): SpError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof SpError) return e;
    throw e;
  }
  throw new Error('expected an SpError');
};
const check = (fx: Fixture, filter: string | null, orderby: string | null = null) => {
  const ctx: FilterContext = { site: fx.site, list: fx.saker, expands: new Set(), columns: new Set(), lookups: new Set() };
  checkListViewThreshold(ctx, parseOrderBy(fx.site, fx.saker, orderby), filter ? parseFilter(filter) : null);
};

describe('indexedPart', () => {
  const part = (src: string) => indexedPart(big.site, big.saker, parseFilter(src));

  it('keeps a comparison or function on an indexed column (ID always is)', () => {
    expect(part("Kod eq 'K1'")).toEqual(parseFilter("Kod eq 'K1'"));
    expect(part("'K1' eq Kod")).toEqual(parseFilter("'K1' eq Kod"));
    expect(part("startswith(Kod,'K')")).toEqual(parseFilter("startswith(Kod,'K')"));
    expect(part('Id le 3')).toEqual(parseFilter('Id le 3'));
    expect(part('Antal gt 2')).toBeNull();
  });

  it('needs one indexed side of an and, both sides of an or, and never uses not', () => {
    expect(part("Kod eq 'K1' and Antal gt 2")).toEqual(parseFilter("Kod eq 'K1'"));
    expect(part("Antal gt 2 and Kod eq 'K1'")).toEqual(parseFilter("Kod eq 'K1'"));
    expect(part("Kod eq 'K1' and Id gt 2")).toEqual(parseFilter("Kod eq 'K1' and Id gt 2"));
    expect(part("Kod eq 'K1' or Antal gt 2")).toBeNull();
    expect(part("Kod eq 'K1' or Id eq 2")).toEqual(parseFilter("Kod eq 'K1' or Id eq 2"));
    expect(part("not Kod eq 'K1'")).toBeNull();
  });
});

describe('list view threshold', () => {
  it('refuses a non-indexed filter or sort past the threshold with SharePoint’s throttling error', () => {
    const e = errorOf(() => check(big, 'Antal gt 2'));
    expect([e.status, e.code, e.message]).toEqual([500, THROTTLED_CODE, LVT]);
    expect(errorOf(() => check(big, null, 'Antal')).message).toBe(LVT);
    expect(errorOf(() => check(big, "Kod eq 'K1' or Antal gt 2")).message).toBe(LVT);
  });

  it('allows an indexed filter whose indexed part matches at most the threshold', () => {
    expect(() => check(big, "Kod eq 'K1'")).not.toThrow(); // 3 items
    expect(() => check(big, "Kod eq 'K1' and Antal gt 2")).not.toThrow();
    expect(() => check(big, 'Id le 5')).not.toThrow(); // exactly the threshold
    expect(() => check(big, null, 'Kod desc')).not.toThrow();
    expect(() => check(big, null, 'ID desc')).not.toThrow();
  });

  it('refuses an indexed filter that still matches more than the threshold', () => {
    expect(errorOf(() => check(big, 'Id le 6')).message).toBe(LVT);
    expect(errorOf(() => check(big, "Kod ne 'X'")).message).toBe(LVT);
  });

  it('does not apply at or below the threshold', () => {
    expect(small.site.itemCount(small.saker.id)).toBe(THRESHOLD);
    expect(() => check(small, 'Antal gt 2', 'Antal desc')).not.toThrow();
    expect(queryItems(small.site, small.saker, q({ filter: 'Antal gt 2', select: 'Id' }), noTrim, 'u').value.map((v) => v.Id)).toEqual([
      3, 4, 5,
    ]);
  });

  it('is enforced by queryItems, which still answers indexed queries on the big list', () => {
    expect(() => queryItems(big.site, big.saker, q({ filter: 'Antal gt 2' }), noTrim, 'u')).toThrow(LVT);
    expect(() => queryItems(big.site, big.saker, q({ orderby: 'Antal' }), noTrim, 'u')).toThrow(LVT);
    expect(queryItems(big.site, big.saker, q({ filter: "Kod eq 'K1'", select: 'Id' }), noTrim, 'u').value.map((v) => v.Id)).toEqual([
      1, 4, 7,
    ]);
  });

  it('caps $top at 5,000 and refuses a malformed $top', () => {
    expect(errorOf(() => queryItems(small.site, small.saker, q({ top: '5001' }), noTrim, 'u')).message).toBe(LVT);
    expect(errorOf(() => queryItems(small.site, small.saker, q({ top: '-1' }), noTrim, 'u')).message).toBe("Invalid $top value '-1'.");
    expect(queryItems(small.site, small.saker, q({ top: '5000' }), noTrim, 'u').value).toHaveLength(THRESHOLD);
  });
});

describe('lookup threshold', () => {
  const LOOKUP_MESSAGE =
    'The query cannot be completed because the number of lookup columns it contains exceeds the lookup column threshold enforced by the administrator.';
  let wide: ListRow;
  beforeAll(() => {
    small.call('POST', 'web/lists', { Title: 'Bred', BaseTemplate: 100 });
    for (let i = 1; i <= 13; i++) {
      small.call('POST', "web/lists/getbytitle('Bred')/fields/createfieldasxml", {
        parameters: {
          SchemaXml: `<Field Type="Lookup" Name="L${i}" DisplayName="L${i}" List="{${small.kategorier.id}}" ShowField="Title" />`,
          Options: 8,
        },
      });
    }
    small.call('POST', "web/lists/getbytitle('Bred')/items", { Title: 'En', L1Id: 1 });
    wide = small.site.listByTitle('Bred') as ListRow;
  });
  const lookups = (n: number) => Array.from({ length: n }, (_, i) => `L${i + 1}Id`).join(',');

  it('allows 12 lookups and refuses 13', () => {
    expect(() => checkLookupThreshold(12)).not.toThrow();
    const e = errorOf(() => checkLookupThreshold(13));
    expect([e.status, e.code, e.message]).toEqual([500, THROTTLED_CODE, LOOKUP_MESSAGE]);
  });

  it('counts selected, filtered and sorted person/lookup columns in queryItems', () => {
    expect(queryItems(small.site, wide, q({ select: lookups(12) }), noTrim, 'u').value).toHaveLength(1);
    expect(errorOf(() => queryItems(small.site, wide, q({ select: lookups(13) }), noTrim, 'u')).message).toBe(LOOKUP_MESSAGE);
    // the default projection reads all 13 lookups plus Author and Editor
    expect(errorOf(() => queryItems(small.site, wide, q(), noTrim, 'u')).message).toBe(LOOKUP_MESSAGE);
    // 12 selected + a 13th only in the filter, or only in the sort
    expect(errorOf(() => queryItems(small.site, wide, q({ select: lookups(12), filter: 'L13Id eq 1' }), noTrim, 'u')).message).toBe(
      LOOKUP_MESSAGE,
    );
    expect(errorOf(() => queryItems(small.site, wide, q({ select: lookups(12), orderby: 'L13Id' }), noTrim, 'u')).message).toBe(
      LOOKUP_MESSAGE,
    );
    // the same column selected and filtered counts once
    expect(queryItems(small.site, wide, q({ select: lookups(12), filter: 'L12Id eq 1' }), noTrim, 'u').value).toHaveLength(0);
  });
});
