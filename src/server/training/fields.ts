/**
 * The columns training reads (a narrow $select for 100,000 completions and 10,000 staff) and the
 * indexed filters it reads them with, shared by the task loaders, "Min utbildning" and compliance.
 */
import { where } from '../../shared/data/index.js';
import type { FieldKey } from '../../shared/schema/index.js';

export const COMPLETION_FIELDS = [
  'person',
  'course',
  'completedAt',
  'expiresAt',
] as const satisfies readonly FieldKey<'trainingCompletions'>[];

/** What audience and compliance need of a roster row (besides what the other rules read). */
export const STAFF_TRAINING_FIELDS = [
  'title',
  'email',
  'person',
  'department',
  'jobTitle',
  'external',
  'active',
  'startDate',
  'endDate',
  'manager',
] as const satisfies readonly FieldKey<'staff'>[];

/** The systems' columns audience needs (who owns or administers a system still in use). */
export const AUDIENCE_SYSTEM_FIELDS = [
  'lifecycleStatus',
  'systemOwner',
  'systemAdministrator',
] as const satisfies readonly FieldKey<'systems'>[];

/** My roster row: by e-mail (unique, indexed) or by my site user (indexed). */
export function myStaffFilter(userId: number, email: string) {
  const s = where('staff');
  return s.or(s.eq('email', email), s.eq('person', userId));
}

/** My completions: the person lookup is indexed, and one person has far fewer than 5,000. */
export function myCompletionsFilter(userId: number) {
  return where('trainingCompletions').eq('person', userId);
}
