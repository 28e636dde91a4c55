/**
 * A page of items rendered by SQLite itself: one json_object(...) per row, the same JSON light that
 * renderItem builds (same keys, order and values), so a page of 5,000 full rows makes no JavaScript
 * object per row, no JSON.parse of the stored data and no JSON.stringify of the answer — those were
 * three quarters of the store's time when paging (issue 13). Used when the projection needs nothing
 * but the row itself: no expanded lookups or persons (which read other lists and are trimmed per
 * viewer) and no ParentList; those pages are rendered by renderItem.
 */
import { type FieldDef, isMulti, isPersonOrLookup, isUserField } from '../fields.js';
import type { ListRow, Site } from '../site.js';
import { entityType, resolveName } from './columns.js';
import type { Projection } from './projection.js';

/** SQLite's limit on a function's arguments is 1,000 (3.48+); leave room below it. */
const MAX_ARGS = 900;

export interface RenderedColumns {
  /** The row's JSON on item alias `i`, with `?` for `params`. */
  sql: string;
  params: unknown[];
}

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

/** The json_object(...) that renders a row of `list` under projection `p`, or null when renderItem must. */
export function renderedColumns(site: Site, list: ListRow, p: Projection): RenderedColumns | null {
  if (p.expanded.size > 0 || p.parentList) return null;
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
  // Names go into SQL text and JSON paths: anything but a plain internal name is rendered in JS.
  if (fields.some((f) => !/^[\w-]+$/.test(f.internalName)) || pairs.length > MAX_ARGS) return null;
  return { sql: `json_object(${pairs.join(', ')})`, params };
}
