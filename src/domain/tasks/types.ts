/**
 * Tasks: the gap between the data and what the guidelines demand, addressed to people with a due
 * date, a reason in plain Swedish (and English) and a link to where it is fixed. Derived, never typed
 * in; they disappear when the work is done. Types only — the engine is engine.ts, the rules live one
 * function each in the *-rules.ts files.
 */
import type {
  Department,
  Incident,
  ListKey,
  RecordOf,
  StaffMember,
  SystemRecord,
  TrainingCompletion,
  TimelineEntry,
  TrainingCourse,
} from '../../shared/schema/index.js';
import type { CalendarDate } from '../calendar.js';
import type { LegalDeadlineRule } from '../legal-clocks.js';

export type TaskSeverity = 'hög' | 'medel' | 'låg';

/** Urgency groups as "Mina uppgifter" shows them. */
export type TaskUrgency = 'försenad' | 'snart' | 'senare';

export interface Task {
  /** Stable: the same gap gives the same id on every run (rule + subject [+ part]). */
  id: string;
  rule: string;
  /** Lower-case sign-in names (UPN; the site user's e-mail), sorted, never empty. */
  assignees: string[];
  /** ISO 8601 with Stockholm's offset: the end of the due day, or the deadline instant. */
  due: string;
  severity: TaskSeverity;
  reason: string;
  reasonEn: string;
  /** Tab path where the gap is fixed, e.g. /systems/12. */
  link: string;
  subject: { list: ListKey; id: number; title: string };
  /** The förvaltning the subject belongs to (Översikt groups by it), when known. */
  department: { id: number; title: string } | null;
  urgency: TaskUrgency;
}

/** Intervals and lead times (the Konfiguration list); see taskSettingsFrom for defaults. */
export interface TaskSettings {
  reviewIntervalMonths: number;
  classificationMaxAgeMonths: number;
  continuityTestIntervalMonths: number;
  restoreTestIntervalMonths: number;
  /** Tasks with a fixed date appear this many days before it. */
  taskLeadDays: number;
  /** A contract warns from (end − notice period − this many days). */
  contractWarningDays: number;
  /** Days a new record has to be completed before "missing X" is overdue. */
  completionGraceDays: number;
  /** Reminder period before training expires (setting trainingWarningDays). */
  trainingWarningDays: number;
  /** The managers' yearly review of their staff's devices ("MM-DD"). */
  deviceReviewDate: string;
}

export type SecurityRequirement = RecordOf<'securityRequirements'>;
export type Device = RecordOf<'devices'>;
export type SelfAssessment = RecordOf<'selfAssessments'>;

/**
 * What the rules read. Loaders may pass a subset (one person's systems and what hangs off them):
 * every rule only looks at the records it is given.
 */
export interface TaskData {
  systems: readonly SystemRecord[];
  departments: readonly Department[];
  /** Staff rows used to tell that an owner or administrator has left (matched on e-mail). */
  staff: readonly StaffMember[];
  requirements: readonly SecurityRequirement[];
  assessments: readonly SelfAssessment[];
  /** Open incidents (closed ones are ignored by the rules anyway). */
  incidents: readonly Incident[];
  /** Sign-in names of the security coordinators: who gets a task nobody else can take. */
  coordinators: readonly string[];
  courses?: readonly TrainingCourse[];
  completions?: readonly TrainingCompletion[];
  /**
   * Legal-report entries (kinds 'myndighetsrapport' and 'ej rapporteringspliktig') of the open
   * incidents: what the incident deadline rules read to tell a report as sent or not required.
   */
  timeline?: readonly TimelineEntry[];
  /** The legalDeadlines setting (parsed with legalDeadlinesFrom); absent = no incident deadline tasks. */
  legalDeadlines?: readonly LegalDeadlineRule[];
  /** Devices and subscriptions in use ('i bruk'), for the leaver, mover and yearly review rules. */
  devices?: readonly Device[];
}

/** What a rule produces; the engine turns it into a Task (id, ISO due, urgency, sorted assignees). */
export interface TaskDraft {
  subject: { list: ListKey; id: number; title: string };
  /** Distinguishes several tasks of one rule on one subject (e.g. a requirement id). */
  part?: string | number;
  assignees: readonly (string | null | undefined)[];
  /** A calendar date (due at the end of that day in Stockholm) or an instant. */
  due: CalendarDate | Date;
  severity: TaskSeverity;
  reason: { sv: string; en: string };
  link: string;
  department?: { id: number; title: string } | null;
}

/** Everything a rule may use; computed once per run by the engine. */
export interface RuleContext {
  data: TaskData;
  settings: TaskSettings;
  now: Date;
  /** Today's calendar date in Stockholm. */
  today: CalendarDate;
  /** Lower-case e-mails of staff who have left (inactive, or leave date passed). */
  leavers: ReadonlySet<string>;
  departmentOf(system: SystemRecord): { id: number; title: string } | null;
  /** The head of the system's förvaltning, or the coordinators when there is none. */
  escalationFor(system: SystemRecord): string[];
}

/** One rule: a name and one pure function. Registering it is adding it to TASK_RULES. */
export interface TaskRule {
  id: string;
  evaluate(ctx: RuleContext): TaskDraft[];
}
