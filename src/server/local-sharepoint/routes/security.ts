/**
 * Security on the web, a list or an item: effective permissions, role assignments, breaking and
 * resetting inheritance; and the web's role definitions.
 */
import { SpError, errors } from '../errors.js';
import { type RoleDefRow, roleAssignmentEntities, roleDefEntity } from '../entities.js';
import { namedArgs, numberArg, type Segment, stringArg } from '../path.js';
import {
  addRoleAssignment,
  allRoleDefs,
  clearRoleAssignments,
  clearSubscopes,
  copyRoleAssignments,
  removePrincipalAssignments,
  removeRoleAssignment,
  roleDefExists,
  setHasUnique,
} from '../repository.js';
import { hasPerm, maskJson, Perm } from '../roles.js';
import { shapeCollection, shapeEntity } from '../shape.js';
import { CLAIM_PREFIX, type PrincipalRow, type Scope, type Site, scopeKey } from '../site.js';
import { type ApiResponse, type Ctx, isTunnelledDelete, navOf, need, noContent, ok, shapeQuery } from './common.js';

/** Full Control: what SharePoint gives the caller on an object it makes unique without copying. */
const FULL_CONTROL = 1073741829;

/** The securable members of a web, list or item; `s` is the segment after the object. */
export function securable({ site, req }: Ctx, scope: Scope, s: Segment, rest: Segment[]): ApiResponse {
  const user = req.user;
  switch (s.name) {
    case 'effectivebasepermissions':
      if (req.method !== 'GET') throw errors.methodNotAllowed();
      return ok({ 'odata.type': 'SP.BasePermissions', ...maskJson(site.effectiveMask(user, scope)) });
    case 'getusereffectivepermissions': {
      if (req.method !== 'GET') throw errors.methodNotAllowed();
      const login = stringArg(s.args, req.query);
      const target = login.startsWith(CLAIM_PREFIX) ? site.userByUpn(login.slice(CLAIM_PREFIX.length)) : site.userByUpn(login);
      if (!target) throw errors.siteUserNotFound();
      return ok({ 'odata.type': 'SP.BasePermissions', ...maskJson(site.effectiveMask(target, scope)) });
    }
    case 'roleassignments':
      return roleAssignments({ site, req }, scope, s, rest);
    case 'breakroleinheritance': {
      if (req.method !== 'POST') throw errors.methodNotAllowed();
      need(hasPerm(site.effectiveMask(user, scope), Perm.ManagePermissions));
      const a = namedArgs(s.args);
      breakInheritance(site, scope, a.copyroleassignments === 'true', a.clearsubscopes === 'true', user);
      return noContent();
    }
    case 'resetroleinheritance': {
      if (req.method !== 'POST') throw errors.methodNotAllowed();
      need(hasPerm(site.effectiveMask(user, scope), Perm.ManagePermissions));
      if (scope.type === 'web')
        throw new SpError(400, '-2146232832, Microsoft.SharePoint.SPException', 'You cannot reset the permissions of the root web.');
      setHasUnique(site.db, scope, false);
      clearRoleAssignments(site.db, scopeKey(scope));
      return noContent();
    }
    case 'firstuniqueancestorsecurableobject':
      return ok({ 'odata.type': 'SP.SecurableObject', HasUniqueRoleAssignments: true });
    case 'hasuniqueroleassignments':
      return ok({ value: scope.type === 'web' ? true : site.effectiveScope(scope).type === scope.type });
    default:
      throw errors.resourceNotFound(s.name);
  }
}

function breakInheritance(site: Site, scope: Scope, copy: boolean, clear: boolean, user: PrincipalRow): void {
  const key = scopeKey(scope);
  const current = site.effectiveScope(scope);
  if (scope.type !== 'web' && scopeKey(current) !== key) {
    if (copy) copyRoleAssignments(site.db, scopeKey(current), key);
    // SharePoint keeps the caller in control of the object it just made unique.
    else if (!user.is_site_admin) addRoleAssignment(site.db, key, user.id, FULL_CONTROL);
    setHasUnique(site.db, scope, true);
  }
  if (clear) clearSubscopes(site.db, scope);
}

function roleAssignments({ site, req }: Ctx, scope: Scope, s: Segment, rest: Segment[]): ApiResponse {
  const [op, ...more] = rest;
  const manage = () => {
    need(hasPerm(site.effectiveMask(req.user, scope), Perm.ManagePermissions));
    if (scope.type !== 'web' && scopeKey(site.effectiveScope(scope)) !== scopeKey(scope)) {
      throw new SpError(
        400,
        '-2146232832, Microsoft.SharePoint.SPException',
        'This operation is not allowed on an object that inherits permissions.',
      );
    }
  };
  const readable = () => need(hasPerm(site.effectiveMask(req.user, scope), Perm.EnumeratePermissions));
  const byPrincipal = (id: number) => {
    const e = roleAssignmentEntities(site, scope).find((x) => x.props.PrincipalId === id);
    if (!e) throw new SpError(404, '-2146232832, Microsoft.SharePoint.SPException', 'Can not find the principal with id: ' + id + '.');
    return e;
  };
  if (s.args !== null && !op) {
    readable();
    const e = byPrincipal(numberArg(s.args, req.query));
    if (isTunnelledDelete(req)) {
      manage();
      removePrincipalAssignments(site.db, scopeKey(scope), e.props.PrincipalId as number);
      return ok('');
    }
    return ok(shapeEntity(e, shapeQuery(req), 'SP.RoleAssignment'));
  }
  if (!op) {
    if (req.method !== 'GET') throw errors.methodNotAllowed();
    readable();
    return ok({ value: shapeCollection(roleAssignmentEntities(site, scope), req.query, 'SP.RoleAssignment') });
  }
  switch (op.name) {
    case 'addroleassignment':
    case 'removeroleassignment': {
      if (req.method !== 'POST') throw errors.methodNotAllowed();
      manage();
      const a = namedArgs(op.args);
      const principalId = Number(a.principalid);
      const roleDefId = Number(a.roledefid);
      const p = site.principal(principalId);
      if (!p) throw errors.siteUserNotFound();
      if (!roleDefExists(site.db, roleDefId)) throw errors.roleDefNotFound();
      if (op.name === 'addroleassignment') addRoleAssignment(site.db, scopeKey(scope), principalId, roleDefId);
      else removeRoleAssignment(site.db, scopeKey(scope), principalId, roleDefId);
      return noContent();
    }
    case 'getbyprincipalid': {
      readable();
      const e = byPrincipal(numberArg(op.args, req.query));
      if (more[0]) return navOf(req, e, more);
      return ok(shapeEntity(e, shapeQuery(req), 'SP.RoleAssignment'));
    }
    default:
      throw errors.resourceNotFound(op.name);
  }
}

/** web/roledefinitions, (n), getbyid, getbyname, getbytype. */
export function roleDefinitions({ site, req }: Ctx, s: Segment, rest: Segment[]): ApiResponse {
  const all = allRoleDefs(site.db);
  const [op] = rest;
  let found: RoleDefRow | undefined;
  if (s.args !== null) found = all.find((d) => d.id === numberArg(s.args, req.query));
  else if (!op) {
    if (req.method !== 'GET') throw errors.methodNotAllowed();
    return ok({
      value: shapeCollection(
        all.map((d) => roleDefEntity(site, d)),
        req.query,
        'SP.RoleDefinition',
      ),
    });
  } else if (op.name === 'getbyid') found = all.find((d) => d.id === numberArg(op.args, req.query));
  else if (op.name === 'getbyname') {
    const name = stringArg(op.args, req.query).toLowerCase();
    found = all.find((d) => d.name.toLowerCase() === name);
  } else if (op.name === 'getbytype') found = all.find((d) => d.kind === numberArg(op.args, req.query));
  else throw errors.resourceNotFound(op.name);
  if (!found) throw errors.roleDefNotFound();
  return ok(shapeEntity(roleDefEntity(site, found), shapeQuery(req), 'SP.RoleDefinition'));
}
