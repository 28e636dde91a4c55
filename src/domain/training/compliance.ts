/**
 * Training compliance: the share of active staff with valid training in every mandatory course that
 * applies to them — in total, per förvaltning, per audience group and per course — its trend at each
 * of the last 12 month ends, a person's own standing per course, and who is overdue or about to be.
 * Pure: the model (model.ts), "today" and the reminder period are parameters.
 */
import { addCalendarDays, addCalendarMonths, type CalendarDate } from '../calendar.js';
import { isValidStatus, standingFrom, type CourseStanding, type TrainingStatus } from './expiry.js';
import {
  AUDIENCE_GROUPS,
  appliesTo,
  employedOn,
  inAudience,
  mandatoryFor,
  type AudienceGroup,
  type CourseInfo,
  type RosterPerson,
  type TrainingModel,
} from './model.js';

export interface ComplianceCount {
  staff: number;
  valid: number;
  /** valid / staff, 0..1 (0 when there is nobody), four decimals. */
  share: number;
}

export interface ComplianceGap {
  staffId: number;
  name: string;
  email: string | null;
  department: string | null;
  courseId: number;
  course: string;
  status: Exclude<TrainingStatus, 'giltig'>;
  lastCompleted: CalendarDate | null;
  expires: CalendarDate | null;
}

export interface ComplianceReport {
  at: CalendarDate;
  total: ComplianceCount;
  departments: ({ departmentId: number | null; department: string } & ComplianceCount)[];
  audiences: ({ audience: AudienceGroup } & ComplianceCount)[];
  courses: ({ courseId: number; course: string; soon: number } & ComplianceCount)[];
  /** Oldest first: the share at the end of each of the last `trendMonths` whole months. */
  trend: ({ month: string; date: CalendarDate } & ComplianceCount)[];
  /** Mandatory courses not valid (utgången, ej genomförd) or expiring soon, worst first. */
  gaps: ComplianceGap[];
}

export interface ComplianceOptions {
  today: CalendarDate;
  /** The reminder period (setting trainingWarningDays). */
  leadDays: number;
  /** Who is counted at all (a manager's staff); default everyone. */
  scope?: (p: RosterPerson) => boolean;
  departmentId?: number | null;
  audience?: AudienceGroup | null;
  trendMonths?: number;
  /**
   * The day the roster's "active" flag describes (default `today`): measuring a past day, someone
   * inactive now still counts up to their leave date.
   */
  rosterAsOf?: CalendarDate;
}

/** The title used for staff without a förvaltning. */
export const NO_DEPARTMENT = 'Utan förvaltning';

const count = (staff: number, valid: number): ComplianceCount => ({
  staff,
  valid,
  share: staff === 0 ? 0 : Math.round((valid / staff) * 10_000) / 10_000,
});

/** The last day of each of the `months` whole months before today's, oldest first. */
export function monthEnds(today: CalendarDate, months: number): CalendarDate[] {
  const first = `${today.slice(0, 7)}-01`;
  const out: CalendarDate[] = [];
  for (let i = months; i >= 1; i--) out.push(addCalendarDays(addCalendarMonths(first, -i + 1), -1));
  return out;
}

function standing(model: TrainingModel, p: RosterPerson, c: CourseInfo, day: CalendarDate, soonUntil: CalendarDate): CourseStanding {
  return standingFrom(model.held(p, c.id), day, soonUntil);
}

/**
 * A person's standing in each active course that applies to them, mandatory first, by title. Someone
 * not on the roster is passed as a row of their own (no förvaltning): the courses for everyone apply.
 */
export function myTraining(
  model: TrainingModel,
  person: RosterPerson,
  today: CalendarDate,
  leadDays: number,
): ({ course: CourseInfo } & CourseStanding)[] {
  const soonUntil = addCalendarDays(today, leadDays);
  return model.courses
    .filter((c) => c.active && appliesTo(c, person, model.facts))
    .map((course) => ({ course, ...standing(model, person, course, today, soonUntil) }))
    .sort((a, b) => Number(b.course.mandatory) - Number(a.course.mandatory) || a.course.title.localeCompare(b.course.title, 'sv'));
}

const GAP_ORDER: Record<ComplianceGap['status'], number> = { utgången: 0, 'ej genomförd': 1, 'går ut snart': 2 };

export function computeCompliance(model: TrainingModel, options: ComplianceOptions): ComplianceReport {
  const { today, leadDays } = options;
  const soonUntil = addCalendarDays(today, leadDays);
  const rosterDay = options.rosterAsOf ?? today;
  const inScope = (p: RosterPerson) =>
    (options.scope ? options.scope(p) : true) &&
    (options.departmentId === undefined || options.departmentId === null || p.departmentId === options.departmentId) &&
    (!options.audience || inAudience(options.audience, p, model.facts));
  const population = model.roster.filter(inScope);
  const mandatory = new Map(population.map((p) => [p, mandatoryFor(model.courses, p, model.facts)]));

  // Now: every person's standing in each mandatory course of theirs.
  const departments = new Map<number | null, { department: string; staff: number; valid: number }>();
  const audiences = new Map<AudienceGroup, { staff: number; valid: number }>(AUDIENCE_GROUPS.map((a) => [a, { staff: 0, valid: 0 }]));
  const courses = new Map<number, { course: string; staff: number; valid: number; soon: number }>();
  for (const c of model.courses) if (c.active && c.mandatory) courses.set(c.id, { course: c.title, staff: 0, valid: 0, soon: 0 });
  const gaps: ComplianceGap[] = [];
  let staff = 0;
  let valid = 0;
  for (const p of population) {
    if (!employedOn(p, today, rosterDay)) continue;
    let ok = true;
    for (const c of mandatory.get(p) ?? []) {
      const s = standing(model, p, c, today, soonUntil);
      const row = courses.get(c.id);
      const v = isValidStatus(s.status);
      if (row) {
        row.staff++;
        if (v) row.valid++;
        if (s.status === 'går ut snart') row.soon++;
      }
      if (!v) ok = false;
      if (s.status !== 'giltig')
        gaps.push({
          staffId: p.id,
          name: p.name,
          email: p.email,
          department: p.department,
          courseId: c.id,
          course: c.title,
          status: s.status,
          lastCompleted: s.lastCompleted,
          expires: s.expires,
        });
    }
    staff++;
    if (ok) valid++;
    const d = departments.get(p.departmentId) ?? { department: p.department ?? NO_DEPARTMENT, staff: 0, valid: 0 };
    d.staff++;
    if (ok) d.valid++;
    departments.set(p.departmentId, d);
    for (const a of AUDIENCE_GROUPS) {
      if (!inAudience(a, p, model.facts)) continue;
      const row = audiences.get(a)!;
      row.staff++;
      if (ok) row.valid++;
    }
  }

  // The trend: the same question at each month end, with who was employed then.
  const trend = monthEnds(today, options.trendMonths ?? 12).map((date) => {
    const until = addCalendarDays(date, leadDays);
    let n = 0;
    let v = 0;
    for (const p of population) {
      if (!employedOn(p, date, rosterDay)) continue;
      n++;
      if ((mandatory.get(p) ?? []).every((c) => isValidStatus(standing(model, p, c, date, until).status))) v++;
    }
    return { month: date.slice(0, 7), date, ...count(n, v) };
  });

  gaps.sort(
    (a, b) =>
      GAP_ORDER[a.status] - GAP_ORDER[b.status] ||
      (a.expires ?? '').localeCompare(b.expires ?? '') ||
      (a.department ?? '').localeCompare(b.department ?? '', 'sv') ||
      a.name.localeCompare(b.name, 'sv') ||
      a.courseId - b.courseId,
  );
  return {
    at: today,
    total: count(staff, valid),
    departments: [...departments.entries()]
      .map(([departmentId, d]) => ({ departmentId, department: d.department, ...count(d.staff, d.valid) }))
      .sort((a, b) => a.department.localeCompare(b.department, 'sv')),
    audiences: AUDIENCE_GROUPS.map((a) => ({ audience: a, ...count(audiences.get(a)!.staff, audiences.get(a)!.valid) })),
    courses: [...courses.entries()].map(([courseId, c]) => ({ courseId, course: c.course, soon: c.soon, ...count(c.staff, c.valid) })),
    trend,
    gaps,
  };
}
