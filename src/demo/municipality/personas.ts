import type { RoleKey } from '../../shared/schema/index.js';
import type { DemoPersona, DemoPerson } from '../common.js';
import type { SystemDraft } from './context.js';
import { DEMO_ADMIN_NAME, DEMO_ADMIN_UPN } from './identity.js';
import type { Cast } from './people.js';
import { ownersAndAdminsOf } from './systems.js';

/** The directory users the local store must know: everyone plus the site admin. */
export function directoryPeople({ people }: Cast): DemoPerson[] {
  return [
    ...people.map((p) => ({ upn: p.upn, displayName: p.displayName, email: p.upn })),
    { upn: DEMO_ADMIN_UPN, displayName: DEMO_ADMIN_NAME, email: DEMO_ADMIN_UPN },
  ];
}

/** Membership of the four Systemkoll groups and the four personas of the local sign-in page. */
export function groupsAndPersonas(
  { active, fixedStaff, securityTeam, employeePersona, ownerPersona, coordinator }: Cast,
  systems: readonly SystemDraft[],
): { groups: Record<RoleKey, string[]>; personas: DemoPersona[] } {
  const ownersAndAdmins = ownersAndAdminsOf(systems);
  const admins = [DEMO_ADMIN_UPN, ...fixedStaff.filter((p) => p.jobTitle === 'Systemförvaltare IT-infrastruktur').map((p) => p.upn)];
  const isActive = new Set(active.map((p) => p.upn));
  const groups: Record<RoleKey, string[]> = {
    employees: active.map((p) => p.upn),
    systemOwners: [...ownersAndAdmins].filter((u) => isActive.has(u)).sort(),
    securityCoordinators: securityTeam.map((p) => p.upn),
    admins,
  };
  const personas: DemoPersona[] = [
    {
      upn: employeePersona.upn,
      role: 'employee',
      title: `${employeePersona.displayName} – medarbetare (${employeePersona.jobTitle.toLowerCase()})`,
    },
    {
      upn: ownerPersona.upn,
      role: 'systemOwner',
      title: `${ownerPersona.displayName} – systemägare (${ownerPersona.jobTitle.toLowerCase()})`,
    },
    { upn: coordinator.upn, role: 'securityCoordinator', title: `${coordinator.displayName} – informationssäkerhetssamordnare` },
    { upn: DEMO_ADMIN_UPN, role: 'admin', title: `${DEMO_ADMIN_NAME} – IT-administratör` },
  ];
  return { groups, personas };
}
