/** $orderby and keyset paging with SharePoint's $skiptoken (Paged=TRUE&p_ID=…&p_<col>=…). */
import { errors } from '../errors.js';
import { type FieldDef, isMulti } from '../fields.js';
import type { ItemRow, ListRow, Site } from '../site.js';
import { fold } from '../storage.js';
import { columnSql, kindOf, resolveName, type ValueKind } from './columns.js';
import type { Compiled } from './filter-sql.js';
import { builtinValue } from './projection.js';

export interface OrderKey {
  name: string;
  sql: string;
  kind: ValueKind;
  desc: boolean;
  field: FieldDef;
}

export function parseOrderBy(site: Site, list: ListRow, orderby: string | null): OrderKey[] {
  const keys: OrderKey[] = [];
  for (const part of (orderby ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [name, dir = 'asc', extra] = part.split(/\s+/);
    if (extra !== undefined || !/^(asc|desc)$/i.test(dir)) throw errors.badRequest(`Invalid $orderby: ${part}`);
    const r = resolveName(site, list, name as string);
    if (!r) throw errors.fieldNotFound(name as string);
    if (isMulti(r.field) || r.field.type === 'Note')
      throw errors.badRequest(`The field '${r.field.internalName}' cannot be used in $orderby.`);
    const kind = kindOf(r.field);
    const base = columnSql(r.field);
    keys.push({
      name: r.field.internalName,
      sql: kind === 'text' ? `sp_fold(${base})` : base,
      kind,
      desc: /^desc$/i.test(dir),
      field: r.field,
    });
  }
  if (!keys.some((k) => k.name === 'ID')) {
    const idField = site.field(list.id, 'ID') as FieldDef;
    keys.push({ name: 'ID', sql: 'i.id', kind: 'number', desc: false, field: idField });
  }
  return keys;
}

export function keysetCondition(keys: OrderKey[], values: unknown[]): Compiled {
  const build = (i: number): Compiled => {
    const k = keys[i] as OrderKey;
    const v = values[i];
    const isLast = i === keys.length - 1;
    const rest = isLast ? null : build(i + 1);
    // SQLite sorts NULL first ascending and last descending, like SharePoint's empty values.
    if (v === null || v === undefined) {
      if (!k.desc) {
        const sql = rest ? `(${k.sql} IS NOT NULL OR (${k.sql} IS NULL AND ${rest.sql}))` : `(${k.sql} IS NOT NULL)`;
        return { sql, params: rest ? rest.params : [] };
      }
      return rest ? { sql: `(${k.sql} IS NULL AND ${rest.sql})`, params: rest.params } : { sql: '(0)', params: [] };
    }
    const cmp = k.desc ? '<' : '>';
    const nullTail = k.desc ? ` OR ${k.sql} IS NULL` : '';
    if (!rest) return { sql: `(${k.sql} ${cmp} ?${nullTail})`, params: [v] };
    return { sql: `(${k.sql} ${cmp} ?${nullTail} OR (${k.sql} = ? AND ${rest.sql}))`, params: [v, v, ...rest.params] };
  };
  return build(0);
}

export function tokenValue(raw: string | null, kind: ValueKind): unknown {
  if (raw === null || raw === '') return null;
  if (kind === 'number' || kind === 'bool') return Number(raw);
  if (kind === 'text') return fold(raw);
  // SharePoint writes dates in its paging tokens as UTC "yyyyMMdd HH:mm:ss"; stored dates are ISO.
  const sp = kind === 'date' ? /^(\d{4})(\d{2})(\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(raw) : null;
  if (sp) return `${sp[1]}-${sp[2]}-${sp[3]}T${sp[4]}Z`;
  return raw;
}

/**
 * The "after this row" condition a $skiptoken asks for (`Paged=TRUE&p_ID=…&p_<col>=…`), or null when
 * the token is not a paging token or has no p_ID (SharePoint then starts from the beginning).
 */
export function skiptokenCondition(keys: OrderKey[], skiptoken: string): Compiled | null {
  const token = new URLSearchParams(skiptoken);
  if (token.get('Paged')?.toUpperCase() !== 'TRUE' || !token.has('p_ID')) return null;
  return keysetCondition(
    keys,
    keys.map((k) => tokenValue(token.get(`p_${k.name}`), k.kind)),
  );
}

/** The $skiptoken that continues after `last`: its value of every sort key (booleans as 1/0, empty as ''). */
export function skiptokenAfter(keys: OrderKey[], last: ItemRow): string {
  const data = JSON.parse(last.data) as Record<string, unknown>;
  const token = new URLSearchParams();
  token.set('Paged', 'TRUE');
  for (const k of keys) {
    const raw = k.name === 'ID' ? last.id : (builtinValue(last, k.name) ?? data[k.name] ?? null);
    const v = typeof raw === 'boolean' ? (raw ? 1 : 0) : raw;
    token.set(`p_${k.name}`, v === null ? '' : String(v));
  }
  return token.toString();
}

/** odata.nextLink: the items URL with the new $skiptoken first, then the query's own options. */
export function nextLink(
  listUrl: string,
  skiptoken: string,
  options: { select: string | null; expand: string | null; filter: string | null; orderby: string | null; top: string | null },
): string {
  const next = new URLSearchParams();
  next.set('$skiptoken', skiptoken);
  for (const [k, v] of [
    ['$select', options.select],
    ['$expand', options.expand],
    ['$filter', options.filter],
    ['$orderby', options.orderby],
    ['$top', options.top],
  ] as const) {
    if (v !== null) next.set(k, v);
  }
  return `${listUrl}/items?${next.toString()}`;
}
