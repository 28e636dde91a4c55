/** The $filter parser (filter.ts): OData v3 as SharePoint list items accept it → AST. */
import { describe, expect, it } from 'vitest';
import { SpError } from '../../../src/server/local-sharepoint/errors.js';
import { MAX_FILTER_DEPTH, MAX_FILTER_TERMS, type FilterNode, parseFilter } from '../../../src/server/local-sharepoint/filter.js';

const member = (...path: string[]) => ({ kind: 'member', path });
const lit = (value: string | number | boolean | null) => ({ kind: 'literal', value });
const cmp = (left: unknown, op: string, right: unknown) => ({ kind: 'cmp', op, left, right });

describe('comparisons and literals', () => {
  it('parses every comparison operator, case-insensitively', () => {
    for (const op of ['eq', 'ne', 'lt', 'le', 'gt', 'ge']) {
      expect(parseFilter(`Antal ${op.toUpperCase()} 3`)).toEqual(cmp(member('Antal'), op, lit(3)));
    }
  });

  it("unescapes '' inside strings and keeps everything else verbatim", () => {
    expect(parseFilter("Title eq 'O''Brien (and) or x'")).toEqual(cmp(member('Title'), 'eq', lit("O'Brien (and) or x")));
    expect(parseFilter("Title eq ''")).toEqual(cmp(member('Title'), 'eq', lit('')));
  });

  it('reads negative, decimal, exponent and suffixed numbers, booleans and null', () => {
    expect(parseFilter('Antal gt -2')).toEqual(cmp(member('Antal'), 'gt', lit(-2)));
    expect(parseFilter('Antal le 2.5')).toEqual(cmp(member('Antal'), 'le', lit(2.5)));
    expect(parseFilter('Antal lt 1e3')).toEqual(cmp(member('Antal'), 'lt', lit(1000)));
    expect(parseFilter('Antal eq 10m')).toEqual(cmp(member('Antal'), 'eq', lit(10)));
    expect(parseFilter('Aktiv eq true')).toEqual(cmp(member('Aktiv'), 'eq', lit(true)));
    expect(parseFilter('Aktiv ne FALSE')).toEqual(cmp(member('Aktiv'), 'ne', lit(false)));
    expect(parseFilter('Antal eq null')).toEqual(cmp(member('Antal'), 'eq', lit(null)));
  });

  it("marks datetime'…' literals", () => {
    expect(parseFilter("Datum ge datetime'2024-03-01T00:00:00Z'")).toEqual(
      cmp(member('Datum'), 'ge', { kind: 'literal', value: '2024-03-01T00:00:00Z', datetime: true }),
    );
  });

  it('keeps a literal on the left as written (the compiler swaps it)', () => {
    expect(parseFilter('3 lt Antal')).toEqual(cmp(lit(3), 'lt', member('Antal')));
  });

  it('reads one level of lookup/person navigation, no deeper', () => {
    expect(parseFilter("Kategori/Title eq 'Drift'")).toEqual(cmp(member('Kategori', 'Title'), 'eq', lit('Drift')));
    expect(() => parseFilter("A/B/C eq 'x'")).toThrow(SpError);
  });

  it('reads year(), month() and day() of a member', () => {
    expect(parseFilter('year(Datum) eq 2024')).toEqual(cmp({ kind: 'datepart', fn: 'year', member: member('Datum') }, 'eq', lit(2024)));
    expect((parseFilter('month(Datum) ge 6') as { left: unknown }).left).toEqual({
      kind: 'datepart',
      fn: 'month',
      member: member('Datum'),
    });
    expect((parseFilter('day(Datum) lt 10') as { left: unknown }).left).toEqual({ kind: 'datepart', fn: 'day', member: member('Datum') });
  });
});

describe('boolean structure', () => {
  it('binds and tighter than or, left-associatively', () => {
    const a = cmp(member('A'), 'eq', lit(1));
    const b = cmp(member('B'), 'eq', lit(2));
    const c = cmp(member('C'), 'eq', lit(3));
    expect(parseFilter('A eq 1 or B eq 2 and C eq 3')).toEqual({ kind: 'or', left: a, right: { kind: 'and', left: b, right: c } });
    expect(parseFilter('A eq 1 and B eq 2 and C eq 3')).toEqual({ kind: 'and', left: { kind: 'and', left: a, right: b }, right: c });
    expect(parseFilter('(A eq 1 or B eq 2) and C eq 3')).toEqual({ kind: 'and', left: { kind: 'or', left: a, right: b }, right: c });
  });

  it('binds not to the next term only', () => {
    expect(parseFilter('not A eq 1 and B eq 2')).toEqual({
      kind: 'and',
      left: { kind: 'not', expr: cmp(member('A'), 'eq', lit(1)) },
      right: cmp(member('B'), 'eq', lit(2)),
    });
    expect(parseFilter('not (A eq 1 and B eq 2)')).toEqual({
      kind: 'not',
      expr: { kind: 'and', left: cmp(member('A'), 'eq', lit(1)), right: cmp(member('B'), 'eq', lit(2)) },
    });
  });
});

describe('startswith and substringof', () => {
  const starts: FilterNode = {
    kind: 'func',
    name: 'startswith',
    member: { kind: 'member', path: ['Title'] },
    value: { kind: 'literal', value: 'Sak' },
  };

  it('normalises both argument orders to member + value', () => {
    expect(parseFilter("startswith(Title,'Sak')")).toEqual(starts);
    expect(parseFilter("substringof('ak', Title)")).toEqual({ ...starts, name: 'substringof', value: lit('ak') });
  });

  it('accepts "eq true" and turns "eq false"/"ne true" into not', () => {
    expect(parseFilter("startswith(Title,'Sak') eq true")).toEqual(starts);
    expect(parseFilter("startswith(Title,'Sak') ne false")).toEqual(starts);
    expect(parseFilter("startswith(Title,'Sak') eq false")).toEqual({ kind: 'not', expr: starts });
    expect(parseFilter("startswith(Title,'Sak') ne true")).toEqual({ kind: 'not', expr: starts });
  });

  it('refuses swapped arguments and comparisons other than eq/ne with a boolean', () => {
    expect(() => parseFilter("startswith('Sak', Title)")).toThrow(SpError);
    expect(() => parseFilter("substringof(Title, 'ak')")).toThrow(SpError);
    expect(() => parseFilter("startswith(Title,'Sak') gt true")).toThrow(SpError);
    expect(() => parseFilter("startswith(Title,'Sak') eq 1")).toThrow(SpError);
  });
});

describe('errors', () => {
  it.each([
    ["Title eq 'unterminated", 'unterminated string'],
    ['Title xx 1', 'unknown operator'],
    ['Title eq', 'missing operand'],
    ['Title eq 1 Antal', 'trailing tokens'],
    ['(Title eq 1', 'unclosed parenthesis'],
    ['Title eq 1)', 'stray parenthesis'],
    ['Title eq $1', 'unknown character'],
    ['Title and Antal', 'no comparison'],
    ['', 'empty'],
  ])('refuses %s (%s) with SharePoint’s 400', (src) => {
    let err: unknown;
    try {
      parseFilter(src);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SpError);
    expect((err as SpError).status).toBe(400);
    expect((err as SpError).code).toBe('-1, Microsoft.SharePoint.Client.InvalidClientQueryException');
    expect((err as SpError).message).toBe(`The expression "${src}" is not valid.`);
  });
});

describe('hostile filters', () => {
  it('refuses 5,000 nested parentheses or nots with a 400, without overflowing the stack', () => {
    const parens = `${'('.repeat(5000)}Title eq 'x'${')'.repeat(5000)}`;
    expect(() => parseFilter(parens)).toThrow(expect.objectContaining({ status: 400, message: expect.stringMatching(/nested/) }));
    expect(() => parseFilter(`${'not '.repeat(5000)}Title eq 'x'`)).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('takes nesting up to the limit and refuses more conditions than the limit', () => {
    expect(parseFilter(`${'('.repeat(MAX_FILTER_DEPTH)}Title eq 'x'${')'.repeat(MAX_FILTER_DEPTH)}`).kind).toBe('cmp');
    const many = Array.from({ length: MAX_FILTER_TERMS + 1 }, (_, i) => `ID eq ${i}`).join(' or ');
    expect(() => parseFilter(many)).toThrow(expect.objectContaining({ status: 400, message: expect.stringMatching(/conditions/) }));
  });
});
