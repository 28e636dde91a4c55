/**
 * Who may do what in Systemkoll, as pure rules. The Systemkoll API asks these before every trusted
 * write or read it serves; SharePoint's list permissions (manifest/site-schema.ts) are the other half
 * (what each group may read directly). Roles come from SharePoint group membership read server-side.
 */
import type { Role } from './roles.js';

/** The authenticated caller, resolved to a site user and their roles. */
export interface Actor {
  userId: number;
  roles: readonly Role[];
}

/** The ownership fields of a system (site user ids). */
export interface SystemOwnership {
  id: number;
  ownerId: number | null;
  administratorId: number | null;
  /** The administration team (schema version 2), the administrator included or not. */
  teamIds?: readonly number[];
}

/** The fields of an incident that decide who may read it. */
export interface IncidentAccess {
  reporterId: number | null;
  affectedSystemIds: readonly number[];
}

const has = (actor: Actor, ...roles: Role[]) => roles.some((r) => actor.roles.includes(r));

/** Coordinators and admins handle every incident: status, severity, assignee, timeline, legal reports. */
export function canHandleIncidents(actor: Actor): boolean {
  return has(actor, 'securityCoordinator', 'admin');
}

/** Anyone signed in to the municipality's tenant may report (staff, politicians, consultants). */
export function canReport(actor: Actor): boolean {
  return actor.userId > 0;
}

/** Owners and administrators (and the administration team) edit their own systems; coordinators and admins edit all. */
export function canEditSystem(actor: Actor, system: SystemOwnership): boolean {
  if (has(actor, 'securityCoordinator', 'admin')) return true;
  if (actor.userId <= 0) return false;
  return system.ownerId === actor.userId || system.administratorId === actor.userId || (system.teamIds ?? []).includes(actor.userId);
}

/** Registering a new system or removing one is a coordinator's or admin's decision. */
export function canCreateOrDeleteSystem(actor: Actor): boolean {
  return has(actor, 'securityCoordinator', 'admin');
}

/**
 * An incident is readable by its handlers, by its reporter, and by the owners and administrators of
 * a system it touches (`mySystemIds`: the systems the actor owns or administers).
 */
export function canReadIncident(actor: Actor, incident: IncidentAccess, mySystemIds: ReadonlySet<number>): boolean {
  if (canHandleIncidents(actor)) return true;
  if (incident.reporterId !== null && incident.reporterId === actor.userId) return true;
  return incident.affectedSystemIds.some((id) => mySystemIds.has(id));
}

/**
 * A training completion states that someone passed: recorded for another person only by a
 * coordinator or admin (manual entry, import). A person's own completion comes from the course
 * module, which grades the answers itself — never from a client's claim.
 */
export function canRecordCompletionFor(actor: Actor, personId: number): boolean {
  return has(actor, 'securityCoordinator', 'admin') && personId > 0;
}

/**
 * Training compliance: coordinators and admins follow up everyone; a manager (of staff rows in
 * Personal, or head of a förvaltning) their own staff; anyone else only their own training.
 */
export function complianceScope(actor: Actor, managesStaff: boolean): 'all' | 'ownStaff' | null {
  if (has(actor, 'securityCoordinator', 'admin')) return 'all';
  return managesStaff ? 'ownStaff' : null;
}

/**
 * The reports to the municipal board (the yearly and end-of-term reports, the dashboards) read
 * every list: composed and exported for coordinators and admins only.
 */
export function canComposeReports(actor: Actor): boolean {
  return has(actor, 'securityCoordinator', 'admin');
}

/**
 * The device and subscription inventory (Enheter) is kept by IT — the administrators — and the
 * security coordinators, the two groups SharePoint lets write the list: they add and correct
 * devices (the form, the inventory import). Managers only decide about their staff's devices.
 */
export function canManageDevices(actor: Actor): boolean {
  return has(actor, 'securityCoordinator', 'admin');
}
