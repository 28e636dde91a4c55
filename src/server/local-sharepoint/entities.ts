/** JSON shapes of SP.Web, SP.List, SP.User, SP.Group, SP.RoleDefinition, SP.RoleAssignment. */
import type { Entity } from './shape.js';
import { maskJson } from './roles.js';
import { groupMemberRows, roleAssignmentRows, roleDefById, type RoleDefRow } from './repository.js';
import { CLAIM_PREFIX, type ListRow, type PrincipalRow, type Scope, Site, scopeKey } from './site.js';
import { getMeta } from './storage.js';
import { isLibrary, rootUrl } from './library.js';

export type { RoleDefRow } from './repository.js';

export function webEntity(site: Site, user: PrincipalRow): Entity {
  const created = { value: getMeta(site.db, 'web_created') as string };
  return {
    props: {
      'odata.type': 'SP.Web',
      'odata.id': `${site.siteUrl}/_api/Web`,
      'odata.editLink': 'Web',
      AllowRssFeeds: true,
      Created: created.value,
      Description: getMeta(site.db, 'web_description') ?? '',
      HasUniqueRoleAssignments: true,
      Id: site.webId,
      IsMultilingual: true,
      Language: 1053,
      LastItemModifiedDate: created.value,
      ServerRelativeUrl: site.serverRelativeUrl,
      Title: site.webTitle,
      Url: site.siteUrl,
      WebTemplate: 'STS',
      EffectiveBasePermissions: maskJson(site.effectiveMask(user, { type: 'web' })),
    },
    selectOnly: { ServerRelativePath: resourcePath(site.serverRelativeUrl) },
    nav: {
      CurrentUser: () => userEntity(site, user),
      // The store's web is a site collection's root web: SharePoint answers ParentWeb null there.
      ParentWeb: () => null,
    },
  };
}

/** SP.ResourcePath, as SharePoint gives a server-relative URL beside the plain string. */
function resourcePath(url: string): Record<string, unknown> {
  return { DecodedUrl: url };
}

export function listEntity(site: Site, list: ListRow, user: PrincipalRow): Entity {
  return {
    props: {
      'odata.type': 'SP.List',
      'odata.id': `${site.siteUrl}/_api/Web/Lists(guid'${list.id}')`,
      'odata.editLink': `Web/Lists(guid'${list.id}')`,
      AllowContentTypes: true,
      BaseTemplate: list.base_template,
      BaseType: isLibrary(list) ? 1 : 0,
      ContentTypesEnabled: false,
      Created: list.created,
      DefaultViewUrl: isLibrary(list) ? `${rootUrl(site, list)}/Forms/AllItems.aspx` : `${rootUrl(site, list)}/AllItems.aspx`,
      Description: list.description,
      EnableAttachments: !isLibrary(list),
      EnableFolderCreation: isLibrary(list),
      EnableMinorVersions: false,
      EnableModeration: false,
      EnableVersioning: list.enable_versioning === 1,
      EntityTypeName: list.entity_type_name,
      ForceCheckout: false,
      HasUniqueRoleAssignments: list.has_unique === 1,
      Hidden: false,
      Id: list.id,
      ItemCount: site.itemCount(list.id),
      LastItemDeletedDate: list.created,
      LastItemModifiedDate: list.last_modified,
      ListItemEntityTypeFullName: `SP.Data.${list.entity_type_name}Item`,
      MajorVersionLimit: list.major_version_limit,
      NoCrawl: false,
      ParentWebUrl: site.serverRelativeUrl,
      ReadSecurity: list.read_security,
      Title: list.title,
      WriteSecurity: list.write_security,
      EffectiveBasePermissions: maskJson(site.effectiveMask(user, { type: 'list', listId: list.id })),
    },
    nav: {
      RootFolder: () => ({
        props: {
          'odata.type': 'SP.Folder',
          Name: list.url_name,
          ServerRelativeUrl: rootUrl(site, list),
          UniqueId: list.id,
        },
        selectOnly: { ServerRelativePath: resourcePath(rootUrl(site, list)) },
      }),
      ParentWeb: () => webEntity(site, user),
    },
  };
}

export function userProps(site: Site, p: PrincipalRow): Record<string, unknown> {
  return {
    'odata.type': 'SP.User',
    'odata.id': `${site.siteUrl}/_api/Web/GetUserById(${p.id})`,
    'odata.editLink': `Web/GetUserById(${p.id})`,
    Id: p.id,
    IsHiddenInUI: false,
    LoginName: p.login,
    Title: p.title,
    PrincipalType: 1,
    Email: p.email ?? '',
    Expiration: '',
    IsEmailAuthenticationGuestUser: false,
    IsShareByEmailGuestUser: false,
    IsSiteAdmin: p.is_site_admin === 1,
    UserId: { NameId: p.upn ?? '', NameIdIssuer: 'urn:federation:microsoftonline' },
    UserPrincipalName: p.upn ?? p.login.replace(CLAIM_PREFIX, ''),
  };
}

export function groupProps(site: Site, g: PrincipalRow): Record<string, unknown> {
  const owner = g.owner_id ? site.principal(g.owner_id) : undefined;
  return {
    'odata.type': 'SP.Group',
    'odata.id': `${site.siteUrl}/_api/Web/SiteGroups/GetById(${g.id})`,
    'odata.editLink': `Web/SiteGroups/GetById(${g.id})`,
    Id: g.id,
    IsHiddenInUI: false,
    LoginName: g.title,
    Title: g.title,
    PrincipalType: 8,
    AllowMembersEditMembership: false,
    AllowRequestToJoinLeave: false,
    AutoAcceptRequestToJoinLeave: false,
    Description: g.description ?? '',
    OnlyAllowMembersViewMembership: true,
    OwnerTitle: owner?.title ?? '',
    RequestToJoinLeaveEmailSetting: null,
  };
}

export function userEntity(site: Site, p: PrincipalRow): Entity {
  return {
    props: userProps(site, p),
    nav: {
      Groups: () =>
        site
          .groupsOf(p.id)
          .map((id) => site.principal(id))
          .filter((g): g is PrincipalRow => !!g)
          .map((g) => groupEntity(site, g)),
    },
  };
}

export function groupEntity(site: Site, g: PrincipalRow): Entity {
  return {
    props: groupProps(site, g),
    nav: {
      Users: () => groupMembers(site, g.id).map((u) => userEntity(site, u)),
      Owner: () => {
        const o = g.owner_id ? site.principal(g.owner_id) : undefined;
        return o ? principalEntity(site, o) : null;
      },
    },
  };
}

export function principalEntity(site: Site, p: PrincipalRow): Entity {
  return p.type === 8 ? groupEntity(site, p) : userEntity(site, p);
}

export function groupMembers(site: Site, groupId: number): PrincipalRow[] {
  return groupMemberRows(site.db, groupId);
}

export function roleDefEntity(site: Site, r: RoleDefRow): Entity {
  return {
    props: {
      'odata.type': 'SP.RoleDefinition',
      'odata.id': `${site.siteUrl}/_api/Web/RoleDefinitions(${r.id})`,
      'odata.editLink': `Web/RoleDefinitions(${r.id})`,
      BasePermissions: { High: r.high, Low: r.low },
      Description: r.description,
      Hidden: r.hidden === 1,
      Id: r.id,
      Name: r.name,
      Order: r.ord,
      RoleTypeKind: r.kind,
    },
  };
}

/** One SP.RoleAssignment per principal on the scope whose assignments apply (inherited or unique). */
export function roleAssignmentEntities(site: Site, scope: Scope): Entity[] {
  const key = scopeKey(site.effectiveScope(scope));
  const rows = roleAssignmentRows(site.db, key);
  const byPrincipal = new Map<number, number[]>();
  for (const r of rows) byPrincipal.set(r.principal_id, [...(byPrincipal.get(r.principal_id) ?? []), r.role_def_id]);
  const out: Entity[] = [];
  for (const [principalId, defIds] of byPrincipal) {
    const p = site.principal(principalId);
    if (!p) continue;
    out.push({
      props: {
        'odata.type': 'SP.RoleAssignment',
        'odata.id': `${site.siteUrl}/_api/Web/RoleAssignments/GetByPrincipalId(${principalId})`,
        PrincipalId: principalId,
      },
      nav: {
        Member: () => principalEntity(site, p),
        RoleDefinitionBindings: () =>
          defIds
            .map((id) => roleDefById(site.db, id))
            .filter((d): d is RoleDefRow => !!d)
            .map((d) => roleDefEntity(site, d)),
      },
    });
  }
  return out;
}
