/** web/lists: the collection, getbytitle/getbyid, one list (read, update, delete) and what hangs below it. */
import { randomUUID } from 'node:crypto';
import { errors } from '../errors.js';
import { listEntity } from '../entities.js';
import { builtinFields, libraryFields } from '../fields.js';
import { DOCUMENT_LIBRARY, isLibrary, rootUrl } from '../library.js';
import { folderAt } from './files.js';
import { numberArg, type Segment, stringArg } from '../path.js';
import { deleteList, insertList, LIST_COLUMNS, type ListProperty, updateListProperty } from '../repository.js';
import { hasPerm, Perm } from '../roles.js';
import { shapeCollection, shapeEntity } from '../shape.js';
import type { ListRow, Scope, Site } from '../site.js';
import { nowIso } from '../storage.js';
import { type ApiResponse, type Ctx, effectiveMethod, navOf, need, noContent, ok, parseBody, shapeQuery } from './common.js';
import { fields } from './fields.js';
import { item, items } from './items.js';
import { securable } from './security.js';
import { canSeeList } from '../trim.js';

/** SP.List properties SharePoint accepts on update that the store does not model. */
const IGNORED_LIST_PROPERTIES = new Set([
  'ContentTypesEnabled',
  'AllowContentTypes',
  'BaseTemplate',
  'Hidden',
  'OnQuickLaunch',
  'EnableAttachments',
  'EnableFolderCreation',
  'NoCrawl',
  'EnableMinorVersions',
  'ForceCheckout',
  'EnableModeration',
  'DraftVersionVisibility',
]);

/** SP.List.Title: "Its length must be equal to or less than 255" (SharePoint's documentation). */
const MAX_LIST_TITLE = 255;
const CUSTOM_LIST = 100;
/** The list templates the store implements. */
const TEMPLATES = new Set<unknown>([CUSTOM_LIST, DOCUMENT_LIBRARY]);

export function lists(ctx: Ctx, s: Segment, rest: Segment[]): ApiResponse {
  const { site, req } = ctx;
  const [op, ...more] = rest;
  if (s.args !== null) {
    const id = stringArg(s.args, req.query);
    const list = site.listById(id);
    if (!list) throw errors.listNotFound(id, site.siteUrl);
    return oneList(ctx, list, rest);
  }
  if (!op) {
    if (req.method === 'GET') {
      return ok({
        value: shapeCollection(
          site
            .allLists()
            .filter((l) => canSeeList(site, l, req.user))
            .map((l) => listEntity(site, l, req.user)),
          req.query,
          'SP.List',
        ),
      });
    }
    if (req.method === 'POST') return addList(ctx);
    throw errors.methodNotAllowed();
  }
  if (op.name === 'getbytitle') {
    const title = stringArg(op.args, req.query);
    const list = site.listByTitle(title);
    if (!list) throw errors.listNotFound(title, site.siteUrl);
    return oneList(ctx, list, more);
  }
  if (op.name === 'getbyid') {
    const id = stringArg(op.args, req.query);
    const list = site.listById(id);
    if (!list) throw errors.listNotFound(id, site.siteUrl);
    return oneList(ctx, list, more);
  }
  throw errors.resourceNotFound(op.name);
}

function addList({ site, req }: Ctx): ApiResponse {
  need(hasPerm(site.effectiveMask(req.user, { type: 'web' }), Perm.ManageLists));
  const body = parseBody(req);
  const title = typeof body.Title === 'string' ? body.Title.trim() : '';
  if (!title) throw errors.badRequest('The list title cannot be empty.');
  if (title.length > MAX_LIST_TITLE) throw errors.listTitleTooLong();
  // Only a custom list and a document library exist here; any other template is refused the way
  // SharePoint refuses a template it cannot create, never made into a plain list.
  if (!TEMPLATES.has(body.BaseTemplate ?? CUSTOM_LIST)) throw errors.invalidListTemplate();
  const baseTemplate = (body.BaseTemplate ?? CUSTOM_LIST) as number;
  for (const key of Object.keys(body)) {
    const known = key === '__metadata' || key.startsWith('odata.') || Object.hasOwn(LIST_COLUMNS, key);
    if (!known && !IGNORED_LIST_PROPERTIES.has(key)) throw errors.unknownProperty(key, 'SP.List');
  }
  if (site.listByTitle(title)) throw errors.listExists();
  const id = randomUUID();
  // The URL name (and so EntityTypeName) is fixed at creation: SharePoint drops characters URLs can't hold.
  let urlName = title.replace(/[~"#%&*:<>?/\\{|}.]/g, '').trim() || 'List';
  const taken = new Set(site.allLists().map((l) => l.url_name.toLowerCase()));
  if (taken.has(urlName.toLowerCase())) {
    let i = 1;
    while (taken.has(`${urlName}${i}`.toLowerCase())) i++;
    urlName = `${urlName}${i}`;
  }
  const ints = (v: unknown, d: number) => (typeof v === 'number' ? v : d);
  const library = baseTemplate === DOCUMENT_LIBRARY;
  insertList(
    site.db,
    {
      id,
      title,
      description: typeof body.Description === 'string' ? body.Description : '',
      // A library's entity type has no 'List' suffix (Shared_x0020_Documents), a list's has.
      entityTypeName: encodeEntityName(urlName) + (library ? '' : 'List'),
      urlName,
      created: nowIso(),
      baseTemplate,
      enableVersioning: body.EnableVersioning === true,
      majorVersionLimit: ints(body.MajorVersionLimit, 50),
      readSecurity: ints(body.ReadSecurity, 1),
      writeSecurity: ints(body.WriteSecurity, 1),
    },
    library ? libraryFields() : builtinFields(),
  );
  const list = site.listById(id) as ListRow;
  return ok(shapeEntity(listEntity(site, list, req.user), shapeQuery(req), 'SP.List'), 201);
}

/** What someone without access to a list may still ask of it: their own (empty) permissions. */
const PERMISSION_PROBES = new Set(['effectivebasepermissions', 'getusereffectivepermissions']);

/** One list: read, update, delete; items, fields, item count and its security. */
function oneList(ctx: Ctx, list: ListRow, rest: Segment[]): ApiResponse {
  const { site, req } = ctx;
  const scope: Scope = { type: 'list', listId: list.id };
  const [s, ...more] = rest;
  // A list on which the caller holds nothing discloses nothing — not its item count, fields or
  // items (SharePoint: "Access denied"); only the caller's own permissions may be asked.
  if (!canSeeList(site, list, req.user) && !(s && PERMISSION_PROBES.has(s.name))) throw errors.accessDenied();
  const method = effectiveMethod(req);
  if (!s) {
    if (req.method === 'GET') return ok(shapeEntity(listEntity(site, list, req.user), shapeQuery(req), 'SP.List'));
    need(hasPerm(site.effectiveMask(req.user, scope), Perm.ManageLists));
    if (method === 'MERGE' || method === 'PATCH') {
      updateList(site, list, parseBody(req));
      return noContent();
    }
    if (method === 'DELETE') {
      deleteList(site.db, list.id);
      return ok('');
    }
    throw errors.methodNotAllowed();
  }
  switch (s.name) {
    case 'items':
      return items(ctx, list, s, more, (below) => oneList(ctx, list, below));
    case 'getitembyid':
      return item(ctx, list, numberArg(s.args, req.query), more, (below) => oneList(ctx, list, below));
    case 'fields':
      return fields(ctx, list, s, more);
    case 'itemcount':
      return ok({ value: site.itemCount(list.id) });
    case 'rootfolder':
      // A list's root folder is read as SP.Folder; its files and folders exist in libraries only.
      if (!isLibrary(list) && more.length === 0 && req.method === 'GET') return navOf(req, listEntity(site, list, req.user), [s]);
      return folderAt(ctx, rootUrl(site, list), more);
    default:
      return securable(ctx, scope, s, more);
  }
}

function updateList(site: Site, list: ListRow, body: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(body)) {
    if (key === '__metadata' || key.startsWith('odata.')) continue;
    if (!Object.hasOwn(LIST_COLUMNS, key)) {
      if (IGNORED_LIST_PROPERTIES.has(key)) continue;
      throw errors.unknownProperty(key, 'SP.List');
    }
    if (key === 'Title') {
      if (String(value).trim().length > MAX_LIST_TITLE) throw errors.listTitleTooLong();
      const other = site.listByTitle(String(value));
      if (other && other.id !== list.id) throw errors.listExists();
    }
    if ((key === 'ReadSecurity' && ![1, 2].includes(Number(value))) || (key === 'WriteSecurity' && ![1, 2, 4].includes(Number(value)))) {
      throw errors.badRequest(`Invalid value for ${key}.`);
    }
    const v = typeof value === 'boolean' ? (value ? 1 : 0) : value;
    updateListProperty(site.db, list.id, key as ListProperty, v as string | number);
  }
}

/** EntityTypeName encoding of the list URL name: XML-name encoding as SharePoint does it. */
export function encodeEntityName(urlName: string): string {
  let out = '';
  for (const ch of urlName) {
    if (/[A-Za-z0-9]/.test(ch)) out += ch;
    else out += `_x${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}_`;
  }
  return out;
}
