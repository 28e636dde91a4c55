/**
 * The message extension's routes: each a short typed handler that resolves the Teams user, asks
 * the data source for access acting for them, and calls a plain function. Errors and the deadline
 * are handled once, in answerInvoke.
 */
import type { App } from '@microsoft/teams.apps';
import type { MessagingExtensionActionResponse, MessagingExtensionResponse } from '@microsoft/teams.api';
import { errorCard } from './cards/incident.js';
import { attachment } from './cards/common.js';
import { FIND_COMMAND, findSystems, type QueryValue } from './find-system.js';
import { resolveUser, type ActivityFrom } from './identity.js';
import { format, langOf, texts, type Lang } from './i18n.js';
import { REPORT_COMMAND, isReportSubmit, openReportDialog, submitReport, type ActionValue } from './incident-report.js';
import { answerInvoke, type InvokeFailure } from './invoke.js';
import type { BotDataSource, TeamsUser } from './ports.js';

export interface HandlerOptions {
  data: BotDataSource;
  deadlineMs: number;
  log: (line: string) => void;
}

interface InvokeActivityLike {
  from?: unknown;
  conversation?: { id?: string };
  locale?: string;
}

function errorDialog(lang: Lang, failure: InvokeFailure): MessagingExtensionActionResponse {
  return {
    task: {
      type: 'continue',
      value: { title: texts(lang).errorTitle, card: attachment(errorCard(lang, failure.message, failure.correlationId)) },
    },
  };
}

function errorMessage(lang: Lang, failure: InvokeFailure): MessagingExtensionResponse {
  return { composeExtension: { type: 'message', text: `${failure.message} ${texts(lang).errorCode}: ${failure.correlationId}` } };
}

export function registerMessageExtension(app: App, options: HandlerOptions): void {
  const { data, deadlineMs, log } = options;

  const who = (activity: InvokeActivityLike, api: App['api']): Promise<TeamsUser> =>
    resolveUser(
      activity.from as ActivityFrom | undefined,
      activity.conversation?.id,
      (conversationId, userId) => api.conversations.members(conversationId).getById(userId),
      1500,
    );

  app.on('message.ext.open', async ({ activity, api }) => {
    const lang = langOf(activity.locale);
    const value = (activity.value ?? {}) as ActionValue;
    return answerInvoke<MessagingExtensionActionResponse>({
      what: 'Rapportera incident (öppna)',
      lang,
      deadlineMs,
      log,
      work: async () => {
        if (value.commandId !== REPORT_COMMAND) throw new Error(format(lang, 'unknownCommand', { id: String(value.commandId) }));
        return openReportDialog(await data(await who(activity, api)), value, lang);
      },
      fallback: (failure) => errorDialog(lang, failure),
    });
  });

  app.on('message.ext.submit', async ({ activity, api }) => {
    const lang = langOf(activity.locale);
    const value = (activity.value ?? {}) as ActionValue;
    return answerInvoke<MessagingExtensionActionResponse>({
      what: 'Rapportera incident (skicka)',
      lang,
      deadlineMs,
      log,
      work: async () => {
        if (!isReportSubmit(value)) throw new Error(format(lang, 'unknownCommand', { id: String(value.commandId) }));
        const user = await who(activity, api);
        return submitReport(await data(user), value, user, lang);
      },
      fallback: (failure) => errorDialog(lang, failure),
    });
  });

  app.on('message.ext.query', async ({ activity, api }) => {
    const lang = langOf(activity.locale);
    const value = (activity.value ?? {}) as QueryValue;
    return answerInvoke<MessagingExtensionResponse>({
      what: 'Hitta system',
      lang,
      deadlineMs,
      log,
      work: async () => {
        if (value.commandId && value.commandId !== FIND_COMMAND) throw new Error(format(lang, 'unknownCommand', { id: value.commandId }));
        return findSystems(await data(await who(activity, api)), value, lang);
      },
      fallback: (failure) => errorMessage(lang, failure),
    });
  });

  // Someone writes to the bot directly: explain where the features live.
  app.on('message', async ({ activity, send }) => {
    await send(texts(langOf(activity.locale)).botHelp);
  });
}
