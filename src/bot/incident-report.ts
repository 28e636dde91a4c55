/**
 * "Rapportera incident": the dialog (composeExtension/fetchTask) and the submit
 * (composeExtension/submitAction). The rules — validation and the stored record — are in
 * src/domain/incident-report.ts; this module reads Teams' payloads, words problems in the user's
 * language and builds the cards.
 */
import { randomUUID } from 'node:crypto';
import type {
  CardTaskModuleTaskInfo,
  Message,
  MessageApp,
  MessageUser,
  MessagingExtensionAction,
  MessagingExtensionActionResponse,
  TaskModuleContinueResponse,
} from '@microsoft/teams.api';
import { stockholmDate } from '../domain/calendar.js';
import {
  DESCRIPTION_MAX,
  MAX_REPORT_SYSTEMS,
  TITLE_MAX,
  reportedSystemIds,
  validateReportInput,
  type ReportInput,
  type ReportProblem,
  type ValidReport,
} from '../domain/incident-report.js';
import { ApiError } from '../server/api/service.js';
import type { Incident, SystemRecord } from '../shared/schema/index.js';
import { attachment, type AdaptiveCard } from './cards/common.js';
import { reportConfirmationCard } from './cards/report-confirmation.js';
import {
  EMPTY_FORM,
  MAX_SEARCH_RESULTS,
  MAX_SYSTEM_CHOICES,
  REPORT_ACTION,
  SEARCH_INTENT,
  reportDialogCard,
  type ReportContext,
  type ReportForm,
  type SourceMessage,
} from './cards/report-dialog.js';
import type { TabLinks } from './links.js';
import { htmlToText, truncate } from './html.js';
import { format, texts, type Lang } from './i18n.js';
import type { BotData, TeamsUser } from './ports.js';

export const REPORT_COMMAND = 'reportIncident';

/** Teams' message payload (the SDK's Message): in practice any part may be missing, or null. */
export type MessagePayload = Partial<Pick<Message, 'id' | 'createdDateTime' | 'linkToMessage' | 'subject' | 'body'>> & {
  from?: { user?: Partial<MessageUser> | null; application?: Partial<MessageApp> | null } | null;
};

/** `value` of composeExtension/fetchTask and composeExtension/submitAction (the SDK's type, read defensively). */
export type ActionValue = Partial<Omit<MessagingExtensionAction, 'messagePayload' | 'data'>> & {
  messagePayload?: MessagePayload | null;
  data?: unknown;
};

/** The SDK's action response, narrowed to what the report answers with: a card dialog. */
export type DialogResponse = Omit<MessagingExtensionActionResponse, 'task'> & {
  task: Omit<TaskModuleContinueResponse, 'value'> & {
    value: Omit<CardTaskModuleTaskInfo, 'card'> & { title: string; card: ReturnType<typeof attachment> };
  };
};

function dialog(lang: Lang, content: AdaptiveCard): DialogResponse {
  return { task: { type: 'continue', value: { title: texts(lang).reportTitle, card: attachment(content), width: 'medium' } } };
}

/** Reduces Teams' message payload to the source of a report: plain text, link, sender, time. */
export function sourceFromPayload(payload: MessagePayload | undefined | null): SourceMessage | undefined {
  if (!payload || typeof payload !== 'object') return undefined;
  const raw = payload.body?.content ?? '';
  const textBody = payload.body?.contentType === 'text' ? raw.trim() : htmlToText(raw);
  const senderName = payload.from?.user?.displayName ?? payload.from?.application?.displayName ?? undefined;
  const source: SourceMessage = {
    text: truncate(textBody, DESCRIPTION_MAX - 200),
    ...(payload.id ? { id: String(payload.id) } : {}),
    ...(isHttpsOrTeamsLink(payload.linkToMessage) ? { link: payload.linkToMessage } : {}),
    ...(senderName ? { senderName } : {}),
    ...(payload.createdDateTime ? { createdAt: payload.createdDateTime } : {}),
  };
  return source.id || source.text || source.link ? source : undefined;
}

function isHttpsOrTeamsLink(url: unknown): url is string {
  if (typeof url !== 'string' || url.length > 2000) return false;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'msteams:';
  } catch {
    return false;
  }
}

function firstLine(text: string, max = 80): string {
  const line = text.split('\n').find((l) => l.trim()) ?? '';
  return truncate(line.trim(), max);
}

/**
 * The client part of a report's idempotency key: the chat message (so a retry, a double click or
 * reopening the action on the same message finds the first report), or the dialog's nonce when the
 * report does not start from a message. The service keys it per reporter with a secret (HMAC), so
 * nobody can compute, or occupy, another person's key.
 */
export function submissionClientKey(context: Pick<ReportContext, 'nonce' | 'source'>): string {
  return context.source?.id ? `message:${context.source.id}` : `dialog:${context.nonce}`;
}

/** Systems the dialog offers, loaded once per open (cached briefly by the data source). */
async function systemsFor(data: BotData): Promise<SystemRecord[]> {
  return data.systemChoices();
}

/** composeExtension/fetchTask for "Rapportera incident": the dialog, prefilled from the message. */
export async function openReportDialog(data: BotData, value: ActionValue, lang: Lang, now = new Date()): Promise<DialogResponse> {
  const source = sourceFromPayload(value.messagePayload);
  const systems = await systemsFor(data);
  const input: ReportForm = {
    ...EMPTY_FORM,
    title: source?.text ? firstLine(source.text) : '',
    description: source?.text ?? '',
  };
  const context: ReportContext = { nonce: randomUUID(), ...(source ? { source } : {}) };
  return dialog(
    lang,
    reportDialogCard({ lang, input, context, systems, more: systems.length >= MAX_SYSTEM_CHOICES, today: stockholmDate(now) }),
  );
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

/** Reads the dialog's inputs and hidden context back from `value.data`, tolerating anything. */
export function readSubmission(value: ActionValue): { input: ReportForm; context: ReportContext; intent: 'submit' | 'search' } {
  const data = (value.data && typeof value.data === 'object' ? value.data : {}) as Record<string, unknown>;
  const input: ReportForm = {
    title: str(data.title),
    description: str(data.description),
    // `systemId` is what a dialog opened before the multi-select was added sends.
    systemIds: str(data.systemIds) || str(data.systemId),
    personalData: str(data.personalData),
    occurredDate: str(data.occurredDate).trim(),
    occurredTime: str(data.occurredTime).trim(),
    detectedDate: str(data.detectedDate).trim(),
    detectedTime: str(data.detectedTime).trim(),
    type: str(data.type),
    category: str(data.category),
    ongoing: str(data.ongoing),
    systemQuery: str(data.systemQuery).slice(0, 100),
  };
  const rawContext = (data.context && typeof data.context === 'object' ? data.context : {}) as Record<string, unknown>;
  const rawSource = rawContext.source && typeof rawContext.source === 'object' ? (rawContext.source as Record<string, unknown>) : undefined;
  // Teams repeats the message on submit; prefer it to what came back through the card.
  const fromTeams = sourceFromPayload(value.messagePayload);
  const fromCard: SourceMessage | undefined = rawSource
    ? {
        text: truncate(str(rawSource.text), DESCRIPTION_MAX - 200),
        ...(str(rawSource.id) ? { id: str(rawSource.id) } : {}),
        ...(isHttpsOrTeamsLink(rawSource.link) ? { link: rawSource.link } : {}),
        ...(str(rawSource.senderName) ? { senderName: str(rawSource.senderName) } : {}),
        ...(str(rawSource.createdAt) ? { createdAt: str(rawSource.createdAt) } : {}),
      }
    : undefined;
  const source = fromTeams ?? fromCard;
  const nonce = str(rawContext.nonce).slice(0, 100) || randomUUID();
  const intent = data.intent === SEARCH_INTENT ? 'search' : 'submit';
  return { input, context: { nonce, ...(source ? { source } : {}) }, intent };
}

/** A date and a time from the form as one reported time: "YYYY-MM-DDTHH:mm", a date alone, or "". */
function reportedTime(date: string, time: string): string {
  if (!date) return time ? `T${time}` : ''; // a time without a date cannot be placed: refused as unreadable
  return time ? `${date}T${time.slice(0, 5)}` : date;
}

/** The form as the domain's report input (the same the tab sends through the API). */
export function reportInputOf(form: ReportForm): ReportInput {
  return {
    title: form.title,
    description: form.description,
    systemId: '',
    systemIds: form.systemIds,
    personalData: form.personalData,
    occurredAt: reportedTime(form.occurredDate, form.occurredTime),
    detectedAt: reportedTime(form.detectedDate, form.detectedTime),
    type: form.type,
    category: form.category,
    ongoing: form.ongoing,
  };
}

export type { ValidReport };

/**
 * Checks the inputs; returns every problem at once, in the user's language. `complete` says whether
 * `systems` is the whole register (else a system not in it is left for the service to check).
 */
export function validateReport(
  input: ReportInput,
  systems: Pick<SystemRecord, 'id'>[],
  lang: Lang,
  options: { now?: Date; complete?: boolean } = {},
): { ok: true; value: ValidReport } | { ok: false; errors: string[] } {
  const known = new Set(systems.map((s) => s.id));
  if (options.complete === false) for (const id of reportedSystemIds(input)) known.add(id);
  const checked = validateReportInput(input, known, options.now ?? new Date());
  if (checked.ok) return checked;
  return { ok: false, errors: checked.problems.map((p) => problemText(p, lang)) };
}

export function problemText(problem: ReportProblem, lang: Lang): string {
  const t = texts(lang);
  switch (problem.code) {
    case 'titleMissing':
      return t.errTitleMissing;
    case 'titleTooLong':
      return format(lang, 'errTitleTooLong', { max: problem.max });
    case 'descriptionMissing':
      return t.errDescriptionMissing;
    case 'descriptionTooLong':
      return format(lang, 'errDescriptionTooLong', { max: problem.max });
    case 'personalDataMissing':
      return t.errPersonalData;
    case 'systemUnknown':
      return t.errSystemUnknown;
    case 'tooManySystems':
      return format(lang, 'errSystemsTooMany', { max: problem.max });
    case 'occurredInvalid':
      return t.errOccurredInvalid;
    case 'occurredInFuture':
      return t.errOccurredInFuture;
    case 'detectedInvalid':
      return t.errDetectedInvalid;
    case 'detectedInFuture':
      return t.errDetectedInFuture;
    case 'detectedBeforeOccurred':
      return t.errDetectedBeforeOccurred;
    case 'typeUnknown':
      return t.errTypeUnknown;
    case 'categoryUnknown':
      return t.errCategoryUnknown;
  }
}

/** The service's refusal codes (ApiError details) as problems, when it refused the input itself. */
function refusedProblems(error: unknown): ReportProblem[] | null {
  if (!(error instanceof ApiError) || error.code !== 'invalidReport' || !Array.isArray(error.details)) return null;
  const codes = error.details.filter((c): c is ReportProblem['code'] => typeof c === 'string');
  return codes.map(
    (code) =>
      (code === 'titleTooLong'
        ? { code, max: TITLE_MAX }
        : code === 'descriptionTooLong'
          ? { code, max: DESCRIPTION_MAX }
          : code === 'tooManySystems'
            ? { code, max: MAX_REPORT_SYSTEMS }
            : { code }) as ReportProblem,
  );
}

/** The systems to list: the chosen ones first (so a choice from an earlier search stays), then `rest`. */
async function systemsToList(data: BotData, form: ReportForm, rest: SystemRecord[]): Promise<SystemRecord[]> {
  const chosen = reportedSystemIds({ systemId: '', systemIds: form.systemIds });
  const byId = new Map(rest.map((s) => [s.id, s]));
  const missing = chosen.filter((id) => !byId.has(id));
  const extra = missing.length > 0 && data.systemsByIds ? await data.systemsByIds(missing) : [];
  for (const s of extra) byId.set(s.id, s);
  const first = chosen.map((id) => byId.get(id)).filter((s): s is SystemRecord => s !== undefined);
  const seen = new Set(first.map((s) => s.id));
  return [...first, ...rest.filter((s) => !seen.has(s.id))].filter((s) => s.lifecycleStatus !== 'avvecklad').slice(0, MAX_SYSTEM_CHOICES);
}

/**
 * composeExtension/submitAction for "Rapportera incident": a system search shows the form again with
 * the matches; a report is validated, stored exactly once (submission key) and answered with the
 * confirmation — or the dialog again, input kept, with what to correct.
 */
export async function submitReport(
  data: BotData,
  value: ActionValue,
  user: TeamsUser,
  lang: Lang,
  options: { links?: TabLinks; now?: Date } = {},
): Promise<DialogResponse> {
  const now = options.now ?? new Date();
  const { input: form, context, intent } = readSubmission(value);
  const choices = await systemsFor(data);
  const complete = choices.length < MAX_SYSTEM_CHOICES;
  const again = async (extra: { errors?: string[]; searchNote?: string; found?: SystemRecord[] }) => {
    const systems = await systemsToList(data, form, [...(extra.found ?? []), ...choices]);
    return dialog(
      lang,
      reportDialogCard({
        lang,
        input: form,
        context,
        systems,
        more: !complete,
        today: stockholmDate(now),
        ...(extra.errors ? { errors: extra.errors } : {}),
        ...(extra.searchNote ? { searchNote: extra.searchNote } : {}),
      }),
    );
  };

  if (intent === 'search') {
    const query = form.systemQuery.trim();
    const found = query ? (await data.searchSystems(query, MAX_SEARCH_RESULTS)).filter((s) => s.lifecycleStatus !== 'avvecklad') : [];
    const searchNote = query
      ? found.length > 0
        ? format(lang, 'systemsFound', { query, count: found.length })
        : format(lang, 'systemsNotFound', { query })
      : undefined;
    return again({ found, ...(searchNote ? { searchNote } : {}) });
  }

  const input = reportInputOf(form);
  const checked = validateReport(input, choices, lang, { now, complete });
  if (!checked.ok) return again({ errors: checked.errors });
  let result: { incident: Incident; created: boolean };
  try {
    result = await data.report(user, {
      input,
      clientKey: submissionClientKey(context),
      ...(context.source ? { source: context.source } : {}),
    });
  } catch (error) {
    // The service checks again (a system decommissioned since the dialog opened, one beyond the
    // listed ones): nothing was stored, so the form comes back with the input kept.
    const problems = refusedProblems(error);
    if (problems && problems.length > 0) return again({ errors: problems.map((p) => problemText(p, lang)) });
    throw error;
  }
  // Names for the confirmation: from the list, or read for a system chosen from a search.
  // The report is stored by now: a failed read here must not turn the confirmation into an error.
  const named = await systemsToList(data, form, choices).catch(() => choices);
  const systemTitle =
    checked.value.systemIds
      .map((id) => named.find((s) => s.id === id)?.title)
      .filter(Boolean)
      .join(', ') || null;
  return dialog(
    lang,
    reportConfirmationCard({
      lang,
      incident: result.incident,
      created: result.created,
      systemTitle,
      ...(options.links ? { links: options.links } : {}),
    }),
  );
}

export function isReportSubmit(value: ActionValue): boolean {
  const action = value.data && typeof value.data === 'object' ? (value.data as { action?: unknown }).action : undefined;
  return value.commandId === REPORT_COMMAND || action === REPORT_ACTION;
}
