/**
 * The training task rules on a small municipality with known answers, and the digest's weekly
 * rhythm for them: an overdue training task is repeated after seven days at the earliest even when
 * notificationRepeatDays says fewer.
 */
import { describe, expect, it } from 'vitest';
import { computeTasks, DEFAULT_TASK_SETTINGS, TASK_RULES, type Task, type TaskData } from '../../../src/domain/tasks/index.js';
import { planDigests } from '../../../src/domain/notifications.js';
import type { Department, StaffMember, SystemRecord, TrainingCompletion, TrainingCourse } from '../../../src/shared/schema/index.js';

const NOW = new Date('2026-11-20T09:00:00Z');
const COORD = 'samordnare@k.se';

const course = (id: number, fields: Partial<TrainingCourse> = {}) =>
  ({
    id,
    title: `Kurs ${id}`,
    audience: 'alla',
    audienceDepartments: [],
    mandatory: true,
    active: true,
    recertificationMonths: 12,
    created: '2020-01-01T10:00:00Z',
    ...fields,
  }) as unknown as TrainingCourse;
const staff = (id: number, fields: Partial<StaffMember> = {}) =>
  ({
    id,
    title: `Person ${id}`,
    email: `p${id}@k.se`,
    person: { id: 100 + id, email: `p${id}@k.se` },
    department: { id: 1 },
    jobTitle: 'Handläggare',
    external: false,
    active: true,
    startDate: '2020-01-01T12:00:00Z',
    endDate: null,
    manager: null,
    ...fields,
  }) as unknown as StaffMember;
const done = (personId: number, courseId: number, completedAt: string) =>
  ({
    id: 0,
    person: { id: 100 + personId, email: `p${personId}@k.se` },
    course: { id: courseId },
    completedAt,
    expiresAt: null,
  }) as unknown as TrainingCompletion;

function run(input: Partial<TaskData>): Task[] {
  const data: TaskData = {
    systems: [],
    departments: [{ id: 1, title: 'Socialförvaltningen', code: 'SOC', manager: null } as unknown as Department],
    staff: [],
    requirements: [],
    assessments: [],
    incidents: [],
    coordinators: [COORD],
    ...input,
  };
  return computeTasks(data, DEFAULT_TASK_SETTINGS, NOW, TASK_RULES).filter((t) => t.rule.startsWith('training.'));
}

describe('training tasks', () => {
  const courses = [course(1), course(2, { title: 'Introduktion för externa', audience: 'externa' })];

  it('my mandatory training: one task per person listing each course expired, expiring or never done', () => {
    const tasks = run({
      courses,
      staff: [staff(1), staff(2), staff(3), staff(4, { active: false })],
      completions: [done(1, 1, '2025-11-10'), done(2, 1, '2025-12-10'), done(3, 1, '2026-10-01')],
    });
    expect(tasks.map((t) => [t.id, t.assignees, t.due.slice(0, 10), t.severity, t.urgency])).toEqual([
      ['training.mandatory:staff:1', ['p1@k.se'], '2026-11-10', 'medel', 'försenad'],
      ['training.mandatory:staff:2', ['p2@k.se'], '2026-12-10', 'låg', 'snart'],
    ]);
    expect(tasks[0]!.reason).toBe('Din obligatoriska utbildning: Kurs 1 gick ut 2026-11-10. Gå utbildningen under Min utbildning.');
    expect(tasks[0]!.link).toBe('/training');
  });

  it('a new hire who never took the course is due start + the grace period', () => {
    const tasks = run({ courses: [course(1)], staff: [staff(1, { startDate: '2026-11-10T12:00:00Z' })], completions: [] });
    expect(tasks.map((t) => [t.id, t.due.slice(0, 10), t.reason])).toEqual([
      [
        'training.mandatory:staff:1',
        '2026-12-10',
        'Din obligatoriska utbildning: Kurs 1 är inte genomförd. Gå utbildningen under Min utbildning.',
      ],
    ]);
  });

  it('an external with access but without the introduction: to the coordinators, due from the start', () => {
    const tasks = run({
      courses,
      staff: [
        staff(5, { external: true, jobTitle: 'Konsult', startDate: '2026-10-01T12:00:00Z' }),
        staff(6, { external: true, jobTitle: 'Konsult', startDate: '2026-10-01T12:00:00Z' }),
      ],
      completions: [done(5, 1, '2026-10-02'), done(6, 1, '2026-10-02'), done(6, 2, '2026-10-02')],
    });
    const external = tasks.filter((t) => t.rule === 'training.external');
    expect(external.map((t) => [t.id, t.assignees, t.due.slice(0, 10), t.severity])).toEqual([
      ['training.external:staff:5', [COORD], '2026-10-01', 'hög'],
    ]);
    expect(external[0]!.link).toBe('/training#uppfoljning');
  });

  it('a system owner whose training lapsed: on the system, to them only', () => {
    const systems = [
      {
        id: 12,
        title: 'Procapita',
        lifecycleStatus: 'i drift',
        department: { id: 1 },
        systemOwner: { id: 101, email: 'p1@k.se' },
        systemAdministrator: { id: 102, email: 'p2@k.se' },
      },
      { id: 13, title: 'Gammalt', lifecycleStatus: 'avvecklad', systemOwner: { id: 101, email: 'p1@k.se' }, systemAdministrator: null },
    ] as unknown as SystemRecord[];
    const tasks = run({
      courses,
      systems,
      staff: [staff(1), staff(2)],
      completions: [done(1, 1, '2025-11-10'), done(2, 1, '2026-05-10')],
    });
    const onSystem = tasks.filter((t) => t.rule === 'training.system-people');
    expect(onSystem.map((t) => [t.id, t.assignees, t.subject.list, t.subject.id])).toEqual([
      ['training.system-people:systems:12:p1@k.se', ['p1@k.se'], 'systems', 12],
    ]);
    expect(onSystem[0]!.reason).toContain('Som systemägare för Procapita');
  });
});

describe('weekly rhythm', () => {
  const overdue = (rule: string): Task => ({
    id: `${rule}:staff:1`,
    rule,
    assignees: ['p1@k.se'],
    due: '2026-11-10T23:59:59+01:00',
    severity: 'medel',
    reason: 'x',
    reasonEn: 'x',
    link: '/training',
    subject: { list: 'staff', id: 1, title: 'P' },
    department: null,
    urgency: 'försenad',
  });
  const told = (id: string, day: string) => [
    { recipient: 'p1@k.se', taskIds: [id], sentAt: `${day}T08:00:00Z`, status: 'skickad' as const },
  ];

  it('an overdue training task is repeated after 7 days even when the setting says 2', () => {
    const t = overdue('training.mandatory');
    expect(planDigests({ tasks: [t], sent: told(t.id, '2026-11-14'), repeatDays: 2, now: NOW })).toEqual([]);
    expect(planDigests({ tasks: [t], sent: told(t.id, '2026-11-13'), repeatDays: 2, now: NOW })).toHaveLength(1);
    const other = overdue('register.review');
    expect(planDigests({ tasks: [other], sent: told(other.id, '2026-11-17'), repeatDays: 2, now: NOW })).toHaveLength(1);
  });
});
