import { stockholmYear } from '../../../domain/calendar.js';
import type { Fields } from '../../../shared/schema/index.js';
import type { Rng } from '../../common.js';
import type { IncidentDraft, TimelineDraft } from '../context.js';

export type Severity = NonNullable<Fields<'incidents'>['severity']>;
export type Priority = NonNullable<Fields<'incidents'>['priority']>;
export type Status = NonNullable<Fields<'incidents'>['status']>;
export type LegalReport = NonNullable<Fields<'timeline'>['legalReport']>;

export const SEVERITIES: readonly Severity[] = ['kritisk', 'hög', 'medel', 'låg'];
export const PRIORITIES: readonly Priority[] = ['P1', 'P2', 'P3', 'P4'];

/**
 * An incident before it has a reference number, and its timeline once it has one. The timeline is
 * built late, when incidents are numbered in report order, and reads the incident as it is then.
 */
export interface IncidentStory {
  incident: IncidentDraft;
  timeline: (ref: string) => TimelineDraft[];
  /** The first affected system, if any. */
  system?: string;
}

/** The authority's case number for a legal report (IMY or CERT-SE), e.g. IMY-2026-4821. */
export function externalReference(rng: Rng, regime: LegalReport, ms: number): string {
  return regime === 'GDPR anmälan till IMY'
    ? `IMY-${stockholmYear(new Date(ms))}-${rng.int(1000, 9999)}`
    : `CERT-SE-${stockholmYear(new Date(ms))}-${rng.int(100, 999)}`;
}
