/** Site users and SharePoint groups: currentuser, siteusers, getuserbyid, ensureuser, sitegroups, group members and owners. */
import { errors } from '../errors.js';
import { groupEntity, groupMembers, userEntity } from '../entities.js';
import { numberArg, type Segment, stringArg } from '../path.js';
import {
  addGroupMember,
  allSiteGroups,
  allSiteUsers,
  deleteGroup,
  insertGroup,
  loginTaken,
  principalByLogin,
  removeGroupMember,
  removeSiteUser,
  renameGroup,
  setGroupDescription,
  setGroupOwner,
  siteUserByEmail,
  siteUserByLogin,
} from '../repository.js';
import { hasPerm, Perm } from '../roles.js';
import { shapeCollection, shapeEntity } from '../shape.js';
import type { PrincipalRow, Site } from '../site.js';
import {
  type ApiResponse,
  type Ctx,
  effectiveMethod,
  isTunnelledDelete,
  navOf,
  need,
  noContent,
  ok,
  parseBody,
  shapeQuery,
} from './common.js';

/** Group settings SharePoint accepts that the store does not model. */
const IGNORED_GROUP_PROPERTIES = [
  'AllowMembersEditMembership',
  'AllowRequestToJoinLeave',
  'AutoAcceptRequestToJoinLeave',
  'OnlyAllowMembersViewMembership',
];

/** A site user and its navigation (`groups`). */
export function user({ site, req }: Ctx, p: PrincipalRow, rest: Segment[]): ApiResponse {
  const [s] = rest;
  if (!s) {
    if (req.method === 'GET') return ok(shapeEntity(userEntity(site, p), shapeQuery(req), 'SP.User'));
    throw errors.methodNotAllowed();
  }
  if (s.name === 'groups') return navOf(req, userEntity(site, p), rest);
  throw errors.resourceNotFound(s.name);
}

/** web/getuserbyid(n). */
export function userById(ctx: Ctx, s: Segment, rest: Segment[]): ApiResponse {
  const p = ctx.site.principal(numberArg(s.args, ctx.req.query));
  if (!p || p.type !== 1) throw errors.siteUserNotFound();
  return user(ctx, p, rest);
}

/** web/ensureuser: adds a directory user to the site once. */
export function ensureUser({ site, req }: Ctx): ApiResponse {
  if (req.method !== 'POST') throw errors.methodNotAllowed();
  const body = parseBody(req);
  const logon = String(body.logonName ?? body.LogonName ?? '');
  const found = site.ensureUser(logon);
  if (!found) throw errors.ensureUserFailed(logon);
  return ok(shapeEntity(userEntity(site, found), shapeQuery(req), 'SP.User'));
}

function findUser(site: Site, s: Segment, op: Segment | undefined, req: Ctx['req']): { user: PrincipalRow | undefined; consumed: number } {
  if (s.args !== null) return { user: siteUserByLogin(site.db, stringArg(s.args, req.query)), consumed: 0 };
  if (!op) return { user: undefined, consumed: 0 };
  switch (op.name) {
    case 'getbyid': {
      const p = site.principal(numberArg(op.args, req.query));
      return { user: p && p.type === 1 ? p : undefined, consumed: 1 };
    }
    case 'getbyemail':
      return { user: siteUserByEmail(site.db, stringArg(op.args, req.query)), consumed: 1 };
    case 'getbyloginname':
      return { user: siteUserByLogin(site.db, stringArg(op.args, req.query)), consumed: 1 };
    default:
      return { user: undefined, consumed: -1 };
  }
}

/** web/siteusers or sitegroups(n)/users (group set). */
export function siteUsers(ctx: Ctx, s: Segment, rest: Segment[], group: PrincipalRow | null): ApiResponse {
  const { site, req } = ctx;
  const [op, ...more] = rest;
  const members = () => (group ? groupMembers(site, group.id) : allSiteUsers(site.db));
  const manageGroup = () => need(!!group && canManageGroup(site, req.user, group));
  if (s.args === null && !op) {
    if (req.method === 'GET')
      return ok({
        value: shapeCollection(
          members().map((u) => userEntity(site, u)),
          req.query,
          'SP.User',
        ),
      });
    if (req.method === 'POST') {
      const body = parseBody(req);
      const login = String(body.LoginName ?? '');
      const added = site.ensureUser(login);
      if (!added) throw errors.ensureUserFailed(login);
      if (group) {
        manageGroup();
        addGroupMember(site.db, group.id, added.id);
      }
      return ok(shapeEntity(userEntity(site, added), shapeQuery(req), 'SP.User'), 201);
    }
    throw errors.methodNotAllowed();
  }
  if (op && (op.name === 'removebyid' || op.name === 'removebyloginname')) {
    if (req.method !== 'POST') throw errors.methodNotAllowed();
    const target =
      op.name === 'removebyid' ? site.principal(numberArg(op.args, req.query)) : principalByLogin(site.db, stringArg(op.args, req.query));
    if (!target) throw errors.siteUserNotFound();
    if (group) {
      manageGroup();
      removeGroupMember(site.db, group.id, target.id);
    } else {
      need(hasPerm(site.effectiveMask(req.user, { type: 'web' }), Perm.ManagePermissions));
      removeSiteUser(site.db, target.id);
    }
    return noContent();
  }
  const found = findUser(site, s, op, req);
  if (found.consumed < 0 && op) throw errors.resourceNotFound(op.name);
  const u = found.user;
  if (!u || (group && !members().some((m) => m.id === u.id))) throw errors.siteUserNotFound();
  const tail = found.consumed === 1 ? more : rest;
  if (isTunnelledDelete(req) && tail.length === 0) {
    if (group) {
      manageGroup();
      removeGroupMember(site.db, group.id, u.id);
    }
    return ok('');
  }
  return user(ctx, u, tail);
}

/** Site permission managers, the group's owner, and members of an owning group. */
function canManageGroup(site: Site, u: PrincipalRow, group: PrincipalRow): boolean {
  if (hasPerm(site.effectiveMask(u, { type: 'web' }), Perm.ManagePermissions)) return true;
  if (group.owner_id === u.id) return true;
  return group.owner_id !== null && site.groupsOf(u.id).includes(group.owner_id);
}

/** web/sitegroups, (n), getbyid, getbyname, removebyid, removebyloginname. */
export function siteGroups(ctx: Ctx, s: Segment, rest: Segment[]): ApiResponse {
  const { site, req } = ctx;
  const [op, ...more] = rest;
  const groups = () => allSiteGroups(site.db);
  let group: PrincipalRow | undefined;
  let tail = rest;
  if (s.args !== null) {
    const id = numberArg(s.args, req.query);
    group = groups().find((g) => g.id === id);
  } else if (!op) {
    if (req.method === 'GET')
      return ok({
        value: shapeCollection(
          groups().map((g) => groupEntity(site, g)),
          req.query,
          'SP.Group',
        ),
      });
    if (req.method === 'POST') return addGroup(ctx);
    throw errors.methodNotAllowed();
  } else {
    tail = more;
    switch (op.name) {
      case 'getbyid': {
        const id = numberArg(op.args, req.query);
        group = groups().find((g) => g.id === id);
        break;
      }
      case 'getbyname': {
        const name = stringArg(op.args, req.query).toLowerCase();
        group = groups().find((g) => g.title.toLowerCase() === name);
        break;
      }
      case 'removebyid':
      case 'removebyloginname': {
        if (req.method !== 'POST') throw errors.methodNotAllowed();
        need(hasPerm(site.effectiveMask(req.user, { type: 'web' }), Perm.ManagePermissions));
        const g =
          op.name === 'removebyid'
            ? groups().find((x) => x.id === numberArg(op.args, req.query))
            : groups().find((x) => x.title.toLowerCase() === stringArg(op.args, req.query).toLowerCase());
        if (!g) throw errors.groupNotFound();
        deleteGroup(site.db, g.id);
        return noContent();
      }
      default:
        throw errors.resourceNotFound(op.name);
    }
  }
  if (!group) throw errors.groupNotFound();
  return groupRoute(ctx, group, tail);
}

function addGroup({ site, req }: Ctx): ApiResponse {
  need(hasPerm(site.effectiveMask(req.user, { type: 'web' }), Perm.CreateGroups));
  const body = parseBody(req);
  const title = String(body.Title ?? '').trim();
  if (!title) throw errors.badRequest('The group name is empty.');
  if (loginTaken(site.db, title)) throw errors.groupExists(title);
  const id = site.nextPrincipalId();
  insertGroup(site.db, { id, title, description: typeof body.Description === 'string' ? body.Description : '', ownerId: req.user.id });
  return ok(shapeEntity(groupEntity(site, site.principal(id) as PrincipalRow), shapeQuery(req), 'SP.Group'), 201);
}

/** One group: read, update (Title, Description), delete, users, owner, setuserasowner. */
export function groupRoute(ctx: Ctx, group: PrincipalRow, rest: Segment[]): ApiResponse {
  const { site, req } = ctx;
  const [s, ...more] = rest;
  const method = effectiveMethod(req);
  if (!s) {
    if (req.method === 'GET') return ok(shapeEntity(groupEntity(site, group), shapeQuery(req), 'SP.Group'));
    if (method === 'MERGE' || method === 'PATCH') {
      need(canManageGroup(site, req.user, group));
      const body = parseBody(req);
      for (const key of Object.keys(body)) {
        if (key === '__metadata' || key.startsWith('odata.')) continue;
        if (key === 'Title') renameGroup(site.db, group.id, String(body.Title));
        else if (key === 'Description') setGroupDescription(site.db, group.id, String(body.Description));
        else if (!IGNORED_GROUP_PROPERTIES.includes(key)) throw errors.unknownProperty(key, 'SP.Group');
      }
      return noContent();
    }
    if (method === 'DELETE') {
      need(hasPerm(site.effectiveMask(req.user, { type: 'web' }), Perm.ManagePermissions));
      deleteGroup(site.db, group.id);
      return ok('');
    }
    throw errors.methodNotAllowed();
  }
  if (s.name === 'users') return siteUsers(ctx, s, more, group);
  if (s.name === 'owner') return navOf(req, groupEntity(site, group), rest);
  if (s.name === 'setuserasowner') {
    need(canManageGroup(site, req.user, group));
    setGroupOwner(site.db, group.id, numberArg(s.args, req.query));
    return noContent();
  }
  throw errors.resourceNotFound(s.name);
}
