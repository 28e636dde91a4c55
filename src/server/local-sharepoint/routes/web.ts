/** _api/web (and _api/site, _api/site/rootweb): the web itself and every collection below it. */
import { errors } from '../errors.js';
import { webEntity } from '../entities.js';
import type { Segment } from '../path.js';
import { shapeEntity } from '../shape.js';
import { hasPerm, Perm } from '../roles.js';
import type { PrincipalRow, Site } from '../site.js';
import { setMeta } from '../storage.js';
import { type ApiResponse, type Ctx, effectiveMethod, need, noContent, ok, parseBody, shapeQuery } from './common.js';
import { fileByPath, folderByPath, webFolders } from './files.js';
import { lists } from './lists.js';
import { roleDefinitions, securable } from './security.js';
import { ensureUser, groupRoute, siteGroups, siteUsers, user, userById } from './users-groups.js';

/** The associated groups' principal ids, as a new team site lays them out. */
const ASSOCIATED_GROUPS: Record<string, number> = {
  associatedownergroup: 3,
  associatedmembergroup: 5,
  associatedvisitorgroup: 4,
};

export function web(ctx: Ctx, segs: Segment[]): ApiResponse {
  const { site, req } = ctx;
  const [s, ...rest] = segs;
  if (!s) {
    if (req.method === 'GET') return ok(shapeEntity(webEntity(site, req.user), shapeQuery(req), 'SP.Web'));
    const method = effectiveMethod(req);
    if (method === 'MERGE' || method === 'PATCH') {
      need(hasPerm(site.effectiveMask(req.user, { type: 'web' }), Perm.ManageWeb));
      updateWeb(site, parseBody(req));
      return noContent();
    }
    throw errors.methodNotAllowed();
  }
  switch (s.name) {
    case 'parentweb':
      // A root web has no parent: SharePoint answers the navigation property as null.
      if (req.method !== 'GET') throw errors.methodNotAllowed();
      return ok({ 'odata.null': true });
    case 'lists':
      return lists(ctx, s, rest);
    case 'getlist':
      throw errors.resourceNotFound(s.name);
    case 'getfolderbyserverrelativepath':
    case 'getfolderbyserverrelativeurl':
      return folderByPath(ctx, s, rest);
    case 'getfilebyserverrelativepath':
    case 'getfilebyserverrelativeurl':
      return fileByPath(ctx, s, rest);
    case 'folders':
      return webFolders(ctx, rest);
    case 'currentuser':
      return user(ctx, req.user, rest);
    case 'siteusers':
      return siteUsers(ctx, s, rest, null);
    case 'getuserbyid':
      return userById(ctx, s, rest);
    case 'ensureuser':
      return ensureUser(ctx);
    case 'sitegroups':
      return siteGroups(ctx, s, rest);
    case 'associatedownergroup':
    case 'associatedmembergroup':
    case 'associatedvisitorgroup':
      return groupRoute(ctx, site.principal(ASSOCIATED_GROUPS[s.name] as number) as PrincipalRow, rest);
    case 'roledefinitions':
      return roleDefinitions(ctx, s, rest);
    default:
      return securable(ctx, { type: 'web' }, s, rest);
  }
}

/** SP.Web properties the store keeps (Title, Description); any other is SharePoint's unknown-property answer. */
function updateWeb(site: Site, body: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(body)) {
    if (key === '__metadata' || key.startsWith('odata.')) continue;
    if (key !== 'Title' && key !== 'Description') throw errors.unknownProperty(key, 'SP.Web');
    if (typeof value !== 'string' || (key === 'Title' && !value.trim())) throw errors.badValue('Edm.String');
    setMeta(site.db, key === 'Title' ? 'web_title' : 'web_description', key === 'Title' ? value.trim() : value);
  }
}

/** _api/site: the site collection; its rootweb is the web. */
export function siteCollection(ctx: Ctx, rest: Segment[]): ApiResponse {
  const { site, req } = ctx;
  if (rest.length === 0 && req.method === 'GET') {
    return ok(
      shapeEntity(
        {
          props: {
            'odata.type': 'SP.Site',
            Id: site.siteId,
            Url: site.siteUrl,
            ServerRelativeUrl: site.serverRelativeUrl,
          },
        },
        shapeQuery(req),
        'SP.Site',
      ),
    );
  }
  if (rest[0]?.name === 'rootweb') return web(ctx, rest.slice(1));
  throw errors.resourceNotFound(rest[0]?.name ?? 'site');
}
