/**
 * A page of items rendered by SQLite itself: one json_object(...) per row, the same JSON light that
 * renderItem builds (same keys, order and values), so a page of 5,000 full rows makes no JavaScript
 * object per row, no JSON.parse of the stored data and no JSON.stringify of the answer — those were
 * three quarters of the store's time when paging (issue 13). Expanded persons and lookups are
 * subqueries on the principals and the target list, trimmed for the viewer by readTrim's SQL (the
 * rule renderItem applies row by row); a page that expands ParentList is rendered by renderItem.
 */
import { type FieldDef, isMulti, isPersonOrLookup, isUserField } from '../fields.js';
import type { ListRow, PrincipalRow, Site } from '../site.js';
import { itemCountExceeds } from '../repository.js';
import { readTrim } from '../trim.js';
import { entityType, resolveName, USER_PROPS } from './columns.js';
import type { Projection } from './projection.js';

/** SQLite's limit on a function's arguments is 1,000 (3.48+); leave room below it. */
const MAX_ARGS = 900;

export interface RenderedColumns {
  /** The row's JSON on item alias `i`, with `?` for `params`. */
  sql: string;
  params: unknown[];
  /** Lookup targets read once for the whole page (`name(id, j) AS MATERIALIZED (…)`), with `?` for `withParams`. */
  with: string[];
  withParams: unknown[];
}

/** A page of at least this many rows reads a lookup target list once (when it is no larger than the page). */
const BULK_ROWS = 500;

const text = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The stored value at `$."name"` as JSON (null when absent, as renderItem's `?? null`). */
const stored = (name: string) => `i.data -> '$."${name}"'`;

/** The SQL pairs ("key", value) a column adds, as columnWriter writes it. */
function columnPairs(f: FieldDef, idForm: boolean): string[] {
  const name = f.internalName;
  switch (name) {
    case 'ID':
      return ["'Id'", 'i.id', "'ID'", 'i.id'];
    case 'Created':
      return ["'Created'", 'i.created'];
    case 'Modified':
      return ["'Modified'", 'i.modified'];
    case 'Author':
    case 'Editor': {
      if (!idForm) return [];
      const column = name === 'Author' ? 'i.author_id' : 'i.editor_id';
      return [text(`${name}Id`), column, text(`${name}StringId`), `CAST(${column} AS TEXT)`];
    }
  }
  // A multi-valued column is [] when absent or null, as renderItem's `?? []`.
  const value = isMulti(f) ? `COALESCE(NULLIF(${stored(name)}, 'null'), json_array())` : stored(name);
  if (!isPersonOrLookup(f)) return [text(name), value];
  if (!idForm) return [];
  const pairs = [text(`${name}Id`), value];
  if (isUserField(f)) {
    // Ids as strings: each element of an array, or the single value; an absent or null value is
    // null, or [] for a multi-valued column.
    const path = `'$."${name}"'`;
    const type = `json_type(i.data, ${path})`;
    const empty = isMulti(f) ? ` WHEN ${type} IS NULL OR ${type} = 'null' THEN json_array()` : '';
    pairs.push(
      text(`${name}StringId`),
      `CASE WHEN ${type} = 'array' THEN (SELECT json_group_array(CAST(value AS TEXT)) FROM json_each(i.data, ${path}))${empty} ELSE CAST(i.data ->> ${path} AS TEXT) END`,
    );
  }
  return pairs;
}

/** SQL for the id(s) a person or lookup column holds on the row (one value, or the JSON array). */
function storedIds(f: FieldDef): string {
  if (f.internalName === 'Author') return 'i.author_id';
  if (f.internalName === 'Editor') return 'i.editor_id';
  return `i.data ->> '$."${f.internalName}"'`;
}

/**
 * An expanded person or lookup as renderItem's expandedValue renders it: the person from the site's
 * principals, or the target item when the viewer may see it (the same rule as readTrim, on alias
 * `t`); a multi-valued column is the array of those found, in stored order.
 */
function expandedSql(
  site: Site,
  f: FieldDef,
  subs: Set<string>,
  viewer: PrincipalRow | undefined,
  params: unknown[],
  page: { rows: number; with: string[]; withParams: unknown[] },
): string | null {
  const name = f.internalName;
  const multi = isMulti(f);
  // `id` is the SQL of one id; the object for it, or NULL.
  let one: (id: string) => string;
  if (isUserField(f)) {
    const props: string[] = [];
    for (const s of subs) {
      const column = { id: 'p.id', title: 'p.title', email: "COALESCE(p.email, '')", login: 'p.login', upn: "COALESCE(p.upn, '')" }[
        USER_PROPS[s] as string
      ];
      if (!column || !/^\w+$/.test(s)) return null;
      props.push(text(s), column);
    }
    const prefix = `${site.siteUrl}/_api/Web/SiteUserInfoList/Items(`;
    one = (id) => {
      params.push(prefix);
      return `(SELECT json_object('odata.type', 'SP.Data.UserInfoItem', 'odata.id', ? || p.id || ')', ${props.join(', ')}) FROM principals p WHERE p.id = ${id})`;
    };
  } else {
    const target = site.listById(f.lookupList ?? '');
    if (!target) return multi ? 'json_array()' : 'NULL';
    const props: string[] = [];
    for (const s of subs) {
      if (!/^\w+$/.test(s)) return null;
      props.push(text(s), s === 'Id' || s === 'ID' ? 't.id' : `t.data -> '$."${s}"'`);
    }
    const trim = viewer ? readTrim(site, target, viewer, 't') : { sql: '(1)', params: [] };
    const object = `json_object('odata.type', ?, 'odata.id', t.guid, ${props.join(', ')})`;
    if (page.rows >= BULK_ROWS && !itemCountExceeds(site.db, target.id, page.rows)) {
      // Many rows, a target list no larger than the page: each target is read (and its data parsed)
      // once for the page instead of once per row that points at it — three times faster at 5,000
      // incidents pointing into 2,000 systems.
      const cte = `x${page.with.length}`;
      page.with.push(`${cte}(id, j) AS MATERIALIZED (SELECT t.id, ${object} FROM items t WHERE t.list_id = ? AND ${trim.sql})`);
      page.withParams.push(entityType(target), target.id, ...trim.params);
      one = (id) => `(SELECT j FROM ${cte} WHERE ${cte}.id = ${id})`;
    } else {
      one = (id) => {
        params.push(entityType(target), target.id, ...trim.params);
        return `(SELECT ${object} FROM items t WHERE t.list_id = ? AND t.id = ${id} AND ${trim.sql})`;
      };
    }
  }
  if (!multi) return `json(${one(storedIds(f))})`;
  const each = `json_each(i.data, '$."${name}"')`;
  return `json((SELECT json_group_array(json(v)) FROM (SELECT ${one('e.value')} AS v FROM ${each} e ORDER BY e.key) WHERE v IS NOT NULL))`;
}

/**
 * The json_object(...) that renders a row of `list` under projection `p` for `viewer` on a page of
 * `rows` rows, or null when renderItem must (ParentList, or names SQL text should not carry).
 */
export function renderedColumns(site: Site, list: ListRow, p: Projection, viewer?: PrincipalRow, rows = 1): RenderedColumns | null {
  if (p.parentList) return null;
  const page = { rows, with: [] as string[], withParams: [] as unknown[] };
  const fields: FieldDef[] = [];
  const pairs: string[] = ["'odata.type'", '?', "'odata.id'", 'i.guid', "'odata.etag'", `'"' || i.version || '"'`];
  pairs.push("'odata.editLink'", `? || i.id || ')'`);
  const params: unknown[] = [entityType(list), `Web/Lists(guid'${list.id}')/Items(`];
  if (p.all) {
    pairs.push(
      "'FileSystemObjectType'",
      `CASE WHEN i.data ->> '$.FSObjType' = 1 THEN 1 ELSE 0 END`,
      "'Id'",
      'i.id',
      "'ContentTypeId'",
      '?',
    );
    params.push('0x0100' + list.id.replace(/-/g, '').toUpperCase());
    for (const f of site.fields(list.id)) {
      if (f.internalName === 'ID') continue;
      fields.push(f);
      pairs.push(...columnPairs(f, true));
    }
    pairs.push("'ID'", 'i.id', "'OData__UIVersionString'", `i.version || '.0'`, "'Attachments'", `json('false')`, "'GUID'", 'i.guid');
  } else {
    for (const name of p.fields) {
      if (name === 'HasUniqueRoleAssignments') {
        pairs.push("'HasUniqueRoleAssignments'", `json(CASE WHEN i.has_unique = 1 THEN 'true' ELSE 'false' END)`);
        continue;
      }
      const r = resolveName(site, list, name);
      if (!r) continue;
      fields.push(r.field);
      pairs.push(...columnPairs(r.field, r.asId));
    }
  }
  for (const [name, subs] of p.expanded) {
    const f = site.field(list.id, name) as FieldDef;
    fields.push(f);
    const sql = expandedSql(site, f, subs, viewer, params, page);
    if (sql === null) return null;
    pairs.push(text(name), sql);
  }
  // Names go into SQL text and JSON paths: anything but a plain internal name is rendered in JS.
  if (fields.some((f) => !/^[\w-]+$/.test(f.internalName)) || pairs.length > MAX_ARGS) return null;
  return { sql: `json_object(${pairs.join(', ')})`, params, with: page.with, withParams: page.withParams };
}
