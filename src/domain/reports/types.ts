/**
 * The reports to the municipal board (seed 003, "Återrapportering och uppföljning"): what the
 * composition reads and what it gives. Types only; yearly.ts and term.ts compose, document.ts
 * turns a report into headings, paragraphs and tables for every export and the tab's preview.
 */
import type {
  ActionRecord,
  Department,
  Incident,
  RecordOf,
  StaffMember,
  SystemRecord,
  TimelineEntry,
  TrainingCompletion,
  TrainingCourse,
} from '../../shared/schema/index.js';
import type { LegalDeadlineRule } from '../legal-clocks.js';

export type BudgetCategory = 'licences' | 'operation' | 'other' | 'incidents' | 'measures';
export const BUDGET_CATEGORIES: readonly BudgetCategory[] = ['licences', 'operation', 'other', 'incidents', 'measures'];

/** Budgets per year (as text, "2025") and category in SEK: the `reportBudgets` setting. */
export type ReportBudgets = Readonly<Record<string, Partial<Record<BudgetCategory, number>>>>;

export interface ReportSettings {
  municipality: string;
  reviewIntervalMonths: number;
  classificationMaxAgeMonths: number;
  continuityTestIntervalMonths: number;
  restoreTestIntervalMonths: number;
  legalDeadlines: readonly LegalDeadlineRule[];
  budgets: ReportBudgets;
  /** trainingComplianceTarget, 0..1. */
  trainingTarget: number | null;
}

/** Training compliance of one förvaltning, as the training module computes it. */
export interface TrainingComplianceRow {
  department: string;
  staff: number;
  compliant: number;
  share: number;
}

export interface TrainingStatusFigures {
  available: true;
  /** Target share (trainingComplianceTarget). */
  target: number | null;
  total: TrainingComplianceRow;
  rows: TrainingComplianceRow[];
}

/**
 * What the composition reads. Loaders pass the incidents reported in the span (Stockholm years),
 * the timeline entries of kinds 'statusändring', 'myndighetsrapport' and 'ej rapporteringspliktig'
 * for them, and the actions dated in the span; the register, catalogue and assessments as they are.
 */
export interface ReportData {
  systems: readonly SystemRecord[];
  departments: readonly Department[];
  incidents: readonly Incident[];
  timeline: readonly TimelineEntry[];
  actions: readonly ActionRecord[];
  requirements: readonly RecordOf<'securityRequirements'>[];
  assessments: readonly RecordOf<'selfAssessments'>[];
  /** Names of the people the data mentions: kept out of every free text the report shows. */
  personNames: readonly string[];
  /**
   * What training compliance is computed from (src/domain/training, at the report's measuring
   * date); null leaves the training subsection as "not yet".
   */
  training: {
    courses: readonly TrainingCourse[];
    staff: readonly StaffMember[];
    completions: readonly TrainingCompletion[];
    /** The reminder period (trainingWarningDays). */
    leadDays: number;
  } | null;
}

export interface Count<K extends string = string> {
  key: K;
  count: number;
}

export interface KindSummary {
  kind: string;
  count: number;
  hours: number;
  cost: number;
}

export interface MeasureRow {
  date: string;
  kind: string;
  /** Redacted. */
  title: string;
  system: string | null;
  department: string | null;
  requirements: string[];
  /** Redacted. */
  risk: string | null;
  incident: string | null;
  hours: number;
  cost: number;
  unbudgeted: boolean;
}

export interface ActionsSection {
  heading: string;
  text: string | null;
  total: KindSummary;
  byKind: KindSummary[];
  byDepartment: Count[];
  /** Measures (kind 'åtgärd') and continuity tests, each with what it addressed. */
  measures: MeasureRow[];
  requirementsAddressed: { code: string; title: string; count: number }[];
  risksAddressed: Count[];
}

export interface SignificantIncident {
  reference: string;
  month: string;
  type: string | null;
  category: string | null;
  severity: string | null;
  cause: string | null;
  scope: string | null;
  status: string | null;
  nis2Significant: boolean;
  personalData: boolean;
  daysToClose: number | null;
  rootCauseDocumented: boolean;
  lessonsDocumented: boolean;
  /** The measures recorded for it in Insatser (redacted titles): how recurrence is prevented. */
  measures: string[];
}

export interface LegalRegimeRow {
  regime: string;
  /** Incidents for which the report was owed (sent, late, overdue or still due). */
  required: number;
  sentInTime: number;
  sentLate: number;
  overdue: number;
  pending: number;
  /** Marked as not reportable with a justification. */
  waived: number;
}

export interface IncidentsSection {
  heading: string;
  text: string | null;
  total: number;
  byType: Count[];
  byCategory: Count[];
  bySeverity: Count[];
  /** 'YYYY-MM', every month of the year. */
  byMonth: Count[];
  significant: SignificantIncident[];
  legal: {
    byRegime: LegalRegimeRow[];
    total: LegalRegimeRow;
    /** Reports sent in time / reports owed with a passed or met deadline; null when none was owed. */
    deadlinesMetShare: number | null;
  };
}

export interface DepartmentStatus {
  department: string;
  systems: number;
  classified: number;
  reviewedInTime: number;
  openPlanItems: number;
}

export interface StatusSection {
  heading: string;
  text: string | null;
  /** The date the register figures are measured at: the end of the year, or today during it. */
  asOf: string;
  register: {
    systems: number;
    classified: number;
    classifiedShare: number | null;
    classificationCurrent: number;
    reviewedInTime: number;
    reviewedShare: number | null;
    critical: number;
    criticalWithDowntime: number;
    criticalWithRestorePriority: number;
    criticalWithTestedPlan: number;
    criticalComplete: number;
    criticalRestoreTested: number;
    withContract: number;
    contractsWithSecurityRequirements: number;
    contractsShare: number | null;
    criticalContracts: number;
    criticalContractsWithSecurityRequirements: number;
  };
  byDepartment: DepartmentStatus[];
  handlingsplan: {
    applicable: number;
    met: number;
    notApplicable: number;
    partly: number;
    notMet: number;
    notAssessed: number;
    open: number;
    systemsWithOpenItems: number;
  };
  handling: {
    incidents: number;
    triaged: number;
    medianHoursToTriage: number | null;
    closed: number;
    medianDaysToClose: number | null;
    meanDaysToClose: number | null;
    openAtEnd: number;
  };
  training: TrainingStatusFigures | { available: false; note: string };
}

export interface BudgetRow {
  category: BudgetCategory;
  label: string;
  budget: number | null;
  actual: number;
  /** actual − budget; null without a budget. */
  difference: number | null;
}

export interface BudgetSection {
  heading: string;
  text: string | null;
  systemCosts: { licences: number; operation: number; other: number; total: number };
  systemCostsByDepartment: { department: string; licences: number; operation: number; other: number; total: number }[];
  incidents: { count: number; withEffort: number; effortHours: number; cost: number };
  measures: { count: number; hours: number; cost: number };
  unbudgeted: { items: { date: string; kind: string; title: string; cost: number }[]; total: number };
  budget: BudgetRow[];
  budgetTotal: { budget: number | null; actual: number; difference: number | null };
}

export type YearlySectionKey = 'actions' | 'incidents' | 'status' | 'budget';
export const YEARLY_SECTIONS: readonly YearlySectionKey[] = ['actions', 'incidents', 'status', 'budget'];

export interface YearlyReport {
  kind: 'yearly';
  title: string;
  municipality: string;
  year: number;
  generatedAt: string;
  headings: string[];
  sections: {
    actions: ActionsSection;
    incidents: IncidentsSection;
    status: StatusSection;
    budget: BudgetSection;
  };
}

export type TermSectionKey = 'work' | 'risks' | 'incidents' | 'conclusions' | 'budget';
export const TERM_SECTIONS: readonly TermSectionKey[] = ['work', 'risks', 'incidents', 'conclusions', 'budget'];

export interface TermReport {
  kind: 'term';
  title: string;
  municipality: string;
  from: number;
  to: number;
  generatedAt: string;
  headings: string[];
  sections: {
    work: { heading: string; text: string | null; perYear: { year: number; byKind: KindSummary[]; total: KindSummary }[] };
    risks: {
      heading: string;
      text: string | null;
      risks: { risk: string; measures: number; years: number[] }[];
      requirements: { code: string; title: string; count: number }[];
      handlingsplanNow: StatusSection['handlingsplan'];
    };
    incidents: {
      heading: string;
      text: string | null;
      perYear: { year: number; total: number; significant: number; bySeverity: Count[]; byType: Count[] }[];
      total: number;
    };
    conclusions: {
      heading: string;
      text: string | null;
      perYear: {
        year: number;
        deadlinesMetShare: number | null;
        medianDaysToClose: number | null;
        measures: number;
        reviews: number;
        continuityTests: number;
      }[];
    };
    budget: {
      heading: string;
      text: string | null;
      perYear: { year: number; incidentCost: number; measuresCost: number; unbudgeted: number; budget: number | null; actual: number }[];
      /** The register's yearly system costs today (the register keeps no history of costs). */
      systemCostsNow: BudgetSection['systemCosts'];
    };
  };
}

/** Free text per section typed before export (the tab's preview); redacted like any text. */
export type SectionTexts = Partial<Record<string, string>>;
