/**
 * The training model the rules work on: courses, the roster (the denominator) and completions,
 * boiled down from the SharePoint records to what expiry, audience and compliance need — small
 * enough to hold 10,000 staff and 100,000 completions — and who a course applies to.
 */
import type { Department, StaffMember, SystemRecord, TrainingCompletion, TrainingCourse } from '../../shared/schema/index.js';
import { isCalendarDate, stockholmDate, type CalendarDate } from '../calendar.js';
import { completionExpiry, type HeldCompletion, type RecertificationRule } from './expiry.js';

/** The audience choices of Utbildningar that describe people (förvaltningar is a course's narrowing). */
export const AUDIENCE_GROUPS = ['alla', 'chefer', 'IT', 'systemägare och förvaltare', 'externa', 'förtroendevalda'] as const;
export type AudienceGroup = (typeof AUDIENCE_GROUPS)[number];
export type CourseAudience = AudienceGroup | 'förvaltningar';

export interface CourseInfo extends RecertificationRule {
  id: number;
  title: string;
  description: string | null;
  audience: CourseAudience;
  /** When not empty, only staff of these förvaltningar (whatever the audience). */
  audienceDepartmentIds: readonly number[];
  mandatory: boolean;
  active: boolean;
  courseUrl: string | null;
  /** The day the course was added: a person who never took it is overdue from here (+ grace). */
  created: CalendarDate | null;
}

export interface RosterPerson {
  /** The Personal row. */
  id: number;
  name: string;
  /** Lower-case sign-in name; null when the row has none. */
  email: string | null;
  userId: number | null;
  departmentId: number | null;
  department: string | null;
  jobTitle: string | null;
  external: boolean;
  active: boolean;
  startDate: CalendarDate | null;
  endDate: CalendarDate | null;
  managerEmail: string | null;
}

/** Who belongs to the audiences that are not fields of the roster row. */
export interface AudienceFacts {
  /** Lower-case e-mails of people who manage staff rows or head a förvaltning. */
  managers: ReadonlySet<string>;
  /** Lower-case e-mails of owners and administrators of systems not yet retired. */
  systemPeople: ReadonlySet<string>;
  /** Förvaltningar whose code is IT (the IT unit). */
  itDepartments: ReadonlySet<number>;
}

export interface TrainingModel {
  courses: readonly CourseInfo[];
  roster: readonly RosterPerson[];
  facts: AudienceFacts;
  /** A person's completions of a course, expiry worked out: held(person, courseId). */
  held(person: RosterPerson, courseId: number): readonly HeldCompletion[];
}

const lower = (v: string | null | undefined) => {
  const t = v?.trim().toLowerCase();
  return t ? t : null;
};

/** A stored date-only value ("2026-03-01T12:00:00Z" or "2026-03-01") as a calendar date. */
export function dateOf(value: string | null | undefined): CalendarDate | null {
  if (!value) return null;
  if (isCalendarDate(value)) return value;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : stockholmDate(new Date(t));
}

const AUDIENCES: readonly string[] = [...AUDIENCE_GROUPS, 'förvaltningar'];

export function courseInfo(c: TrainingCourse): CourseInfo {
  const audience = (AUDIENCES.includes(c.audience ?? '') ? c.audience : 'alla') as CourseAudience;
  return {
    id: c.id,
    title: c.title,
    description: c.description?.trim() || null,
    audience,
    audienceDepartmentIds: (c.audienceDepartments ?? []).map((d) => d.id),
    mandatory: c.mandatory !== false,
    active: c.active !== false,
    courseUrl: c.courseUrl?.trim() || null,
    recertificationMonths: c.recertificationMonths ?? null,
    recertificationFixedDate: c.recertificationFixedDate ?? null,
    created: dateOf(c.created),
  };
}

export function rosterPerson(s: StaffMember, departments: ReadonlyMap<number, Department>): RosterPerson {
  const dept = s.department ? departments.get(s.department.id) : undefined;
  return {
    id: s.id,
    name: s.title || s.person?.title || s.email || '',
    email: lower(s.email) ?? lower(s.person?.email),
    userId: s.person?.id ?? null,
    departmentId: s.department?.id ?? null,
    department: dept?.title ?? s.department?.title ?? null,
    jobTitle: s.jobTitle ?? null,
    external: s.external === true,
    active: s.active !== false,
    startDate: dateOf(s.startDate),
    endDate: dateOf(s.endDate),
    managerEmail: lower(s.manager?.email),
  };
}

const RETIRED = 'avvecklad';

export function audienceFacts(input: {
  staff: readonly StaffMember[];
  departments: readonly Department[];
  systems: readonly SystemRecord[];
}): AudienceFacts {
  const managers = new Set<string>();
  for (const s of input.staff) {
    const m = lower(s.manager?.email);
    if (m) managers.add(m);
  }
  for (const d of input.departments) {
    const m = lower(d.manager?.email);
    if (m) managers.add(m);
  }
  const systemPeople = new Set<string>();
  for (const s of input.systems) {
    if (s.lifecycleStatus === RETIRED) continue;
    for (const p of [s.systemOwner?.email, s.systemAdministrator?.email]) {
      const e = lower(p);
      if (e) systemPeople.add(e);
    }
  }
  const itDepartments = new Set(input.departments.filter((d) => d.code?.trim().toUpperCase() === 'IT').map((d) => d.id));
  return { managers, systemPeople, itDepartments };
}

/** Elected officials by their roster title (Entra has no type for them; consultants are "Konsult …"). */
const ELECTED = /förtroendevald|ordförande|ledamot|ersättare|kommunalråd|oppositionsråd|nämndeman|revisor \(förtroendevald\)/i;
const IT_TITLE = /(^|[\s,])IT-|^IT\b/;

/** Whether a person belongs to an audience group (the roster row plus the facts). */
export function inAudience(group: AudienceGroup, p: RosterPerson, facts: AudienceFacts): boolean {
  switch (group) {
    case 'alla':
      return true;
    case 'chefer':
      return (p.email !== null && facts.managers.has(p.email)) || /chef\b/i.test(p.jobTitle ?? '');
    case 'IT':
      return (p.departmentId !== null && facts.itDepartments.has(p.departmentId)) || IT_TITLE.test(p.jobTitle ?? '');
    case 'systemägare och förvaltare':
      return p.email !== null && facts.systemPeople.has(p.email);
    case 'externa':
      return p.external;
    case 'förtroendevalda':
      return p.external && ELECTED.test(p.jobTitle ?? '');
  }
}

/** Whether a course applies to a person: its audience, narrowed to its förvaltningar when it names any. */
export function appliesTo(course: CourseInfo, p: RosterPerson, facts: AudienceFacts): boolean {
  if (course.audienceDepartmentIds.length > 0 && (p.departmentId === null || !course.audienceDepartmentIds.includes(p.departmentId)))
    return false;
  if (course.audience === 'förvaltningar') return course.audienceDepartmentIds.length > 0;
  return inAudience(course.audience, p, facts);
}

/** The courses a person must hold: active, mandatory and applying to them. */
export function mandatoryFor(courses: readonly CourseInfo[], p: RosterPerson, facts: AudienceFacts): CourseInfo[] {
  return courses.filter((c) => c.active && c.mandatory && appliesTo(c, p, facts));
}

/**
 * Part of the roster on a day: started (or no start date) and not left. A leaver — inactive, or past
 * the leave date — drops out; on past days someone inactive now still counts up to their leave date.
 */
export function employedOn(p: RosterPerson, day: CalendarDate, today: CalendarDate): boolean {
  if (p.startDate && p.startDate > day) return false;
  if (p.endDate && p.endDate < day) return false;
  if (!p.active && (day >= today || !p.endDate)) return false;
  return true;
}

/**
 * The model from the records. Completions are matched to roster rows by site user id, else by
 * e-mail; each completion's expiry is worked out once (the course's rule, or the completion's own).
 */
export function trainingModel(input: {
  courses: readonly TrainingCourse[];
  staff: readonly StaffMember[];
  completions: readonly TrainingCompletion[];
  departments: readonly Department[];
  systems: readonly SystemRecord[];
  leadDays: number;
}): TrainingModel {
  const departments = new Map(input.departments.map((d) => [d.id, d]));
  const courses = input.courses.map(courseInfo);
  const byId = new Map(courses.map((c) => [c.id, c]));
  const roster = input.staff.map((s) => rosterPerson(s, departments));
  const memo = new Map<string, CalendarDate | null>();
  const byUser = new Map<string, HeldCompletion[]>();
  const byEmail = new Map<string, HeldCompletion[]>();
  const push = (map: Map<string, HeldCompletion[]>, key: string, h: HeldCompletion) => {
    const list = map.get(key);
    if (list) list.push(h);
    else map.set(key, [h]);
  };
  for (const c of input.completions) {
    const course = byId.get(c.course?.id ?? -1);
    const completedAt = dateOf(c.completedAt);
    if (!course || !completedAt) continue;
    const stored = dateOf(c.expiresAt);
    const k = `${course.id}|${completedAt}|${stored ?? ''}`;
    let expiry = memo.get(k);
    if (expiry === undefined) memo.set(k, (expiry = completionExpiry(course, completedAt, stored, input.leadDays)));
    const h = { completedAt, expiry };
    if (c.person?.id) push(byUser, `${c.person.id}|${course.id}`, h);
    const email = lower(c.person?.email);
    if (email) push(byEmail, `${email}|${course.id}`, h);
  }
  const none: HeldCompletion[] = [];
  return {
    courses,
    roster,
    facts: audienceFacts(input),
    held(p, courseId) {
      if (p.userId !== null) {
        const list = byUser.get(`${p.userId}|${courseId}`);
        if (list) return list;
      }
      return (p.email && byEmail.get(`${p.email}|${courseId}`)) || none;
    },
  };
}
