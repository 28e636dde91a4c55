/** $select/$expand → what to read and how an item renders as SharePoint's JSON. */
import { listEntity } from '../entities.js';
import { errors } from '../errors.js';
import { type FieldDef, isMulti, isPersonOrLookup, isUserField } from '../fields.js';
import type { ItemRow, ListRow, PrincipalRow, Site } from '../site.js';
import { shapeEntity } from '../shape.js';
import { type ItemVisibility, visibilityCache } from '../trim.js';
import { USER_PROPS, entityType, resolveName } from './columns.js';

export interface Projection {
  all: boolean;
  /** Plain columns (internal names) selected. */
  fields: Set<string>;
  /** Expanded person/lookup columns → selected sub-properties. */
  expanded: Map<string, Set<string>>;
  /** Person/lookup columns read by the query (counted against the lookup threshold). */
  lookups: Set<string>;
  /** `$expand=ParentList` (and ParentList/RootFolder, ParentList/ParentWeb): the item's list, shaped as SP.List. */
  parentList?: { select: string[]; expand: string[] };
}

/** The item's navigation property to its list (`$expand=ParentList`, `ParentList/...`). */
const PARENT_LIST = /^parentlist(?:\/(.+))?$/i;

export function buildProjection(site: Site, list: ListRow, select: string | null, expand: string | null): Projection {
  const p: Projection = { all: false, fields: new Set(), expanded: new Map(), lookups: new Set() };
  const expands = new Set<string>();
  for (const raw of (expand ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const parent = PARENT_LIST.exec(raw);
    if (parent) {
      p.parentList ??= { select: [], expand: [] };
      if (parent[1]) p.parentList.expand.push(parent[1]);
      continue;
    }
    const f = site.field(list.id, raw);
    if (!f || !isPersonOrLookup(f)) throw errors.propertyNotFound(raw);
    expands.add(f.internalName);
    p.expanded.set(f.internalName, new Set());
  }
  const selects = (select ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (selects.length === 0 || selects.includes('*')) p.all = true;
  for (const s of selects) {
    if (s === '*') continue;
    const parent = PARENT_LIST.exec(s);
    if (parent) {
      if (!p.parentList) throw errors.lookupNotExpanded('ParentList');
      if (parent[1]) p.parentList.select.push(parent[1]);
      continue;
    }
    const slash = s.indexOf('/');
    if (slash > 0) {
      const head = s.slice(0, slash);
      const sub = s.slice(slash + 1);
      const f = site.field(list.id, head);
      if (!f || !isPersonOrLookup(f)) throw errors.propertyNotFound(head);
      if (!expands.has(f.internalName)) throw errors.lookupNotExpanded(head);
      validateSubProperty(site, f, sub);
      (p.expanded.get(f.internalName) as Set<string>).add(sub);
      continue;
    }
    if (s === 'HasUniqueRoleAssignments') {
      p.fields.add(s);
      continue;
    }
    const r = resolveName(site, list, s);
    if (!r) throw errors.propertyNotFound(s);
    if (isPersonOrLookup(r.field) && !r.asId) {
      if (!expands.has(r.field.internalName)) throw errors.lookupNotExpanded(s);
      continue;
    }
    p.fields.add(r.asId ? `${r.field.internalName}Id` : r.field.internalName);
  }
  if (p.all) {
    for (const f of site.fields(list.id)) if (isPersonOrLookup(f)) p.lookups.add(f.internalName);
  } else {
    for (const name of p.fields) {
      const r = resolveName(site, list, name);
      if (r && isPersonOrLookup(r.field)) p.lookups.add(r.field.internalName);
    }
  }
  for (const [name, subs] of p.expanded) {
    p.lookups.add(name);
    if (subs.size === 0) subs.add('Id');
  }
  return p;
}

function validateSubProperty(site: Site, f: FieldDef, sub: string): void {
  if (isUserField(f)) {
    if (!(sub in USER_PROPS)) throw errors.propertyNotFound(sub);
    return;
  }
  if (sub === 'Id' || sub === 'ID') return;
  const target = site.listById(f.lookupList ?? '');
  const tf = target && site.field(target.id, sub);
  if (!tf || isMulti(tf) || isPersonOrLookup(tf)) throw errors.propertyNotFound(sub);
}

export interface RenderContext {
  site: Site;
  list: ListRow;
  userCache: Map<number, Record<string, unknown> | null>;
  /**
   * The user the request runs as. An expanded lookup shows only target items this user may see (a
   * hidden one renders as null, or is left out of a multi-valued lookup); the `<Field>Id` stays, as it
   * is stored on the item itself. Without a viewer (the store's own code) targets are not trimmed.
   */
  viewer?: PrincipalRow;
  /**
   * Lookup targets already read while rendering one page (many rows point at the same item); null when
   * the target does not exist or the viewer may not see it.
   */
  lookupCache?: Map<string, { row: ItemRow; data: Record<string, unknown> } | null>;
  /** The viewer's visibility predicate per target list, made once per page. */
  visibility?: (list: ListRow) => ItemVisibility;
  /** Lookup target lists by id, read once per page (not once per rendered lookup value). */
  targets?: Map<string, ListRow | undefined>;
  /** The expanded ParentList, shaped once per page (every item of a page has the same list). */
  parentList?: Record<string, unknown>;
  /** The projection compiled for this list, made by the first rendered row. */
  compiled?: CompiledProjection;
}

function parentListJson(ctx: RenderContext, wanted: { select: string[]; expand: string[] }): Record<string, unknown> {
  if (!ctx.parentList) {
    // Without a viewer (the store's own code) the list is shown as the site collection admin sees it.
    const viewer = ctx.viewer ?? (ctx.site.principal(1) as PrincipalRow);
    const q = { select: wanted.select.join(',') || null, expand: wanted.expand.join(',') || null };
    ctx.parentList = shapeEntity(listEntity(ctx.site, ctx.list, viewer), q, 'SP.List');
  }
  return ctx.parentList;
}

function targetList(ctx: RenderContext, id: string): ListRow | undefined {
  const targets = (ctx.targets ??= new Map());
  if (!targets.has(id)) targets.set(id, ctx.site.listById(id));
  return targets.get(id);
}

function visibleTarget(ctx: RenderContext, target: ListRow, row: ItemRow): boolean {
  if (!ctx.viewer) return true;
  ctx.visibility ??= visibilityCache(ctx.site, ctx.viewer);
  return ctx.visibility(target)(row);
}

function userProps(ctx: RenderContext, id: number): Record<string, unknown> | null {
  if (!ctx.userCache.has(id)) {
    const p = ctx.site.principal(id);
    ctx.userCache.set(id, p ? { id: p.id, title: p.title, email: p.email ?? '', login: p.login, upn: p.upn ?? '' } : null);
  }
  return ctx.userCache.get(id) ?? null;
}

function expandedValue(ctx: RenderContext, f: FieldDef, id: number, subs: Set<string>): Record<string, unknown> | null {
  if (isUserField(f)) {
    const u = userProps(ctx, id);
    if (!u) return null;
    const out: Record<string, unknown> = {
      'odata.type': 'SP.Data.UserInfoItem',
      'odata.id': `${ctx.site.siteUrl}/_api/Web/SiteUserInfoList/Items(${id})`,
    };
    for (const s of subs) out[s] = u[USER_PROPS[s] as string];
    return out;
  }
  const target = targetList(ctx, f.lookupList ?? '');
  if (!target) return null;
  const cache = (ctx.lookupCache ??= new Map());
  const key = `${target.id}:${id}`;
  if (!cache.has(key)) {
    const found = ctx.site.getItem(target.id, id);
    const visible = found && visibleTarget(ctx, target, found);
    cache.set(key, visible ? { row: found, data: JSON.parse(found.data) as Record<string, unknown> } : null);
  }
  const hit = cache.get(key);
  if (!hit) return null;
  const { row, data } = hit;
  const out: Record<string, unknown> = { 'odata.type': entityType(target), 'odata.id': row.guid };
  for (const s of subs) out[s] = s === 'Id' || s === 'ID' ? row.id : (data[s] ?? null);
  return out;
}

export function builtinValue(row: ItemRow, name: string): unknown {
  switch (name) {
    case 'ID':
      return row.id;
    case 'Created':
      return row.created;
    case 'Modified':
      return row.modified;
    case 'Author':
      return row.author_id;
    case 'Editor':
      return row.editor_id;
    default:
      return undefined;
  }
}

/** Writes one column (or a few) of a row into its JSON; made once per page, run for every row. */
type ColumnWriter = (out: Record<string, unknown>, row: ItemRow, data: Record<string, unknown>) => void;

/** A projection compiled for one list: the writers in output order and the per-list constants. */
interface CompiledProjection {
  projection: Projection;
  type: string;
  editLink: string;
  writers: ColumnWriter[];
}

/** A column's value on a row: the built-in columns from the row itself, the rest from its data. */
function valueReader(f: FieldDef): (row: ItemRow, data: Record<string, unknown>) => unknown {
  const name = f.internalName;
  switch (name) {
    case 'ID':
      return (row) => row.id;
    case 'Created':
      return (row) => row.created;
    case 'Modified':
      return (row) => row.modified;
    case 'Author':
      return (row) => row.author_id;
    case 'Editor':
      return (row) => row.editor_id;
  }
  if (isMulti(f)) return (_row, data) => data[name] ?? [];
  return (_row, data) => data[name] ?? null;
}

/** How a column is written: `<Name>` for a value, `<Name>Id` (and a person's `<Name>StringId`) for a lookup. */
function columnWriter(f: FieldDef, idForm: boolean): ColumnWriter | null {
  if (f.internalName === 'ID')
    return (out, row) => {
      out.Id = row.id;
      out.ID = row.id;
    };
  const read = valueReader(f);
  const name = f.internalName;
  if (!isPersonOrLookup(f)) return (out, row, data) => void (out[name] = read(row, data));
  if (!idForm) return null;
  const idKey = `${name}Id`;
  if (!isUserField(f)) return (out, row, data) => void (out[idKey] = read(row, data));
  const stringKey = `${name}StringId`;
  return (out, row, data) => {
    const v = read(row, data);
    out[idKey] = v;
    out[stringKey] = Array.isArray(v) ? v.map(String) : v === null ? null : String(v);
  };
}

/**
 * Resolves the projection against the list once — which columns, in which order, how each is read —
 * so rendering a page of 5,000 rows does no name resolution and makes no closures per row.
 */
function compileProjection(site: Site, list: ListRow, p: Projection): CompiledProjection {
  const writers: ColumnWriter[] = [];
  const add = (w: ColumnWriter | null) => w && writers.push(w);
  if (p.all) {
    const contentTypeId = '0x0100' + list.id.replace(/-/g, '').toUpperCase();
    add((out, row, data) => {
      // A library's folders are items too (FSObjType 1); everything else is a file or list item.
      out.FileSystemObjectType = data.FSObjType === 1 ? 1 : 0;
      out.Id = row.id;
      out.ContentTypeId = contentTypeId;
    });
    for (const f of site.fields(list.id)) if (f.internalName !== 'ID') add(columnWriter(f, true));
    add((out, row) => {
      out.ID = row.id;
      out.OData__UIVersionString = `${row.version}.0`;
      out.Attachments = false;
      out.GUID = row.guid;
    });
  } else {
    for (const name of p.fields) {
      if (name === 'HasUniqueRoleAssignments') {
        add((out, row) => void (out.HasUniqueRoleAssignments = row.has_unique === 1));
        continue;
      }
      const r = resolveName(site, list, name);
      if (r) add(columnWriter(r.field, r.asId));
    }
  }
  return { projection: p, type: entityType(list), editLink: `Web/Lists(guid'${list.id}')/Items(`, writers };
}

export function renderItem(ctx: RenderContext, row: ItemRow, p: Projection): Record<string, unknown> {
  const { site, list } = ctx;
  let compiled = ctx.compiled;
  if (compiled?.projection !== p) ctx.compiled = compiled = compileProjection(site, list, p);
  const data = JSON.parse(row.data) as Record<string, unknown>;
  const out: Record<string, unknown> = {
    'odata.type': compiled.type,
    'odata.id': row.guid,
    'odata.etag': `"${row.version}"`,
    'odata.editLink': `${compiled.editLink}${row.id})`,
  };
  for (const write of compiled.writers) write(out, row, data);
  if (p.parentList) out.ParentList = parentListJson(ctx, p.parentList);
  for (const [name, subs] of p.expanded) {
    const f = site.field(list.id, name) as FieldDef;
    const v = valueReader(f)(row, data);
    if (Array.isArray(v)) {
      out[name] = v.map((id) => expandedValue(ctx, f, Number(id), subs)).filter((x) => x !== null);
    } else {
      out[name] = v === null ? null : expandedValue(ctx, f, Number(v), subs);
    }
  }
  return out;
}
