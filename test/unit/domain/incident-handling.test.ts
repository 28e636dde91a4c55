/**
 * Incident handling rules: the severity model at its boundaries, the legal clocks (DST, month ends,
 * sent / late / not required / waiting), the workflow, sequential reference numbers across the
 * Stockholm year boundary, and the deadline tasks the engine derives from the clocks.
 */
import { describe, expect, it } from 'vitest';
import { stockholmInstant, toStockholmIso } from '../../../src/domain/calendar.js';
import { applySeverityOverride, assessIncidentSeverity, type SeverityInput } from '../../../src/domain/incident-severity.js';
import { legalClocks, legalDeadlinesFrom, outstandingClocks, type ClockEntry } from '../../../src/domain/legal-clocks.js';
import { canTransition, closeProblems, nextStatuses } from '../../../src/domain/incident-workflow.js';
import { incidentReferencePrefix, nextIncidentReference } from '../../../src/domain/incident-reference.js';
import { computeTasks, DEFAULT_TASK_SETTINGS, TASK_RULES, tasksOf, type TaskData } from '../../../src/domain/tasks/index.js';
import { ruleLabel } from '../../../src/domain/tasks/index.js';
import type { Incident, TimelineEntry } from '../../../src/shared/schema/index.js';

const NOW = '2026-11-20T09:00:00Z';
const assess = (over: Partial<SeverityInput> = {}) =>
  assessIncidentSeverity({ systems: [], scope: null, personalDataInvolved: 'nej', ongoing: false, now: NOW, ...over });

describe('severity model', () => {
  it('nothing known gives låg/P4, with reasons in Swedish and English', () => {
    const a = assess();
    expect([a.severity, a.priority]).toEqual(['låg', 'P4']);
    expect(a.reasons.length).toBeGreaterThan(0);
    for (const r of a.reasons) expect(r.sv && r.en).toBeTruthy();
  });

  it('the highest K/R/T level sets the floor: 1 → låg, 2 → medel, 3 → hög, 4 → kritisk (traceability does not count)', () => {
    const at = (level: number) => assess({ systems: [{ title: 'S', confidentiality: 1, integrity: level, availability: 1 }] }).severity;
    expect([1, 2, 3, 4].map(at)).toEqual(['låg', 'medel', 'hög', 'kritisk']);
    expect(
      assess({
        systems: [
          { title: 'S', availability: 3 },
          { title: 'T', confidentiality: 4 },
        ],
      }).priority,
    ).toBe('P1');
  });

  it('criticality, scope and personal data raise the floor', () => {
    expect(assess({ systems: [{ criticality: 'verksamhetskritisk' }] }).severity).toBe('medel');
    expect(assess({ systems: [{ criticality: 'övrig' }] }).severity).toBe('låg');
    expect(assess({ scope: 'en enhet' }).severity).toBe('låg');
    expect(assess({ scope: 'en förvaltning' }).severity).toBe('medel');
    expect(assess({ scope: 'flera förvaltningar' }).severity).toBe('hög');
    expect(assess({ scope: 'invånare eller andra utanför kommunen' }).severity).toBe('hög');
    expect(assess({ scope: 'invånare eller andra utanför kommunen', systems: [{ societallyCritical: true }] }).severity).toBe('kritisk');
    expect(assess({ personalDataInvolved: 'ja' }).severity).toBe('medel');
    const unknown = assess({ personalDataInvolved: 'vet ej' });
    expect(unknown.severity).toBe('låg');
    expect(unknown.reasons.some((r) => /IMY/.test(r.sv))).toBe(true);
  });

  it('one step up exactly when an ongoing incident reaches the smallest accepted downtime', () => {
    const systems = [
      { title: 'A', availability: 2, acceptedDowntimeHours: 8 },
      { title: 'B', availability: 1, acceptedDowntimeHours: 4 },
    ];
    const since = (hours: number) => new Date(Date.parse(NOW) - hours * 3_600_000).toISOString();
    expect(assess({ systems, ongoing: true, awareAt: since(3.99) }).severity).toBe('medel');
    const reached = assess({ systems, ongoing: true, awareAt: since(4) });
    expect([reached.severity, reached.acceptedDowntimeHours, reached.elapsedHours]).toEqual(['hög', 4, 4]);
    // Unknown "ongoing" counts as ongoing; over is over.
    expect(assess({ systems, ongoing: null, awareAt: since(5) }).severity).toBe('hög');
    expect(assess({ systems, ongoing: false, awareAt: since(50) }).severity).toBe('medel');
    // Never above kritisk.
    expect(assess({ systems: [{ confidentiality: 4, acceptedDowntimeHours: 1 }], ongoing: true, awareAt: since(2) }).severity).toBe(
      'kritisk',
    );
  });

  it('an override needs a non-empty justification when it differs from the model', () => {
    const model = { severity: 'medel', priority: 'P3' } as const;
    expect(applySeverityOverride(model, {})).toEqual({ ok: true, severity: 'medel', priority: 'P3', overridden: false });
    expect(applySeverityOverride(model, { severity: 'medel', priority: 'P3' })).toMatchObject({ ok: true, overridden: false });
    expect(applySeverityOverride(model, { severity: 'hög' })).toEqual({ ok: false, problem: 'justificationMissing' });
    expect(applySeverityOverride(model, { priority: 'P1', justification: '   ' })).toEqual({ ok: false, problem: 'justificationMissing' });
    expect(applySeverityOverride(model, { severity: 'hög', justification: 'Politiskt känsligt.' })).toEqual({
      ok: true,
      severity: 'hög',
      priority: 'P3',
      overridden: true,
    });
  });
});

const RULES = legalDeadlinesFrom([
  { regime: 'NIS2 tidig varning', from: 'awareAt', hours: 24, to: 'CSIRT (CERT-SE)', when: 'nis2Significant' },
  { regime: 'NIS2 incidentanmälan', from: 'awareAt', hours: 72, to: 'CSIRT (CERT-SE)', when: 'nis2Significant' },
  { regime: 'NIS2 slutrapport', from: 'nis2Notification', months: 1, to: 'CSIRT (CERT-SE)', when: 'nis2Significant' },
  { regime: 'GDPR anmälan till IMY', from: 'awareAt', hours: 72, to: 'IMY', when: 'personalDataInvolved' },
]);
const clock = (regime: string, clocks: ReturnType<typeof legalClocks>) => clocks.find((c) => c.regime === regime)!;
const sent = (legalReport: string, at: string, extra: Partial<ClockEntry> = {}): ClockEntry => ({
  kind: 'myndighetsrapport',
  legalReport,
  at,
  ...extra,
});

describe('legal clocks', () => {
  it('reads the setting, leaving out what is not well formed', () => {
    expect(RULES).toHaveLength(4);
    expect(legalDeadlinesFrom([{ regime: 'X', from: 'awareAt', to: 'Y', when: 'nis2Significant' }])).toEqual([]);
    expect(legalDeadlinesFrom([{ regime: 'X', from: 'later', hours: 1, to: 'Y', when: 'nis2Significant' }])).toEqual([]);
    expect(legalDeadlinesFrom('nonsense')).toEqual([]);
  });

  it('72 h across the October change-over: aware 2026-10-24 10:00 Stockholm → due 2026-10-27 09:00 Stockholm', () => {
    const awareAt = stockholmInstant(2026, 10, 24, 10);
    const clocks = legalClocks(
      RULES,
      { awareAt, personalDataInvolved: 'ja', nis2Significant: 'ja' },
      [],
      stockholmInstant(2026, 10, 25, 12),
    );
    expect(clock('GDPR anmälan till IMY', clocks)).toMatchObject({ due: '2026-10-27T09:00:00+01:00', state: 'kommande', to: 'IMY' });
    expect(clock('NIS2 incidentanmälan', clocks).due).toBe('2026-10-27T09:00:00+01:00');
    expect(clock('NIS2 tidig varning', clocks)).toMatchObject({ due: '2026-10-25T09:00:00+01:00', state: 'försenad' });
    // The final report waits for the notification.
    expect(clock('NIS2 slutrapport', clocks)).toMatchObject({ due: null, state: 'väntar' });
    // And across the March change-over the wall clock shows one hour more.
    const march = legalClocks(RULES, { awareAt: stockholmInstant(2026, 3, 28, 10), personalDataInvolved: 'ja' }, [], NOW);
    expect(clock('GDPR anmälan till IMY', march).due).toBe('2026-03-31T11:00:00+02:00');
  });

  it('one instant before the deadline is kommande, one after is försenad', () => {
    const awareAt = '2026-11-01T08:00:00Z';
    const facts = { awareAt, personalDataInvolved: 'ja' };
    expect(clock('GDPR anmälan till IMY', legalClocks(RULES, facts, [], '2026-11-04T08:00:00Z')).state).toBe('kommande');
    expect(clock('GDPR anmälan till IMY', legalClocks(RULES, facts, [], '2026-11-04T08:00:01Z')).state).toBe('försenad');
  });

  it('the final report is due one calendar month after the notification was sent, clamped to the month end', () => {
    const facts = { awareAt: '2027-01-29T08:00:00Z', nis2Significant: 'ja' };
    const entries = [sent('NIS2 incidentanmälan', '2027-01-31T10:00:00Z', { externalReference: 'CERT-123' })];
    const clocks = legalClocks(RULES, facts, entries, '2027-02-01T00:00:00Z');
    expect(clock('NIS2 incidentanmälan', clocks)).toMatchObject({
      state: 'skickad',
      reference: 'CERT-123',
      sentAt: '2027-01-31T11:00:00+01:00',
    });
    expect(clock('NIS2 slutrapport', clocks)).toMatchObject({ due: '2027-02-28T11:00:00+01:00', state: 'kommande' });
    // Across the spring change-over the wall-clock time is kept.
    const spring = legalClocks(RULES, facts, [sent('NIS2 incidentanmälan', '2027-03-15T09:00:00Z')], '2027-03-16T00:00:00Z');
    expect(clock('NIS2 slutrapport', spring).due).toBe('2027-04-15T10:00:00+02:00');
  });

  it('sent late, not required with a justification, not applicable, and what is still owed', () => {
    const facts = { awareAt: '2026-11-01T08:00:00Z', personalDataInvolved: 'ja', nis2Significant: 'ja' };
    const entries: ClockEntry[] = [
      sent('GDPR anmälan till IMY', '2026-11-05T08:00:00Z', { details: 'Mottagare: IMY\nUtredningen drog ut på tiden.' }),
      {
        kind: 'ej rapporteringspliktig',
        legalReport: 'NIS2 tidig varning',
        at: '2026-11-01T09:00:00Z',
        details: 'Ingen betydande påverkan.',
      },
    ];
    const clocks = legalClocks(RULES, facts, entries, '2026-11-06T00:00:00Z');
    expect(clock('GDPR anmälan till IMY', clocks)).toMatchObject({
      state: 'skickad för sent',
      recipient: 'IMY',
      justification: 'Utredningen drog ut på tiden.',
    });
    expect(clock('NIS2 tidig varning', clocks)).toMatchObject({ state: 'ej tillämplig', justification: 'Ingen betydande påverkan.' });
    expect(outstandingClocks(clocks).map((c) => [c.regime, c.state])).toEqual([
      ['NIS2 incidentanmälan', 'försenad'],
      ['NIS2 slutrapport', 'väntar'],
    ]);
    const none = legalClocks(RULES, { awareAt: facts.awareAt, personalDataInvolved: 'nej', nis2Significant: 'vet ej' }, [], NOW);
    expect(none.every((c) => c.state === 'ej tillämplig')).toBe(true);
  });
});

describe('workflow', () => {
  it('goes forward one step, reopens from åtgärdad and avslutad, never skips the assessment', () => {
    expect(canTransition('ny', 'under bedömning')).toBe(true);
    expect(canTransition('ny', 'pågående')).toBe(false);
    expect(canTransition('under bedömning', 'pågående')).toBe(true);
    expect(canTransition('pågående', 'åtgärdad')).toBe(true);
    expect(canTransition('pågående', 'avslutad')).toBe(false);
    expect(canTransition('åtgärdad', 'avslutad')).toBe(true);
    expect(nextStatuses('avslutad')).toEqual(['under bedömning', 'pågående']);
    expect(canTransition('avslutad', 'ny')).toBe(false);
    expect(canTransition(null, 'under bedömning')).toBe(true);
  });

  it('a brist closes only with its root cause, and nothing closes with reports owed', () => {
    expect(closeProblems({ type: 'brist', rootCause: ' ' }, 0)).toEqual(['rootCauseMissing']);
    expect(closeProblems({ type: 'brist', rootCause: 'Saknad patchrutin' }, 0)).toEqual([]);
    expect(closeProblems({ type: 'incident', rootCause: null }, 2)).toEqual(['legalReportsOutstanding']);
  });
});

describe('reference numbers', () => {
  it('are sequential per Stockholm calendar year, whatever the item id', () => {
    expect(nextIncidentReference('2026-03-01T10:00:00Z', null)).toBe('INC-2026-0001');
    expect(nextIncidentReference('2026-03-01T10:00:00Z', 'INC-2026-0041')).toBe('INC-2026-0042');
    expect(nextIncidentReference('2026-03-01T10:00:00Z', 'INC-2025-0999')).toBe('INC-2026-0001');
    expect(nextIncidentReference('2026-03-01T10:00:00Z', 'INC-2026-9999')).toBe('INC-2026-10000');
  });

  it('a report at 2026-12-31 23:30 UTC belongs to 2027 (Stockholm), at 22:30 UTC to 2026', () => {
    expect(incidentReferencePrefix('2026-12-31T23:30:00Z')).toBe('INC-2027-');
    expect(nextIncidentReference('2026-12-31T23:30:00Z', 'INC-2026-0812')).toBe('INC-2027-0001');
    expect(incidentReferencePrefix('2026-12-31T22:30:00Z')).toBe('INC-2026-');
    expect(nextIncidentReference('2026-12-31T22:59:59Z', 'INC-2026-0812')).toBe('INC-2026-0813');
  });
});

describe('legal deadline tasks', () => {
  const COORDS = ['sara@kommun.se', 'sven@kommun.se'];
  const incident = (over: Partial<Incident>): Incident =>
    ({
      id: 7,
      title: 'Läckt elevlista',
      referenceNumber: 'INC-2026-0007',
      status: 'under bedömning',
      affectedSystems: [],
      mainSystem: null,
      reportedAt: '2026-10-24T08:30:00Z',
      awareAt: '2026-10-24T08:00:00Z',
      personalDataInvolved: 'ja',
      nis2Significant: 'ja',
      assignee: { id: 5, title: 'Hanna Handläggare', email: 'Hanna@kommun.se' },
      created: '2026-10-24T08:30:00Z',
      ...over,
    }) as Incident;
  const data = (incidents: Incident[], timeline: Partial<TimelineEntry>[] = []): TaskData => ({
    systems: [],
    departments: [],
    staff: [],
    requirements: [],
    assessments: [],
    incidents,
    coordinators: COORDS,
    timeline: timeline as TimelineEntry[],
    legalDeadlines: RULES,
  });
  const at = stockholmInstant(2026, 10, 25, 12);

  it('one task per owed report, with the exact deadline, for the coordinators and the assignee', () => {
    const tasks = computeTasks(data([incident({})]), DEFAULT_TASK_SETTINGS, at, TASK_RULES).filter((t) => t.rule.startsWith('incident.'));
    expect(tasks.map((t) => [t.rule, t.due, t.urgency])).toEqual([
      ['incident.nis2-early-warning', '2026-10-25T09:00:00+01:00', 'försenad'],
      ['incident.gdpr-imy', '2026-10-27T09:00:00+01:00', 'snart'],
      ['incident.nis2-notification', '2026-10-27T09:00:00+01:00', 'snart'],
    ]);
    for (const t of tasks) {
      expect(t.assignees).toEqual(['hanna@kommun.se', ...COORDS]);
      expect(t).toMatchObject({ severity: 'hög', link: '/incidents/7', subject: { list: 'incidents', id: 7 } });
      expect(t.reason).toMatch(/INC-2026-0007/);
      expect(ruleLabel(t.rule)).not.toBe(t.rule);
    }
    expect(tasksOf(tasks, 'hanna@kommun.se')).toHaveLength(3);
  });

  it('a report recorded as sent or not required ends its task; the final report appears once the notification is sent', () => {
    const timeline = [
      { incident: { id: 7, title: '' }, kind: 'myndighetsrapport', legalReport: 'NIS2 incidentanmälan', at: '2026-10-25T10:00:00Z' },
      { incident: { id: 7, title: '' }, kind: 'ej rapporteringspliktig', legalReport: 'NIS2 tidig varning', at: '2026-10-25T10:00:00Z' },
      { incident: { id: 7, title: '' }, kind: 'myndighetsrapport', legalReport: 'GDPR anmälan till IMY', at: '2026-10-25T10:00:00Z' },
    ] as Partial<TimelineEntry>[];
    const tasks = computeTasks(data([incident({})], timeline), DEFAULT_TASK_SETTINGS, at, TASK_RULES).filter((t) =>
      t.rule.startsWith('incident.'),
    );
    expect(tasks.map((t) => [t.rule, t.due])).toEqual([['incident.nis2-final-report', toStockholmIso('2026-11-25T10:00:00Z')]]);
  });

  it('nothing for closed incidents, for "nej", or without the setting', () => {
    const none = (d: TaskData) => computeTasks(d, DEFAULT_TASK_SETTINGS, at, TASK_RULES).filter((t) => t.rule.startsWith('incident.'));
    expect(none(data([incident({ status: 'avslutad' })]))).toEqual([]);
    expect(none(data([incident({ personalDataInvolved: 'nej', nis2Significant: 'nej' })]))).toEqual([]);
    expect(none({ ...data([incident({})]), legalDeadlines: undefined })).toEqual([]);
  });
});
