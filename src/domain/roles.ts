/**
 * What a person may do in Systemkoll follows their SharePoint group membership, never a claim of
 * the client. This derives the roles from the groups SharePoint says the user is in.
 */
import type { RoleKey } from '../shared/schema/index.js';

export type Role = 'employee' | 'systemOwner' | 'securityCoordinator' | 'admin';

export const ROLE_OF_GROUP: Record<RoleKey, Role> = {
  employees: 'employee',
  systemOwners: 'systemOwner',
  securityCoordinators: 'securityCoordinator',
  admins: 'admin',
};

/**
 * Roles from the titles of the groups the user belongs to. A site collection administrator is an
 * admin; anyone with a Systemkoll role is also an employee (they can report and read the register).
 */
export function rolesFromMembership(options: {
  memberOf: Iterable<string>;
  groupTitles: Record<RoleKey, string>;
  isSiteAdmin: boolean;
}): Role[] {
  const titles = new Set(options.memberOf);
  const roles = (Object.keys(ROLE_OF_GROUP) as RoleKey[]).filter((k) => titles.has(options.groupTitles[k])).map((k) => ROLE_OF_GROUP[k]);
  if (options.isSiteAdmin && !roles.includes('admin')) roles.push('admin');
  if (roles.length > 0 && !roles.includes('employee')) roles.unshift('employee');
  return roles;
}

export function hasAnyRole(roles: readonly Role[] | undefined, ...wanted: Role[]): boolean {
  return !!roles && wanted.some((r) => roles.includes(r));
}
