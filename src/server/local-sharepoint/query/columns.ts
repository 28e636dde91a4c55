/** Columns: how a field is stored and compared in SQL, names as SharePoint resolves them, and the
 * SQLite expression indexes that mirror SharePoint's column indexes. */
import { errors } from '../errors.js';
import { type FieldDef, isPersonOrLookup, isUserField } from '../fields.js';
import { columnPath, createItemsIndex } from '../repository.js';
import type { ListRow, Site } from '../site.js';

export const MAX_TOP = 5000;
export const DEFAULT_TOP = 100;
export const MAX_LOOKUPS = 12;

export type ValueKind = 'text' | 'number' | 'bool' | 'date';

export function entityType(list: ListRow): string {
  return `SP.Data.${list.entity_type_name}Item`;
}

/** SQL for a single-valued column of item alias `a`. Internal names are schema identifiers, never user values. */
export function columnSql(f: FieldDef, a = 'i'): string {
  switch (f.internalName) {
    case 'ID':
      return `${a}.id`;
    case 'Created':
      return `${a}.created`;
    case 'Modified':
      return `${a}.modified`;
    case 'Author':
      return `${a}.author_id`;
    case 'Editor':
      return `${a}.editor_id`;
    default:
      if (!/^[A-Za-z0-9_]+$/.test(f.internalName)) throw errors.fieldNotFound(f.internalName);
      return `json_extract(${a}.data, '${columnPath(f.internalName)}')`;
  }
}

export function kindOf(f: FieldDef): ValueKind {
  switch (f.type) {
    case 'Counter':
    case 'Number':
    case 'Currency':
    case 'User':
    case 'Lookup':
      return 'number';
    case 'Boolean':
      return 'bool';
    case 'DateTime':
      return 'date';
    default:
      return 'text';
  }
}

/** Resolves a property name as used in $select/$filter/$orderby: `Title`, `Id`, `OwnerId`, `OwnerStringId`. */
export function resolveName(site: Site, list: ListRow, name: string): { field: FieldDef; asId: boolean } | undefined {
  if (name === 'Id' || name === 'ID') return { field: site.field(list.id, 'ID') as FieldDef, asId: false };
  const direct = site.field(list.id, name);
  if (direct) return { field: direct, asId: false };
  for (const suffix of ['StringId', 'Id']) {
    if (name.endsWith(suffix)) {
      const f = site.field(list.id, name.slice(0, -suffix.length));
      if (f && isPersonOrLookup(f) && (suffix === 'Id' || isUserField(f))) return { field: f, asId: true };
    }
  }
  return undefined;
}

const sqlIndexes = new WeakMap<Site, Set<string>>();

/**
 * SQLite expression indexes mirroring the columns SharePoint indexes, so filters and sorts on them
 * stay fast at 100,000 items the way they do on a tenant (text is indexed case-folded, as compared).
 */
export function ensureSqlIndexes(site: Site, list: ListRow): void {
  let made = sqlIndexes.get(site);
  if (!made) sqlIndexes.set(site, (made = new Set()));
  for (const f of site.fields(list.id)) {
    if (!f.indexed || f.builtin || !/^[A-Za-z0-9_]+$/.test(f.internalName)) continue;
    const text = kindOfText(kindOf(f));
    // A unique text column's duplicate check already made this very index (items.ts): share it, so
    // a write updates one index for the column, not two.
    const name = `${f.unique && text ? 'ux' : 'ix'}_${list.id.replace(/[^A-Za-z0-9]/g, '')}_${f.internalName}`;
    if (made.has(name)) continue;
    const expr = `json_extract(data, '${columnPath(f.internalName)}')`;
    createItemsIndex(site.db, name, text ? `sp_fold(${expr})` : expr);
    made.add(name);
  }
}

/** Person fields' properties as $select/$expand and $filter name them → the user columns. */
export const USER_PROPS: Record<string, string> = { Id: 'id', ID: 'id', Title: 'title', EMail: 'email', Name: 'login', UserName: 'upn' };

export const kindOfText = (k: ValueKind) => k === 'text';
