/**
 * The SharePoint REST surface: walks the _api path to a resource and runs the HTTP method on it.
 * Every handler is synchronous over SQLite, so a request is atomic and $batch parts run in order.
 */
import { randomUUID } from 'node:crypto';
import { SpError, errors } from './errors.js';
import {
  groupEntity,
  groupMembers,
  listEntity,
  type RoleDefRow,
  roleAssignmentEntities,
  roleDefEntity,
  userEntity,
  webEntity,
} from './entities.js';
import { builtinFields, type FieldDef, fieldFromProperties, fieldFromXml, fieldJson, isIndexable } from './fields.js';
import { addItem, assertCanWrite, canSeeItem, checkEtag, deleteItem, readItemBody, readTrim, updateItem } from './items.js';
import { namedArgs, numberArg, type Segment, splitPath, stringArg } from './path.js';
import { buildProjection, checkLookupThreshold, type ItemQuery, queryItems, renderItem } from './query.js';
import { hasPerm, maskJson, Perm } from './roles.js';
import { type Entity, shapeCollection, shapeEntity } from './shape.js';
import { CLAIM_PREFIX, type ItemRow, type ListRow, type PrincipalRow, type Scope, Site, scopeKey } from './site.js';
import { nowIso } from './storage.js';

export interface ApiRequest {
  method: string;
  /** Path after `_api/` (still URL-encoded). */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body: string;
  user: PrincipalRow;
}

export interface ApiResponse {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
}

const ok = (json: unknown, status = 200, headers?: Record<string, string>): ApiResponse => ({
  status,
  json,
  ...(headers ? { headers } : {}),
});
const noContent = (headers?: Record<string, string>): ApiResponse => ({ status: 204, ...(headers ? { headers } : {}) });

function parseBody(req: ApiRequest): Record<string, unknown> {
  if (!req.body.trim()) return {};
  try {
    const v = JSON.parse(req.body) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    /* fall through */
  }
  throw errors.badRequest('Invalid JSON. A token was not recognized in the JSON content.');
}

function need(cond: boolean): void {
  if (!cond) throw errors.accessDenied();
}

export class Api {
  constructor(private readonly site: Site) {}

  handle(req: ApiRequest): ApiResponse {
    const segs = splitPath(req.path);
    const first = segs[0];
    if (!first) throw errors.resourceNotFound('_api');
    const rest = segs.slice(1);
    switch (first.name) {
      case 'contextinfo':
        return this.contextInfo(req);
      case 'web':
        return this.web(req, rest);
      case 'site':
        if (rest.length === 0 && req.method === 'GET') {
          return ok(
            shapeEntity(
              {
                props: {
                  'odata.type': 'SP.Site',
                  Id: this.site.siteId,
                  Url: this.site.siteUrl,
                  ServerRelativeUrl: this.site.serverRelativeUrl,
                },
              },
              this.shapeQuery(req),
              'SP.Site',
            ),
          );
        }
        if (rest[0]?.name === 'rootweb') return this.web(req, rest.slice(1));
        break;
      default:
        break;
    }
    throw errors.resourceNotFound(first.name);
  }

  private shapeQuery(req: ApiRequest) {
    return { select: req.query.get('$select'), expand: req.query.get('$expand') };
  }

  private contextInfo(req: ApiRequest): ApiResponse {
    if (req.method !== 'POST') throw errors.methodNotAllowed();
    return ok({
      'odata.type': 'SP.ContextWebInformation',
      FormDigestTimeoutSeconds: 1800,
      FormDigestValue: `0x${randomUUID().replace(/-/g, '').toUpperCase()},${new Date().toUTCString()}`,
      LibraryVersion: '16.0.0.0',
      SiteFullUrl: this.site.siteUrl,
      SupportedSchemaVersions: ['14.0.0.0', '15.0.0.0'],
      WebFullUrl: this.site.siteUrl,
    });
  }

  // ---------------- web ----------------
  private web(req: ApiRequest, segs: Segment[]): ApiResponse {
    const site = this.site;
    const [s, ...rest] = segs;
    if (!s) {
      if (req.method !== 'GET') throw errors.methodNotAllowed();
      return ok(shapeEntity(webEntity(site, req.user), this.shapeQuery(req), 'SP.Web'));
    }
    switch (s.name) {
      case 'lists':
        return this.lists(req, s, rest);
      case 'getlist':
        break;
      case 'currentuser':
        return this.user(req, req.user, rest);
      case 'siteusers':
        return this.siteUsers(req, s, rest, null);
      case 'getuserbyid': {
        const p = site.principal(numberArg(s.args, req.query));
        if (!p || p.type !== 1) throw errors.siteUserNotFound();
        return this.user(req, p, rest);
      }
      case 'ensureuser':
        return this.ensureUser(req);
      case 'sitegroups':
        return this.siteGroups(req, s, rest);
      case 'associatedownergroup':
      case 'associatedmembergroup':
      case 'associatedvisitorgroup': {
        const id = s.name === 'associatedownergroup' ? 3 : s.name === 'associatedmembergroup' ? 5 : 4;
        return this.group(req, site.principal(id) as PrincipalRow, rest);
      }
      case 'roledefinitions':
        return this.roleDefinitions(req, s, rest);
      default:
        return this.securable(req, { type: 'web' }, s, rest);
    }
    throw errors.resourceNotFound(s.name);
  }

  private ensureUser(req: ApiRequest): ApiResponse {
    if (req.method !== 'POST') throw errors.methodNotAllowed();
    const body = parseBody(req);
    const logon = String(body.logonName ?? body.LogonName ?? '');
    const user = this.site.ensureUser(logon);
    if (!user) throw errors.ensureUserFailed(logon);
    return ok(shapeEntity(userEntity(this.site, user), this.shapeQuery(req), 'SP.User'));
  }

  // ---------------- security (web, list, item) ----------------
  private securable(req: ApiRequest, scope: Scope, s: Segment, rest: Segment[]): ApiResponse {
    const site = this.site;
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
        return this.roleAssignments(req, scope, s, rest);
      case 'breakroleinheritance': {
        if (req.method !== 'POST') throw errors.methodNotAllowed();
        need(hasPerm(site.effectiveMask(user, scope), Perm.ManagePermissions));
        const a = namedArgs(s.args);
        this.breakInheritance(scope, a.copyroleassignments === 'true', a.clearsubscopes === 'true', user);
        return noContent();
      }
      case 'resetroleinheritance': {
        if (req.method !== 'POST') throw errors.methodNotAllowed();
        need(hasPerm(site.effectiveMask(user, scope), Perm.ManagePermissions));
        if (scope.type === 'web')
          throw new SpError(400, '-2146232832, Microsoft.SharePoint.SPException', 'You cannot reset the permissions of the root web.');
        this.setUnique(scope, false);
        site.db.prepare('DELETE FROM role_assignments WHERE scope = ?').run(scopeKey(scope));
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

  private setUnique(scope: Scope, unique: boolean): void {
    if (scope.type === 'list') this.site.db.prepare('UPDATE lists SET has_unique = ? WHERE id = ?').run(unique ? 1 : 0, scope.listId);
    if (scope.type === 'item')
      this.site.db.prepare('UPDATE items SET has_unique = ? WHERE list_id = ? AND id = ?').run(unique ? 1 : 0, scope.listId, scope.itemId);
  }

  private breakInheritance(scope: Scope, copy: boolean, clear: boolean, user: PrincipalRow): void {
    const site = this.site;
    const key = scopeKey(scope);
    const current = site.effectiveScope(scope);
    if (scope.type !== 'web' && scopeKey(current) !== key) {
      const from = scopeKey(current);
      if (copy) {
        site.db
          .prepare(
            'INSERT OR IGNORE INTO role_assignments (scope, principal_id, role_def_id) SELECT ?, principal_id, role_def_id FROM role_assignments WHERE scope = ?',
          )
          .run(key, from);
      } else if (!user.is_site_admin) {
        // SharePoint keeps the caller in control of the object it just made unique.
        site.db
          .prepare('INSERT OR IGNORE INTO role_assignments (scope, principal_id, role_def_id) VALUES (?, ?, 1073741829)')
          .run(key, user.id);
      }
      this.setUnique(scope, true);
    }
    if (clear) {
      if (scope.type === 'web') {
        site.db.prepare(`DELETE FROM role_assignments WHERE scope <> 'web'`).run();
        site.db.prepare('UPDATE lists SET has_unique = 0').run();
        site.db.prepare('UPDATE items SET has_unique = 0').run();
      } else if (scope.type === 'list') {
        site.db.prepare('DELETE FROM role_assignments WHERE scope LIKE ?').run(`item:${scope.listId}:%`);
        site.db.prepare('UPDATE items SET has_unique = 0 WHERE list_id = ?').run(scope.listId);
      }
    }
  }

  private roleAssignments(req: ApiRequest, scope: Scope, s: Segment, rest: Segment[]): ApiResponse {
    const site = this.site;
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
      if (req.method === 'POST' && (req.headers['x-http-method'] ?? '').toUpperCase() === 'DELETE') {
        manage();
        site.db.prepare('DELETE FROM role_assignments WHERE scope = ? AND principal_id = ?').run(scopeKey(scope), e.props.PrincipalId);
        return ok('');
      }
      return ok(shapeEntity(e, this.shapeQuery(req), 'SP.RoleAssignment'));
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
        if (!site.db.prepare('SELECT 1 FROM role_defs WHERE id = ?').get(roleDefId)) throw errors.roleDefNotFound();
        if (op.name === 'addroleassignment') {
          site.db
            .prepare('INSERT OR IGNORE INTO role_assignments (scope, principal_id, role_def_id) VALUES (?,?,?)')
            .run(scopeKey(scope), principalId, roleDefId);
        } else {
          site.db
            .prepare('DELETE FROM role_assignments WHERE scope = ? AND principal_id = ? AND role_def_id = ?')
            .run(scopeKey(scope), principalId, roleDefId);
        }
        return noContent();
      }
      case 'getbyprincipalid': {
        readable();
        const e = byPrincipal(numberArg(op.args, req.query));
        if (more[0]) return this.navOf(req, e, more);
        return ok(shapeEntity(e, this.shapeQuery(req), 'SP.RoleAssignment'));
      }
      default:
        throw errors.resourceNotFound(op.name);
    }
  }

  private navOf(req: ApiRequest, e: Entity, segs: Segment[]): ApiResponse {
    const seg = segs[0] as Segment;
    const key = Object.keys(e.nav ?? {}).find((k) => k.toLowerCase() === seg.name);
    if (!key || !e.nav) throw errors.resourceNotFound(seg.name);
    const v = (e.nav[key] as () => Entity | Entity[] | null)();
    if (Array.isArray(v)) return ok({ value: shapeCollection(v, req.query, key) });
    if (!v) throw errors.resourceNotFound(seg.name);
    return ok(shapeEntity(v, this.shapeQuery(req), key));
  }

  private roleDefinitions(req: ApiRequest, s: Segment, rest: Segment[]): ApiResponse {
    const site = this.site;
    const all = site.db.prepare('SELECT * FROM role_defs ORDER BY ord').all() as RoleDefRow[];
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
    return ok(shapeEntity(roleDefEntity(site, found), this.shapeQuery(req), 'SP.RoleDefinition'));
  }

  // ---------------- users & groups ----------------
  private user(req: ApiRequest, p: PrincipalRow, rest: Segment[]): ApiResponse {
    const [s] = rest;
    if (!s) {
      if (req.method === 'GET') return ok(shapeEntity(userEntity(this.site, p), this.shapeQuery(req), 'SP.User'));
      throw errors.methodNotAllowed();
    }
    if (s.name === 'groups') return this.navOf(req, userEntity(this.site, p), rest);
    throw errors.resourceNotFound(s.name);
  }

  private findUser(s: Segment, op: Segment | undefined, req: ApiRequest): { user: PrincipalRow | undefined; consumed: number } {
    const site = this.site;
    if (s.args !== null) {
      const login = stringArg(s.args, req.query);
      return {
        user: site.db.prepare('SELECT * FROM principals WHERE type = 1 AND login = ?').get(login) as PrincipalRow | undefined,
        consumed: 0,
      };
    }
    if (!op) return { user: undefined, consumed: 0 };
    switch (op.name) {
      case 'getbyid': {
        const p = site.principal(numberArg(op.args, req.query));
        return { user: p && p.type === 1 ? p : undefined, consumed: 1 };
      }
      case 'getbyemail': {
        const email = stringArg(op.args, req.query);
        return {
          user: site.db.prepare('SELECT * FROM principals WHERE type = 1 AND email = ? COLLATE NOCASE').get(email) as
            PrincipalRow | undefined,
          consumed: 1,
        };
      }
      case 'getbyloginname': {
        const login = stringArg(op.args, req.query);
        return {
          user: site.db.prepare('SELECT * FROM principals WHERE type = 1 AND login = ?').get(login) as PrincipalRow | undefined,
          consumed: 1,
        };
      }
      default:
        return { user: undefined, consumed: -1 };
    }
  }

  /** web/siteusers or sitegroups(n)/users (group set). */
  private siteUsers(req: ApiRequest, s: Segment, rest: Segment[], group: PrincipalRow | null): ApiResponse {
    const site = this.site;
    const [op, ...more] = rest;
    const members = () =>
      group
        ? groupMembers(site, group.id)
        : (site.db.prepare('SELECT * FROM principals WHERE type = 1 ORDER BY id').all() as PrincipalRow[]);
    const manageGroup = () => need(!!group && this.canManageGroup(req.user, group));
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
        const user = site.ensureUser(login);
        if (!user) throw errors.ensureUserFailed(login);
        if (group) {
          manageGroup();
          site.db.prepare('INSERT OR IGNORE INTO group_members (group_id, user_id) VALUES (?, ?)').run(group.id, user.id);
        }
        return ok(shapeEntity(userEntity(site, user), this.shapeQuery(req), 'SP.User'), 201);
      }
      throw errors.methodNotAllowed();
    }
    if (op && (op.name === 'removebyid' || op.name === 'removebyloginname')) {
      if (req.method !== 'POST') throw errors.methodNotAllowed();
      const target =
        op.name === 'removebyid'
          ? site.principal(numberArg(op.args, req.query))
          : (site.db.prepare('SELECT * FROM principals WHERE login = ?').get(stringArg(op.args, req.query)) as PrincipalRow | undefined);
      if (!target) throw errors.siteUserNotFound();
      if (group) {
        manageGroup();
        site.db.prepare('DELETE FROM group_members WHERE group_id = ? AND user_id = ?').run(group.id, target.id);
      } else {
        need(hasPerm(site.effectiveMask(req.user, { type: 'web' }), Perm.ManagePermissions));
        site.db.prepare('DELETE FROM group_members WHERE user_id = ?').run(target.id);
        site.db.prepare('DELETE FROM role_assignments WHERE principal_id = ?').run(target.id);
        site.db.prepare('DELETE FROM principals WHERE id = ? AND is_site_admin = 0').run(target.id);
      }
      return noContent();
    }
    const { user, consumed } = this.findUser(s, op, req);
    if (consumed < 0 && op) throw errors.resourceNotFound(op.name);
    if (!user || (group && !members().some((m) => m.id === user.id))) throw errors.siteUserNotFound();
    const tail = consumed === 1 ? more : rest;
    if (req.method === 'POST' && (req.headers['x-http-method'] ?? '').toUpperCase() === 'DELETE' && tail.length === 0) {
      if (group) {
        manageGroup();
        site.db.prepare('DELETE FROM group_members WHERE group_id = ? AND user_id = ?').run(group.id, user.id);
      }
      return ok('');
    }
    return this.user(req, user, tail);
  }

  private canManageGroup(user: PrincipalRow, group: PrincipalRow): boolean {
    if (hasPerm(this.site.effectiveMask(user, { type: 'web' }), Perm.ManagePermissions)) return true;
    if (group.owner_id === user.id) return true;
    return group.owner_id !== null && this.site.groupsOf(user.id).includes(group.owner_id);
  }

  private siteGroups(req: ApiRequest, s: Segment, rest: Segment[]): ApiResponse {
    const site = this.site;
    const [op, ...more] = rest;
    const groups = () => site.db.prepare('SELECT * FROM principals WHERE type = 8 ORDER BY id').all() as PrincipalRow[];
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
      if (req.method === 'POST') return this.addGroup(req);
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
          this.deleteGroup(g.id);
          return noContent();
        }
        default:
          throw errors.resourceNotFound(op.name);
      }
    }
    if (!group) throw errors.groupNotFound();
    return this.group(req, group, tail);
  }

  private deleteGroup(id: number): void {
    const db = this.site.db;
    db.prepare('DELETE FROM group_members WHERE group_id = ?').run(id);
    db.prepare('DELETE FROM role_assignments WHERE principal_id = ?').run(id);
    db.prepare('DELETE FROM principals WHERE id = ?').run(id);
  }

  private addGroup(req: ApiRequest): ApiResponse {
    const site = this.site;
    need(hasPerm(site.effectiveMask(req.user, { type: 'web' }), Perm.CreateGroups));
    const body = parseBody(req);
    const title = String(body.Title ?? '').trim();
    if (!title) throw errors.badRequest('The group name is empty.');
    if (site.db.prepare('SELECT 1 FROM principals WHERE login = ?').get(title)) throw errors.groupExists(title);
    const id = site.nextPrincipalId();
    site.db
      .prepare('INSERT INTO principals (id, type, login, title, description, owner_id, is_site_admin) VALUES (?,8,?,?,?,?,0)')
      .run(id, title, title, typeof body.Description === 'string' ? body.Description : '', req.user.id);
    return ok(shapeEntity(groupEntity(site, site.principal(id) as PrincipalRow), this.shapeQuery(req), 'SP.Group'), 201);
  }

  private group(req: ApiRequest, group: PrincipalRow, rest: Segment[]): ApiResponse {
    const site = this.site;
    const [s, ...more] = rest;
    const method = (req.headers['x-http-method'] ?? req.method).toUpperCase();
    if (!s) {
      if (req.method === 'GET') return ok(shapeEntity(groupEntity(site, group), this.shapeQuery(req), 'SP.Group'));
      if (method === 'MERGE' || method === 'PATCH') {
        need(this.canManageGroup(req.user, group));
        const body = parseBody(req);
        for (const key of Object.keys(body)) {
          if (key === '__metadata' || key.startsWith('odata.')) continue;
          if (key === 'Title')
            site.db
              .prepare('UPDATE principals SET title = ?, login = ? WHERE id = ?')
              .run(String(body.Title), String(body.Title), group.id);
          else if (key === 'Description')
            site.db.prepare('UPDATE principals SET description = ? WHERE id = ?').run(String(body.Description), group.id);
          else if (
            ![
              'AllowMembersEditMembership',
              'AllowRequestToJoinLeave',
              'AutoAcceptRequestToJoinLeave',
              'OnlyAllowMembersViewMembership',
            ].includes(key)
          ) {
            throw errors.unknownProperty(key, 'SP.Group');
          }
        }
        return noContent();
      }
      if (method === 'DELETE') {
        need(hasPerm(site.effectiveMask(req.user, { type: 'web' }), Perm.ManagePermissions));
        this.deleteGroup(group.id);
        return ok('');
      }
      throw errors.methodNotAllowed();
    }
    if (s.name === 'users') return this.siteUsers(req, s, more, group);
    if (s.name === 'owner') return this.navOf(req, groupEntity(site, group), rest);
    if (s.name === 'setuserasowner') {
      need(this.canManageGroup(req.user, group));
      site.db.prepare('UPDATE principals SET owner_id = ? WHERE id = ?').run(numberArg(s.args, req.query), group.id);
      return noContent();
    }
    throw errors.resourceNotFound(s.name);
  }

  // ---------------- lists ----------------
  private lists(req: ApiRequest, s: Segment, rest: Segment[]): ApiResponse {
    const site = this.site;
    const [op, ...more] = rest;
    if (s.args !== null) {
      const id = stringArg(s.args, req.query);
      const list = site.listById(id);
      if (!list) throw errors.listNotFound(id, site.siteUrl);
      return this.list(req, list, rest);
    }
    if (!op) {
      if (req.method === 'GET') {
        return ok({
          value: shapeCollection(
            site.allLists().map((l) => listEntity(site, l, req.user)),
            req.query,
            'SP.List',
          ),
        });
      }
      if (req.method === 'POST') return this.addList(req);
      throw errors.methodNotAllowed();
    }
    if (op.name === 'getbytitle') {
      const title = stringArg(op.args, req.query);
      const list = site.listByTitle(title);
      if (!list) throw errors.listNotFound(title, site.siteUrl);
      return this.list(req, list, more);
    }
    if (op.name === 'getbyid') {
      const id = stringArg(op.args, req.query);
      const list = site.listById(id);
      if (!list) throw errors.listNotFound(id, site.siteUrl);
      return this.list(req, list, more);
    }
    throw errors.resourceNotFound(op.name);
  }

  private addList(req: ApiRequest): ApiResponse {
    const site = this.site;
    need(hasPerm(site.effectiveMask(req.user, { type: 'web' }), Perm.ManageLists));
    const body = parseBody(req);
    const title = typeof body.Title === 'string' ? body.Title.trim() : '';
    if (!title) throw errors.badRequest('The list title cannot be empty.');
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
    const entity = encodeEntityName(urlName) + 'List';
    const now = nowIso();
    const ints = (v: unknown, d: number) => (typeof v === 'number' ? v : d);
    site.db
      .prepare(
        `INSERT INTO lists (id, title, description, entity_type_name, url_name, created, base_template, enable_versioning,
        major_version_limit, read_security, write_security, has_unique, next_item_id, last_modified) VALUES (?,?,?,?,?,?,?,?,?,?,?,0,1,?)`,
      )
      .run(
        id,
        title,
        typeof body.Description === 'string' ? body.Description : '',
        entity,
        urlName,
        now,
        ints(body.BaseTemplate, 100),
        body.EnableVersioning === true ? 1 : 0,
        ints(body.MajorVersionLimit, 50),
        ints(body.ReadSecurity, 1),
        ints(body.WriteSecurity, 1),
        now,
      );
    const fieldStmt = site.db.prepare('INSERT INTO fields (list_id, internal_name, position, def) VALUES (?,?,?,?)');
    for (const [i, f] of builtinFields().entries()) fieldStmt.run(id, f.internalName, i, JSON.stringify(f));
    const list = site.listById(id) as ListRow;
    return ok(shapeEntity(listEntity(site, list, req.user), this.shapeQuery(req), 'SP.List'), 201);
  }

  private list(req: ApiRequest, list: ListRow, rest: Segment[]): ApiResponse {
    const site = this.site;
    const scope: Scope = { type: 'list', listId: list.id };
    const [s, ...more] = rest;
    const method = (req.headers['x-http-method'] ?? req.method).toUpperCase();
    if (!s) {
      if (req.method === 'GET') return ok(shapeEntity(listEntity(site, list, req.user), this.shapeQuery(req), 'SP.List'));
      need(hasPerm(site.effectiveMask(req.user, scope), Perm.ManageLists));
      if (method === 'MERGE' || method === 'PATCH') {
        this.updateList(list, parseBody(req));
        return noContent();
      }
      if (method === 'DELETE') {
        site.db.prepare('DELETE FROM items WHERE list_id = ?').run(list.id);
        site.db.prepare('DELETE FROM fields WHERE list_id = ?').run(list.id);
        site.db.prepare('DELETE FROM role_assignments WHERE scope = ? OR scope LIKE ?').run(`list:${list.id}`, `item:${list.id}:%`);
        site.db.prepare('DELETE FROM lists WHERE id = ?').run(list.id);
        return ok('');
      }
      throw errors.methodNotAllowed();
    }
    switch (s.name) {
      case 'items':
        return this.items(req, list, s, more);
      case 'getitembyid':
        return this.item(req, list, numberArg(s.args, req.query), more);
      case 'fields':
        return this.fields(req, list, s, more);
      case 'itemcount':
        return ok({ value: site.itemCount(list.id) });
      default:
        return this.securable(req, scope, s, more);
    }
  }

  private updateList(list: ListRow, body: Record<string, unknown>): void {
    const site = this.site;
    const cols: Record<string, string> = {
      Title: 'title',
      Description: 'description',
      EnableVersioning: 'enable_versioning',
      MajorVersionLimit: 'major_version_limit',
      ReadSecurity: 'read_security',
      WriteSecurity: 'write_security',
    };
    const ignored = new Set([
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
    for (const [key, value] of Object.entries(body)) {
      if (key === '__metadata' || key.startsWith('odata.')) continue;
      const col = cols[key];
      if (!col) {
        if (ignored.has(key)) continue;
        throw errors.unknownProperty(key, 'SP.List');
      }
      if (key === 'Title') {
        const other = site.listByTitle(String(value));
        if (other && other.id !== list.id) throw errors.listExists();
      }
      if ((key === 'ReadSecurity' && ![1, 2].includes(Number(value))) || (key === 'WriteSecurity' && ![1, 2, 4].includes(Number(value)))) {
        throw errors.badRequest(`Invalid value for ${key}.`);
      }
      const v = typeof value === 'boolean' ? (value ? 1 : 0) : value;
      site.db.prepare(`UPDATE lists SET ${col} = ? WHERE id = ?`).run(v as string | number, list.id);
    }
  }

  // ---------------- fields ----------------
  private fields(req: ApiRequest, list: ListRow, s: Segment, rest: Segment[]): ApiResponse {
    const site = this.site;
    const [op, ...more] = rest;
    const manage = () => need(hasPerm(site.effectiveMask(req.user, { type: 'list', listId: list.id }), Perm.ManageLists));
    const verbose = /odata=verbose/i.test(req.headers.accept ?? '');
    const taken = () => new Set(site.fields(list.id).map((f) => f.internalName.toLowerCase()));
    const created = (def: FieldDef) => {
      this.checkIndexRules(list, def, def, true);
      site.saveField(list.id, def, true);
      return ok(fieldJson(def), 201);
    };
    if (s.args !== null && !op) return this.field(req, list, this.fieldById(list, stringArg(s.args, req.query)), []);
    if (s.args !== null) return this.field(req, list, this.fieldById(list, stringArg(s.args, req.query)), rest);
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
        if ((def.type === 'Lookup' || def.type === 'LookupMulti') && !site.listById(def.lookupList ?? '')) {
          throw errors.listNotFound(def.lookupList ?? '', site.siteUrl);
        }
        return created(def);
      }
      case 'addfield': {
        if (req.method !== 'POST') throw errors.methodNotAllowed();
        manage();
        const params = (parseBody(req).parameters ?? {}) as Record<string, unknown>;
        const def = fieldFromProperties(params, taken());
        if ((def.type === 'Lookup' || def.type === 'LookupMulti') && !site.listById(def.lookupList ?? '')) {
          throw errors.listNotFound(def.lookupList ?? '', site.siteUrl);
        }
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
        return this.field(req, list, f, more);
      }
      case 'getbyid':
        return this.field(req, list, this.fieldById(list, stringArg(op.args, req.query)), more);
      default:
        throw errors.resourceNotFound(op.name);
    }
  }

  private fieldById(list: ListRow, id: string): FieldDef {
    const f = this.site.fields(list.id).find((x) => x.id === id.replace(/[{}]/g, '').toLowerCase());
    if (!f) throw new SpError(404, '-2147024809, System.ArgumentException', 'Invalid field name. {' + id + '}');
    return f;
  }

  /** SharePoint's index rules: ≤ 20 indexes, indexable types only, unique needs an index and no duplicates. */
  private checkIndexRules(list: ListRow, before: FieldDef, after: FieldDef, isNew: boolean): void {
    const site = this.site;
    if ((after.indexed && !before.indexed) || (isNew && after.indexed)) {
      if (!isIndexable(after)) throw errors.notIndexable(after.title);
      const count = site
        .fields(list.id)
        .filter((f) => f.indexed && f.internalName !== 'ID' && f.internalName !== after.internalName).length;
      if (count >= 20) throw errors.tooManyIndexes();
    }
    if (after.unique && !after.indexed) throw errors.uniqueNeedsIndex();
    if (after.unique && !before.unique && !isNew) {
      const dup = site.db
        .prepare(
          `SELECT sp_fold(json_extract(data, '$.${after.internalName}')) AS v, COUNT(*) AS n FROM items WHERE list_id = ? AND v IS NOT NULL GROUP BY v HAVING n > 1 LIMIT 1`,
        )
        .get(list.id);
      if (dup) throw errors.duplicatesExist();
    }
  }

  private field(req: ApiRequest, list: ListRow, f: FieldDef, rest: Segment[]): ApiResponse {
    const site = this.site;
    const method = (req.headers['x-http-method'] ?? req.method).toUpperCase();
    if (rest.length > 0) {
      const s = rest[0] as Segment;
      if (/^setshowin(display|edit|new)form$/.test(s.name)) return noContent();
      throw errors.resourceNotFound(s.name);
    }
    if (req.method === 'GET') return ok(shapeEntity({ props: fieldJson(f) }, this.shapeQuery(req), 'SP.Field'));
    need(hasPerm(site.effectiveMask(req.user, { type: 'list', listId: list.id }), Perm.ManageLists));
    if (method === 'DELETE') {
      if (f.builtin) throw new SpError(400, '-2146232832, Microsoft.SharePoint.SPException', 'You cannot delete this column.');
      site.db.prepare('DELETE FROM fields WHERE list_id = ? AND internal_name = ?').run(list.id, f.internalName);
      site.saveField(list.id, f, false);
      site.db.prepare(`UPDATE items SET data = json_remove(data, '$.${f.internalName}') WHERE list_id = ?`).run(list.id);
      return ok('');
    }
    if (method !== 'MERGE' && method !== 'PATCH') throw errors.methodNotAllowed();
    const body = parseBody(req);
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
    if (next.indexed === false && f.unique && next.unique) throw errors.uniqueNeedsIndex();
    this.checkIndexRules(list, f, next, false);
    site.saveField(list.id, next, false);
    return noContent();
  }

  // ---------------- items ----------------
  private items(req: ApiRequest, list: ListRow, s: Segment, rest: Segment[]): ApiResponse {
    const site = this.site;
    const [op, ...more] = rest;
    if (s.args !== null) return this.item(req, list, numberArg(s.args, req.query), rest);
    if (op?.name === 'getbyid') return this.item(req, list, numberArg(op.args, req.query), more);
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
      const result = queryItems(site, list, q, readTrim(site, list, req.user), listUrl);
      const json: Record<string, unknown> = { value: result.value };
      if (result.nextLink) json['odata.nextLink'] = result.nextLink;
      return ok(json);
    }
    if (req.method === 'POST') {
      assertCanWrite(site, list, req.user, null, Perm.AddListItems);
      const values = readItemBody(site, list, parseBody(req));
      const row = addItem(site, list, req.user, values);
      const projection = buildProjection(site, list, null, null);
      const fresh = site.listById(list.id) as ListRow;
      return ok(renderItem({ site, list: fresh, userCache: new Map() }, row, projection), 201);
    }
    throw errors.methodNotAllowed();
  }

  private item(req: ApiRequest, list: ListRow, id: number, rest: Segment[]): ApiResponse {
    const site = this.site;
    const row = site.getItem(list.id, id);
    if (!row || !canSeeItem(site, list, req.user, row)) throw errors.itemNotFound();
    const [s, ...more] = rest;
    const method = (req.headers['x-http-method'] ?? req.method).toUpperCase();
    if (s) {
      if (s.name === 'recycle') {
        assertCanWrite(site, list, req.user, row, Perm.DeleteListItems);
        deleteItem(site, list, row);
        return ok({ value: randomUUID() });
      }
      return this.securable(req, { type: 'item', listId: list.id, itemId: id }, s, more);
    }
    if (req.method === 'GET') {
      const projection = buildProjection(site, list, req.query.get('$select'), req.query.get('$expand'));
      checkLookupThreshold(projection.lookups.size);
      return ok(renderItem({ site, list, userCache: new Map() }, row, projection));
    }
    const ifMatch = req.headers['if-match'];
    if (method === 'MERGE' || method === 'PATCH' || method === 'PUT') {
      assertCanWrite(site, list, req.user, row, Perm.EditListItems);
      checkEtag(row, ifMatch);
      const values = readItemBody(site, list, parseBody(req));
      const next = updateItem(site, list, row as ItemRow, req.user, values);
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
