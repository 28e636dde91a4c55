/**
 * Reads what the tasks engine needs from SharePoint and runs it. Two shapes:
 * - allTasks: every list once, only the columns the rules use, with SharePoint's paging (5,000 per
 *   page) on indexed queries — the CLI's --all, Översikt and the notification job;
 * - tasksForPerson: one person's tasks in two $batch round trips — first what is small or theirs
 *   (their systems, förvaltningar, catalogue, settings, leavers, coordinators), then what hangs off it
 *   (assessments and open incidents of their systems, the systems they answer for as head of a
 *   förvaltning or as coordinator of förvaltningar without a head).
 * Both feed the same pure engine, so `--user x` is exactly `--all` filtered to x.
 */
import { inBatch, where, type Repositories } from '../../shared/data/index.js';
import type { SPFI } from '@pnp/sp';
import {
  listSpec,
  siteSchema,
  type FieldKey,
  type Incident,
  type StaffMember,
  type SystemRecord,
  type TimelineEntry,
  type TrainingCompletion,
  type TrainingCourse,
} from '../../shared/schema/index.js';
import { legalDeadlinesFrom, type LegalDeadlineRule } from '../../domain/legal-clocks.js';
import { addCalendarDays, stockholmDate, calendarDateToStored } from '../../domain/calendar.js';
import {
  computeTasks,
  leaversOf,
  taskSettingsFrom,
  tasksOf,
  TASK_RULES,
  MOVE_FOLLOW_UP_DAYS,
  responsibleFor,
  type Task,
  type TaskData,
  type TaskSettings,
} from '../../domain/tasks/index.js';
import type { Role } from '../../domain/roles.js';
import { COMPLETION_FIELDS, myCompletionsFilter, myStaffFilter } from '../training/fields.js';

export const TASK_SYSTEM_FIELDS = [
  'title',
  'department',
  'lifecycleStatus',
  'systemOwner',
  'systemAdministrator',
  'criticality',
  'societallyCritical',
  'confidentiality',
  'integrity',
  'availability',
  'traceability',
  'confidentialityReason',
  'integrityReason',
  'availabilityReason',
  'traceabilityReason',
  'classificationDate',
  'continuityPlanUrl',
  'continuityPlanTestedDate',
  'acceptedDowntimeHours',
  'restorePriority',
  'lastRestoreTestDate',
  'contractEndDate',
  'contractNoticeMonths',
  'supplier',
  'contractReference',
  'contractSecurityRequirements',
  'lastReviewDate',
] as const satisfies readonly FieldKey<'systems'>[];

const INCIDENT_FIELDS = [
  'title',
  'referenceNumber',
  'status',
  'severity',
  'mainSystem',
  'reportedAt',
  'closedAt',
  'awareAt',
  'nis2Significant',
  'personalDataInvolved',
  'assignee',
] as const satisfies readonly FieldKey<'incidents'>[];
const TIMELINE_FIELDS = [
  'incident',
  'at',
  'kind',
  'legalReport',
  'externalReference',
  'details',
] as const satisfies readonly FieldKey<'timeline'>[];
/** The timeline kinds that settle a legal deadline. */
const LEGAL_KINDS = ['myndighetsrapport', 'ej rapporteringspliktig'] as const;
const STAFF_FIELDS = [
  'title',
  'email',
  'person',
  'active',
  'endDate',
  'manager',
  'department',
  'movedAt',
  'previousDepartment',
  // The training rules' audience and roster dates.
  'jobTitle',
  'external',
  'startDate',
] as const satisfies readonly FieldKey<'staff'>[];
const DEVICE_FIELDS = [
  'title',
  'kind',
  'identifier',
  'model',
  'purchaseDate',
  'holder',
  'holderEmail',
  'status',
  'confirmedAt',
] as const satisfies readonly FieldKey<'devices'>[];
/** The largest taskLeadDays taskSettingsFrom accepts. */
const MAX_LEAD_DAYS = 1200;
/** Holders asked for in one devices query (an OR of indexed equalities). */
const HOLDERS_PER_QUERY = 20;
const ASSESSMENT_FIELDS = ['system', 'requirement', 'status'] as const satisfies readonly FieldKey<'selfAssessments'>[];

/**
 * Incident statuses the rules read: all but 'avslutad'. An 'åtgärdad' incident may still owe a report
 * to an authority (the NIS2 final report comes a month after the notification); the open-incident
 * rule skips it itself.
 */
function openStatuses(): string[] {
  const f = listSpec('incidents').fields.find((x) => x.key === 'status') as { choices?: readonly string[] } | undefined;
  return (f?.choices ?? []).filter((c) => c !== 'avslutad');
}

/** The legalDeadlines setting, or the schema's default when the site does not hold it. */
function legalDeadlinesOf(values: Readonly<Record<string, unknown>>): LegalDeadlineRule[] {
  const fallback = siteSchema.settings.find((x) => x.key === 'legalDeadlines')?.value;
  return legalDeadlinesFrom(values.legalDeadlines ?? fallback);
}

function legalKindsFilter() {
  const t = where('timeline');
  return t.or(...LEGAL_KINDS.map((k) => t.eq('kind', k)));
}

/** Incidents that can owe a report (the deadline rules only act on "ja"). */
const mayOweReport = (i: Incident) => i.nis2Significant === 'ja' || i.personalDataInvolved === 'ja';

function openIncidentsFilter(extra?: ReturnType<ReturnType<typeof where<'incidents'>>['eq']>) {
  const i = where('incidents');
  const open = i.or(...openStatuses().map((s) => i.eq('status', s)));
  return extra ? i.and(extra, open) : open;
}

/**
 * Staff the people rules may act on for one person: leavers, those leaving within the lead time,
 * those who moved within the follow-up window, and the person's own staff. One indexed query each
 * (an OR across different columns cannot use one index and crosses the threshold on a large roster).
 */
function peopleQueries(r: Repositories, now: Date, leadDays: number, managerId: number) {
  const s = where('staff');
  const today = stockholmDate(now);
  return Promise.all(
    [
      s.eq('active', false),
      s.le('endDate', calendarDateToStored(addCalendarDays(today, leadDays))),
      s.ge('movedAt', calendarDateToStored(addCalendarDays(today, -MOVE_FOLLOW_UP_DAYS))),
      s.eq('manager', managerId),
    ].map((filter) => r.staff.list({ filter, fields: STAFF_FIELDS })),
  ).then((rows) => rows.flat());
}

/** Devices held by these people, by the holder's address (indexed), a few people per query. */
function devicesHeldBy(r: Repositories, staff: readonly StaffMember[]) {
  const emails = [...new Set(staff.map((x) => (x.email ?? x.person?.email ?? '').trim().toLowerCase()).filter(Boolean))];
  const d = where('devices');
  const queries = [];
  for (let i = 0; i < emails.length; i += HOLDERS_PER_QUERY) {
    const chunk = emails.slice(i, i + HOLDERS_PER_QUERY);
    queries.push(
      // By holder only (the rules skip what is not in use): a status filter first would cross the threshold.
      r.devices.list({ filter: d.or(...chunk.map((e) => d.eq('holderEmail', e))), fields: DEVICE_FIELDS }),
    );
  }
  return Promise.all(queries);
}

/** The completions of these people (any course), a chunk of people per query. */
function completionsOf(r: Repositories, people: readonly StaffMember[]) {
  const ids = [...new Set(people.map((x) => x.person?.id).filter((id): id is number => typeof id === 'number'))];
  const c = where('trainingCompletions');
  const queries = [];
  for (let i = 0; i < ids.length; i += HOLDERS_PER_QUERY) {
    const chunk = ids.slice(i, i + HOLDERS_PER_QUERY);
    queries.push(r.trainingCompletions.list({ filter: c.or(...chunk.map((id) => c.eq('person', id))), fields: COMPLETION_FIELDS }));
  }
  return Promise.all(queries);
}

export interface TaskRun {
  tasks: Task[];
  settings: TaskSettings;
}

/** Every task in the municipality (each list read once, paged). */
export async function allTasks(repos: Repositories, now: Date): Promise<TaskRun> {
  const [
    settingValues,
    systems,
    departments,
    requirements,
    assessments,
    incidents,
    staff,
    coordinators,
    legalEntries,
    devices,
    courses,
    completions,
  ] = await Promise.all([
    repos.settings.values(),
    repos.systems.all({ fields: TASK_SYSTEM_FIELDS }),
    repos.departments.all(),
    repos.securityRequirements.all(),
    repos.selfAssessments.all({ fields: ASSESSMENT_FIELDS }),
    repos.incidents.all({ filter: openIncidentsFilter(), fields: INCIDENT_FIELDS }),
    // Everyone: the people rules need each holder's manager, moves and leave dates.
    repos.staff.all({ fields: STAFF_FIELDS }),
    repos.groups.members('securityCoordinators'),
    repos.timeline.all({ filter: legalKindsFilter(), fields: TIMELINE_FIELDS }),
    // Every device, paged by id: most are in use, so a status filter would cross the 5,000 threshold.
    repos.devices.all({ fields: DEVICE_FIELDS }),
    repos.trainingCourses.all(),
    // Every completion (history kept), paged 5,000 at a time, four columns.
    repos.trainingCompletions.all({ fields: COMPLETION_FIELDS }),
  ]);
  const settings = taskSettingsFrom(settingValues);
  const open = new Set(incidents.map((i) => i.id));
  const data: TaskData = {
    systems,
    departments,
    requirements,
    assessments,
    incidents,
    staff,
    coordinators: coordinators.map((c) => (c.email || c.upn).toLowerCase()),
    timeline: legalEntries.filter((e) => e.incident && open.has(e.incident.id)),
    legalDeadlines: legalDeadlinesOf(settingValues),
    devices,
    courses,
    completions,
  };
  return { tasks: computeTasks(data, settings, now, TASK_RULES), settings };
}

export interface TaskPerson {
  userId: number;
  /** Sign-in name as the engine addresses tasks (the site user's e-mail). */
  upn: string;
  roles: readonly Role[];
}

/**
 * One person's tasks in two $batch round trips (see the file comment). `sp` must be the same
 * pipeline `repos` was made from: the batches are built on it.
 */
export async function tasksForPerson(sp: SPFI, person: TaskPerson, now: Date): Promise<TaskRun> {
  const me = person.upn.toLowerCase();
  const coordinator = person.roles.includes('securityCoordinator') || person.roles.includes('admin');
  const s = where('systems');
  const first = await inBatch(sp, (r) =>
    Promise.all([
      r.settings.list(),
      r.departments.list(),
      r.securityRequirements.list(),
      r.systems.list({
        filter: s.or(s.eq('systemOwner', person.userId), s.eq('systemAdministrator', person.userId)),
        fields: TASK_SYSTEM_FIELDS,
      }),
      // Leavers (the register rules), and whom the people rules may concern (a superset: the lead
      // time is a setting read in this same batch, and settings allow at most MAX_LEAD_DAYS).
      peopleQueries(r, now, MAX_LEAD_DAYS, person.userId),
      coordinator ? r.groups.members('securityCoordinators') : Promise.resolve([]),
      // Reports owed to authorities: coordinators get them for every open incident; anyone else
      // only as an incident's assignee.
      r.incidents.list({
        filter: coordinator ? openIncidentsFilter() : openIncidentsFilter(where('incidents').eq('assignee', person.userId)),
        fields: INCIDENT_FIELDS,
      }),
      coordinator ? r.timeline.list({ filter: legalKindsFilter(), fields: TIMELINE_FIELDS }) : Promise.resolve([] as TimelineEntry[]),
      // Training: the catalogue, my roster row and my completions; coordinators also the externals.
      r.trainingCourses.list(),
      r.staff.list({ filter: myStaffFilter(person.userId, me), fields: STAFF_FIELDS }),
      r.trainingCompletions.list({ filter: myCompletionsFilter(person.userId), fields: COMPLETION_FIELDS }),
      coordinator ? r.staff.list({ filter: where('staff').eq('external', true), fields: STAFF_FIELDS }) : Promise.resolve([]),
    ]),
  );
  const [settingRows, departments, requirements, mySystems, peopleStaff, coordinatorUsers, legalIncidents, coordinatorEntries] = first;
  const [courses, myStaffRows, myCompletions, externals] = first.slice(8) as [
    TrainingCourse[],
    StaffMember[],
    TrainingCompletion[],
    StaffMember[],
  ];
  const staffById = new Map<number, StaffMember>();
  for (const x of [...(peopleStaff as StaffMember[]), ...myStaffRows, ...externals]) staffById.set(x.id, x);
  const staff = [...staffById.values()];
  // The introduction externals need before access: its completions, for the coordinators' rule.
  const introCourses = coordinator
    ? courses.filter((c) => c.active !== false && c.mandatory !== false && (c.audience === 'externa' || c.audience === 'förtroendevalda'))
    : [];
  const settingValues: Record<string, unknown> = {};
  for (const row of settingRows) {
    try {
      settingValues[row.title] = row.value ? JSON.parse(row.value) : null;
    } catch {
      settingValues[row.title] = row.value;
    }
  }
  const settings = taskSettingsFrom(settingValues);
  // Förvaltningar whose tasks can land on me when a system has nobody responsible.
  const headed = departments.filter((d) => d.manager?.email?.toLowerCase() === me);
  const leavers = leaversOf(staff, stockholmDate(now));
  const headless = coordinator ? departments.filter((d) => !d.manager?.email || leavers.has(d.manager.email.toLowerCase())) : [];
  const second = await inBatch(sp, (r) =>
    Promise.all([
      Promise.all(
        mySystems.map((x) => r.selfAssessments.list({ filter: where('selfAssessments').eq('system', x.id), fields: ASSESSMENT_FIELDS })),
      ),
      Promise.all(
        mySystems.map((x) =>
          r.incidents.list({ filter: openIncidentsFilter(where('incidents').eq('mainSystem', x.id)), fields: INCIDENT_FIELDS }),
        ),
      ),
      Promise.all([...headed, ...headless].map((d) => r.systems.list({ filter: s.eq('department', d.id), fields: TASK_SYSTEM_FIELDS }))),
      coordinator ? r.systems.list({ filter: s.isNull('department'), fields: TASK_SYSTEM_FIELDS }) : Promise.resolve([]),
      // Devices of the people whose device tasks would come to me: my own staff (the yearly review)
      // and leavers and movers I answer for (as manager, head of förvaltning or coordinator).
      devicesHeldBy(
        r,
        (staff as StaffMember[]).filter(
          (x) =>
            x.manager?.email?.toLowerCase() === me ||
            responsibleFor(
              x,
              departments,
              leavers,
              (coordinatorUsers as { email: string; upn: string }[]).map((c) => c.email || c.upn),
            ).includes(me),
        ),
      ),
      // The externals' own completions (by the indexed person lookup, a chunk of people per query):
      // all completions of the introduction course pass 5,000 in a municipality that has run it for years.
      introCourses.length > 0 ? completionsOf(r, externals) : Promise.resolve([] as TrainingCompletion[][]),
      // An assignee's own incidents' legal entries (the incident lookup is indexed); coordinators have them all.
      coordinator
        ? Promise.resolve([] as TimelineEntry[][])
        : Promise.all(
            legalIncidents
              .filter(mayOweReport)
              .map((i) => r.timeline.list({ filter: where('timeline').eq('incident', i.id), fields: TIMELINE_FIELDS })),
          ),
    ]),
  );
  const [assessments, incidents, departmentSystems, orphanSystems, devices, introCompletions, assigneeEntries] = second;
  const legalKinds: readonly string[] = LEGAL_KINDS;
  const allIncidents = [...incidents.flat(), ...legalIncidents];
  const systems = new Map<number, SystemRecord>();
  for (const x of [...mySystems, ...departmentSystems.flat(), ...orphanSystems]) systems.set(x.id, x);
  const seen = new Set<number>();
  const data: TaskData = {
    systems: [...systems.values()],
    departments,
    requirements,
    // Only my systems' assessments: the handlingsplan is the owner's and administrator's alone.
    assessments: assessments.flat(),
    incidents: allIncidents.filter((i: Incident) => (seen.has(i.id) ? false : (seen.add(i.id), true))),
    staff: staff as StaffMember[],
    coordinators: (coordinatorUsers as { email: string; upn: string }[]).map((c) => (c.email || c.upn).toLowerCase()),
    timeline: [...coordinatorEntries, ...assigneeEntries.flat()].filter(
      (e) => legalKinds.includes(e.kind ?? '') && e.incident !== null && seen.has(e.incident.id),
    ),
    legalDeadlines: legalDeadlinesOf(settingValues),
    devices: devices.flat(),
    courses,
    completions: [...myCompletions, ...introCompletions.flat()],
  };
  return { tasks: tasksOf(computeTasks(data, settings, now, TASK_RULES), me), settings };
}
