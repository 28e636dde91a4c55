/**
 * "Årlig återrapportering" to the municipal board (seed 003): the four headings the guideline
 * fixes, in its order, composed from the data of one Stockholm calendar year. Pure: data, settings,
 * the year and "now" in; the report out. Incidents belong to the year they were reported in (as
 * their reference numbers do), actions to the year of their date; the register figures are measured
 * at the end of the year — or today while the year is running — because the register keeps the
 * latest dates, not their history.
 */
import { addCalendarMonths, stockholmDate, stockholmYear, toInstant, toStockholmIso, type CalendarDate } from '../calendar.js';
import { legalClocks, type LegalClock } from '../legal-clocks.js';
import { assessmentPlan, type AssessmentStatus } from '../security-requirements.js';
import { calendarDateOf } from '../tasks/engine.js';
import { computeCompliance, trainingModel } from '../training/index.js';
import type { Incident, SystemRecord, TimelineEntry } from '../../shared/schema/index.js';
import { redactor, type Redactor } from './redact.js';
import {
  BUDGET_CATEGORIES,
  type ActionsSection,
  type BudgetCategory,
  type BudgetSection,
  type Count,
  type DepartmentStatus,
  type IncidentsSection,
  type KindSummary,
  type LegalRegimeRow,
  type MeasureRow,
  type ReportData,
  type ReportSettings,
  type SectionTexts,
  type SignificantIncident,
  type StatusSection,
  type YearlyReport,
} from './types.js';

export const YEARLY_TITLE = 'Årlig återrapportering';
export const YEARLY_HEADINGS = {
  actions: '1 Genomförda åtgärder',
  incidents: '2 Inträffade incidenter och händelser',
  status: '3 Status per område',
  budget: '4 Budgetsammanställning',
} as const;

export const BUDGET_LABELS: Record<BudgetCategory, string> = {
  licences: 'Licenser',
  operation: 'Drift',
  other: 'Övrigt',
  incidents: 'Incidenthantering',
  measures: 'Åtgärder',
};

export const TRAINING_NOT_YET =
  'Utbildningsuppföljningen per förvaltning ingår inte: underlaget (utbildningar och personal) kunde inte läsas.';

const ACTION_KINDS = ['årlig genomgång', 'informationsklassning', 'test av kontinuitetsplan', 'åtgärd'] as const;
const INCIDENT_TYPES = ['händelse', 'möjlig incident', 'incident', 'brist'];
const SEVERITIES = ['kritisk', 'hög', 'medel', 'låg'];
const UNKNOWN = 'ej angiven';

const round1 = (n: number) => Math.round(n * 10) / 10;
const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);
const sum = (xs: readonly (number | null | undefined)[]) => xs.reduce<number>((a, b) => a + (b ?? 0), 0);

function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return round1(s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2);
}

/** Counts in a fixed order first (every known value, zero included), then anything else seen. */
function countBy<T>(items: readonly T[], keyOf: (t: T) => string | null | undefined, order: readonly string[] = []): Count[] {
  const counts = new Map<string, number>(order.map((k) => [k, 0]));
  for (const item of items) {
    const k = keyOf(item) || UNKNOWN;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => ({ key, count })).filter((c) => c.count > 0 || order.includes(c.key));
}

const running = (s: SystemRecord) => s.lifecycleStatus === 'i drift' || s.lifecycleStatus === 'under avveckling';
const isCritical = (s: SystemRecord) => s.criticality === 'verksamhetskritisk' || s.societallyCritical === true;
const levels = (s: SystemRecord) => [s.confidentiality, s.integrity, s.availability, s.traceability];
const classified = (s: SystemRecord) => levels(s).every((l) => l !== null && l !== undefined);

/** A dated duty is current at `asOf` when its date + interval has not passed. */
function current(date: string | null | undefined, months: number, asOf: CalendarDate): boolean {
  const d = calendarDateOf(date);
  return d !== null && d <= asOf && addCalendarMonths(d, months) >= asOf;
}

/** Stockholm year of an instant, or null. */
function yearOf(value: string | null | undefined): number | null {
  const d = toInstant(value ?? null);
  return d ? stockholmYear(d) : null;
}

/** The measuring date of a year: its last day, or today while it runs. */
export function asOfDate(year: number, now: Date): CalendarDate {
  const today = stockholmDate(now);
  const last = `${year}-12-31`;
  return today < last ? today : last;
}

function departmentName(data: ReportData) {
  const byId = new Map(data.departments.map((d) => [d.id, d.title]));
  return (ref: { id: number; title?: string } | null | undefined) => (ref ? (byId.get(ref.id) ?? ref.title ?? null) : null);
}

export function incidentsOfYear(data: ReportData, year: number): Incident[] {
  return data.incidents.filter((i) => yearOf(i.reportedAt ?? i.created) === year);
}

function actionsOfYear(data: ReportData, year: number) {
  return data.actions.filter((a) => calendarDateOf(a.date)?.slice(0, 4) === String(year));
}

function kindSummary(kind: string, actions: ReportData['actions']): KindSummary {
  return { kind, count: actions.length, hours: round1(sum(actions.map((a) => a.hours))), cost: sum(actions.map((a) => a.cost)) };
}

export function composeActions(data: ReportData, year: number, redact: Redactor): ActionsSection {
  const actions = actionsOfYear(data, year);
  const systems = new Map(data.systems.map((s) => [s.id, s]));
  const department = departmentName(data);
  const requirements = new Map(data.requirements.map((r) => [r.id, r]));
  const incidents = new Map(data.incidents.map((i) => [i.id, i]));
  const kinds = [...ACTION_KINDS, ...new Set(actions.map((a) => a.kind).filter((k) => !(ACTION_KINDS as readonly string[]).includes(k)))];
  const byKind = kinds.map((k) =>
    kindSummary(
      k,
      actions.filter((a) => a.kind === k),
    ),
  );
  const departmentOf = (a: (typeof actions)[number]) => {
    const s = a.system ? systems.get(a.system.id) : undefined;
    return department(s?.department) ?? null;
  };
  const measures: MeasureRow[] = actions
    .filter((a) => a.kind === 'åtgärd' || a.kind === 'test av kontinuitetsplan' || a.requirements.length > 0 || a.risk)
    .map((a) => ({
      date: calendarDateOf(a.date) ?? '',
      kind: a.kind,
      title: redact(a.title),
      system: a.system ? (systems.get(a.system.id)?.title ?? a.system.title ?? null) : null,
      department: departmentOf(a),
      requirements: a.requirements.map((r) => requirements.get(r.id)?.code ?? r.title ?? String(r.id)),
      risk: a.risk ? redact(a.risk) : null,
      incident: a.incident ? (incidents.get(a.incident.id)?.referenceNumber ?? null) : null,
      hours: round1(a.hours ?? 0),
      cost: a.cost ?? 0,
      unbudgeted: a.unbudgeted === true,
    }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title, 'sv'));
  const reqCounts = new Map<number, number>();
  for (const a of actions) for (const r of a.requirements) reqCounts.set(r.id, (reqCounts.get(r.id) ?? 0) + 1);
  const requirementsAddressed = [...reqCounts]
    .map(([id, count]) => ({ code: requirements.get(id)?.code ?? String(id), title: requirements.get(id)?.title ?? '', count }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  const risksAddressed = countBy(
    actions.filter((a) => a.risk),
    (a) => redact(a.risk),
  ).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key, 'sv'));
  return {
    heading: YEARLY_HEADINGS.actions,
    text: null,
    total: kindSummary('alla', actions),
    byKind,
    byDepartment: countBy(actions, (a) => departmentOf(a) ?? 'utan förvaltning').sort(
      (a, b) => b.count - a.count || a.key.localeCompare(b.key, 'sv'),
    ),
    measures,
    requirementsAddressed,
    risksAddressed,
  };
}

/** The clocks of one incident, from its legal entries. */
function clocksOf(i: Incident, entries: readonly TimelineEntry[], settings: ReportSettings, now: Date): LegalClock[] {
  return legalClocks(
    settings.legalDeadlines,
    { awareAt: i.awareAt ?? i.reportedAt ?? i.created, nis2Significant: i.nis2Significant, personalDataInvolved: i.personalDataInvolved },
    entries,
    now,
  );
}

function emptyLegal(regime: string): LegalRegimeRow {
  return { regime, required: 0, sentInTime: 0, sentLate: 0, overdue: 0, pending: 0, waived: 0 };
}

const isSignificant = (i: Incident, clocks: readonly LegalClock[]) =>
  i.severity === 'kritisk' || i.nis2Significant === 'ja' || clocks.some((c) => c.state === 'skickad' || c.state === 'skickad för sent');

function daysBetween(from: string | null | undefined, to: string | null | undefined): number | null {
  const a = toInstant(from ?? null);
  const b = toInstant(to ?? null);
  return a && b && b >= a ? round1((b.getTime() - a.getTime()) / 86_400_000) : null;
}

function entriesByIncident(timeline: readonly TimelineEntry[]): Map<number, TimelineEntry[]> {
  const out = new Map<number, TimelineEntry[]>();
  for (const e of timeline) {
    if (!e.incident) continue;
    const list = out.get(e.incident.id);
    if (list) list.push(e);
    else out.set(e.incident.id, [e]);
  }
  return out;
}

export function composeIncidents(data: ReportData, settings: ReportSettings, year: number, now: Date, redact: Redactor): IncidentsSection {
  const incidents = incidentsOfYear(data, year);
  const entries = entriesByIncident(data.timeline);
  const measuresByIncident = new Map<number, string[]>();
  for (const a of data.actions)
    if (a.incident) measuresByIncident.set(a.incident.id, [...(measuresByIncident.get(a.incident.id) ?? []), redact(a.title)]);
  const regimes = new Map(settings.legalDeadlines.map((r) => [r.regime, emptyLegal(r.regime)]));
  const significant: SignificantIncident[] = [];
  for (const i of incidents) {
    const own = entries.get(i.id) ?? [];
    const clocks = clocksOf(
      i,
      own.filter((e) => e.kind === 'myndighetsrapport' || e.kind === 'ej rapporteringspliktig'),
      settings,
      now,
    );
    for (const c of clocks) {
      const row = regimes.get(c.regime) ?? emptyLegal(c.regime);
      regimes.set(c.regime, row);
      const waived = c.state === 'ej tillämplig' && c.justification !== null;
      if (waived) row.waived++;
      if (c.state === 'ej tillämplig') continue;
      row.required++;
      if (c.state === 'skickad') row.sentInTime++;
      else if (c.state === 'skickad för sent') row.sentLate++;
      else if (c.state === 'försenad') row.overdue++;
      else row.pending++;
    }
    if (isSignificant(i, clocks)) {
      const reported = toInstant(i.reportedAt ?? i.created);
      significant.push({
        reference: i.referenceNumber ?? `#${i.id}`,
        month: reported ? stockholmDate(reported).slice(0, 7) : '',
        type: i.type,
        category: i.category,
        severity: i.severity,
        cause: i.cause,
        scope: i.scope,
        status: i.status,
        nis2Significant: i.nis2Significant === 'ja',
        personalData: i.personalDataInvolved === 'ja',
        daysToClose: daysBetween(i.reportedAt ?? i.created, i.closedAt),
        rootCauseDocumented: Boolean(i.rootCause?.trim()),
        lessonsDocumented: Boolean(i.lessonsLearned?.trim()),
        measures: measuresByIncident.get(i.id) ?? [],
      });
    }
  }
  significant.sort((a, b) => a.reference.localeCompare(b.reference));
  const byRegime = [...regimes.values()];
  const total = byRegime.reduce<LegalRegimeRow>(
    (t, r) => ({
      regime: 'alla',
      required: t.required + r.required,
      sentInTime: t.sentInTime + r.sentInTime,
      sentLate: t.sentLate + r.sentLate,
      overdue: t.overdue + r.overdue,
      pending: t.pending + r.pending,
      waived: t.waived + r.waived,
    }),
    emptyLegal('alla'),
  );
  const decided = total.sentInTime + total.sentLate + total.overdue;
  const months = Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, '0')}`);
  return {
    heading: YEARLY_HEADINGS.incidents,
    text: null,
    total: incidents.length,
    byType: countBy(incidents, (i) => i.type, INCIDENT_TYPES),
    byCategory: countBy(incidents, (i) => i.category).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key, 'sv')),
    bySeverity: countBy(incidents, (i) => i.severity, SEVERITIES),
    byMonth: countBy(
      incidents,
      (i) => {
        const d = toInstant(i.reportedAt ?? i.created);
        return d ? stockholmDate(d).slice(0, 7) : null;
      },
      months,
    ).filter((c) => months.includes(c.key)),
    significant,
    legal: { byRegime, total, deadlinesMetShare: share(total.sentInTime, decided) },
  };
}

export function composeStatus(data: ReportData, settings: ReportSettings, year: number, now: Date): StatusSection {
  const asOf = asOfDate(year, now);
  const systems = data.systems.filter(running);
  const department = departmentName(data);
  const reviewed = (s: SystemRecord) => current(s.lastReviewDate, settings.reviewIntervalMonths, asOf);
  const critical = systems.filter(isCritical);
  const testedPlan = (s: SystemRecord) =>
    Boolean(s.continuityPlanUrl?.trim()) && current(s.continuityPlanTestedDate, settings.continuityTestIntervalMonths, asOf);
  const hasContract = (s: SystemRecord) => Boolean(s.contractReference?.trim() || s.contractEndDate);
  const withContract = systems.filter(hasContract);
  const criticalContracts = critical.filter(hasContract);

  // Handlingsplan: every applicable requirement of every running system, with its assessment.
  const bySystem = new Map<number, { requirementId: number; status: AssessmentStatus | null }[]>();
  for (const a of data.assessments) {
    if (!a.system || !a.requirement) continue;
    const list = bySystem.get(a.system.id) ?? [];
    list.push({ requirementId: a.requirement.id, status: a.status });
    bySystem.set(a.system.id, list);
  }
  const rules = data.requirements.map((r) => ({ id: r.id, aspect: r.aspect, fromLevel: r.fromLevel, active: r.active }));
  const plan = { applicable: 0, met: 0, notApplicable: 0, partly: 0, notMet: 0, notAssessed: 0, open: 0, systemsWithOpenItems: 0 };
  const openBySystem = new Map<number, number>();
  for (const s of systems) {
    const rows = assessmentPlan(rules, s, bySystem.get(s.id) ?? []);
    let open = 0;
    for (const row of rows) {
      plan.applicable++;
      const st = row.assessment?.status ?? null;
      if (st === 'uppfyllt') plan.met++;
      else if (st === 'ej tillämpligt') plan.notApplicable++;
      else if (st === 'delvis') plan.partly++;
      else if (st === 'ej uppfyllt') plan.notMet++;
      else plan.notAssessed++;
      if (row.open) open++;
    }
    plan.open += open;
    if (open > 0) plan.systemsWithOpenItems++;
    openBySystem.set(s.id, open);
  }

  const departments = new Map<string, DepartmentStatus>();
  for (const s of systems) {
    const name = department(s.department) ?? 'utan förvaltning';
    const row = departments.get(name) ?? { department: name, systems: 0, classified: 0, reviewedInTime: 0, openPlanItems: 0 };
    row.systems++;
    if (classified(s)) row.classified++;
    if (reviewed(s)) row.reviewedInTime++;
    row.openPlanItems += openBySystem.get(s.id) ?? 0;
    departments.set(name, row);
  }

  // Incident handling of the year's incidents: time to triage (first status change) and to close.
  const incidents = incidentsOfYear(data, year);
  const entries = entriesByIncident(data.timeline);
  const triageHours: number[] = [];
  const closeDays: number[] = [];
  let openAtEnd = 0;
  for (const i of incidents) {
    const start = toInstant(i.reportedAt ?? i.created);
    const firstChange = (entries.get(i.id) ?? [])
      .filter((e) => e.kind === 'statusändring')
      .map((e) => toInstant(e.at))
      .filter((d): d is Date => d !== null)
      .sort((a, b) => a.getTime() - b.getTime())[0];
    if (start && firstChange && firstChange >= start) triageHours.push((firstChange.getTime() - start.getTime()) / 3_600_000);
    const days = daysBetween(i.reportedAt ?? i.created, i.closedAt);
    const closedBy = Boolean(i.closedAt && stockholmDate(i.closedAt) <= asOf);
    if (closedBy && days !== null) closeDays.push(days);
    if (!closedBy) openAtEnd++;
  }

  return {
    heading: YEARLY_HEADINGS.status,
    text: null,
    asOf,
    register: {
      systems: systems.length,
      classified: systems.filter(classified).length,
      classifiedShare: share(systems.filter(classified).length, systems.length),
      classificationCurrent: systems.filter(
        (s) => classified(s) && current(s.classificationDate, settings.classificationMaxAgeMonths, asOf),
      ).length,
      reviewedInTime: systems.filter(reviewed).length,
      reviewedShare: share(systems.filter(reviewed).length, systems.length),
      critical: critical.length,
      criticalWithDowntime: critical.filter((s) => s.acceptedDowntimeHours !== null && s.acceptedDowntimeHours !== undefined).length,
      criticalWithRestorePriority: critical.filter((s) => s.restorePriority !== null && s.restorePriority !== undefined).length,
      criticalWithTestedPlan: critical.filter(testedPlan).length,
      criticalComplete: critical.filter(
        (s) => s.acceptedDowntimeHours !== null && s.acceptedDowntimeHours !== undefined && s.restorePriority != null && testedPlan(s),
      ).length,
      criticalRestoreTested: critical.filter((s) => current(s.lastRestoreTestDate, settings.restoreTestIntervalMonths, asOf)).length,
      withContract: withContract.length,
      contractsWithSecurityRequirements: withContract.filter((s) => s.contractSecurityRequirements === 'ja').length,
      contractsShare: share(withContract.filter((s) => s.contractSecurityRequirements === 'ja').length, withContract.length),
      criticalContracts: criticalContracts.length,
      criticalContractsWithSecurityRequirements: criticalContracts.filter((s) => s.contractSecurityRequirements === 'ja').length,
    },
    byDepartment: [...departments.values()].sort((a, b) => a.department.localeCompare(b.department, 'sv')),
    handlingsplan: plan,
    handling: {
      incidents: incidents.length,
      triaged: triageHours.length,
      medianHoursToTriage: median(triageHours),
      closed: closeDays.length,
      medianDaysToClose: median(closeDays),
      meanDaysToClose: closeDays.length ? round1(sum(closeDays) / closeDays.length) : null,
      openAtEnd,
    },
    training: trainingFigures(data, settings, asOf),
  };
}

/** Training compliance per förvaltning at the measuring date, from the training module. */
function trainingFigures(data: ReportData, settings: ReportSettings, asOf: CalendarDate): StatusSection['training'] {
  if (!data.training) return { available: false, note: TRAINING_NOT_YET };
  const model = trainingModel({ ...data.training, departments: data.departments, systems: data.systems });
  const c = computeCompliance(model, { today: asOf, leadDays: data.training.leadDays, trendMonths: 0 });
  const row = (department: string, x: { staff: number; valid: number; share: number }) => ({
    department,
    staff: x.staff,
    compliant: x.valid,
    share: Math.round(x.share * 1000) / 1000,
  });
  return {
    available: true,
    target: settings.trainingTarget,
    total: row('Hela kommunen', c.total),
    rows: c.departments.map((d) => row(d.department, d)).sort((a, b) => a.department.localeCompare(b.department, 'sv')),
  };
}

export function composeBudget(data: ReportData, settings: ReportSettings, year: number, redact: Redactor): BudgetSection {
  const systems = data.systems.filter(running);
  const department = departmentName(data);
  const costs = (xs: readonly SystemRecord[]) => {
    const licences = sum(xs.map((s) => s.costLicences));
    const operation = sum(xs.map((s) => s.costOperation));
    const other = sum(xs.map((s) => s.costOther));
    return { licences, operation, other, total: licences + operation + other };
  };
  const byDepartment = new Map<string, SystemRecord[]>();
  for (const s of systems) {
    const name = department(s.department) ?? 'utan förvaltning';
    byDepartment.set(name, [...(byDepartment.get(name) ?? []), s]);
  }
  const incidents = incidentsOfYear(data, year);
  const actions = actionsOfYear(data, year);
  const systemCosts = costs(systems);
  const incidentCost = sum(incidents.map((i) => i.cost));
  const measuresCost = sum(actions.map((a) => a.cost));
  const actual: Record<BudgetCategory, number> = {
    licences: systemCosts.licences,
    operation: systemCosts.operation,
    other: systemCosts.other,
    incidents: incidentCost,
    measures: measuresCost,
  };
  const budgets = settings.budgets[String(year)] ?? {};
  const budget = BUDGET_CATEGORIES.map((category) => {
    const b = typeof budgets[category] === 'number' ? budgets[category] : null;
    return {
      category,
      label: BUDGET_LABELS[category],
      budget: b,
      actual: actual[category],
      difference: b === null ? null : actual[category] - b,
    };
  });
  const budgeted = budget.filter((r) => r.budget !== null);
  const unbudgeted = actions
    .filter((a) => a.unbudgeted === true)
    .map((a) => ({ date: calendarDateOf(a.date) ?? '', kind: a.kind, title: redact(a.title), cost: a.cost ?? 0 }))
    .sort((a, b) => a.date.localeCompare(b.date));
  const budgetSum = budgeted.length ? sum(budgeted.map((r) => r.budget)) : null;
  const actualSum = sum(budget.map((r) => r.actual));
  return {
    heading: YEARLY_HEADINGS.budget,
    text: null,
    systemCosts,
    systemCostsByDepartment: [...byDepartment]
      .map(([name, xs]) => ({ department: name, ...costs(xs) }))
      .sort((a, b) => a.department.localeCompare(b.department, 'sv')),
    incidents: {
      count: incidents.length,
      withEffort: incidents.filter((i) => (i.effortHours ?? 0) > 0).length,
      effortHours: round1(sum(incidents.map((i) => i.effortHours))),
      cost: incidentCost,
    },
    measures: { count: actions.length, hours: round1(sum(actions.map((a) => a.hours))), cost: measuresCost },
    unbudgeted: { items: unbudgeted, total: sum(unbudgeted.map((u) => u.cost)) },
    budget,
    budgetTotal: {
      budget: budgetSum,
      actual: actualSum,
      difference: budgetSum === null ? null : sum(budgeted.map((r) => r.actual)) - budgetSum,
    },
  };
}

/** The redactor for a data set: the names of everyone its person fields and staff mention. */
export function reportRedactor(data: ReportData): Redactor {
  return redactor(data.personNames);
}

export function composeYearlyReport(
  data: ReportData,
  settings: ReportSettings,
  year: number,
  now: Date,
  texts: SectionTexts = {},
): YearlyReport {
  const redact = reportRedactor(data);
  const text = (key: string) => (texts[key]?.trim() ? redact(texts[key]) : null);
  return {
    kind: 'yearly',
    title: YEARLY_TITLE,
    municipality: settings.municipality,
    year,
    generatedAt: toStockholmIso(now),
    headings: Object.values(YEARLY_HEADINGS),
    sections: {
      actions: { ...composeActions(data, year, redact), text: text('actions') },
      incidents: { ...composeIncidents(data, settings, year, now, redact), text: text('incidents') },
      status: { ...composeStatus(data, settings, year, now), text: text('status') },
      budget: { ...composeBudget(data, settings, year, redact), text: text('budget') },
    },
  };
}
