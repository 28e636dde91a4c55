/**
 * The training API's response bodies (GET me/training, GET training/compliance), shared by the
 * server (src/server/api/training.ts) and the tab (src/features/training/api).
 */
import type { CalendarDate } from '../../domain/calendar.js';
import type { ComplianceReport, TrainingStatus } from '../../domain/training/index.js';

export interface MyCourse {
  id: number;
  title: string;
  description: string | null;
  mandatory: boolean;
  status: TrainingStatus;
  lastCompleted: CalendarDate | null;
  expires: CalendarDate | null;
  recertificationMonths: number | null;
  recertificationFixedDate: string | null;
  /** Where to take it: the built-in course in the tab, or the course's own link. */
  take: { kind: 'builtIn'; path: string } | { kind: 'external'; url: string } | null;
}

export interface MyTrainingBody {
  at: CalendarDate;
  onRoster: boolean;
  department: string | null;
  courses: MyCourse[];
  /** Whether the caller may open the compliance dashboard (and for whom). */
  compliance: 'all' | 'ownStaff' | null;
}

export type ComplianceBody = Omit<ComplianceReport, 'gaps'> & {
  scope: 'all' | 'ownStaff';
  gaps: ComplianceReport['gaps'];
  gapsTotal: number;
  /** The förvaltningar to filter on (those in scope). */
  departmentOptions: { id: number; title: string }[];
  target: number | null;
};
