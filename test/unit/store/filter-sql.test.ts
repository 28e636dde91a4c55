/** $filter AST → parameterised SQL (query/filter-sql.ts): the SQL text, its parameters, and what it selects. */
import { beforeAll, describe, expect, it } from 'vitest';
import { SpError } from '../../../src/server/local-sharepoint/errors.js';
import { parseFilter } from '../../../src/server/local-sharepoint/filter.js';
import { compileNode, type FilterContext, normalizeDate } from '../../../src/server/local-sharepoint/query/filter-sql.js';
import { type Fixture, makeSite } from './site-fixture.js';

let f: Fixture;
beforeAll(() => {
  f = makeSite();
});

const ctx = (expands: string[] = []): FilterContext => ({
  site: f.site,
  list: f.saker,
  expands: new Set(expands),
  columns: new Set(),
  lookups: new Set(),
});
const compile = (src: string, expands: string[] = []) => compileNode(ctx(expands), parseFilter(src));
/** Ids of Saker the compiled filter selects, run against the fixture's SQLite. */
const ids = (src: string, expands: string[] = []) => {
  const c = compile(src, expands);
  return (
    f.site.db.prepare(`SELECT i.id FROM items i WHERE i.list_id = ? AND ${c.sql} ORDER BY i.id`).all(f.saker.id, ...c.params) as {
      id: number;
    }[]
  ).map((r) => r.id);
};
const failure = (fn: () => unknown): SpError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof SpError) return e;
    throw e;
  }
  throw new Error('expected an SpError');
};

describe('columns and values', () => {
  it('compares a number column with a bound number', () => {
    expect(compile('Antal gt 2')).toEqual({ sql: "(json_extract(i.data, '$.Antal') > ?)", params: [2] });
    expect(ids('Antal gt 6')).toEqual([7, 8]);
  });

  it('compares text case-folded (å/ä/ö too), the value folded as a parameter', () => {
    expect(compile("Title eq 'SAK 3'")).toEqual({ sql: "(sp_fold(json_extract(i.data, '$.Title')) = ?)", params: ['sak 3'] });
    expect(ids("Title eq 'SAK 3'")).toEqual([3]);
    expect(compile("Title ne 'ÅÄÖ'").params).toEqual(['åäö']);
  });

  it('maps built-in columns to their own SQL columns', () => {
    expect(compile('Id le 3')).toEqual({ sql: '(i.id <= ?)', params: [3] });
    expect(compile('AuthorId eq 1')).toEqual({ sql: '(i.author_id = ?)', params: [1] });
    expect(ids('ID ge 7')).toEqual([7, 8]);
  });

  it('swaps a literal on the left, mirroring the operator', () => {
    expect(compile('3 lt Antal')).toEqual({ sql: "(json_extract(i.data, '$.Antal') > ?)", params: [3] });
    expect(ids('6 le Antal')).toEqual([6, 7, 8]);
  });

  it('binds booleans as 1/0 and refuses anything else', () => {
    expect(compile('Aktiv eq true').params).toEqual([1]);
    expect(compile("Aktiv eq 'false'").params).toEqual([0]);
    expect(ids('Aktiv eq true')).toEqual([2, 4, 6, 8]);
    expect(failure(() => compile("Aktiv eq 'ja'")).status).toBe(400);
  });

  it('normalises dates to UTC seconds and refuses what is not a date', () => {
    expect(compile("Datum ge datetime'2024-06-01'").params).toEqual(['2024-06-01T00:00:00Z']);
    expect(compile("Datum lt '2024-06-01T10:00:00+02:00'").params).toEqual(['2024-06-01T08:00:00Z']);
    expect(ids("Datum ge datetime'2024-06-15T08:00:00Z'")).toEqual([6, 7, 8]);
    expect(failure(() => compile("Datum eq 'igår'")).message).toBe('The expression "igår" is not valid.');
    expect(normalizeDate('2024-01-02T03:04:05.678Z')).toBe('2024-01-02T03:04:05Z');
    expect(normalizeDate('2024-01-02T03:04:05')).toBe('2024-01-02T03:04:05Z');
    expect(normalizeDate('inte ett datum')).toBeNull();
  });

  it('refuses a number column compared with text', () => {
    expect(failure(() => compile("Antal eq 'många'")).message).toBe('The expression "många" is not valid.');
  });

  it('turns eq/ne null into IS [NOT] NULL and refuses ordering against null', () => {
    expect(compile('Antal eq null')).toEqual({ sql: "(json_extract(i.data, '$.Antal') IS NULL)", params: [] });
    expect(compile('Anteckning ne null')).toEqual({ sql: "(sp_fold(json_extract(i.data, '$.Anteckning')) IS NOT NULL)", params: [] });
    expect(ids('Anteckning eq null')).toHaveLength(8);
    expect(failure(() => compile('Antal gt null')).status).toBe(400);
  });

  it('reads year/month/day from the stored ISO text', () => {
    expect(compile('year(Datum) eq 2024')).toEqual({
      sql: "(CAST(substr(json_extract(i.data, '$.Datum'), 1, 4) AS INTEGER) = ?)",
      params: [2024],
    });
    expect(compile('month(Datum) eq 3').sql).toBe("(CAST(substr(json_extract(i.data, '$.Datum'), 6, 2) AS INTEGER) = ?)");
    expect(compile('day(Datum) eq 15').sql).toBe("(CAST(substr(json_extract(i.data, '$.Datum'), 9, 2) AS INTEGER) = ?)");
    expect(ids('month(Datum) le 2')).toEqual([1, 2]);
    expect(failure(() => compile('year(Antal) eq 2024')).status).toBe(400);
  });
});

describe('structure', () => {
  it('composes and/or with parameters in order', () => {
    expect(compile("Antal gt 2 and (Kod eq 'K1' or Antal eq 8)")).toEqual({
      sql: "((json_extract(i.data, '$.Antal') > ?) AND ((sp_fold(json_extract(i.data, '$.Kod')) = ?) OR (json_extract(i.data, '$.Antal') = ?)))",
      params: [2, 'k1', 8],
    });
    expect(ids("Antal gt 2 and (Kod eq 'K1' or Antal eq 8)")).toEqual([4, 7, 8]);
  });

  it('treats an unknown (NULL) comparison under not as false, as SharePoint does', () => {
    expect(compile('not Antal gt 6')).toEqual({ sql: "(NOT COALESCE((json_extract(i.data, '$.Antal') > ?), 0))", params: [6] });
    expect(ids('not Antal gt 6')).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('compiles startswith/substringof to instr on folded text', () => {
    expect(compile("startswith(Title,'SAK 1')")).toEqual({
      sql: "(instr(sp_fold(json_extract(i.data, '$.Title')), ?) = 1)",
      params: ['sak 1'],
    });
    expect(compile("substringof('k 1',Title)")).toEqual({
      sql: "(instr(sp_fold(json_extract(i.data, '$.Title')), ?) > 0)",
      params: ['k 1'],
    });
    expect(ids("substringof('K 7',Title)")).toEqual([7]);
  });

  it('puts every value in a parameter, never in the SQL text', () => {
    const c = compile("Title eq 'x'' OR 1=1 --'");
    expect(c.sql).toBe("(sp_fold(json_extract(i.data, '$.Title')) = ?)");
    expect(c.params).toEqual(["x' or 1=1 --"]);
    expect(ids("Title eq 'x'' OR 1=1 --'")).toEqual([]);
  });
});

describe('lookups and people', () => {
  it('filters a lookup by id without expanding it, and counts it as a lookup', () => {
    const c = ctx();
    expect(compileNode(c, parseFilter('KategoriId eq 2'))).toEqual({ sql: "(json_extract(i.data, '$.Kategori') = ?)", params: [2] });
    expect([...c.columns]).toEqual(['Kategori']);
    expect([...c.lookups]).toEqual(['Kategori']);
    expect(ids('KategoriId eq 2')).toEqual([1, 4, 7]);
  });

  it("filters on a lookup target's column only when expanded, through a subquery bound to the target list", () => {
    expect(failure(() => compile("Kategori/Title eq 'Drift'")).message).toMatch(/Kategori/);
    expect(compile("Kategori/Title eq 'Drift'", ['Kategori'])).toEqual({
      sql: "(sp_fold((SELECT json_extract(t.data, '$.Title') FROM items t WHERE t.list_id = ? AND t.id = json_extract(i.data, '$.Kategori'))) = ?)",
      params: [f.kategorier.id, 'drift'],
    });
    expect(ids("Kategori/Title eq 'drift'", ['Kategori'])).toEqual([3, 6]);
    expect(compile('Kategori/Id eq 1', ['Kategori'])).toEqual({ sql: "(json_extract(i.data, '$.Kategori') = ?)", params: [1] });
  });

  it("filters on a person's properties through the principals table", () => {
    expect(compile("Ansvarig/EMail eq 'ADMIN@exempelkommun.se'", ['Ansvarig'])).toEqual({
      sql: "(sp_fold((SELECT p.email FROM principals p WHERE p.id = json_extract(i.data, '$.Ansvarig'))) = ?)",
      params: ['admin@exempelkommun.se'],
    });
    expect(ids("Ansvarig/EMail eq 'ADMIN@exempelkommun.se'", ['Ansvarig'])).toHaveLength(8);
    expect(failure(() => compile("Ansvarig/Skonummer eq '42'", ['Ansvarig'])).message).toMatch(/Skonummer/);
  });

  it('refuses a lookup without Id, a multi-value lookup, and unknown columns with SharePoint’s errors', () => {
    expect(failure(() => compile('Kategori eq 2')).status).toBe(400);
    expect(failure(() => compile('FleraId eq 1')).message).toBe(
      "The field 'Flera' of type 'LookupMulti' cannot be used in the query filter expression.",
    );
    expect(failure(() => compile("Finns eq 'x'")).message).toBe("Column 'Finns' does not exist. It may have been deleted by another user.");
    expect(failure(() => compile("Kategori/Finns eq 'x'", ['Kategori'])).status).toBe(400);
  });
});
