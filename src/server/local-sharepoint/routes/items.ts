/** A list's items: query ($select/$expand/$filter/$orderby/$top/$skiptoken), add, and one item (read, update, delete, recycle, security). */
import { randomUUID } from 'node:crypto';
import { errors } from '../errors.js';
import { addItem, assertCanWrite, checkEtag, deleteItem, readItemBody, updateItem } from '../items.js';
import { isLibrary } from '../library.js';
import { numberArg, type Segment } from '../path.js';
import { buildProjection, checkLookupThreshold, type ItemQuery, queryItemsJson, renderItem } from '../query.js';
import { Perm } from '../roles.js';
import type { ListRow } from '../site.js';
import { canSeeItem, readTrim } from '../trim.js';
import { type ApiResponse, type Ctx, effectiveMethod, noContent, ok, parseBody } from './common.js';
import { attachments } from './attachments.js';
import { securable } from './security.js';

/** How an item's `ParentList` is answered: the list's own route (routes/lists.ts), below it. */
export type ParentListRoute = (rest: Segment[]) => ApiResponse;

export function items(ctx: Ctx, list: ListRow, s: Segment, rest: Segment[], parentList: ParentListRoute): ApiResponse {
  const { site, req } = ctx;
  const [op, ...more] = rest;
  if (s.args !== null) return item(ctx, list, numberArg(s.args, req.query), rest, parentList);
  if (op?.name === 'getbyid') return item(ctx, list, numberArg(op.args, req.query), more, parentList);
  if (op) throw errors.resourceNotFound(op.name);
  const listUrl = `${site.siteUrl}/_api/web/lists(guid'${list.id}')`;
  if (req.method === 'GET') {
    const q: ItemQuery = {
      select: req.query.get('$select'),
      expand: req.query.get('$expand'),
      filter: req.query.get('$filter'),
      orderby: req.query.get('$orderby'),
      top: req.query.get('$top'),
      skiptoken: req.query.get('$skiptoken'),
    };
    if (req.query.has('$skip')) throw errors.badRequest('$skip is not supported for list items. Use $skiptoken.');
    return { status: 200, rawJson: queryItemsJson(site, list, q, readTrim(site, list, req.user), listUrl, req.user) };
  }
  if (req.method === 'POST') {
    // A library's items are its files and folders (routes/files.ts).
    if (isLibrary(list)) throw errors.badRequest('To add an item to a document library, use SPFileCollection.add()');
    assertCanWrite(site, list, req.user, null, Perm.AddListItems);
    const values = readItemBody(site, list, parseBody(req), req.user);
    const row = addItem(site, list, req.user, values);
    const projection = buildProjection(site, list, null, null);
    const fresh = site.listById(list.id) as ListRow;
    return ok(renderItem({ site, list: fresh, userCache: new Map(), viewer: req.user }, row, projection), 201);
  }
  throw errors.methodNotAllowed();
}

/** `parentList` absent (a file's ListItemAllFields): the ParentList segment is not implemented there. */
export function item(ctx: Ctx, list: ListRow, id: number, rest: Segment[], parentList?: ParentListRoute): ApiResponse {
  const { site, req } = ctx;
  const row = site.getItem(list.id, id);
  if (!row || !canSeeItem(site, list, req.user, row)) throw errors.itemNotFound();
  const [s, ...more] = rest;
  const method = effectiveMethod(req);
  if (s) {
    if (s.name === 'recycle') {
      assertCanWrite(site, list, req.user, row, Perm.DeleteListItems);
      deleteItem(site, list, row);
      return ok({ value: randomUUID() });
    }
    if (s.name === 'attachmentfiles') return attachments(ctx, list, row, more, s);
    if (s.name === 'parentlist' && parentList) return parentList(more);
    return securable(ctx, { type: 'item', listId: list.id, itemId: id }, s, more);
  }
  if (req.method === 'GET') {
    const projection = buildProjection(site, list, req.query.get('$select'), req.query.get('$expand'));
    checkLookupThreshold(projection.lookups.size);
    return ok(renderItem({ site, list, userCache: new Map(), viewer: req.user }, row, projection));
  }
  const ifMatch = req.headers['if-match'];
  if (method === 'MERGE' || method === 'PATCH' || method === 'PUT') {
    assertCanWrite(site, list, req.user, row, Perm.EditListItems);
    checkEtag(row, ifMatch);
    const values = readItemBody(site, list, parseBody(req), req.user);
    const next = updateItem(site, list, row, req.user, values);
    return noContent({ ETag: `"${next.version}"` });
  }
  if (method === 'DELETE') {
    assertCanWrite(site, list, req.user, row, Perm.DeleteListItems);
    checkEtag(row, ifMatch);
    deleteItem(site, list, row);
    return ok('');
  }
  throw errors.methodNotAllowed();
}
