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
import { DESCRIPTION_MAX, validateReportInput, type ReportProblem, type ValidReport } from '../domain/incident-report.js';
import type { SystemRecord } from '../shared/schema/index.js';
import { attachment, type AdaptiveCard } from './cards/common.js';
import { reportConfirmationCard } from './cards/report-confirmation.js';
import { REPORT_ACTION, reportDialogCard, type ReportContext, type ReportInput, type SourceMessage } from './cards/report-dialog.js';
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

/** Systems the dialog offers, loaded once per open. */
async function systemsFor(data: BotData): Promise<SystemRecord[]> {
  return data.systemChoices();
}

/** composeExtension/fetchTask for "Rapportera incident": the dialog, prefilled from the message. */
export async function openReportDialog(data: BotData, value: ActionValue, lang: Lang): Promise<DialogResponse> {
  const source = sourceFromPayload(value.messagePayload);
  const systems = await systemsFor(data);
  const input: ReportInput = {
    title: source?.text ? firstLine(source.text) : '',
    description: source?.text ?? '',
    systemId: '',
    personalData: 'vet ej',
  };
  const context: ReportContext = { nonce: randomUUID(), ...(source ? { source } : {}) };
  return dialog(lang, reportDialogCard({ lang, input, context, systems }));
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** Reads the dialog's inputs and hidden context back from `value.data`, tolerating anything. */
export function readSubmission(value: ActionValue): { input: ReportInput; context: ReportContext } {
  const data = (value.data && typeof value.data === 'object' ? value.data : {}) as Record<string, unknown>;
  const input: ReportInput = {
    title: str(data.title),
    description: str(data.description),
    systemId: str(data.systemId),
    personalData: str(data.personalData),
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
  return { input, context: { nonce, ...(source ? { source } : {}) } };
}

export type { ValidReport };

/** Checks the inputs; returns every problem at once, in the user's language. */
export function validateReport(
  input: ReportInput,
  systems: Pick<SystemRecord, 'id'>[],
  lang: Lang,
): { ok: true; value: ValidReport } | { ok: false; errors: string[] } {
  const checked = validateReportInput(input, new Set(systems.map((s) => s.id)));
  if (checked.ok) return checked;
  return { ok: false, errors: checked.problems.map((p) => problemText(p, lang)) };
}

function problemText(problem: ReportProblem, lang: Lang): string {
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
  }
}

/**
 * composeExtension/submitAction for "Rapportera incident": validates, stores the incident exactly
 * once (submission key), and answers with the confirmation — or the dialog again, input kept.
 */
export async function submitReport(data: BotData, value: ActionValue, user: TeamsUser, lang: Lang): Promise<DialogResponse> {
  const { input, context } = readSubmission(value);
  const systems = await systemsFor(data);
  const checked = validateReport(input, systems, lang);
  if (!checked.ok) {
    return dialog(lang, reportDialogCard({ lang, input, context, systems, errors: checked.errors }));
  }
  const { incident, created } = await data.report(user, {
    input,
    clientKey: submissionClientKey(context),
    ...(context.source ? { source: context.source } : {}),
  });
  const systemTitle = checked.value.systemId !== null ? (systems.find((s) => s.id === checked.value.systemId)?.title ?? null) : null;
  return dialog(lang, reportConfirmationCard({ lang, incident, created, systemTitle }));
}

export function isReportSubmit(value: ActionValue): boolean {
  const action = value.data && typeof value.data === 'object' ? (value.data as { action?: unknown }).action : undefined;
  return value.commandId === REPORT_COMMAND || action === REPORT_ACTION;
}
