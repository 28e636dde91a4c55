/**
 * Devices and subscriptions when people leave or move, and the managers' yearly review: the tasks
 * the people rules give, at their date boundaries (Stockholm calendar days).
 */
import { describe, expect, it } from 'vitest';
import { stockholmInstant } from '../../../src/domain/calendar.js';
import {
  DEFAULT_TASK_SETTINGS,
  PEOPLE_RULES,
  computeTasks,
  deviceReviewDates,
  leaverDecision,
  taskSettingsFrom,
  type Device,
  type TaskData,
} from '../../../src/domain/tasks/index.js';
import type { StaffMember } from '../../../src/shared/schema/index.js';

const MANAGER = 'maja.chef@kommun.se';
const HEAD = 'forvaltningschef@kommun.se';
const COORD = 'samordnare@kommun.se';
const meta = { etag: '"1"', created: '2024-01-10T09:00:00Z', modified: '2024-01-10T09:00:00Z', authorId: 1, editorId: 1 };
const date = (d: string) => `${d}T12:00:00Z`;

function staff(id: number, email: string, overrides: Partial<StaffMember> = {}): StaffMember {
  return {
    ...meta,
    id,
    title: email.split('@')[0]!.replace('.', ' '),
    person: null,
    email,
    department: { id: 10, title: 'Barn- och utbildningsförvaltningen' },
    jobTitle: null,
    external: false,
    active: true,
    startDate: date('2020-01-01'),
    endDate: null,
    manager: { id: 5, title: 'Maja Chef', email: MANAGER },
    previousDepartment: null,
    movedAt: null,
    ...overrides,
  } as StaffMember;
}

function device(id: number, holder: string, overrides: Partial<Device> = {}): Device {
  return {
    ...meta,
    id,
    title: 'Bärbar dator',
    kind: 'dator',
    identifier: `SN-${id}`,
    model: 'Lenovo T14',
    purchaseDate: date('2024-03-01'),
    holder: null,
    holderEmail: holder,
    cost: 4000,
    status: 'i bruk',
    confirmedAt: null,
    confirmedBy: null,
    notes: null,
    ...overrides,
  } as Device;
}

function data(people: StaffMember[], devices: Device[]): TaskData {
  return {
    systems: [],
    departments: [
      { ...meta, id: 10, title: 'Barn- och utbildningsförvaltningen', manager: { id: 6, title: 'Chef', email: HEAD } } as never,
    ],
    staff: people,
    requirements: [],
    assessments: [],
    incidents: [],
    coordinators: [COORD],
    devices,
  };
}

const at = (y: number, m: number, d: number) => stockholmInstant(y, m, d, 10);
const rule = (id: string) => PEOPLE_RULES.filter((r) => r.id === id);
const run = (d: TaskData, now: Date, only = 'people.leaver-devices') => computeTasks(d, DEFAULT_TASK_SETTINGS, now, rule(only));

describe('when someone leaves', () => {
  const kim = (endDate: string | null, active = true) => staff(1, 'kim.larare@kommun.se', { endDate: endDate && date(endDate), active });
  const held = [
    device(1, 'kim.larare@kommun.se'),
    device(2, 'kim.larare@kommun.se', { title: 'Mobiltelefon', kind: 'mobiltelefon', model: 'iPhone 8', purchaseDate: date('2018-05-02') }),
    device(3, 'kim.larare@kommun.se', { title: 'Mobilabonnemang', kind: 'abonnemang', model: null, identifier: '070-123 45 67' }),
    device(4, 'kim.larare@kommun.se', { title: 'Gammal dator', status: 'återlämnad' }),
  ];

  it('tells the manager each device and subscription with the decision, from the lead time before the last day', () => {
    // 30 days' lead: the day before it nothing, on it the task.
    expect(run(data([kim('2027-01-31')], held), at(2026, 12, 31))).toEqual([]);
    const [task] = run(data([kim('2027-01-31')], held), at(2027, 1, 1));
    expect(task).toMatchObject({
      rule: 'people.leaver-devices',
      assignees: [MANAGER],
      due: '2027-01-31T23:59:59+01:00',
      severity: 'hög',
      link: '/devices?person=1',
      subject: { list: 'staff', id: 1 },
    });
    expect(task!.reason).toBe(
      'kim larare slutar och har 3 enheter och abonnemang kvar: Bärbar dator Lenovo T14 SN-1 – lämna till IT för ominstallation; ' +
        'Mobiltelefon iPhone 8 SN-2 – skrota (äldre än 4 år); Mobilabonnemang 070-123 45 67 – avsluta eller flytta abonnemanget.',
    );
  });

  it('is overdue once the last day has passed, due today for an account closed without a date, and gone when everything is handed back', () => {
    expect(run(data([kim('2027-01-31')], held), at(2027, 2, 3))[0]).toMatchObject({
      urgency: 'försenad',
      due: '2027-01-31T23:59:59+01:00',
    });
    const [task] = run(data([kim(null, false)], held), at(2027, 2, 3));
    expect(task).toMatchObject({ urgency: 'snart', due: '2027-02-03T23:59:59+01:00' });
    const handedBack = held.map((d) => ({ ...d, status: d.kind === 'abonnemang' ? 'avslutad' : 'återlämnad' }) as Device);
    expect(run(data([kim(null, false)], handedBack), at(2027, 2, 3))).toEqual([]);
  });

  it('goes to the head of the förvaltning when the manager has left too, and to the coordinators without either', () => {
    const manager = staff(9, MANAGER, { active: false, manager: null });
    expect(run(data([kim('2027-01-10'), manager], held), at(2027, 1, 5))[0]!.assignees).toEqual([HEAD]);
    const d = data([kim('2027-01-10', true)], held);
    const headless = { ...d, staff: [{ ...kim('2027-01-10'), manager: null }], departments: [] };
    expect(run(headless, at(2027, 1, 5))[0]!.assignees).toEqual([COORD]);
  });

  it('scraps at exactly four years, reinstalls the day before', () => {
    const laptop = device(1, 'x@kommun.se', { purchaseDate: date('2023-02-28') });
    expect(leaverDecision(laptop, '2027-02-27').sv).toBe('lämna till IT för ominstallation');
    expect(leaverDecision(laptop, '2027-02-28').sv).toBe('skrota (äldre än 4 år)');
    // Bought on a leap day: four years on is the last day of February.
    const leap = device(2, 'x@kommun.se', { purchaseDate: date('2024-02-29') });
    expect(leaverDecision(leap, '2028-02-28').sv).toBe('lämna till IT för ominstallation');
    expect(leaverDecision(leap, '2028-02-29').sv).toBe('skrota (äldre än 4 år)');
  });
});

describe('when someone moves to another förvaltning', () => {
  const moved = staff(2, 'ola.ekonom@kommun.se', {
    movedAt: date('2026-11-20'),
    previousDepartment: { id: 11, title: 'Socialförvaltningen' },
  });
  it('asks the manager to decide and confirm within 30 days; a confirmation after the move closes it', () => {
    const mover = (d: TaskData, now: Date) => run(d, now, 'people.mover-devices');
    const [task] = mover(data([moved], [device(7, 'ola.ekonom@kommun.se')]), at(2026, 12, 4));
    expect(task).toMatchObject({ rule: 'people.mover-devices', assignees: [MANAGER], due: '2026-12-20T23:59:59+01:00', urgency: 'snart' });
    expect(task!.reason).toContain('har bytt förvaltning från Socialförvaltningen');
    const confirmed = device(7, 'ola.ekonom@kommun.se', { confirmedAt: '2026-11-25T08:00:00Z' });
    expect(mover(data([moved], [confirmed]), at(2026, 12, 4))).toEqual([]);
    // After the 90 days' follow-up the move is history.
    expect(mover(data([moved], [device(7, 'ola.ekonom@kommun.se')]), at(2027, 2, 18))).toHaveLength(1);
    expect(mover(data([moved], [device(7, 'ola.ekonom@kommun.se')]), at(2027, 2, 19))).toEqual([]);
  });
});

describe("the managers' yearly review", () => {
  const team = [staff(1, 'a@kommun.se'), staff(2, 'b@kommun.se'), staff(3, MANAGER, { manager: null })];
  const devices = [device(1, 'a@kommun.se'), device(2, 'a@kommun.se'), device(3, 'b@kommun.se')];
  it('appears 30 days before the review date, one per manager, and is done when all are confirmed since last year', () => {
    const review = (d: TaskData, now: Date) => run(d, now, 'people.devices-yearly');
    expect(review(data(team, devices), at(2026, 8, 31))).toEqual([]);
    const [task] = review(data(team, devices), at(2026, 9, 1));
    expect(task).toMatchObject({ rule: 'people.devices-yearly', assignees: [MANAGER], due: '2026-10-01T23:59:59+02:00', link: '/devices' });
    expect(task!.reason).toContain('3 att bekräfta hos 2 personer');
    // Last year's confirmation (on the review date itself) does not count for this year.
    const lastYear = devices.map((d) => ({ ...d, confirmedAt: '2025-10-01T09:00:00Z' }));
    expect(review(data(team, lastYear), at(2026, 9, 15))).toHaveLength(1);
    const thisYear = devices.map((d) => ({ ...d, confirmedAt: '2026-09-10T09:00:00Z' }));
    expect(review(data(team, thisYear), at(2026, 9, 15))).toEqual([]);
  });

  it('takes its date from the setting; a nonsensical one keeps the default', () => {
    expect(taskSettingsFrom({ deviceReviewDate: '03-15' }).deviceReviewDate).toBe('03-15');
    expect(taskSettingsFrom({ deviceReviewDate: '13-40' }).deviceReviewDate).toBe('10-01');
    expect(deviceReviewDates('2026-12-04', '03-15')).toEqual({ current: '2026-03-15', previous: '2025-03-15' });
  });
});
