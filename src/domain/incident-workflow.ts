/**
 * The incident handling workflow: Ny → Under bedömning → Pågående → Åtgärdad → Avslutad. Forward one
 * step at a time, so that every incident passes the assessment; reopening goes back from
 * Åtgärdad or Avslutad to Pågående or Under bedömning. Closing a brist (deficiency) needs its root
 * cause, and no incident closes while a report to an authority is still owed.
 */
export type IncidentStatus = 'ny' | 'under bedömning' | 'pågående' | 'åtgärdad' | 'avslutad';

export const INCIDENT_STATUSES: readonly IncidentStatus[] = ['ny', 'under bedömning', 'pågående', 'åtgärdad', 'avslutad'];

const NEXT: Record<IncidentStatus, readonly IncidentStatus[]> = {
  ny: ['under bedömning'],
  'under bedömning': ['pågående'],
  pågående: ['åtgärdad'],
  åtgärdad: ['avslutad', 'pågående', 'under bedömning'],
  avslutad: ['pågående', 'under bedömning'],
};

/** Whether the workflow allows going from one status to another (staying put is not a transition). */
export function canTransition(from: IncidentStatus | null | undefined, to: IncidentStatus): boolean {
  return NEXT[from ?? 'ny'].includes(to);
}

/** The statuses one may go to from here, in workflow order. */
export function nextStatuses(from: IncidentStatus | null | undefined): IncidentStatus[] {
  return INCIDENT_STATUSES.filter((s) => canTransition(from, s));
}

export const isReopening = (from: IncidentStatus | null | undefined, to: IncidentStatus) =>
  (from === 'åtgärdad' || from === 'avslutad') && (to === 'pågående' || to === 'under bedömning');

export type CloseProblem = 'rootCauseMissing' | 'legalReportsOutstanding';

/** What stands in the way of closing (Avslutad); empty when it may close. */
export function closeProblems(incident: { type?: string | null; rootCause?: string | null }, outstandingReports: number): CloseProblem[] {
  const problems: CloseProblem[] = [];
  if (incident.type === 'brist' && !(incident.rootCause ?? '').trim()) problems.push('rootCauseMissing');
  if (outstandingReports > 0) problems.push('legalReportsOutstanding');
  return problems;
}
