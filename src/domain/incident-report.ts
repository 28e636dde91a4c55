/**
 * An incident report as staff send it (from a chat message or the tab): validation of what they
 * typed, and the incident record it becomes. Pure: no I/O, "now" is a parameter; messages are codes
 * the caller words in the user's language (the stored record itself is Swedish, like the register).
 */
import type { DraftOf, Fields } from '../shared/schema/index.js';
import { STOCKHOLM, isCalendarDate, stockholmDate, stockholmInstant, toInstant } from './calendar.js';

export const TITLE_MAX = 255;
export const DESCRIPTION_MAX = 10_000;
export const PERSONAL_DATA_VALUES = ['ja', 'nej', 'vet ej'] as const;
export type PersonalDataValue = (typeof PERSONAL_DATA_VALUES)[number];

/**
 * The types a reporter may choose. "Möjlig incident" is the coordinator's triage verdict, not a
 * reporter's: staff say what they saw (something happened, an incident, a deficiency).
 */
export const REPORT_TYPES = ['händelse', 'incident', 'brist'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];
/**
 * A reporter who does not choose gets "händelse": the neutral word for anything that happened. It
 * claims nothing (an "incident" starts legal assessments, a "brist" says nothing happened yet), and
 * the coordinator sets the real type when triaging every new report anyway.
 */
export const DEFAULT_REPORT_TYPE: ReportType = 'händelse';

/** CERT-SE's incident categories, as incidents.category stores them (manifest/site-schema.ts). */
export const CERT_SE_CATEGORIES = [
  'störning i mjuk- eller hårdvara',
  'störning i driftmiljö',
  'informationsförlust eller informationsläckage',
  'informationsförvanskning',
  'hindrad tillgång',
  'säkerhetsbrist i produkt',
  'angrepp',
  'handhavandefel',
  'störning i kritisk infrastruktur',
  'annan oförutsedd händelse',
] as const satisfies readonly Fields<'incidents'>['category'][];
export type CertSeCategory = (typeof CERT_SE_CATEGORIES)[number];
/** What a reporter who does not know the category sends (stored as no category). */
export const CATEGORY_UNKNOWN = 'vet ej';

/** Most affected systems one report may name. */
export const MAX_REPORT_SYSTEMS = 20;
/**
 * How far ahead of our clock a reported time may be: a phone's clock a few minutes fast must not
 * make a report fail, a date tomorrow must.
 */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** What the user typed; kept verbatim so an invalid submit can show it again. */
export interface ReportInput {
  title: string;
  description: string;
  /** One affected system (the older single-system form); used when `systemIds` is empty. */
  systemId: string;
  personalData: string;
  /**
   * Affected systems, comma-separated as a multi-select choice set sends them ("4,9"); the first is
   * the main system.
   */
  systemIds?: string;
  /**
   * When it happened and when the reporter discovered it: an instant with offset or Z, a Stockholm
   * wall-clock time "YYYY-MM-DDTHH:mm", or a date "YYYY-MM-DD" when the time is not known.
   */
  occurredAt?: string;
  detectedAt?: string;
  type?: string;
  category?: string;
  /** "true" or "false" (a toggle's values); empty when not said. */
  ongoing?: string;
}

export interface ValidReport {
  title: string;
  description: string;
  /** The main system (the first of `systemIds`), or null. */
  systemId: number | null;
  /** Every affected system, main system first, without repeats. */
  systemIds: number[];
  personalData: PersonalDataValue;
  /** ISO instants (UTC), or null when not given. */
  occurredAt: string | null;
  detectedAt: string | null;
  type: ReportType;
  category: CertSeCategory | null;
  ongoing: boolean | null;
}

export type ReportProblem =
  | { code: 'titleMissing' }
  | { code: 'titleTooLong'; max: number }
  | { code: 'descriptionMissing' }
  | { code: 'descriptionTooLong'; max: number }
  | { code: 'personalDataMissing' }
  | { code: 'systemUnknown' }
  | { code: 'tooManySystems'; max: number }
  | { code: 'occurredInvalid' }
  | { code: 'occurredInFuture' }
  | { code: 'detectedInvalid' }
  | { code: 'detectedInFuture' }
  | { code: 'detectedBeforeOccurred' }
  | { code: 'typeUnknown' }
  | { code: 'categoryUnknown' };

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
const WITH_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/** A reported time: the instant, and whether the reporter gave the time of day or only the date. */
interface ReportedTime {
  at: Date;
  /** YYYY-MM-DD in Stockholm. */
  date: string;
  dateOnly: boolean;
}

/** Reads a reported time (see ReportInput.occurredAt); undefined = not given, null = not readable. */
export function parseReportedTime(value: string | undefined): ReportedTime | undefined | null {
  const text = (value ?? '').trim();
  if (!text) return undefined;
  if (WITH_OFFSET.test(text)) {
    const at = toInstant(text);
    return at && /^\d{4}-\d{2}-\d{2}T/.test(text) ? { at, date: stockholmDate(at), dateOnly: false } : null;
  }
  const m = LOCAL_DATE_TIME.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map((x) => (x === undefined ? undefined : Number(x)));
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  if (!isCalendarDate(date)) return null;
  if (hour !== undefined && (hour > 23 || (minute ?? 0) > 59)) return null;
  // A date alone stands for the start of that day in Stockholm (compared by date, see below).
  const at = stockholmInstant(year!, month!, day!, hour ?? 0, minute ?? 0);
  return { at, date, dateOnly: hour === undefined };
}

/** The system ids a report names, in the order given, without repeats; null when one is not an id. */
function systemIdsOf(input: ReportInput): number[] | null {
  const raw = (input.systemIds ?? '').trim() || input.systemId.trim();
  if (!raw) return [];
  const ids: number[] = [];
  for (const part of raw.split(',').map((p) => p.trim())) {
    if (!part) continue;
    const id = Number(part);
    if (!/^\d+$/.test(part) || !Number.isSafeInteger(id) || id <= 0) return null;
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** The ids a report names (for loading them before validation); invalid parts are left out. */
export function reportedSystemIds(input: Pick<ReportInput, 'systemId' | 'systemIds'>): number[] {
  const raw = (input.systemIds ?? '').trim() || input.systemId.trim();
  return [
    ...new Set(
      raw
        .split(',')
        .map((p) => p.trim())
        .filter((p) => /^\d+$/.test(p))
        .map(Number),
    ),
  ].filter((id) => Number.isSafeInteger(id) && id > 0);
}

/**
 * Checks every field at once. `systemIds` are the systems a report may name (in the register, not
 * decommissioned); `now` is the time the report arrives.
 */
export function validateReportInput(
  input: ReportInput,
  systemIds: ReadonlySet<number> | readonly number[],
  now: Date,
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

  const ids = systemIdsOf(input);
  if (ids !== null && ids.length > MAX_REPORT_SYSTEMS) problems.push({ code: 'tooManySystems', max: MAX_REPORT_SYSTEMS });
  else if (ids === null || ids.some((id) => !known.has(id))) problems.push({ code: 'systemUnknown' });

  const latest = now.getTime() + FUTURE_TOLERANCE_MS;
  const today = stockholmDate(now);
  const inFuture = (t: ReportedTime) => (t.dateOnly ? t.date > today : t.at.getTime() > latest);
  const occurred = parseReportedTime(input.occurredAt);
  const detected = parseReportedTime(input.detectedAt);
  if (occurred === null) problems.push({ code: 'occurredInvalid' });
  else if (occurred && inFuture(occurred)) problems.push({ code: 'occurredInFuture' });
  if (detected === null) problems.push({ code: 'detectedInvalid' });
  else if (detected && inFuture(detected)) problems.push({ code: 'detectedInFuture' });
  if (occurred && detected) {
    // With only a date on either side, the same day is in order (the times are not known).
    const before = occurred.dateOnly || detected.dateOnly ? detected.date < occurred.date : detected.at < occurred.at;
    if (before) problems.push({ code: 'detectedBeforeOccurred' });
  }

  const typeText = (input.type ?? '').trim();
  const type = typeText ? REPORT_TYPES.find((t) => t === typeText) : DEFAULT_REPORT_TYPE;
  if (!type) problems.push({ code: 'typeUnknown' });
  const categoryText = (input.category ?? '').trim();
  const category = categoryText && categoryText !== CATEGORY_UNKNOWN ? CERT_SE_CATEGORIES.find((c) => c === categoryText) : null;
  if (category === undefined) problems.push({ code: 'categoryUnknown' });
  const ongoingText = (input.ongoing ?? '').trim();
  const ongoing = ongoingText === 'true' ? true : ongoingText === 'false' ? false : null;

  if (problems.length > 0 || !personalData || !type || category === undefined || ids === null) return { ok: false, problems };
  return {
    ok: true,
    value: {
      title,
      description,
      systemId: ids[0] ?? null,
      systemIds: ids,
      personalData,
      occurredAt: occurred ? occurred.at.toISOString() : null,
      detectedAt: detected ? detected.at.toISOString() : null,
      type,
      category,
      ongoing,
    },
  };
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
    affectedSystems: report.systemIds.map((id) => ({ id })),
    // The first affected system is the main one: the indexed lookup "incidents on my systems" reads.
    ...(report.systemIds.length > 0 ? { mainSystem: { id: report.systemIds[0]! } } : {}),
    personalDataInvolved: report.personalData,
    type: report.type,
    ...(report.category ? { category: report.category } : {}),
    ...(report.occurredAt ? { occurredAt: report.occurredAt } : {}),
    ...(report.detectedAt ? { detectedAt: report.detectedAt } : {}),
    // The organisation is aware when the report arrives: the legal clocks (GDPR art. 33, NIS2) run
    // from here, not from when the reporter noticed it (detectedAt). A coordinator may move it, with
    // a justification, while handling the incident.
    awareAt: options.now.toISOString(),
    ...(report.ongoing !== null ? { ongoing: report.ongoing } : {}),
    status: 'ny',
    ...(reporter.siteUserId !== null ? { reporter: { id: reporter.siteUserId } } : {}),
  };
}
