/**
 * An incident report as staff send it (from a chat message or the tab): validation of what they
 * typed, and the incident record it becomes. Pure: no I/O, "now" is a parameter; messages are codes
 * the caller words in the user's language (the stored record itself is Swedish, like the register).
 */
import type { DraftOf } from '../shared/schema/index.js';
import { STOCKHOLM, toInstant } from './calendar.js';

export const TITLE_MAX = 255;
export const DESCRIPTION_MAX = 10_000;
export const PERSONAL_DATA_VALUES = ['ja', 'nej', 'vet ej'] as const;
export type PersonalDataValue = (typeof PERSONAL_DATA_VALUES)[number];

/** What the user typed; kept verbatim so an invalid submit can show it again. */
export interface ReportInput {
  title: string;
  description: string;
  systemId: string;
  personalData: string;
}

export interface ValidReport {
  title: string;
  description: string;
  systemId: number | null;
  personalData: PersonalDataValue;
}

export type ReportProblem =
  | { code: 'titleMissing' }
  | { code: 'titleTooLong'; max: number }
  | { code: 'descriptionMissing' }
  | { code: 'descriptionTooLong'; max: number }
  | { code: 'personalDataMissing' }
  | { code: 'systemUnknown' };

/** Checks every field at once; `systemIds` are the systems a report may name. */
export function validateReportInput(
  input: ReportInput,
  systemIds: ReadonlySet<number> | readonly number[],
): { ok: true; value: ValidReport } | { ok: false; problems: ReportProblem[] } {
  const known = systemIds instanceof Set ? systemIds : new Set(systemIds as readonly number[]);
  const problems: ReportProblem[] = [];
  const title = input.title.trim().replace(/\s+/g, ' ');
  const description = input.description.trim();
  if (!title) problems.push({ code: 'titleMissing' });
  else if (title.length > TITLE_MAX) problems.push({ code: 'titleTooLong', max: TITLE_MAX });
  if (!description) problems.push({ code: 'descriptionMissing' });
  else if (description.length > DESCRIPTION_MAX) problems.push({ code: 'descriptionTooLong', max: DESCRIPTION_MAX });
  const personalData = PERSONAL_DATA_VALUES.find((v) => v === input.personalData.trim());
  if (!personalData) problems.push({ code: 'personalDataMissing' });
  let systemId: number | null = null;
  if (input.systemId.trim()) {
    const id = Number(input.systemId.trim());
    if (!Number.isInteger(id) || !known.has(id)) problems.push({ code: 'systemUnknown' });
    else systemId = id;
  }
  if (problems.length > 0 || !personalData) return { ok: false, problems };
  return { ok: true, value: { title, description, systemId, personalData } };
}

/** The chat message a report starts from, reduced to what is kept. */
export interface ReportSource {
  id?: string;
  text: string;
  link?: string;
  senderName?: string;
  createdAt?: string;
}

/** Who sent the report, as Teams or the sign-in tells it. */
export interface Reporter {
  /** The SharePoint user id, when the site knows the person. */
  siteUserId: number | null;
  name?: string;
  upn?: string;
  email?: string;
  fallbackId: string;
}

/** Swedish date and time in Stockholm, the same format as everywhere else (src/shared/i18n formatters): "24 okt. 2026 10:05". */
const swedishDateTime = new Intl.DateTimeFormat('sv-SE', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: STOCKHOLM,
});

/** The incident record a valid report becomes. */
export function incidentFromReport(options: {
  report: ValidReport;
  source?: ReportSource;
  reporter: Reporter;
  submissionKey: string;
  now: Date;
}): DraftOf<'incidents'> & { submissionKey: string } {
  const { report, source, reporter } = options;
  const notes: string[] = [];
  if (source) {
    const sent = toInstant(source.createdAt ?? null);
    notes.push(
      `Från chattmeddelande${source.senderName ? ` av ${source.senderName}` : ''}${sent ? `, skickat ${swedishDateTime.format(sent)}` : ''}.`,
    );
  }
  if (reporter.siteUserId === null) {
    // The site does not know the reporter: say who it was, so nothing about the report is lost.
    const who = [reporter.name, reporter.upn ?? reporter.email].filter(Boolean).join(', ');
    notes.push(`Rapporterad via Teams av ${who || reporter.fallbackId}.`);
  }
  const description = notes.length > 0 ? `${report.description}\n\n— ${notes.join(' ')}` : report.description;
  return {
    title: report.title,
    submissionKey: options.submissionKey,
    reportedAt: options.now.toISOString(),
    source: source ? 'Teams-chatt' : 'övrigt',
    ...(source?.link ? { sourceMessageUrl: source.link } : {}),
    description,
    affectedSystems: report.systemId !== null ? [{ id: report.systemId }] : [],
    ...(report.systemId !== null ? { mainSystem: { id: report.systemId } } : {}),
    personalDataInvolved: report.personalData,
    status: 'ny',
    ...(reporter.siteUserId !== null ? { reporter: { id: reporter.siteUserId } } : {}),
  };
}
