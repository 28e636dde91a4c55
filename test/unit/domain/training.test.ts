/**
 * Training expiry, status, audience and compliance with known answers at the boundaries: the day
 * before, on and after expiry; month ends and 29 February; fixed yearly dates; Stockholm days
 * around the DST change-overs; leavers out of the denominator; the 12-month trend.
 */
import { describe, expect, it } from 'vitest';
import {
  completionExpiry,
  computeCompliance,
  monthEnds,
  myTraining,
  parseFixedDate,
  standingOn,
  statusOn,
  trainingModel,
  employedOn,
} from '../../../src/domain/training/index.js';
import { stockholmDate } from '../../../src/domain/calendar.js';
import type { Department, StaffMember, SystemRecord, TrainingCompletion, TrainingCourse } from '../../../src/shared/schema/index.js';

const months = (n: number) => ({ recertificationMonths: n });
const fixed = (d: string) => ({ recertificationFixedDate: d });

describe('expiry of a completion', () => {
  it('adds calendar months, clamping to the month end', () => {
    expect(completionExpiry(months(12), '2025-03-15', null, 30)).toBe('2026-03-15');
    expect(completionExpiry(months(1), '2026-01-31', null, 30)).toBe('2026-02-28');
    expect(completionExpiry(months(1), '2028-01-31', null, 30)).toBe('2028-02-29');
    expect(completionExpiry(months(12), '2024-02-29', null, 30)).toBe('2025-02-28');
    expect(completionExpiry(months(48), '2024-02-29', null, 30)).toBe('2028-02-29');
    expect(completionExpiry(months(6), '2026-08-31', null, 30)).toBe('2027-02-28');
  });

  it('a fixed yearly date: the next one after completion, or the one after that within the reminder period', () => {
    expect(completionExpiry(fixed('12-31'), '2026-02-10', null, 30)).toBe('2026-12-31');
    // Completed on the date itself: valid until the next year's.
    expect(completionExpiry(fixed('12-31'), '2026-12-31', null, 30)).toBe('2027-12-31');
    // Within 30 days before the date: counts for the next period.
    expect(completionExpiry(fixed('12-31'), '2026-12-01', null, 30)).toBe('2027-12-31');
    expect(completionExpiry(fixed('12-31'), '2026-11-30', null, 30)).toBe('2026-12-31');
    // 29 February is the 28th outside leap years.
    expect(completionExpiry(fixed('02-29'), '2026-06-01', null, 30)).toBe('2027-02-28');
    expect(completionExpiry(fixed('02-29'), '2027-06-01', null, 30)).toBe('2028-02-29');
  });

  it('never, unless the completion carries its own expiry; an interval wins over a stored expiry', () => {
    expect(completionExpiry({}, '2020-01-01', null, 30)).toBeNull();
    expect(completionExpiry({ recertificationMonths: 0 }, '2020-01-01', '2021-06-30', 30)).toBe('2021-06-30');
    expect(completionExpiry(months(12), '2025-01-10', '2030-01-01', 30)).toBe('2026-01-10');
  });

  it('parses MM-DD and refuses days that do not exist', () => {
    expect(parseFixedDate('02-29')).toEqual({ month: 2, day: 29 });
    expect(parseFixedDate('02-30')).toBeNull();
    expect(parseFixedDate('13-01')).toBeNull();
    expect(parseFixedDate('2026-12-31')).toBeNull();
  });
});

describe('status on a day', () => {
  it('valid through the expiry day, expired the day after', () => {
    expect(statusOn('2026-03-14', true, '2026-03-15', 0)).toBe('giltig');
    expect(statusOn('2026-03-15', true, '2026-03-15', 0)).toBe('går ut snart');
    expect(statusOn('2026-03-16', true, '2026-03-15', 0)).toBe('utgången');
  });

  it('går ut snart within the reminder period, inclusive', () => {
    expect(statusOn('2026-02-12', true, '2026-03-15', 30)).toBe('giltig');
    expect(statusOn('2026-02-13', true, '2026-03-15', 30)).toBe('går ut snart');
    expect(statusOn('2026-03-15', true, '2026-03-15', 30)).toBe('går ut snart');
    expect(statusOn('2026-01-01', false, null, 30)).toBe('ej genomförd');
    expect(statusOn('2099-01-01', true, null, 30)).toBe('giltig');
  });

  it('the best completion up to the day counts; later ones do not yet', () => {
    const history = [
      { completedAt: '2024-03-01', expiresAt: null },
      { completedAt: '2025-02-20', expiresAt: null },
    ];
    expect(standingOn(months(12), history, '2025-02-19', 30)).toEqual({
      status: 'går ut snart',
      lastCompleted: '2024-03-01',
      expires: '2025-03-01',
    });
    expect(standingOn(months(12), history, '2025-02-20', 30)).toEqual({
      status: 'giltig',
      lastCompleted: '2025-02-20',
      expires: '2026-02-20',
    });
    expect(standingOn(months(12), history, '2024-02-29', 30).status).toBe('ej genomförd');
  });

  it('Stockholm days across DST: a completion at 23:30 local time on the last Sunday of March counts for that day', () => {
    // 2026-03-29 is the spring change-over; 23:30 CEST is 21:30Z, still the 29th in Stockholm.
    expect(stockholmDate('2026-03-29T21:30:00Z')).toBe('2026-03-29');
    // 2026-10-25 autumn: 23:30 CET is 22:30Z.
    expect(stockholmDate('2026-10-25T22:30:00Z')).toBe('2026-10-25');
    expect(stockholmDate('2026-10-25T23:30:00Z')).toBe('2026-10-26');
    const m = model({ completions: [completion(1, 1, '2026-03-29T21:30:00Z')] });
    expect(myTraining(m, m.roster[0]!, '2027-03-29', 30)[0]).toMatchObject({ status: 'går ut snart', expires: '2027-03-29' });
    expect(myTraining(m, m.roster[0]!, '2027-03-30', 30)[0]).toMatchObject({ status: 'utgången' });
  });
});

// ---- a small municipality -------------------------------------------------------------------

const DEPTS: Department[] = [
  { id: 1, title: 'Socialförvaltningen', code: 'SOC', manager: { id: 90, email: 'chef@k.se' } },
  { id: 2, title: 'IT-avdelningen', code: 'IT', manager: null },
] as unknown as Department[];

function course(id: number, fields: Partial<TrainingCourse> = {}): TrainingCourse {
  return {
    id,
    title: `Kurs ${id}`,
    audience: 'alla',
    audienceDepartments: [],
    mandatory: true,
    active: true,
    recertificationMonths: 12,
    recertificationFixedDate: null,
    courseUrl: null,
    created: '2020-01-01T10:00:00Z',
    ...fields,
  } as unknown as TrainingCourse;
}

function person(id: number, fields: Partial<StaffMember> & { dept?: number } = {}): StaffMember {
  const { dept = 1, ...rest } = fields;
  return {
    id,
    title: `Person ${id}`,
    email: `p${id}@k.se`,
    person: { id: 100 + id, email: `p${id}@k.se` },
    department: { id: dept },
    jobTitle: 'Handläggare',
    external: false,
    active: true,
    startDate: '2020-01-01T12:00:00Z',
    endDate: null,
    manager: null,
    ...rest,
  } as unknown as StaffMember;
}

function completion(personId: number, courseId: number, completedAt: string): TrainingCompletion {
  return {
    id: 0,
    person: { id: 100 + personId, email: `p${personId}@k.se` },
    course: { id: courseId },
    completedAt,
    expiresAt: null,
  } as unknown as TrainingCompletion;
}

function model(input: { courses?: TrainingCourse[]; staff?: StaffMember[]; completions?: TrainingCompletion[]; systems?: SystemRecord[] }) {
  return trainingModel({
    courses: input.courses ?? [course(1)],
    staff: input.staff ?? [person(1)],
    completions: input.completions ?? [],
    departments: DEPTS,
    systems: input.systems ?? [],
    leadDays: 30,
  });
}

describe('audience', () => {
  const staff = [
    person(1),
    person(2, { jobTitle: 'Enhetschef' }),
    person(3, { dept: 2, jobTitle: 'Tekniker' }),
    person(4, { external: true, jobTitle: 'Konsult, IT-drift' }),
    person(5, { external: true, jobTitle: 'Ledamot, kommunstyrelsen' }),
    person(6, { manager: { id: 107, email: 'p7@k.se' } }),
    person(7),
    person(8),
  ];
  const systems = [
    { id: 1, lifecycleStatus: 'i drift', systemOwner: { id: 108, email: 'P8@k.se' }, systemAdministrator: null },
    { id: 2, lifecycleStatus: 'avvecklad', systemOwner: { id: 101, email: 'p1@k.se' }, systemAdministrator: null },
  ] as unknown as SystemRecord[];
  const audiences = ['alla', 'chefer', 'IT', 'systemägare och förvaltare', 'externa', 'förtroendevalda'] as const;
  const courses = audiences.map((a, i) => course(i + 1, { title: a, audience: a }));
  const m = model({ courses, staff, systems });
  const who = (title: string) =>
    m.roster.filter((p) => myTraining(m, p, '2026-06-01', 30).some((r) => r.course.title === title)).map((p) => p.id);

  it('each group: chefer by title, staff rows or heading a förvaltning; IT by unit or title; owners of systems in use', () => {
    expect(who('alla')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(who('chefer')).toEqual([2, 7]);
    expect(who('IT')).toEqual([3, 4]);
    expect(who('systemägare och förvaltare')).toEqual([8]);
    expect(who('externa')).toEqual([4, 5]);
    expect(who('förtroendevalda')).toEqual([5]);
  });

  it('a course for some förvaltningar applies only there', () => {
    const m2 = model({ courses: [course(1, { audience: 'förvaltningar', audienceDepartments: [{ id: 2 }] as never })], staff });
    expect(m2.roster.filter((p) => myTraining(m2, p, '2026-06-01', 30).length > 0).map((p) => p.id)).toEqual([3]);
  });
});

describe('compliance', () => {
  const TODAY = '2026-11-20';
  const staff = [
    person(1),
    person(2),
    person(3, { dept: 2 }),
    // Left: inactive (no date) and past their leave date — out of the denominator.
    person(4, { active: false }),
    person(5, { endDate: '2026-11-19T12:00:00Z' }),
    // Leaves tomorrow: still counted.
    person(6, { endDate: '2026-11-21T12:00:00Z' }),
    // Starts next month.
    person(7, { startDate: '2026-12-01T12:00:00Z' }),
  ];
  const courses = [
    course(1),
    course(2, { mandatory: false }),
    course(3, { audience: 'förvaltningar', audienceDepartments: [{ id: 2 }] as never }),
  ];
  const completions = [
    completion(1, 1, '2026-01-10'), // valid until 2027-01-10: går ut snart (within 30 days of 11-20? no: 51 days) → giltig
    completion(2, 1, '2025-11-20'), // expires 2026-11-20: on the day, går ut snart (valid)
    completion(3, 1, '2026-05-01'), // valid; course 3 not done → not compliant
    completion(6, 1, '2025-11-19'), // expired yesterday
    completion(4, 1, '2026-05-01'),
  ];
  const m = model({ courses, staff, completions });
  const report = computeCompliance(m, { today: TODAY, leadDays: 30 });

  it('counts active staff with every mandatory course of theirs valid', () => {
    expect(report.total).toEqual({ staff: 4, valid: 2, share: 0.5 });
    expect(report.departments).toEqual([
      { departmentId: 2, department: 'IT-avdelningen', staff: 1, valid: 0, share: 0 },
      { departmentId: 1, department: 'Socialförvaltningen', staff: 3, valid: 2, share: 0.6667 },
    ]);
    expect(report.courses.map((c) => [c.course, c.staff, c.valid, c.soon])).toEqual([
      ['Kurs 1', 4, 3, 1],
      ['Kurs 3', 1, 0, 0],
    ]);
  });

  it('lists who is overdue or expiring, worst first', () => {
    expect(report.gaps.map((g) => [g.staffId, g.courseId, g.status, g.expires])).toEqual([
      [6, 1, 'utgången', '2026-11-19'],
      [3, 3, 'ej genomförd', null],
      [2, 1, 'går ut snart', '2026-11-20'],
    ]);
  });

  it('filters by förvaltning, audience and scope', () => {
    expect(computeCompliance(m, { today: TODAY, leadDays: 30, departmentId: 2 }).total).toEqual({ staff: 1, valid: 0, share: 0 });
    expect(computeCompliance(m, { today: TODAY, leadDays: 30, audience: 'externa' }).total).toEqual({ staff: 0, valid: 0, share: 0 });
    expect(computeCompliance(m, { today: TODAY, leadDays: 30, scope: (p) => p.id <= 2 }).total).toEqual({ staff: 2, valid: 2, share: 1 });
  });

  it('trend: the share at each of the last 12 month ends, with who was employed then', () => {
    expect(monthEnds('2026-11-20', 12)).toEqual([
      '2025-11-30',
      '2025-12-31',
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
      '2026-06-30',
      '2026-07-31',
      '2026-08-31',
      '2026-09-30',
      '2026-10-31',
    ]);
    expect(monthEnds('2024-03-05', 1)).toEqual(['2024-02-29']);
    const at = (month: string) => report.trend.find((t) => t.month === month)!;
    // 2025-11-30: persons 1–6 employed except 4 (inactive, no date) → 5; valid: 2 (from 11-20) and 6 (from 11-19) but 3 lacks course 3.
    expect(at('2025-11')).toMatchObject({ staff: 5, valid: 2 });
    // 2026-10-31: 1, 2, 3, 5, 6; valid 1, 2, 6 (6 expires 11-19).
    expect(at('2026-10')).toMatchObject({ staff: 5, valid: 3, share: 0.6 });
    expect(report.trend).toHaveLength(12);
  });

  it('employedOn: leave date is the last day counted', () => {
    const [p5] = m.roster.filter((p) => p.id === 5);
    expect(employedOn(p5!, '2026-11-19', TODAY)).toBe(true);
    expect(employedOn(p5!, '2026-11-20', TODAY)).toBe(false);
  });
});
