import { describe, expect, it } from 'vitest';
import {
  composeTermReport,
  composeYearlyReport,
  formatCell,
  redactor,
  reportBudgetsFrom,
  termDocument,
  yearlyDocument,
  YEARLY_HEADINGS,
} from '../../../src/domain/reports/index.js';
import { FIXTURE_NOW, reportFixture, reportFixtureSettings, SENSITIVE } from '../../fixtures/reports/yearly-fixture.js';

const report = () => composeYearlyReport(reportFixture(), reportFixtureSettings(), 2025, FIXTURE_NOW);

describe('yearly report composition (fixture with known answers)', () => {
  it('has exactly the four headings of the guideline, in order', () => {
    const r = report();
    expect(r.title).toBe('Årlig återrapportering');
    expect(r.headings).toEqual([
      '1 Genomförda åtgärder',
      '2 Inträffade incidenter och händelser',
      '3 Status per område',
      '4 Budgetsammanställning',
    ]);
    expect(Object.values(r.sections).map((s) => s.heading)).toEqual(Object.values(YEARLY_HEADINGS));
    expect(yearlyDocument(r).sections.map((s) => s.heading)).toEqual(r.headings);
  });

  it('1 Genomförda åtgärder: the year’s actions by kind, department and what they addressed', () => {
    const a = report().sections.actions;
    expect(a.total).toEqual({ kind: 'alla', count: 5, hours: 38, cost: 42000 });
    expect(a.byKind).toEqual([
      { kind: 'årlig genomgång', count: 2, hours: 5, cost: 0 },
      { kind: 'informationsklassning', count: 1, hours: 5, cost: 0 },
      { kind: 'test av kontinuitetsplan', count: 1, hours: 8, cost: 12000 },
      { kind: 'åtgärd', count: 1, hours: 20, cost: 30000 },
    ]);
    expect(a.byDepartment).toEqual([
      { key: 'Barn- och utbildningsförvaltningen', count: 3 },
      { key: 'Socialförvaltningen', count: 2 },
    ]);
    expect(a.measures.map((m) => [m.date, m.kind, m.system, m.requirements, m.risk, m.incident, m.cost, m.unbudgeted])).toEqual([
      ['2025-01-15', 'åtgärd', 'Journalsystem', ['K3-MFA'], 'Obehörig åtkomst till journaler', 'INC-2025-0001', 30000, true],
      ['2025-06-01', 'test av kontinuitetsplan', 'Elevregister', [], null, null, 12000, false],
    ]);
    expect(a.measures[0]!.title).toBe('Införande av MFA efter incident, kontakt [namn] [telefon]');
    expect(a.requirementsAddressed).toEqual([{ code: 'K3-MFA', title: 'Inloggning med flerfaktorsautentisering', count: 1 }]);
    expect(a.risksAddressed).toEqual([{ key: 'Obehörig åtkomst till journaler', count: 1 }]);
  });

  it('2 Inträffade incidenter: counts by type, category, severity and Stockholm month; significant ones; legal deadlines', () => {
    const i = report().sections.incidents;
    expect(i.total).toBe(3); // INC-2024-0099 (23:30 on New Year's Eve) and the one reported 00:30 on 1 January 2026 are other years
    expect(i.byType).toEqual([
      { key: 'händelse', count: 1 },
      { key: 'möjlig incident', count: 0 },
      { key: 'incident', count: 1 },
      { key: 'brist', count: 1 },
    ]);
    expect(i.bySeverity).toEqual([
      { key: 'kritisk', count: 1 },
      { key: 'hög', count: 0 },
      { key: 'medel', count: 1 },
      { key: 'låg', count: 1 },
    ]);
    expect(i.byCategory.map((c) => c.count)).toEqual([1, 1, 1]);
    expect(i.byMonth).toHaveLength(12);
    expect(i.byMonth.filter((m) => m.count > 0)).toEqual([
      { key: '2025-01', count: 1 },
      { key: '2025-03', count: 2 },
    ]);
    expect(i.significant.map((s) => s.reference)).toEqual(['INC-2025-0001', 'INC-2025-0002']);
    expect(i.significant[0]).toMatchObject({
      month: '2025-01',
      category: 'angrepp',
      severity: 'kritisk',
      daysToClose: 10,
      rootCauseDocumented: true,
      lessonsDocumented: true,
      measures: ['Införande av MFA efter incident, kontakt [namn] [telefon]'],
    });
    const row = (regime: string) => i.legal.byRegime.find((r) => r.regime === regime);
    expect(row('NIS2 tidig varning')).toMatchObject({ required: 1, sentInTime: 1, sentLate: 0 });
    expect(row('NIS2 incidentanmälan')).toMatchObject({ required: 1, sentInTime: 0, sentLate: 1 });
    expect(row('NIS2 slutrapport')).toMatchObject({ required: 1, overdue: 1 });
    expect(row('GDPR anmälan till IMY')).toMatchObject({ required: 1, sentInTime: 1 });
    expect(i.legal.total).toMatchObject({ required: 4, sentInTime: 2, sentLate: 1, overdue: 1, pending: 0 });
    expect(i.legal.deadlinesMetShare).toBe(0.5);
  });

  it('3 Status per område: register health at the end of the year, handlingsplan, handling times, training "not yet"', () => {
    const s = report().sections.status;
    expect(s.asOf).toBe('2025-12-31');
    expect(s.register).toEqual({
      systems: 3,
      classified: 2,
      classifiedShare: 0.667,
      classificationCurrent: 1,
      reviewedInTime: 2,
      reviewedShare: 0.667,
      critical: 2,
      criticalWithDowntime: 1,
      criticalWithRestorePriority: 2,
      criticalWithTestedPlan: 1,
      criticalComplete: 1,
      criticalRestoreTested: 1,
      withContract: 2,
      contractsWithSecurityRequirements: 1,
      contractsShare: 0.5,
      criticalContracts: 2,
      criticalContractsWithSecurityRequirements: 1,
    });
    expect(s.handlingsplan).toEqual({
      applicable: 6,
      met: 1,
      notApplicable: 1,
      partly: 1,
      notMet: 1,
      notAssessed: 2,
      open: 4,
      systemsWithOpenItems: 2,
    });
    expect(s.byDepartment).toEqual([
      { department: 'Barn- och utbildningsförvaltningen', systems: 1, classified: 1, reviewedInTime: 1, openPlanItems: 2 },
      { department: 'Socialförvaltningen', systems: 2, classified: 1, reviewedInTime: 1, openPlanItems: 2 },
    ]);
    expect(s.handling).toEqual({
      incidents: 3,
      triaged: 2,
      medianHoursToTriage: 3,
      closed: 2,
      medianDaysToClose: 5.5,
      meanDaysToClose: 5.5,
      openAtEnd: 1,
    });
    expect(s.training).toEqual({
      available: true,
      target: 0.9,
      total: { department: 'Hela kommunen', staff: 3, compliant: 1, share: 0.333 },
      rows: [
        { department: 'Barn- och utbildningsförvaltningen', staff: 2, compliant: 1, share: 0.5 },
        { department: 'Socialförvaltningen', staff: 1, compliant: 0, share: 0 },
      ],
    });
  });

  it('3 Status: without the training records the subsection says so instead of a figure', () => {
    const r = composeYearlyReport({ ...reportFixture(), training: null }, reportFixtureSettings(), 2025, FIXTURE_NOW);
    expect(r.sections.status.training).toEqual({ available: false, note: expect.stringContaining('Utbildningsuppföljningen') });
  });

  it('3 Status: during the year the register is measured today', () => {
    const r = composeYearlyReport(reportFixture(), reportFixtureSettings(), 2026, FIXTURE_NOW);
    expect(r.sections.status.asOf).toBe('2026-02-15');
    expect(r.sections.incidents.total).toBe(1);
  });

  it('4 Budgetsammanställning: system costs by category, incident effort, unbudgeted, budget against actual', () => {
    const b = report().sections.budget;
    expect(b.systemCosts).toEqual({ licences: 305000, operation: 50000, other: 10000, total: 365000 });
    expect(b.incidents).toEqual({ count: 3, withEffort: 2, effortHours: 42, cost: 51000 });
    expect(b.measures).toEqual({ count: 5, hours: 38, cost: 42000 });
    expect(b.unbudgeted.total).toBe(30000);
    expect(b.unbudgeted.items).toHaveLength(1);
    expect(b.budget.map((r) => [r.category, r.budget, r.actual, r.difference])).toEqual([
      ['licences', 300000, 305000, 5000],
      ['operation', 60000, 50000, -10000],
      ['other', null, 10000, null],
      ['incidents', 20000, 51000, 31000],
      ['measures', null, 42000, null],
    ]);
    expect(b.budgetTotal).toEqual({ budget: 380000, actual: 458000, difference: 26000 });
  });

  it('free text typed before export is kept per section (redacted)', () => {
    const r = composeYearlyReport(reportFixture(), reportFixtureSettings(), 2025, FIXTURE_NOW, {
      actions: 'Arbetet följer plan. Frågor till Anna Andersson.',
    });
    expect(r.sections.actions.text).toBe('Arbetet följer plan. Frågor till [namn].');
    expect(r.sections.incidents.text).toBeNull();
  });

  it('no personal data or confidential detail reaches the report or its document', () => {
    const r = report();
    const text = JSON.stringify(r) + JSON.stringify(yearlyDocument(r));
    for (const s of SENSITIVE) expect(text, s).not.toContain(s);
    expect(text).not.toContain('CERT-2025-77');
  });
});

describe('end-of-term report', () => {
  it('has the guideline’s five headings and the same figures per year as the yearly report', () => {
    const t = composeTermReport(reportFixture(), reportFixtureSettings(), 2024, 2025, FIXTURE_NOW);
    expect(t.headings).toEqual([
      '1 Beskrivning av det genomförda arbetet',
      '2 Hanterade risker',
      '3 Antal incidenter inom IT',
      '4 Slutsatser kring arbetet',
      '5 Budget',
    ]);
    expect(t.sections.incidents.perYear.map((y) => [y.year, y.total])).toEqual([
      [2024, 1],
      [2025, 3],
    ]);
    expect(t.sections.incidents.total).toBe(4);
    expect(t.sections.work.perYear.map((y) => y.total.count)).toEqual([1, 5]);
    expect(t.sections.risks.risks).toEqual([{ risk: 'Obehörig åtkomst till journaler', measures: 1, years: [2025] }]);
    expect(t.sections.conclusions.perYear[1]).toMatchObject({ year: 2025, deadlinesMetShare: 0.5, medianDaysToClose: 5.5, reviews: 2 });
    expect(t.sections.budget.perYear.map((y) => [y.year, y.incidentCost, y.measuresCost, y.budget])).toEqual([
      [2024, 77777, 5555, null],
      [2025, 51000, 42000, 380000],
    ]);
    const text = JSON.stringify(t) + JSON.stringify(termDocument(t));
    for (const s of SENSITIVE) expect(text, s).not.toContain(s);
  });

  it('refuses a span that is reversed or longer than two terms', () => {
    expect(() => composeTermReport(reportFixture(), reportFixtureSettings(), 2026, 2023, FIXTURE_NOW)).toThrow(RangeError);
    expect(() => composeTermReport(reportFixture(), reportFixtureSettings(), 2010, 2025, FIXTURE_NOW)).toThrow(RangeError);
  });
});

describe('report helpers', () => {
  it('redacts e-mail, personnummer, IP addresses, phone numbers, passwords and known names', () => {
    const redact = redactor(['Anna Andersson']);
    expect(
      redact(
        'Anna Andersson anna.andersson@kommun.se 19800101-1234 800101-1234 10.1.2.3:443 fe80::1:2 2001:db8:0:0:1:0:0:1 kl. 10:00:00 070-123 45 67',
      ),
    ).toBe('[namn] [e-post] [personnummer] [personnummer] [IP-adress] [IP-adress] [IP-adress] kl. 10:00:00 [telefon]');
    expect(redact('Lösenord: Sommar2025! byttes')).toBe('[lösenord borttaget] byttes');
    expect(redact('Andersson ringde')).toBe('[namn] ringde');
    expect(redact('Uppgradering till version 10.2')).toBe('Uppgradering till version 10.2');
  });

  it('formats figures the Swedish way', () => {
    expect(formatCell(12000, 'sek').replace(/\s/g, ' ')).toBe('12 000 kr');
    expect(formatCell(0.667, 'pct').replace(/\s/g, ' ')).toBe('66,7 %');
    expect(formatCell(null, 'int')).toBe('–');
  });

  it('reads budgets per year and category, leaving out what is not well formed', () => {
    expect(reportBudgetsFrom({ '2025': { licences: 10, operation: '20', other: -1, x: 3 }, bad: {} })).toEqual({
      '2025': { licences: 10, operation: 20 },
    });
    expect(reportBudgetsFrom('nonsense')).toEqual({});
  });
});
