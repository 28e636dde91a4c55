/** Item writes and permission checks: validation as SharePoint does it, ETags, unique values. */
import { errors } from './errors.js';
import { type FieldDef, isMulti, isPersonOrLookup, isUserField } from './fields.js';
import { entityType, normalizeDate } from './query.js';
import { hasPerm, Perm } from './roles.js';
import {
  advanceNextItemId,
  createItemsIndex,
  deleteItemRow,
  foldedColumnExpression,
  foldedValueTaken,
  insertItem,
  updateItemRow,
} from './repository.js';
import type { ItemRow, ListRow, PrincipalRow, Site } from './site.js';
import { fold, nowIso } from './storage.js';
import { type ItemVisibility, visibilityCache } from './trim.js';

const METADATA_KEYS = new Set(['__metadata', 'odata.type', 'odata.metadata', 'odata.id', 'odata.etag', 'odata.editLink']);
const READ_ONLY = new Set([
  'Id',
  'ID',
  'Created',
  'Modified',
  'AuthorId',
  'EditorId',
  'Author',
  'Editor',
  'GUID',
  'Attachments',
  'FileSystemObjectType',
  'ContentTypeId',
]);

function resultsArray(v: unknown): unknown[] | undefined {
  if (Array.isArray(v)) return v;
  if (v && typeof v === 'object' && Array.isArray((v as { results?: unknown }).results)) return (v as { results: unknown[] }).results;
  return undefined;
}

function toInt(v: unknown): number | null | undefined {
  if (v === null) return null;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  return undefined;
}

/** Converts one JSON property to the stored value, or throws SharePoint's error. */
function coerce(site: Site, f: FieldDef, raw: unknown, visible: (list: ListRow) => ItemVisibility): unknown {
  switch (f.type) {
    case 'Text':
    case 'Note':
    case 'Choice': {
      if (raw === null || raw === '') return null;
      if (typeof raw !== 'string') throw errors.badValue('Edm.String');
      if (f.type === 'Text' && [...raw].length > (f.maxLength ?? 255)) throw errors.tooLong(f.title);
      return raw;
    }
    case 'Number':
    case 'Currency': {
      if (raw === null || raw === '') return null;
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
      if (!Number.isFinite(n)) throw errors.badValue('Edm.Double');
      return n;
    }
    case 'Boolean':
      if (raw === null) return null;
      if (typeof raw !== 'boolean') throw errors.badValue('Edm.Boolean');
      return raw;
    case 'DateTime': {
      if (raw === null || raw === '') return null;
      const d = typeof raw === 'string' ? normalizeDate(raw) : null;
      if (!d) throw errors.badValue('Edm.DateTime');
      return d;
    }
    case 'MultiChoice': {
      if (raw === null) return [];
      const arr = resultsArray(raw);
      if (!arr || arr.some((x) => typeof x !== 'string')) throw errors.badValue('Collection(Edm.String)');
      return arr;
    }
    case 'URL': {
      if (raw === null) return null;
      if (typeof raw !== 'object' || Array.isArray(raw)) throw errors.badValue('SP.FieldUrlValue');
      const o = raw as Record<string, unknown>;
      if (typeof o.Url !== 'string') throw errors.badValue('SP.FieldUrlValue');
      return { Description: typeof o.Description === 'string' ? o.Description : o.Url, Url: o.Url };
    }
    case 'User':
    case 'Lookup': {
      const id = toInt(raw);
      if (id === undefined) throw errors.badValue('Edm.Int32');
      if (id === null || id <= 0) return null;
      checkReference(site, f, id, visible);
      return id;
    }
    case 'UserMulti':
    case 'LookupMulti': {
      if (raw === null) return [];
      const arr = resultsArray(raw);
      if (!arr) throw errors.badValue('Collection(Edm.Int32)');
      const ids = arr.map(toInt);
      if (ids.some((x) => x === undefined || x === null)) throw errors.badValue('Collection(Edm.Int32)');
      for (const id of ids) checkReference(site, f, id as number, visible);
      return ids;
    }
    default:
      throw errors.readOnlyField(f.internalName);
  }
}

/**
 * A lookup must point at an item the caller may see: an item that exists but is trimmed away gets the
 * same error as one that does not exist, so a write cannot tell whether an id exists.
 */
function checkReference(site: Site, f: FieldDef, id: number, visible: (list: ListRow) => ItemVisibility): void {
  if (isUserField(f)) {
    const p = site.principal(id);
    if (!p || (p.type !== 1 && f.selectionMode === 0)) throw errors.userNotFound();
    return;
  }
  const target = site.listById(f.lookupList ?? '');
  const row = target && site.getItem(target.id, id);
  if (!target || !row || !visible(target)(row)) throw errors.invalidLookup();
}

/** Maps a request body to stored values keyed by internal name; lookup ids are checked as `user` sees them. */
export function readItemBody(site: Site, list: ListRow, body: unknown, user: PrincipalRow): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw errors.badRequest('Invalid request body.');
  const out: Record<string, unknown> = {};
  const visible = visibilityCache(site, user);
  const type = entityType(list);
  for (const [key, raw] of Object.entries(body as Record<string, unknown>)) {
    if (METADATA_KEYS.has(key) || key.endsWith('@odata.type')) continue;
    let f = site.field(list.id, key);
    if (f && isPersonOrLookup(f) && !f.builtin)
      throw errors.badRequest(
        `A 'PrimitiveValue' node with non-null value was found when trying to read the value of a navigation property; however, a 'StartArray' node, a 'StartObject' node, or a 'PrimitiveValue' node with null value was expected.`,
      );
    if (!f) {
      for (const suffix of ['StringId', 'Id']) {
        if (key.endsWith(suffix)) {
          const cand = site.field(list.id, key.slice(0, -suffix.length));
          if (cand && isPersonOrLookup(cand) && (suffix === 'Id' || isUserField(cand))) f = cand;
        }
      }
    }
    if (READ_ONLY.has(key) || f?.readOnly) throw errors.readOnlyField(key);
    if (!f) throw errors.unknownProperty(key, type);
    out[f.internalName] = coerce(site, f, raw, visible);
  }
  return out;
}

function defaultFor(f: FieldDef): unknown {
  if (f.type === 'Boolean') return f.defaultValue === null ? false : f.defaultValue === '1' || f.defaultValue.toLowerCase() === 'true';
  if (f.defaultValue === null || f.defaultValue === '') return isMulti(f) ? [] : null;
  switch (f.type) {
    case 'Number':
    case 'Currency':
      return Number(f.defaultValue);
    case 'DateTime':
      return f.defaultValue === '[today]' ? nowIso().slice(0, 10) + 'T00:00:00Z' : normalizeDate(f.defaultValue);
    case 'MultiChoice':
      return f.defaultValue.split(';#').filter(Boolean);
    case 'Text':
    case 'Note':
    case 'Choice':
      return f.defaultValue;
    default:
      return null;
  }
}

const uniqueIndexes = new WeakMap<Site, Set<string>>();

/**
 * SQLite expression index behind a unique column, so the duplicate check is a lookup rather than a
 * scan of the whole list (bulk imports of 100,000 items would otherwise be quadratic).
 */
function ensureUniqueIndex(site: Site, list: ListRow, internalName: string): void {
  let made = uniqueIndexes.get(site);
  if (!made) uniqueIndexes.set(site, (made = new Set()));
  const name = `ux_${list.id.replace(/[^A-Za-z0-9]/g, '')}_${internalName.replace(/[^A-Za-z0-9_]/g, '')}`;
  if (made.has(name)) return;
  createItemsIndex(site.db, name, foldedColumnExpression(internalName));
  made.add(name);
}

/** EnforceUniqueValues: case-insensitive, empty values exempt. */
function checkUnique(site: Site, list: ListRow, values: Record<string, unknown>, exceptId: number | null): void {
  for (const f of site.fields(list.id)) {
    if (!f.unique || f.builtin || !(f.internalName in values)) continue;
    const v = values[f.internalName];
    if (v === null || v === undefined) continue;
    ensureUniqueIndex(site, list, f.internalName);
    if (foldedValueTaken(site.db, list.id, f.internalName, fold(v), exceptId ?? -1)) throw errors.duplicateValue();
  }
}

export function addItem(site: Site, list: ListRow, user: PrincipalRow, values: Record<string, unknown>): ItemRow {
  const data: Record<string, unknown> = {};
  for (const f of site.fields(list.id)) {
    if (f.builtin && f.internalName !== 'Title') continue;
    data[f.internalName] = f.internalName in values ? values[f.internalName] : defaultFor(f);
  }
  checkUnique(site, list, data, null);
  const id = list.next_item_id;
  const now = nowIso();
  advanceNextItemId(site.db, list.id, id + 1, now);
  list.next_item_id = id + 1;
  const row: ItemRow = {
    list_id: list.id,
    id,
    version: 1,
    guid: site.newGuid(),
    author_id: user.id,
    editor_id: user.id,
    created: now,
    modified: now,
    has_unique: 0,
    data: JSON.stringify(data),
  };
  insertItem(site.db, row);
  return row;
}

export function checkEtag(row: ItemRow, ifMatch: string | undefined): void {
  if (!ifMatch || ifMatch.trim() === '*') return;
  const actual = `"${row.version}"`;
  const sent = ifMatch.trim();
  const sentVersion = /"?(?:[^,"]*,)?(\d+)"?$/.exec(sent)?.[1];
  if (sentVersion !== String(row.version)) throw errors.etagMismatch(sent, actual);
}

export function updateItem(site: Site, list: ListRow, row: ItemRow, user: PrincipalRow, values: Record<string, unknown>): ItemRow {
  const data = { ...(JSON.parse(row.data) as Record<string, unknown>), ...values };
  checkUnique(site, list, values, row.id);
  const now = nowIso();
  const next = { ...row, version: row.version + 1, editor_id: user.id, modified: now, data: JSON.stringify(data) };
  updateItemRow(site.db, next);
  return next;
}

export function deleteItem(site: Site, list: ListRow, row: ItemRow): void {
  deleteItemRow(site.db, list.id, row.id);
}

// ---------------- permissions on items ----------------

/** Edit/delete: item permission plus WriteSecurity (2 = own items, 4 = nobody) unless ManageLists. */
export function assertCanWrite(site: Site, list: ListRow, user: PrincipalRow, row: ItemRow | null, perm: number): void {
  const scope = row ? ({ type: 'item', listId: list.id, itemId: row.id } as const) : ({ type: 'list', listId: list.id } as const);
  const mask = site.effectiveMask(user, scope);
  if (!hasPerm(mask, perm)) throw errors.accessDenied();
  if (list.write_security === 1) return;
  const manage = hasPerm(site.effectiveMask(user, { type: 'list', listId: list.id }), Perm.ManageLists);
  if (manage) return;
  if (list.write_security === 4) throw errors.accessDenied();
  if (list.write_security === 2 && row && row.author_id !== user.id) throw errors.accessDenied();
}
