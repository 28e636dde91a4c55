/** A list's fields: the collection, createfieldasxml/addfield, lookups by id/title/internal name, update and delete. */
import { SpError, errors } from '../errors.js';
import { type FieldDef, fieldFromProperties, fieldFromXml, fieldJson, isIndexable } from '../fields.js';
import type { Segment } from '../path.js';
import { stringArg } from '../path.js';
import { hasDuplicateValues, removeFieldValues } from '../repository.js';
import { hasPerm, Perm } from '../roles.js';
import { shapeCollection, shapeEntity } from '../shape.js';
import type { ListRow, Site } from '../site.js';
import { type ApiResponse, type Ctx, effectiveMethod, need, noContent, ok, parseBody, shapeQuery } from './common.js';

/** SharePoint's limit on indexed columns per list. */
const MAX_INDEXES = 20;

export function fields(ctx: Ctx, list: ListRow, s: Segment, rest: Segment[]): ApiResponse {
  const { site, req } = ctx;
  const [op, ...more] = rest;
  const manage = () => need(hasPerm(site.effectiveMask(req.user, { type: 'list', listId: list.id }), Perm.ManageLists));
  const verbose = /odata=verbose/i.test(req.headers.accept ?? '');
  const taken = () => new Set(site.fields(list.id).map((f) => f.internalName.toLowerCase()));
  const created = (def: FieldDef) => {
    checkIndexRules(site, list, def, def, true);
    site.saveField(list.id, def, true);
    return ok(fieldJson(def), 201);
  };
  const lookupTargetExists = (def: FieldDef) => {
    if ((def.type === 'Lookup' || def.type === 'LookupMulti') && !site.listById(def.lookupList ?? '')) {
      throw errors.listNotFound(def.lookupList ?? '', site.siteUrl);
    }
  };
  if (s.args !== null && !op) return field(ctx, list, fieldById(site, list, stringArg(s.args, req.query)), []);
  if (s.args !== null) return field(ctx, list, fieldById(site, list, stringArg(s.args, req.query)), rest);
  if (!op) {
    if (req.method === 'GET') {
      const entities = site.fields(list.id).map((f) => ({ props: fieldJson(f) }));
      return ok({ value: shapeCollection(entities, req.query, 'SP.Field') });
    }
    if (req.method === 'POST') {
      manage();
      const body = parseBody(req);
      if (!verbose && body.__metadata === undefined && body.FieldTypeKind === undefined)
        throw errors.badRequest('Invalid field definition.');
      return created(fieldFromProperties(body, taken()));
    }
    throw errors.methodNotAllowed();
  }
  switch (op.name) {
    case 'createfieldasxml': {
      if (req.method !== 'POST') throw errors.methodNotAllowed();
      manage();
      const params = (parseBody(req).parameters ?? {}) as Record<string, unknown>;
      const def = fieldFromXml(String(params.SchemaXml ?? ''), Number(params.Options ?? 0), taken());
      lookupTargetExists(def);
      return created(def);
    }
    case 'addfield': {
      if (req.method !== 'POST') throw errors.methodNotAllowed();
      manage();
      const params = (parseBody(req).parameters ?? {}) as Record<string, unknown>;
      const def = fieldFromProperties(params, taken());
      lookupTargetExists(def);
      return created(def);
    }
    case 'getbyinternalnameortitle':
    case 'getbytitle': {
      const name = stringArg(op.args, req.query);
      const f =
        op.name === 'getbytitle'
          ? site.fields(list.id).find((x) => x.title.toLowerCase() === name.toLowerCase())
          : site.fieldByNameOrTitle(list.id, name);
      if (!f)
        throw new SpError(
          404,
          '-2147024809, System.ArgumentException',
          `Column '${name}' does not exist. It may have been deleted by another user.`,
        );
      return field(ctx, list, f, more);
    }
    case 'getbyid':
      return field(ctx, list, fieldById(site, list, stringArg(op.args, req.query)), more);
    default:
      throw errors.resourceNotFound(op.name);
  }
}

function fieldById(site: Site, list: ListRow, id: string): FieldDef {
  const f = site.fields(list.id).find((x) => x.id === id.replace(/[{}]/g, '').toLowerCase());
  if (!f) throw new SpError(404, '-2147024809, System.ArgumentException', 'Invalid field name. {' + id + '}');
  return f;
}

/** SharePoint's index rules: ≤ 20 indexes, indexable types only, unique needs an index and no duplicates. */
function checkIndexRules(site: Site, list: ListRow, before: FieldDef, after: FieldDef, isNew: boolean): void {
  if ((after.indexed && !before.indexed) || (isNew && after.indexed)) {
    if (!isIndexable(after)) throw errors.notIndexable(after.title);
    const count = site.fields(list.id).filter((f) => f.indexed && f.internalName !== 'ID' && f.internalName !== after.internalName).length;
    if (count >= MAX_INDEXES) throw errors.tooManyIndexes();
  }
  if (after.unique && !after.indexed) throw errors.uniqueNeedsIndex();
  if (after.unique && !before.unique && !isNew && hasDuplicateValues(site.db, list.id, after.internalName)) throw errors.duplicatesExist();
}

/** One field: read, update (MERGE/PATCH), delete; setShowIn*Form accepted and ignored. */
function field({ site, req }: Ctx, list: ListRow, f: FieldDef, rest: Segment[]): ApiResponse {
  const method = effectiveMethod(req);
  if (rest.length > 0) {
    const s = rest[0] as Segment;
    if (/^setshowin(display|edit|new)form$/.test(s.name)) return noContent();
    throw errors.resourceNotFound(s.name);
  }
  if (req.method === 'GET') return ok(shapeEntity({ props: fieldJson(f) }, shapeQuery(req), 'SP.Field'));
  need(hasPerm(site.effectiveMask(req.user, { type: 'list', listId: list.id }), Perm.ManageLists));
  if (method === 'DELETE') {
    if (f.builtin) throw new SpError(400, '-2146232832, Microsoft.SharePoint.SPException', 'You cannot delete this column.');
    site.deleteField(list.id, f.internalName);
    removeFieldValues(site.db, list.id, f.internalName);
    return ok('');
  }
  if (method !== 'MERGE' && method !== 'PATCH') throw errors.methodNotAllowed();
  const next = applyFieldUpdate(f, parseBody(req));
  if (next.indexed === false && f.unique && next.unique) throw errors.uniqueNeedsIndex();
  checkIndexRules(site, list, f, next, false);
  site.saveField(list.id, next, false);
  return noContent();
}

/** An SP.Field MERGE body applied to a field definition. */
function applyFieldUpdate(f: FieldDef, body: Record<string, unknown>): FieldDef {
  const next: FieldDef = { ...f };
  for (const [key, value] of Object.entries(body)) {
    if (key === '__metadata' || key.startsWith('odata.')) continue;
    switch (key) {
      case 'Title':
        next.title = String(value);
        break;
      case 'Description':
        next.description = String(value);
        break;
      case 'Required':
        next.required = value === true;
        break;
      case 'Indexed':
        next.indexed = value === true;
        break;
      case 'EnforceUniqueValues':
        next.unique = value === true;
        break;
      case 'Hidden':
        next.hidden = value === true;
        break;
      case 'DefaultValue':
        next.defaultValue = value === null ? null : String(value);
        break;
      case 'MaxLength':
        if (f.type !== 'Text') throw errors.unknownProperty(key, 'SP.Field');
        next.maxLength = Number(value);
        break;
      case 'Choices': {
        if (f.type !== 'Choice' && f.type !== 'MultiChoice') throw errors.unknownProperty(key, 'SP.Field');
        const arr = Array.isArray(value) ? value : (value as { results?: unknown[] } | null)?.results;
        if (!Array.isArray(arr)) throw errors.badValue('Collection(Edm.String)');
        next.choices = arr.map(String);
        break;
      }
      case 'MinimumValue':
        next.min = Number(value);
        break;
      case 'MaximumValue':
        next.max = Number(value);
        break;
      case 'SelectionMode':
        next.selectionMode = Number(value);
        break;
      default:
        throw errors.unknownProperty(key, 'SP.Field');
    }
  }
  return next;
}
