/**
 * Incident reference numbers: INC-<Stockholm calendar year>-<sequence, at least four digits>.
 * One format for the register, the bot, the demo and the reports.
 */
import { stockholmYear, type Instant } from './calendar.js';

const REFERENCE = /^INC-(\d{4})-(\d{4,})$/;

export function formatIncidentReference(year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`Ogiltigt år: ${year}`);
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`Ogiltigt löpnummer: ${sequence}`);
  return `INC-${year}-${String(sequence).padStart(4, '0')}`;
}

/** The reference for the n:th incident of the Stockholm calendar year the report was made in. */
export function incidentReferenceAt(reportedAt: Instant, sequence: number): string {
  return formatIncidentReference(stockholmYear(reportedAt), sequence);
}

export function parseIncidentReference(reference: string): { year: number; sequence: number } | null {
  const m = REFERENCE.exec(reference.trim());
  return m ? { year: Number(m[1]), sequence: Number(m[2]) } : null;
}

/** The prefix every reference of that Stockholm year starts with (what "the year's highest" is searched by). */
export function incidentReferencePrefix(reportedAt: Instant): string {
  return `INC-${stockholmYear(reportedAt)}-`;
}

/**
 * The next reference of the year after the highest one stored (null: none yet). Sequential per
 * Stockholm calendar year, never derived from the SharePoint item id.
 */
export function nextIncidentReference(reportedAt: Instant, highest: string | null | undefined): string {
  const year = stockholmYear(reportedAt);
  const parsed = highest ? parseIncidentReference(highest) : null;
  return formatIncidentReference(year, parsed && parsed.year === year ? parsed.sequence + 1 : 1);
}
