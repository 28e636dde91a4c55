/**
 * The message extension's routes: each a short typed handler that resolves the Teams user, asks
 * the data source for access acting for them, and calls a plain function. Errors and the deadline
 * are handled once, by the invoke wrapper (invoke.ts); the error answers for each kind of invoke
 * are here, so the watchdog answers a stalled invoke the same way its handler would.
 */
import type { App } from '@microsoft/teams.apps';
import type { IActivity, MessagingExtensionActionResponse, MessagingExtensionResponse } from '@microsoft/teams.api';
import { attachment } from './cards/common.js';
import { errorCard } from './cards/error.js';
import { FIND_COMMAND, findSystems } from './find-system.js';
import { resolveUser } from './identity.js';
import { format, langOf, texts, type Lang } from './i18n.js';
import { REPORT_COMMAND, isReportSubmit, openReportDialog, submitReport } from './incident-report.js';
import { answerInvoke, type InvokeFailure, type LateInvoke } from './invoke.js';
import { UnknownReporterError } from './data.js';
import type { TabLinks } from './links.js';
import { ApiError } from '../server/api/service.js';
import type { BotDataSource, TeamsUser } from './ports.js';

export interface HandlerOptions {
  data: BotDataSource;
  deadlineMs: number;
  log: (line: string) => void;
  /** Where cards link into the tab ("Öppna i Systemkoll"). */
  links?: TabLinks;
}

/** A dialog invoke's error answer: the error card in the dialog. */
function errorDialog(lang: Lang, failure: InvokeFailure): MessagingExtensionActionResponse {
  return {
    task: {
      type: 'continue',
      value: { title: texts(lang).errorTitle, card: attachment(errorCard(lang, failure.message, failure.correlationId)) },
    },
  };
}

/** A search invoke's error answer: a message in the compose box's result list. */
function errorMessage(lang: Lang, failure: InvokeFailure): MessagingExtensionResponse {
  return { composeExtension: { type: 'message', text: `${failure.message} ${texts(lang).errorCode}: ${failure.correlationId}` } };
}

/** The answer for an invoke the SDK never handed to us in time (see guardInvokes). */
export function lateInvokeAnswer(late: LateInvoke, failure: InvokeFailure): unknown {
  switch (late.activity?.name) {
    case 'composeExtension/fetchTask':
      return errorDialog(late.lang, failure);
    case 'composeExtension/submitAction':
      // The write may still finish: say so, and that sending again cannot make a second report.
      return errorDialog(late.lang, { ...failure, message: texts(late.lang).reportUnconfirmed });
    case 'composeExtension/query':
      return errorMessage(late.lang, failure);
    default:
      // Unknown or not yet read: Teams shows its own error for an empty answer, rather than waiting.
      return {};
  }
}

/**
 * A submit that failed is worded by what we know: nothing was stored (we could not tell who is
 * reporting, or the input was refused), or we cannot tell — then the user is told the report may
 * have arrived and that sending it again never makes a second one. Never "failed" when it was stored.
 */
export function submitFailureDialog(lang: Lang, failure: InvokeFailure) {
  const t = texts(lang);
  const error = failure.error;
  if (error instanceof UnknownReporterError) return errorDialog(lang, { ...failure, message: t.reportNotStoredWho });
  if (error instanceof ApiError && error.status === 400) return errorDialog(lang, { ...failure, message: error.message });
  return errorDialog(lang, { ...failure, message: t.reportUnconfirmed });
}

export function registerMessageExtension(app: App, options: HandlerOptions): void {
  const { data, deadlineMs, log } = options;

  /** Who is asking, and the data access acting for them. */
  const dataFor = async (
    activity: Pick<IActivity, 'from' | 'conversation'>,
    api: App['api'],
  ): Promise<{ user: TeamsUser; data: Awaited<ReturnType<BotDataSource>> }> => {
    const user = await resolveUser(
      activity.from,
      activity.conversation?.id,
      (conversationId, userId) => api.conversations.members(conversationId).getById(userId),
      1500,
    );
    return { user, data: await data(user) };
  };

  /** The one wrapper every invoke goes through: language, deadline, logging, error answer. */
  const invoke = <T>(
    activity: Pick<IActivity, 'locale'>,
    what: string,
    fallback: (lang: Lang, failure: InvokeFailure) => T,
    work: (lang: Lang) => Promise<T>,
  ) => {
    const lang = langOf(activity.locale);
    return answerInvoke<T>({ what, lang, deadlineMs, log, work: () => work(lang), fallback: (failure) => fallback(lang, failure) });
  };

  app.on('message.ext.open', ({ activity, api }) =>
    invoke(activity, 'Rapportera incident (öppna)', errorDialog, async (lang) => {
      if (activity.value.commandId !== REPORT_COMMAND)
        throw new Error(format(lang, 'unknownCommand', { id: String(activity.value.commandId) }));
      return openReportDialog((await dataFor(activity, api)).data, activity.value, lang);
    }),
  );

  app.on('message.ext.submit', ({ activity, api }) =>
    invoke(activity, 'Rapportera incident (skicka)', submitFailureDialog, async (lang) => {
      if (!isReportSubmit(activity.value)) throw new Error(format(lang, 'unknownCommand', { id: String(activity.value.commandId) }));
      const { user, data: access } = await dataFor(activity, api);
      return submitReport(access, activity.value, user, lang, options.links ? { links: options.links } : {});
    }),
  );

  app.on('message.ext.query', ({ activity, api }) =>
    invoke(activity, 'Hitta system', errorMessage, async (lang) => {
      const { commandId } = activity.value;
      if (commandId && commandId !== FIND_COMMAND) throw new Error(format(lang, 'unknownCommand', { id: commandId }));
      return findSystems((await dataFor(activity, api)).data, activity.value, lang, options.links);
    }),
  );

  // Someone writes to the bot directly: explain where the features live.
  app.on('message', async ({ activity, send }) => {
    await send(texts(langOf(activity.locale)).botHelp);
  });
}
