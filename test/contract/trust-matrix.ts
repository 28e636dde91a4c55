/**
 * The expected permission matrix of Systemkoll's trust model, as data: who may read, create, update
 * and delete what directly through SharePoint REST, and what the Systemkoll API allows each persona.
 * Written by hand from the rules in the issue (not derived from manifest/), so a schema change
 * that widens a permission makes trust-matrix.test.ts fail. docs/architecture.md shows it as a table.
 */
import type { LibraryKey, ListKey } from '../../src/shared/schema/index.js';

export type Persona = 'employee' | 'systemOwner' | 'coordinator' | 'admin';
export type Op = 'read' | 'create' | 'update' | 'delete';
/** `R` read, `C` create, `U` update, `D` delete; '-' nothing. Update/delete act on others' items. */
export type Rights = string;

export const PERSONAS: readonly Persona[] = ['employee', 'systemOwner', 'coordinator', 'admin'];

/** Direct SharePoint REST, per list and persona. */
export const DIRECT: Record<ListKey, Record<Persona, Rights>> = {
  departments: { employee: 'R', systemOwner: 'R', coordinator: 'R', admin: 'RCUD' },
  systems: { employee: 'R', systemOwner: 'R', coordinator: 'R', admin: 'RCUD' },
  incidents: { employee: '-', systemOwner: '-', coordinator: 'R', admin: 'RCUD' },
  timeline: { employee: '-', systemOwner: '-', coordinator: 'R', admin: 'RCUD' },
  actions: { employee: '-', systemOwner: 'R', coordinator: 'R', admin: 'RCUD' },
  trainingCourses: { employee: 'R', systemOwner: 'R', coordinator: 'RCUD', admin: 'RCUD' },
  trainingCompletions: { employee: '-', systemOwner: '-', coordinator: 'R', admin: 'RCUD' },
  // Holds the answer key: the API serves lessons without answers; coordinators write their own courses.
  courseModules: { employee: '-', systemOwner: '-', coordinator: 'RCUD', admin: 'RCUD' },
  staff: { employee: 'R', systemOwner: 'R', coordinator: 'RCUD', admin: 'RCUD' },
  // Who holds which device is personal data: IT (admins) and coordinators keep it; managers go through the API.
  devices: { employee: '-', systemOwner: '-', coordinator: 'RCUD', admin: 'RCUD' },
  // The requirement catalogue names nobody: coordinators keep it directly.
  securityRequirements: { employee: 'R', systemOwner: 'R', coordinator: 'RCUD', admin: 'RCUD' },
  // Assessments say where a system is weak and who assessed: read by owners and coordinators, written by the API.
  selfAssessments: { employee: '-', systemOwner: 'R', coordinator: 'R', admin: 'RCUD' },
  // Who was told what: coordinators see that people are reached; only the notification job writes.
  notifications: { employee: '-', systemOwner: '-', coordinator: 'R', admin: 'RCUD' },
  settings: { employee: 'R', systemOwner: 'R', coordinator: 'R', admin: 'RCUD' },
};

/**
 * Direct SharePoint REST on the document libraries: R list and download, C upload a new file, U
 * overwrite someone else's file, D delete it. The reports to the board are working papers until the
 * board has them: coordinators and admins write, system owners read, staff see nothing.
 */
export const LIBRARIES: Record<LibraryKey, Record<Persona, Rights>> = {
  reports: { employee: '-', systemOwner: 'R', coordinator: 'RCUD', admin: 'RCUD' },
};

/** Changing a list itself (ReadSecurity, deleting it): Manage Lists. */
export const MANAGE_LISTS: Record<Persona, boolean> = { employee: false, systemOwner: false, coordinator: false, admin: true };

/**
 * The Systemkoll API, per use case and persona: the HTTP status expected. "own" = the persona's own
 * report or system, "other" = someone else's. 404 for an incident one may not read is deliberate:
 * the same answer as for one that does not exist.
 */
export const API: Record<string, Record<Persona, number>> = {
  'report an incident': { employee: 201, systemOwner: 201, coordinator: 201, admin: 201 },
  'read my reports': { employee: 200, systemOwner: 200, coordinator: 200, admin: 200 },
  'read my tasks': { employee: 200, systemOwner: 200, coordinator: 200, admin: 200 },
  'read all tasks (Översikt)': { employee: 403, systemOwner: 403, coordinator: 200, admin: 200 },
  'read own incident': { employee: 200, systemOwner: 200, coordinator: 200, admin: 200 },
  "read other's incident (not on my systems)": { employee: 404, systemOwner: 404, coordinator: 200, admin: 200 },
  'read incident on my system': { employee: 404, systemOwner: 200, coordinator: 200, admin: 200 },
  'change status/severity/assignee': { employee: 403, systemOwner: 403, coordinator: 200, admin: 200 },
  'add a legal report to an incident': { employee: 403, systemOwner: 403, coordinator: 201, admin: 201 },
  "read an incident's timeline": { employee: 403, systemOwner: 403, coordinator: 200, admin: 200 },
  'record a completion for someone': { employee: 403, systemOwner: 403, coordinator: 201, admin: 201 },
  'edit own system': { employee: 403, systemOwner: 200, coordinator: 200, admin: 200 },
  "edit other's system": { employee: 403, systemOwner: 403, coordinator: 200, admin: 200 },
  'delete a system': { employee: 403, systemOwner: 403, coordinator: 204, admin: 204 },
  'import the register (dry run)': { employee: 403, systemOwner: 403, coordinator: 403, admin: 200 },
  'self-assess a requirement on own system': { employee: 403, systemOwner: 200, coordinator: 200, admin: 200 },
  "self-assess a requirement on other's system": { employee: 403, systemOwner: 403, coordinator: 200, admin: 200 },
  'create a system': { employee: 403, systemOwner: 403, coordinator: 201, admin: 201 },
  'confirm own system (yearly review)': { employee: 403, systemOwner: 201, coordinator: 201, admin: 201 },
  "confirm other's system (yearly review)": { employee: 403, systemOwner: 403, coordinator: 201, admin: 201 },
  'record a classification of own system': { employee: 403, systemOwner: 201, coordinator: 201, admin: 201 },
  "record a classification of other's system": { employee: 403, systemOwner: 403, coordinator: 201, admin: 201 },
  'record a continuity-plan test of own system': { employee: 403, systemOwner: 201, coordinator: 201, admin: 201 },
  "record a continuity-plan test of other's system": { employee: 403, systemOwner: 403, coordinator: 201, admin: 201 },
  'record a restore test of own system': { employee: 403, systemOwner: 201, coordinator: 201, admin: 201 },
  "record a restore test of other's system": { employee: 403, systemOwner: 403, coordinator: 201, admin: 201 },
  'read the history of a system': { employee: 403, systemOwner: 200, coordinator: 200, admin: 200 },
  // The reports to the board are working papers: composed, exported and saved by coordinators and admins.
  'read the yearly report': { employee: 403, systemOwner: 403, coordinator: 200, admin: 200 },
  'save a report to Rapporter': { employee: 403, systemOwner: 403, coordinator: 201, admin: 201 },
  // The device inventory is IT's (admins) and the coordinators'.
  'register a device': { employee: 403, systemOwner: 403, coordinator: 201, admin: 201 },
};
