import type { FieldKey, ListKey } from '../schema/index.js';
import { listSpec } from '../schema/index.js';
import { dateOnlyToSharePoint } from './mapping.js';

/**
 * A SharePoint $filter built from domain field names. Values are always escaped here, so no caller
 * ever concatenates user input into OData (no injection), and only operators SharePoint supports
 * can be expressed.
 */
export interface Filter {
  readonly odata: string;
}

type Comparable = string | number | boolean | Date | { id: number } | null;
type Operator = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';

const meta: Record<string, { name: string; kind: 'number' | 'date' }> = {
  id: { name: 'Id', kind: 'number' },
  authorId: { name: 'AuthorId', kind: 'number' },
  editorId: { name: 'EditorId', kind: 'number' },
  created: { name: 'Created', kind: 'date' },
  modified: { name: 'Modified', kind: 'date' },
};

export function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function literal(list: ListKey, key: string, value: Comparable): { column: string; value: string } {
  const m = meta[key];
  if (m) {
    if (value === null) return { column: m.name, value: 'null' };
    return { column: m.name, value: m.kind === 'number' ? numberLiteral(value) : dateLiteral(value, false) };
  }
  const f = listSpec(list).fields.find((x) => x.key === key);
  if (!f) throw new TypeError(`Okänt fält '${key}' i listan '${list}'.`);
  if (f.type === 'userMulti' || f.type === 'lookupMulti') {
    throw new TypeError(`Fältet '${key}' har flera värden och kan inte filtreras i SharePoint.`);
  }
  const person = f.type === 'user' || f.type === 'lookup';
  const column = person ? `${f.internalName}Id` : f.internalName;
  if (value === null) return { column, value: 'null' };
  switch (f.type) {
    case 'user':
    case 'lookup':
      return { column, value: numberLiteral(typeof value === 'object' && 'id' in value ? value.id : value) };
    case 'number':
    case 'currency':
      return { column, value: numberLiteral(value) };
    case 'boolean':
      if (typeof value !== 'boolean') throw new TypeError(`Fältet '${key}' kräver sant/falskt.`);
      return { column, value: value ? '1' : '0' };
    case 'dateTime':
      return { column, value: dateLiteral(value, f.dateOnly === true) };
    default:
      if (typeof value !== 'string') throw new TypeError(`Fältet '${key}' kräver text.`);
      return { column, value: quote(value) };
  }
}

function numberLiteral(value: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError('Förväntade ett tal.');
  return String(value);
}

function dateLiteral(value: unknown, dateOnly: boolean): string {
  let iso: string;
  if (value instanceof Date) iso = value.toISOString();
  else if (typeof value === 'string' && dateOnly && /^\d{4}-\d{2}-\d{2}$/.test(value)) iso = dateOnlyToSharePoint(value);
  else if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) iso = new Date(value).toISOString();
  else throw new TypeError(`Ogiltigt datum: ${String(value)}`);
  return `datetime${quote(iso.replace(/\.\d{3}Z$/, 'Z'))}`;
}

export interface FilterBuilder<K extends ListKey> {
  cmp(key: FieldKey<K> | keyof typeof meta, op: Operator, value: Comparable): Filter;
  eq(key: FieldKey<K> | keyof typeof meta, value: Comparable): Filter;
  ne(key: FieldKey<K> | keyof typeof meta, value: Comparable): Filter;
  lt(key: FieldKey<K> | keyof typeof meta, value: Comparable): Filter;
  le(key: FieldKey<K> | keyof typeof meta, value: Comparable): Filter;
  gt(key: FieldKey<K> | keyof typeof meta, value: Comparable): Filter;
  ge(key: FieldKey<K> | keyof typeof meta, value: Comparable): Filter;
  isNull(key: FieldKey<K>): Filter;
  notNull(key: FieldKey<K>): Filter;
  startsWith(key: FieldKey<K>, text: string): Filter;
  contains(key: FieldKey<K>, text: string): Filter;
  and(...parts: (Filter | undefined | false)[]): Filter;
  or(...parts: (Filter | undefined | false)[]): Filter;
}

function combine(op: 'and' | 'or', parts: (Filter | undefined | false)[]): Filter {
  const present = parts.filter((p): p is Filter => !!p && p.odata.length > 0);
  if (present.length === 0) return { odata: '' };
  if (present.length === 1) return present[0]!;
  return { odata: present.map((p) => `(${p.odata})`).join(` ${op} `) };
}

/** Filter helpers typed by the list's domain field names. */
export function where<K extends ListKey>(list: K): FilterBuilder<K> {
  const cmp = (key: string, op: Operator, value: Comparable): Filter => {
    const l = literal(list, key, value);
    if (l.value === 'null' && op !== 'eq' && op !== 'ne') throw new TypeError('Bara eq/ne kan jämföras med null.');
    return { odata: `${l.column} ${op} ${l.value}` };
  };
  const textColumn = (key: string): string => {
    const f = listSpec(list).fields.find((x) => x.key === key);
    if (!f || (f.type !== 'text' && f.type !== 'choice')) throw new TypeError(`Fältet '${key}' är inte ett textfält.`);
    return f.internalName;
  };
  return {
    cmp,
    eq: (k, v) => cmp(k, 'eq', v),
    ne: (k, v) => cmp(k, 'ne', v),
    lt: (k, v) => cmp(k, 'lt', v),
    le: (k, v) => cmp(k, 'le', v),
    gt: (k, v) => cmp(k, 'gt', v),
    ge: (k, v) => cmp(k, 'ge', v),
    isNull: (k) => cmp(k, 'eq', null),
    notNull: (k) => cmp(k, 'ne', null),
    startsWith: (k, text) => ({ odata: `startswith(${textColumn(k)},${quote(text)})` }),
    contains: (k, text) => ({ odata: `substringof(${quote(text)},${textColumn(k)})` }),
    and: (...parts) => combine('and', parts),
    or: (...parts) => combine('or', parts),
  };
}
