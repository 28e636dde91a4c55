import { describe, expect, it } from 'vitest';
import { stockholmInstant } from '../../../src/domain/calendar.js';
import {
  computeTasks,
  DEFAULT_TASK_SETTINGS,
  endOfStockholmDay,
  summariseTasks,
  TASK_RULES,
  taskSettingsFrom,
  tasksOf,
  type TaskData,
  type TaskSettings,
} from '../../../src/domain/tasks/index.js';
import type { Department, Incident, StaffMember, SystemRecord } from '../../../src/shared/schema/index.js';
import type { SecurityRequirement, SelfAssessment } from '../../../src/domain/tasks/index.js';

const OWNER = 'anna.owner@kommun.se';
const ADMIN = 'bo.admin@kommun.se';
const HEAD = 'chef@kommun.se';
const COORD = 'samordnare@kommun.se';

const meta = { etag: '"1"', created: '2024-01-10T09:00:00Z', modified: '2024-01-10T09:00:00Z', authorId: 1, editorId: 1 };
const date = (d: string) => `${d}T12:00:00Z`;

/** A complete, healthy running system (no task) as of 2026-12-04; tests break one thing at a time. */
function system(overrides: Partial<SystemRecord> = {}): SystemRecord {
  return {
    ...meta,
    id: 1,
    title: 'Ekonomisystem',
    description: null,
    department: { id: 10, title: 'Kommunstyrelseförvaltningen' },
    lifecycleStatus: 'i drift',
    decommissionPlan: null,
    systemOwner: { id: 2, title: 'Anna Ägare', email: OWNER },
    systemAdministrator: { id: 3, title: 'Bo Förvaltare', email: ADMIN },
    informationOwner: null,
    technicalContact: null,
    supplier: 'Leverantör AB',
    subSuppliers: null,
    hosting: 'SaaS',
    contractReference: 'AVT-1',
    contractEndDate: date('2029-12-31'),
    contractNoticeMonths: 6,
    contractSecurityRequirements: 'ja',
    costLicences: null,
    costOperation: null,
    costOther: null,
    confidentiality: 2,
    confidentialityReason: null,
    integrity: 3,
    integrityReason: 'Felaktiga utbetalningar',
    availability: 2,
    availabilityReason: null,
    traceability: 2,
    traceabilityReason: null,
    classificationDate: date('2025-06-01'),
    classifiedBy: null,
    klassaReference: null,
    personalData: true,
    sensitivePersonalData: false,
    criticality: 'verksamhetskritisk',
    acceptedDowntimeHours: 24,
    acceptableDataLossHours: 4,
    restorePriority: 2,
    continuityPlanUrl: 'https://intranat/kontinuitet',
    continuityPlanTestedDate: date('2026-06-01'),
    securityPlanUrl: null,
    lastReviewDate: date('2026-09-01'),
    lastReviewedBy: null,
    societallyCritical: false,
    societallyCriticalReason: null,
    systemType: 'verksamhetssystem',
    administrators: [],
    dependsOn: [],
    riskAnalysisDate: null,
    riskAnalysisUrl: null,
    restoreTimeObjectiveHours: 12,
    lastRestoreTestDate: date('2026-05-01'),
    externalId: null,
    systemVersion: null,
    documentationUrl: null,
    supplierOrgNumber: null,
    importNotes: null,
    ...overrides,
  } as SystemRecord;
}

const department = (manager: string | null = HEAD): Department =>
  ({
    ...meta,
    id: 10,
    title: 'Kommunstyrelseförvaltningen',
    code: 'KS',
    manager: manager ? { id: 9, email: manager, title: 'Chef' } : null,
  }) as Department;

function data(overrides: Partial<TaskData> = {}): TaskData {
  return {
    systems: [system()],
    departments: [department()],
    staff: [],
    requirements: [],
    assessments: [],
    incidents: [],
    coordinators: [COORD],
    ...overrides,
  };
}

/** Noon in Stockholm on a calendar day (the usual "now" of a test). */
const at = (y: number, m: number, d: number, h = 12, min = 0) => stockholmInstant(y, m, d, h, min);
const NOW = at(2026, 12, 4);

function run(d: TaskData, now = NOW, settings: TaskSettings = DEFAULT_TASK_SETTINGS) {
  return computeTasks(d, settings, now, TASK_RULES);
}
const rules = (d: TaskData, now = NOW, settings?: TaskSettings) => run(d, now, settings).map((t) => t.rule);

describe('a healthy system', () => {
  it('gives no task at all', () => {
    expect(run(data())).toEqual([]);
  });
  it('a decommissioned system gives none even with every gap', () => {
    expect(run(data({ systems: [system({ lifecycleStatus: 'avvecklad', systemOwner: null, lastReviewDate: null })] }))).toEqual([]);
  });
});

describe('register.review — yearly review', () => {
  const reviewed = (d: string) => data({ systems: [system({ lastReviewDate: date(d) })] });
  it('appears taskLeadDays (30) before the due date, not the day before that', () => {
    expect(rules(reviewed('2025-12-04'), at(2026, 11, 3))).not.toContain('register.review');
    const [task] = run(reviewed('2025-12-04'), at(2026, 11, 4, 0, 5));
    expect(task).toMatchObject({ rule: 'register.review', severity: 'låg', due: '2026-12-04T23:59:59+01:00' });
  });
  it('is due, not overdue, on the due day itself until midnight in Stockholm', () => {
    const [onDay] = run(reviewed('2025-12-04'), at(2026, 12, 4, 23, 30));
    expect(onDay).toMatchObject({ severity: 'låg', urgency: 'snart' });
    // 2026-12-04T23:30Z is already 00:30 on the 5th in Stockholm.
    const [after] = run(reviewed('2025-12-04'), new Date('2026-12-04T23:30:00Z'));
    expect(after).toMatchObject({ urgency: 'försenad', severity: 'hög' });
  });
  it('overdue on a non-critical system is medel, on a critical one hög', () => {
    const normal = data({ systems: [system({ lastReviewDate: date('2025-10-01'), criticality: 'övrig' })] });
    expect(run(normal)[0]).toMatchObject({ rule: 'register.review', severity: 'medel' });
  });
  it('follows the reviewIntervalMonths setting', () => {
    const settings = taskSettingsFrom({ reviewIntervalMonths: 24 });
    expect(rules(reviewed('2025-10-01'), NOW, settings)).not.toContain('register.review');
  });
  it('a review on a leap day is due on 28 February the year after', () => {
    const [task] = run(reviewed('2024-02-29'), at(2025, 2, 20));
    expect(task?.due).toBe('2025-02-28T23:59:59+01:00');
  });
  it('never reviewed: due a grace period after the system was created', () => {
    const [task] = run(data({ systems: [system({ lastReviewDate: null })] }));
    expect(task).toMatchObject({ rule: 'register.review', due: '2024-02-09T23:59:59+01:00', severity: 'hög' });
    expect(task?.reason).toContain('aldrig gåtts igenom');
  });
  it('links to the review on the system page and names owner and administrator', () => {
    const [task] = run(reviewed('2025-10-01'));
    expect(task).toMatchObject({ link: '/systems/1?action=review', assignees: [OWNER, ADMIN], subject: { list: 'systems', id: 1 } });
    expect(task?.reason).toBe(
      'Den årliga genomgången av Ekonomisystem skulle ha gjorts senast 2026-10-01 (senast genomgången 2025-10-01).',
    );
    expect(task?.reasonEn).toContain('yearly review of Ekonomisystem');
  });
});

describe('due instants across daylight saving time', () => {
  it('the end of a day carries that day’s offset', () => {
    expect(endOfStockholmDay('2026-03-28').toISOString()).toBe('2026-03-28T22:59:59.000Z');
    expect(endOfStockholmDay('2026-03-29').toISOString()).toBe('2026-03-29T21:59:59.000Z');
    expect(endOfStockholmDay('2026-10-25').toISOString()).toBe('2026-10-25T22:59:59.000Z');
  });
  it('a review due on the spring change-over day is written with +02:00', () => {
    const [task] = run(data({ systems: [system({ lastReviewDate: date('2025-03-29') })] }), at(2026, 3, 20));
    expect(task?.due).toBe('2026-03-29T23:59:59+02:00');
  });
});

describe('register.classification-*', () => {
  it('missing levels: one task, hög on a critical system', () => {
    const d = data({
      systems: [system({ confidentiality: null, integrity: null, availability: null, traceability: null, classificationDate: null })],
    });
    expect(run(d)).toMatchObject([{ rule: 'register.classification-missing', severity: 'hög', link: '/systems/1?action=classify' }]);
  });
  it('one aspect missing is incomplete', () => {
    expect(run(data({ systems: [system({ traceability: null })] }))[0]?.reason).toContain('ofullständig');
  });
  it('stale after classificationMaxAgeMonths, with a month-end clamp', () => {
    const settings = taskSettingsFrom({ classificationMaxAgeMonths: 1, taskLeadDays: 0 });
    const d = data({ systems: [system({ classificationDate: date('2026-01-31') })] });
    expect(rules(d, at(2026, 2, 28), settings)).toContain('register.classification-stale');
    expect(run(d, at(2026, 2, 28), settings).find((t) => t.rule === 'register.classification-stale')?.due).toBe(
      '2026-02-28T23:59:59+01:00',
    );
    expect(rules(d, at(2026, 2, 27), settings)).not.toContain('register.classification-stale');
  });
  it('levels 3 and 4 need a justification; level 2 does not', () => {
    expect(rules(data({ systems: [system({ integrityReason: null })] }))).toEqual(['register.classification-justification']);
    expect(rules(data({ systems: [system({ confidentiality: 2, confidentialityReason: null })] }))).toEqual([]);
    const [task] = run(data({ systems: [system({ integrityReason: '  ', availability: 4 })] }));
    expect(task?.reason).toContain('R3 (riktighet), T4 (tillgänglighet)');
  });
});

describe('register.continuity and restore tests (critical systems)', () => {
  it('a critical system without a continuity plan is hög; a non-critical one is not asked', () => {
    expect(run(data({ systems: [system({ continuityPlanUrl: null })] }))).toMatchObject([{ rule: 'register.continuity', severity: 'hög' }]);
    expect(rules(data({ systems: [system({ continuityPlanUrl: null, criticality: 'övrig' })] }))).toEqual([]);
  });
  it('samhällsviktig counts as critical', () => {
    expect(rules(data({ systems: [system({ continuityPlanUrl: null, criticality: 'övrig', societallyCritical: true })] }))).toEqual([
      'register.continuity',
    ]);
  });
  it('plan test: due 12 months after the last test, overdue the day after', () => {
    const d = data({ systems: [system({ continuityPlanTestedDate: date('2025-12-04') })] });
    expect(run(d, at(2026, 12, 4))[0]).toMatchObject({ rule: 'register.continuity', severity: 'låg', urgency: 'snart' });
    expect(run(d, at(2026, 12, 5))[0]).toMatchObject({ severity: 'hög', urgency: 'försenad' });
  });
  it('restore test: overdue after restoreTestIntervalMonths; never tested is a task', () => {
    expect(rules(data({ systems: [system({ lastRestoreTestDate: date('2025-11-01') })] }))).toEqual(['register.restore-test']);
    expect(run(data({ systems: [system({ lastRestoreTestDate: null })] }))[0]?.reason).toContain('aldrig testats');
  });
  it('accepted downtime or restore priority missing', () => {
    const [task] = run(data({ systems: [system({ acceptedDowntimeHours: null, restorePriority: null })] }));
    expect(task).toMatchObject({ rule: 'register.downtime-priority', severity: 'medel' });
    expect(task?.reason).toContain('accepterad avbrottstid och återställningsprioritet');
  });
});

describe('register.contract-*', () => {
  const ending = (end: string, notice: number | null) =>
    data({ systems: [system({ contractEndDate: date(end), contractNoticeMonths: notice })] });
  it('warns from notice period + contractWarningDays before the end, due at the last day to give notice', () => {
    // End 2027-03-31, 3 months' notice → decide by 2026-12-31; warn from 2026-10-02.
    expect(rules(ending('2027-03-31', 3), at(2026, 10, 1))).toEqual([]);
    const [task] = run(ending('2027-03-31', 3), at(2026, 10, 2));
    expect(task).toMatchObject({ rule: 'register.contract-ending', severity: 'medel', due: '2026-12-31T23:59:59+01:00' });
    expect(task?.reason).toContain('senast 2026-12-31');
  });
  it('hög once the notice date has passed, and when the contract has ended', () => {
    expect(run(ending('2027-03-31', 3), at(2027, 1, 1))[0]?.severity).toBe('hög');
    const [ended] = run(ending('2026-11-30', 0));
    expect(ended).toMatchObject({ severity: 'hög', due: '2026-11-30T23:59:59+01:00' });
    expect(ended?.reason).toContain('löpte ut 2026-11-30');
  });
  it('a contract without security requirements, or not recorded', () => {
    expect(rules(data({ systems: [system({ contractSecurityRequirements: 'nej' })] }))).toEqual(['register.contract-security']);
    expect(run(data({ systems: [system({ contractSecurityRequirements: null })] }))[0]?.reason).toContain('inte angivet');
    expect(
      rules(
        data({ systems: [system({ contractSecurityRequirements: null, supplier: null, contractReference: null, contractEndDate: null })] }),
      ),
    ).toEqual([]);
  });
});

describe('register.owner / register.administrator', () => {
  it('no owner: the head of the förvaltning is asked to appoint one (hög)', () => {
    const tasks = run(data({ systems: [system({ systemOwner: null })] }));
    expect(tasks.find((t) => t.rule === 'register.owner')).toMatchObject({
      assignees: [HEAD],
      severity: 'hög',
      link: '/systems/1?edit=ansvar',
    });
  });
  it('owner has left (inactive in Personal): a new owner; their other tasks go to the administrator', () => {
    const staff = [
      { ...meta, id: 5, title: 'Anna', email: OWNER, person: null, active: false, endDate: date('2026-10-31') },
    ] as unknown as StaffMember[];
    const tasks = run(data({ systems: [system({ lastReviewDate: date('2025-10-01') })], staff }));
    expect(tasks.find((t) => t.rule === 'register.owner')?.reason).toContain('har slutat');
    expect(tasks.find((t) => t.rule === 'register.review')?.assignees).toEqual([ADMIN]);
  });
  it('a leave date in the past counts as left even while the account is still active; today does not', () => {
    const staff = (end: string) =>
      [{ ...meta, id: 5, title: 'Anna', email: OWNER, person: null, active: true, endDate: date(end) }] as unknown as StaffMember[];
    expect(rules(data({ staff: staff('2026-12-03') }))).toContain('register.owner');
    expect(rules(data({ staff: staff('2026-12-04') }))).not.toContain('register.owner');
  });
  it('no head of förvaltning (or the head left): the security coordinators', () => {
    expect(run(data({ systems: [system({ systemOwner: null })], departments: [department(null)] }))[0]?.assignees).toEqual([COORD]);
    const headLeft = [
      { ...meta, id: 6, title: 'Chef', email: HEAD, person: null, active: false, endDate: null },
    ] as unknown as StaffMember[];
    expect(run(data({ systems: [system({ systemOwner: null })], staff: headLeft }))[0]?.assignees).toEqual([COORD]);
  });
  it('no administrator: the owner appoints one (medel)', () => {
    expect(run(data({ systems: [system({ systemAdministrator: null })] }))).toMatchObject([
      { rule: 'register.administrator', assignees: [OWNER], severity: 'medel' },
    ]);
  });
  it('a planned system already needs owner and administrator, nothing else', () => {
    const planned = system({ lifecycleStatus: 'planerad', systemOwner: null, lastReviewDate: null, continuityPlanUrl: null });
    expect(rules(data({ systems: [planned] }))).toEqual(['register.owner']);
  });
});

describe('register.requirements — the handlingsplan', () => {
  const req = (id: number, aspect: 'K' | 'R' | 'T' | 'S', fromLevel: number) =>
    ({
      ...meta,
      id,
      title: `Krav ${id}`,
      code: `K-${id}`,
      description: null,
      aspect,
      fromLevel,
      area: null,
      active: true,
    }) as SecurityRequirement;
  const assessment = (requirement: number, status: SelfAssessment['status']) =>
    ({
      ...meta,
      id: 100 + requirement,
      title: null,
      system: { id: 1 },
      requirement: { id: requirement },
      status,
      comment: null,
      assessedBy: null,
      assessedAt: null,
      assessmentKey: `1:${requirement}`,
    }) as SelfAssessment;
  const requirements = [req(1, 'R', 3), req(2, 'K', 3)];
  it('applicable requirements not met or not assessed form one task per system', () => {
    const [task] = run(data({ requirements, assessments: [assessment(1, 'ej uppfyllt')] }));
    expect(task).toMatchObject({ rule: 'register.requirements', link: '/systems/1/requirements', severity: 'hög' });
    expect(task?.reason).toBe('Handlingsplanen för Ekonomisystem har 1 öppet säkerhetskrav (1 ej uppfyllt).');
  });
  it('met ones settle it; a requirement above the system’s levels does not apply', () => {
    expect(rules(data({ requirements, assessments: [assessment(1, 'uppfyllt')] }))).toEqual([]);
    expect(rules(data({ requirements: [req(3, 'T', 3)] }))).toEqual([]);
    expect(rules(data({ requirements: [req(3, 'T', 2)] }))).toEqual(['register.requirements']);
  });
  it('does not escalate: without owner and administrator, appointing them is the task', () => {
    const orphan = system({ systemOwner: null, systemAdministrator: null });
    expect(rules(data({ systems: [orphan], requirements }))).toEqual(['register.owner', 'register.administrator']);
  });
});

describe('register.open-incident', () => {
  const incident = (overrides: Partial<Incident>) =>
    ({
      ...meta,
      id: 7,
      title: 'Nätverket nere',
      referenceNumber: 'INC-2026-0007',
      status: 'ny',
      severity: 'hög',
      mainSystem: { id: 1 },
      reportedAt: '2026-12-01T08:00:00Z',
      closedAt: null,
      ...overrides,
    }) as Incident;
  it('an open incident on my system is a task for owner and administrator', () => {
    expect(run(data({ incidents: [incident({})] }))).toMatchObject([
      {
        id: 'register.open-incident:incidents:7',
        assignees: [OWNER, ADMIN],
        severity: 'hög',
        link: '/incidents/7',
        due: '2026-12-08T23:59:59+01:00',
      },
    ]);
  });
  it('a closed one is not', () => {
    expect(run(data({ incidents: [incident({ status: 'avslutad' })] }))).toEqual([]);
    expect(run(data({ incidents: [incident({ closedAt: '2026-12-02T10:00:00Z' })] }))).toEqual([]);
  });
});

describe('the engine', () => {
  const gappy = () =>
    data({
      systems: [
        system({ id: 1, lastReviewDate: date('2025-10-01') }),
        system({ id: 2, title: 'Skolplattform', systemOwner: null, continuityPlanUrl: null }),
      ],
    });
  it('gives the same ids on every run and for the same gap at another moment', () => {
    const a = run(gappy(), at(2026, 12, 4));
    const b = run(gappy(), at(2026, 12, 20));
    expect(a.map((t) => t.id)).toEqual(b.map((t) => t.id));
    expect(new Set(a.map((t) => t.id)).size).toBe(a.length);
    expect(a.map((t) => t.id)).toContain('register.review:systems:1');
  });
  it('sorts by due, then severity', () => {
    const tasks = run(gappy());
    const dues = tasks.map((t) => Date.parse(t.due));
    expect([...dues].sort((x, y) => x - y)).toEqual(dues);
  });
  it('tasksOf is case-insensitive on the sign-in name', () => {
    expect(tasksOf(run(gappy()), 'Anna.Owner@Kommun.se').map((t) => t.id)).toEqual(['register.review:systems:1']);
  });
  it('settings: junk falls back to the defaults, numbers as text are read', () => {
    expect(taskSettingsFrom({ reviewIntervalMonths: 'tolv', taskLeadDays: '14', contractWarningDays: -5 })).toEqual({
      ...DEFAULT_TASK_SETTINGS,
      taskLeadDays: 14,
    });
  });
  it('summary counts per förvaltning and rule with the oldest overdue, and filters', () => {
    const tasks = run(gappy());
    const overview = summariseTasks(tasks, NOW, { filter: { rule: 'register.owner' } });
    expect(overview.total).toBe(tasks.length);
    expect(overview.byDepartment).toEqual([
      expect.objectContaining({ key: '10', total: tasks.length, overdue: tasks.filter((t) => t.urgency === 'försenad').length }),
    ]);
    expect(overview.byDepartment[0]?.oldestOverdue).toBe(tasks[0]?.due);
    expect(overview.tasks.map((t) => t.rule)).toEqual(['register.owner']);
    expect(overview.matching).toBe(1);
    expect(overview.systemsWithTasks).toEqual([2]);
    expect(summariseTasks(tasks, NOW).systemsWithTasks).toEqual([1, 2]);
    expect(summariseTasks(tasks, NOW, { filter: { person: HEAD } }).tasks.every((t) => t.assignees.includes(HEAD))).toBe(true);
  });
});
