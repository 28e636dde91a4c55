/** A parsed $filter → parameterised SQL (values are always parameters, never SQL text). */
import { errors } from '../errors.js';
import { type FieldDef, isMulti, isPersonOrLookup, isUserField } from '../fields.js';
import { type FilterNode, type Literal, type Member, type Operand } from '../filter.js';
import type { ListRow, PrincipalRow, Site } from '../site.js';
import { fold } from '../storage.js';
import { readTrim, type Trim } from '../trim.js';
import { USER_PROPS, columnSql, kindOf, kindOfText, resolveName, type ValueKind } from './columns.js';

export interface Compiled {
  sql: string;
  params: unknown[];
}

export interface FilterContext {
  site: Site;
  list: ListRow;
  expands: Set<string>;
  /** Columns (internal names) referenced, for the index check. */
  columns: Set<string>;
  lookups: Set<string>;
  /**
   * The user the query runs as: a projected lookup field reads only target items this user may see
   * (a hidden target compares as empty). Without one, targets are not trimmed.
   */
  viewer?: PrincipalRow;
  /** Trim SQL per lookup target list, made once per query. */
  targetTrims?: Map<string, Trim>;
}

/** The condition, on alias `t`, that keeps a lookup target the viewer may see; empty without a viewer. */
function targetTrim(ctx: FilterContext, target: ListRow): Trim {
  if (!ctx.viewer) return { sql: '', params: [] };
  const trims = (ctx.targetTrims ??= new Map());
  let trim = trims.get(target.id);
  if (!trim) {
    const t = readTrim(ctx.site, target, ctx.viewer, 't');
    trim = { sql: ` AND ${t.sql}`, params: t.params };
    trims.set(target.id, trim);
  }
  return trim;
}

function memberSql(ctx: FilterContext, m: Member): { sql: string; kind: ValueKind; params: unknown[]; field: FieldDef } {
  const [head, sub] = m.path as [string, string | undefined];
  if (sub === undefined) {
    const r = resolveName(ctx.site, ctx.list, head);
    if (!r) throw errors.fieldNotFound(head);
    if (isMulti(r.field)) throw errors.multiValueFilter(r.field.internalName);
    if (isPersonOrLookup(r.field) && !r.asId) throw errors.lookupNotExpanded(head);
    ctx.columns.add(r.field.internalName);
    if (isPersonOrLookup(r.field)) ctx.lookups.add(r.field.internalName);
    return { sql: columnSql(r.field), kind: kindOf(r.field), params: [], field: r.field };
  }
  const f = ctx.site.field(ctx.list.id, head);
  if (!f || !isPersonOrLookup(f)) throw errors.fieldNotFound(head);
  if (isMulti(f)) throw errors.multiValueFilter(f.internalName);
  if (!ctx.expands.has(f.internalName)) throw errors.lookupNotExpanded(head);
  ctx.columns.add(f.internalName);
  ctx.lookups.add(f.internalName);
  const idSql = columnSql(f);
  if (sub === 'Id' || sub === 'ID') return { sql: idSql, kind: 'number', params: [], field: f };
  if (isUserField(f)) {
    const col = USER_PROPS[sub];
    if (!col) throw errors.fieldNotFound(sub);
    return {
      sql: `(SELECT p.${col} FROM principals p WHERE p.id = ${idSql})`,
      kind: col === 'id' ? 'number' : 'text',
      params: [],
      field: f,
    };
  }
  const target = ctx.site.listById(f.lookupList ?? '');
  const tf = target && ctx.site.field(target.id, sub);
  if (!target || !tf || isMulti(tf) || isPersonOrLookup(tf)) throw errors.fieldNotFound(sub);
  const trim = targetTrim(ctx, target);
  return {
    sql: `(SELECT ${columnSql(tf, 't')} FROM items t WHERE t.list_id = ? AND t.id = ${idSql}${trim.sql})`,
    kind: kindOf(tf),
    params: [target.id, ...trim.params],
    field: f,
  };
}

export function normalizeDate(value: string): string | null {
  const s = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`;
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return null;
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function literalParam(lit: Literal, kind: ValueKind): unknown {
  const v = lit.value;
  if (v === null) return null;
  switch (kind) {
    case 'number': {
      const n = typeof v === 'number' ? v : Number(v);
      if (Number.isNaN(n)) throw errors.badFilter(String(v));
      return n;
    }
    case 'bool':
      if (v === true || v === 1 || v === '1' || v === 'true') return 1;
      if (v === false || v === 0 || v === '0' || v === 'false') return 0;
      throw errors.badFilter(String(v));
    case 'date': {
      const d = normalizeDate(String(v));
      if (!d) throw errors.badFilter(String(v));
      return d;
    }
    default:
      return fold(String(v));
  }
}

const SQL_OP: Record<string, string> = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' };

export function compileNode(ctx: FilterContext, node: FilterNode): Compiled {
  switch (node.kind) {
    case 'and':
    case 'or': {
      const l = compileNode(ctx, node.left);
      const r = compileNode(ctx, node.right);
      return { sql: `(${l.sql} ${node.kind.toUpperCase()} ${r.sql})`, params: [...l.params, ...r.params] };
    }
    case 'not': {
      const e = compileNode(ctx, node.expr);
      return { sql: `(NOT COALESCE(${e.sql}, 0))`, params: e.params };
    }
    case 'func': {
      const m = memberSql(ctx, node.member);
      const needle = fold(String(node.value.value ?? ''));
      const test = node.name === 'startswith' ? '= 1' : '> 0';
      return { sql: `(instr(sp_fold(${m.sql}), ?) ${test})`, params: [...m.params, needle] };
    }
    case 'cmp': {
      let left: Operand = node.left;
      let right: Operand = node.right;
      let op = node.op;
      if (left.kind === 'literal' && right.kind !== 'literal') {
        [left, right] = [right, left];
        op = ({ lt: 'gt', le: 'ge', gt: 'lt', ge: 'le', eq: 'eq', ne: 'ne' } as const)[op];
      }
      if (right.kind !== 'literal' || left.kind === 'literal') throw errors.badFilter('comparison');
      let sql: string;
      let kind: ValueKind;
      let params: unknown[];
      if (left.kind === 'datepart') {
        const m = memberSql(ctx, left.member);
        if (m.kind !== 'date') throw errors.badFilter(left.fn);
        const [start, len] = left.fn === 'year' ? [1, 4] : left.fn === 'month' ? [6, 2] : [9, 2];
        sql = `CAST(substr(${m.sql}, ${start}, ${len}) AS INTEGER)`;
        kind = 'number';
        params = m.params;
      } else {
        const m = memberSql(ctx, left);
        sql = kindOfText(m.kind) ? `sp_fold(${m.sql})` : m.sql;
        kind = m.kind;
        params = m.params;
      }
      if (right.value === null) {
        if (op !== 'eq' && op !== 'ne') throw errors.badFilter('null');
        return { sql: `(${sql} IS ${op === 'eq' ? '' : 'NOT '}NULL)`, params };
      }
      return { sql: `(${sql} ${SQL_OP[op]} ?)`, params: [...params, literalParam(right, kind)] };
    }
  }
}
