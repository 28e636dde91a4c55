/** The register list's filters → URL and → the SharePoint query the page sends. */
import { describe, expect, it } from 'vitest';
import { listSpec } from '../../src/shared/schema/index.js';
import {
  emptyFilters,
  filtersFromParams,
  filtersToParams,
  REGISTER_PARAMS,
  hasFilters,
  matchesClientSide,
  serverFilter,
  sortRows,
  type RegisterFilters,
  type RegisterRow,
} from '../../src/features/systems/api/register-query.js';
import { registerQuery } from '../../src/features/systems/api/register-read.js';

const ctx = { today: '2026-12-04', meId: 42, departmentId: (code: string) => ({ SOC: 7, KS: 3 })[code] ?? null };
const f = (over: Partial<RegisterFilters>): RegisterFilters => ({ ...emptyFilters, ...over });
const odata = (over: Partial<RegisterFilters>) => serverFilter(f(over), ctx).odata;

describe('filters → SharePoint $filter', () => {
  it('no filter sends no $filter', () => {
    expect(odata({})).toBe('');
  });

  it('each filter becomes a clause on its (indexed) column', () => {
    expect(odata({ q: 'Pro' })).toBe("(startswith(Title,'Pro')) or (startswith(Supplier,'Pro'))");
    expect(odata({ dept: 'SOC' })).toBe('DepartmentId eq 7');
    expect(odata({ lifecycle: 'under avveckling' })).toBe("LifecycleStatus eq 'under avveckling'");
    expect(odata({ criticality: 'verksamhetskritisk' })).toBe("Criticality eq 'verksamhetskritisk'");
    expect(odata({ societal: true })).toBe('SocietallyCritical eq 1');
    expect(odata({ societal: false })).toBe('SocietallyCritical eq 0');
    expect(odata({ owner: 'me' })).toBe('SystemOwnerId eq 42');
    expect(odata({ owner: 15 })).toBe('SystemOwnerId eq 15');
    expect(odata({ missingOwner: true })).toBe('(SystemOwnerId eq null) or (SystemAdministratorId eq null)');
    // Today and the next 30 days, as SharePoint stores calendar dates (12:00 UTC).
    expect(odata({ contractDays: 30 })).toBe(
      "(ContractEndDate ge datetime'2026-12-04T12:00:00Z') and (ContractEndDate le datetime'2027-01-03T12:00:00Z')",
    );
  });

  it('a department code that does not exist, or an unknown "me", matches nothing instead of everything', () => {
    expect(odata({ dept: 'FINNS-EJ' })).toBe('DepartmentId eq 0');
    expect(serverFilter(f({ owner: 'me' }), { ...ctx, meId: null }).odata).toBe('SystemOwnerId eq 0');
  });

  it('user input is escaped, never concatenated into OData', () => {
    expect(odata({ q: "O'Brien) or (1 eq 1" })).toBe(
      "(startswith(Title,'O''Brien) or (1 eq 1')) or (startswith(Supplier,'O''Brien) or (1 eq 1'))",
    );
  });

  it('combined filters: and of clauses, the most selective first', () => {
    expect(odata({ lifecycle: 'i drift', owner: 'me', dept: 'KS', societal: true })).toBe(
      "(SystemOwnerId eq 42) and (DepartmentId eq 3) and (SocietallyCritical eq 1) and (LifecycleStatus eq 'i drift')",
    );
  });

  it('every column any filter sends is indexed (valid past the 5,000-item threshold); classification never goes to SharePoint', () => {
    const all = odata({
      q: 'a',
      dept: 'SOC',
      lifecycle: 'planerad',
      criticality: 'övrig',
      societal: true,
      minLevel: 3,
      owner: 1,
      missingOwner: true,
      contractDays: 90,
    });
    const columns = new Set(
      [...all.matchAll(/(?:startswith\(|\()?([A-Z][A-Za-z]+?)(?:Id)? (?:eq|ge|le)|startswith\(([A-Za-z]+),/g)].map((m) => m[1] ?? m[2]),
    );
    const indexed = new Set(
      listSpec('systems')
        .fields.filter((x) => x.indexed)
        .map((x) => x.internalName),
    );
    expect(columns.size).toBeGreaterThanOrEqual(8);
    for (const c of columns) expect(indexed, c).toContain(c);
    expect(all).not.toMatch(/Confidentiality|Integrity|Availability|Traceability/);
    expect(odata({ minLevel: 3 })).toBe('');
  });

  it('the repository query asks for the shown columns only, in Title order', () => {
    const q = registerQuery({ filters: f({ dept: 'SOC' }), today: ctx.today, meId: null }, [
      { id: 7, code: 'SOC', title: 'Socialförvaltningen' } as never,
    ]);
    expect(q.filter.odata).toBe('DepartmentId eq 7');
    expect(q.orderBy).toEqual([{ key: 'title' }]);
    expect(q.fields).toContain('title');
    expect(q.fields).not.toContain('description');
    expect(q.fields.length).toBeLessThan(15);
  });
});

describe('classification level on the loaded rows', () => {
  const row = (levels: Partial<RegisterRow>) => ({ id: 1, title: 'x', ...levels }) as RegisterRow;
  it('any of K/R/T/S at least the level', () => {
    expect(matchesClientSide(row({ confidentiality: 1, integrity: 2, availability: 3, traceability: 1 }), f({ minLevel: 3 }))).toBe(true);
    expect(matchesClientSide(row({ confidentiality: 2, integrity: 2, availability: 2, traceability: 2 }), f({ minLevel: 3 }))).toBe(false);
    expect(matchesClientSide(row({}), f({ minLevel: 2 }))).toBe(false);
    expect(matchesClientSide(row({}), f({}))).toBe(true);
  });

  it('open tasks: only the systems in the set; none while the set is unknown; ignored when off', () => {
    expect(matchesClientSide(row({ id: 1 }), f({ openTasks: true }), new Set([1, 5]))).toBe(true);
    expect(matchesClientSide(row({ id: 2 }), f({ openTasks: true }), new Set([1, 5]))).toBe(false);
    expect(matchesClientSide(row({ id: 1 }), f({ openTasks: true }), null)).toBe(false);
    expect(matchesClientSide(row({ id: 2 }), f({}), new Set([1]))).toBe(true);
    expect(matchesClientSide(row({ id: 1, confidentiality: 1 }), f({ openTasks: true, minLevel: 3 }), new Set([1]))).toBe(false);
  });
});

describe('URL round trip', () => {
  it('filters → query string → the same filters', () => {
    const full = f({
      q: 'Pro',
      dept: 'SOC',
      lifecycle: 'i drift',
      criticality: 'verksamhetskritisk',
      societal: false,
      minLevel: 3,
      owner: 'me',
      missingOwner: true,
      contractDays: 90,
      openTasks: true,
      sort: 'contract',
      descending: true,
    });
    const params = filtersToParams(full);
    expect(params.toString()).toBe(
      'q=Pro&dept=SOC&livscykel=i+drift&krit=verksamhetskritisk&samhallsviktig=nej&klass=3&agare=me&saknarAgare=ja&avtalInom=90&uppgifter=ja&sort=contract&fallande=ja',
    );
    expect(filtersFromParams(new URLSearchParams(params.toString()))).toEqual(full);
  });

  it('the default is an empty query string; the example deep link reads as written', () => {
    expect(filtersToParams(emptyFilters).toString()).toBe('');
    expect(filtersFromParams(new URLSearchParams('dept=SOC&krit=verksamhetskritisk'))).toEqual(
      f({ dept: 'SOC', criticality: 'verksamhetskritisk' }),
    );
  });

  it('malformed values are ignored, not sent', () => {
    expect(filtersFromParams(new URLSearchParams('krit=hemlig&klass=9&agare=-1&avtalInom=abc&sort=x&samhallsviktig=kanske'))).toEqual(
      emptyFilters,
    );
    expect(filtersFromParams(new URLSearchParams('uppgifter=nej')).openTasks).toBe(false);
    expect(filtersFromParams(new URLSearchParams('uppgifter=1')).openTasks).toBe(false);
  });

  it('"har öppna uppgifter" alone: uppgifter=ja, a filter ("Rensa filter" clears it), never sent to SharePoint', () => {
    const only = f({ openTasks: true });
    expect(filtersToParams(only).toString()).toBe('uppgifter=ja');
    expect(filtersFromParams(new URLSearchParams('uppgifter=ja&lang=sv'))).toEqual(only);
    expect(hasFilters(only)).toBe(true);
    expect(REGISTER_PARAMS.has('uppgifter')).toBe(true);
    expect(odata({ openTasks: true })).toBe('');
    expect(odata({ openTasks: true, lifecycle: 'i drift' })).toBe(odata({ lifecycle: 'i drift' }));
  });

  it('hasFilters ignores sorting', () => {
    expect(hasFilters(f({ sort: 'owner', descending: true }))).toBe(false);
    expect(hasFilters(f({ missingOwner: true }))).toBe(true);
  });
});

describe('sorting by a shown column', () => {
  const rows = [
    { id: 1, title: 'Ärendehantering', supplier: 'Beta', contractEndDate: '2027-01-01', confidentiality: 2 },
    { id: 2, title: 'Bokning', supplier: null, contractEndDate: null, confidentiality: 4 },
    { id: 3, title: 'Ekonomi', supplier: 'Alfa', contractEndDate: '2026-12-24', confidentiality: null },
  ] as unknown as RegisterRow[];
  it('Swedish collation, blanks last both ways', () => {
    expect(sortRows(rows, 'name', false).map((r) => r.id)).toEqual([2, 3, 1]);
    expect(sortRows(rows, 'supplier', false).map((r) => r.id)).toEqual([3, 1, 2]);
    expect(sortRows(rows, 'supplier', true).map((r) => r.id)).toEqual([1, 3, 2]);
    expect(sortRows(rows, 'contract', false).map((r) => r.id)).toEqual([3, 1, 2]);
    expect(sortRows(rows, 'classification', true).map((r) => r.id)).toEqual([2, 1, 3]);
  });
});
