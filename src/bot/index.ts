import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, ExpressAdapter } from '@microsoft/teams.apps';
import type { ILogger, LogLevel } from '@microsoft/teams.common';
import type { TokenProvider } from '../shared/data/index.js';
import { DataError, dataErrorMessage } from '../shared/data/index.js';
import { botFrameworkToken, certificateFromEnv, sharePointAppOnlyToken, type CertificateCredentials } from '../server/auth/certificate.js';
import { errorCard } from './cards/incident.js';
import { attachment } from './cards/common.js';
import { appOnlyDataSource, localDataSource } from './data.js';
import { FIND_COMMAND, findSystems, type QueryValue } from './find-system.js';
import { resolveUser, type ActivityFrom } from './identity.js';
import { langOf, texts, type Lang } from './i18n.js';
import { REPORT_COMMAND, isReportSubmit, openReportDialog, submitReport, type ActionValue } from './incident-report.js';
import type { BotDataSource, TeamsUser } from './ports.js';

export type { BotData, BotDataSource, TeamsUser } from './ports.js';

export type BotMode = 'local' | 'production';

/** How the bot proves itself to the Bot Framework (production). Single-tenant: tenantId is required. */
export interface BotAuth {
  clientId: string;
  tenantId: string;
  clientSecret?: string;
  certificate?: CertificateCredentials;
  /** User-assigned managed identity client id, or 'system'. */
  managedIdentityClientId?: string;
}

export interface StartBotOptions {
  mode: BotMode;
  /** Default 3978; 0 = a free port. */
  port?: number;
  /** Default 127.0.0.1. Local mode refuses anything but loopback. */
  host?: string;
  /** SharePoint site. Local default: `<localStoreUrl>/sites/systemkoll`; production: env SP_SITE_URL. */
  siteUrl?: string;
  /** Local store origin (LOCAL_SP_URL), default http://127.0.0.1:4300. */
  localStoreUrl?: string;
  /** Local mode: who acts for Teams users the store does not know (LOCAL_BOT_SERVICE_UPN). */
  localServiceUpn?: string;
  /** Production: Bot Framework credentials; default read from the environment (BOT_*). */
  botAuth?: BotAuth;
  /** Production: SharePoint token provider; default certificate auth from the environment (SP_APP_*). */
  sharePointToken?: TokenProvider;
  /** Replaces the SharePoint wiring (tests, other hosts). */
  data?: BotDataSource;
  /** Invokes are answered within this many ms (Teams gives up after about 5 s). Default 4000. */
  invokeTimeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

export interface RunningBot {
  /** The messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  url: string;
  port: number;
  mode: BotMode;
  close(): Promise<void>;
}

const DEFAULT_LOCAL_STORE = 'http://127.0.0.1:4300';
const DEFAULT_SERVICE_UPN = 'admin@exempelkommun.se';

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** The SDK's logger, routed to ours: warnings and errors only, so the console stays readable. */
function quietLogger(log: (line: string) => void, name = 'teams'): ILogger {
  const write = (level: LogLevel, msg: unknown[]) => {
    // Local mode says itself that it runs without authentication; the SDK's own warning is noise.
    if (typeof msg[0] === 'string' && msg[0].startsWith('No credentials configured')) return;
    if (level === 'error' || level === 'warn')
      log(`[${name}] ${msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ')}`);
  };
  return {
    debug: () => undefined,
    trace: () => undefined,
    info: () => undefined,
    warn: (...m) => write('warn', m),
    error: (...m) => write('error', m),
    log: (level, ...m) => write(level, m),
    child: (child) => quietLogger(log, `${name}/${child}`),
  };
}

/** Reads the production bot credentials from the environment; Swedish message naming what is missing. */
export function botAuthFromEnv(env: NodeJS.ProcessEnv = process.env): BotAuth {
  const clientId = env.BOT_ID;
  const tenantId = env.BOT_TENANT_ID || env.ENTRA_TENANT_ID;
  const missing = [!clientId && 'BOT_ID', !tenantId && 'ENTRA_TENANT_ID (eller BOT_TENANT_ID)'].filter(Boolean);
  if (missing.length > 0) throw new Error(`Boten kan inte starta i produktionsläge: sätt ${missing.join(' och ')}.`);
  const certificate = certificateFromEnv('BOT_', { tenantId, clientId }, { ...env, BOT_CLIENT_ID: clientId });
  const auth: BotAuth = {
    clientId: clientId!,
    tenantId: tenantId!,
    ...(env.BOT_CLIENT_SECRET ? { clientSecret: env.BOT_CLIENT_SECRET } : {}),
    ...(certificate ? { certificate } : {}),
    ...(env.BOT_MANAGED_IDENTITY_CLIENT_ID ? { managedIdentityClientId: env.BOT_MANAGED_IDENTITY_CLIENT_ID } : {}),
  };
  if (!auth.clientSecret && !auth.certificate && !auth.managedIdentityClientId) {
    throw new Error(
      'Boten kan inte starta i produktionsläge: ange hur den loggar in mot Bot Framework – BOT_CERT_KEY_PATH + BOT_CERT_PATH (certifikat), BOT_CLIENT_SECRET eller BOT_MANAGED_IDENTITY_CLIENT_ID.',
    );
  }
  return auth;
}

function productionDataSource(options: StartBotOptions, env: NodeJS.ProcessEnv): BotDataSource {
  const siteUrl = options.siteUrl ?? env.SP_SITE_URL;
  if (!siteUrl || !/^https:\/\//i.test(siteUrl)) {
    throw new Error(
      'Boten kan inte starta i produktionsläge: SP_SITE_URL måste vara webbplatsens https-adress, t.ex. https://kommun.sharepoint.com/sites/systemkoll.',
    );
  }
  let getToken = options.sharePointToken;
  if (!getToken) {
    const cert = certificateFromEnv('SP_APP_', { tenantId: env.ENTRA_TENANT_ID, clientId: env.SP_APP_CLIENT_ID }, env);
    if (!cert) {
      throw new Error(
        'Boten kan inte starta i produktionsläge: SharePoint kräver certifikatinloggning. Sätt ENTRA_TENANT_ID, SP_APP_CLIENT_ID, SP_APP_CERT_KEY_PATH och SP_APP_CERT_PATH (eller SP_APP_CERT_THUMBPRINT_SHA256).',
      );
    }
    getToken = sharePointAppOnlyToken(siteUrl, cert);
  }
  return appOnlyDataSource({ siteUrl, getToken });
}

class DeadlineError extends Error {}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError('deadline')), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

function userMessage(error: unknown, lang: Lang): string {
  if (error instanceof DeadlineError) return texts(lang).timeout;
  // DataError kinds have user-facing explanations; other errors may be technical.
  if (error instanceof DataError) return dataErrorMessage(error.kind, lang);
  // fetch() in Node fails with a TypeError when the server cannot be reached at all.
  if (error instanceof TypeError && /fetch failed/i.test(error.message)) return dataErrorMessage('network', lang);
  return texts(lang).errorTitle + '.';
}

/**
 * Starts the Systemkoll bot host: `/api/messages` with the message extension ("Rapportera
 * incident", "Hitta system") and GET /healthz. Local mode talks to the local store and accepts
 * unauthenticated requests, on loopback only; production validates every request's JWT.
 */
export async function startBot(options: StartBotOptions): Promise<RunningBot> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.log(line));
  const mode = options.mode;
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 3978;
  const invokeTimeoutMs = options.invokeTimeoutMs ?? 4000;

  let data: BotDataSource;
  let auth: BotAuth | undefined;
  if (mode === 'local') {
    if (!isLoopbackHost(host)) {
      throw new Error(
        `Lokalt läge tar emot oautentiserade anrop och får därför bara lyssna på den egna datorn (127.0.0.1, ::1 eller localhost), inte "${host}". Använd produktionsläge för att ta emot anrop från Teams.`,
      );
    }
    const storeUrl = options.localStoreUrl ?? env.LOCAL_SP_URL ?? DEFAULT_LOCAL_STORE;
    if (!isLoopbackHost(new URL(storeUrl).hostname)) {
      throw new Error(`Lokalt läge använder bara den lokala SharePoint-tjänsten på den egna datorn, inte ${storeUrl}.`);
    }
    data =
      options.data ??
      localDataSource({
        storeUrl,
        siteUrl: options.siteUrl ?? `${storeUrl.replace(/\/+$/, '')}/sites/systemkoll`,
        serviceUpn: options.localServiceUpn ?? env.LOCAL_BOT_SERVICE_UPN ?? DEFAULT_SERVICE_UPN,
      });
  } else if (mode === 'production') {
    auth = options.botAuth ?? botAuthFromEnv(env);
    if (!auth.clientId || !auth.tenantId) throw new Error('Boten kan inte starta i produktionsläge utan BOT_ID och ENTRA_TENANT_ID.');
    data = options.data ?? productionDataSource(options, env);
  } else {
    throw new Error(`Okänt läge "${String(mode)}": välj local eller production.`);
  }

  const server: Server = createServer();
  const adapter = new ExpressAdapter(server, { logger: quietLogger(log, 'http') });
  const app = new App({
    logger: quietLogger(log),
    httpServerAdapter: adapter,
    messagingEndpoint: '/api/messages',
    // The one place authentication is switched off: local mode, checked above to be loopback only.
    skipAuth: mode === 'local',
    ...(auth
      ? {
          clientId: auth.clientId,
          tenantId: auth.tenantId,
          ...(auth.certificate
            ? { token: botFrameworkToken(auth.certificate) }
            : auth.clientSecret
              ? { clientSecret: auth.clientSecret }
              : { managedIdentityClientId: auth.managedIdentityClientId }),
        }
      : {}),
  });
  if (mode === 'production' && !app.credentials) {
    throw new Error('Boten kan inte starta i produktionsläge: inga Bot Framework-uppgifter – JWT-kontrollen skulle annars vara avstängd.');
  }

  adapter.get('/healthz', (_req: unknown, res: { json(body: unknown): void }) => {
    res.json({ status: 'ok', mode });
  });

  const who = async (activity: { from?: unknown; conversation?: { id?: string } }, api: App['api']): Promise<TeamsUser> =>
    resolveUser(
      activity.from as ActivityFrom | undefined,
      activity.conversation?.id,
      (conversationId, userId) => api.conversations.members(conversationId).getById(userId),
      1500,
    );

  const fail = (error: unknown, lang: Lang, what: string) => {
    const correlationId = randomUUID().slice(0, 8);
    const detail =
      error instanceof DataError ? `${error.kind} ${error.detail ?? ''}` : error instanceof Error ? error.message : String(error);
    log(`[bot] ${what} misslyckades (felkod ${correlationId}): ${detail}`);
    return { correlationId, message: userMessage(error, lang) };
  };

  const dialogError = (error: unknown, lang: Lang, what: string) => {
    const { correlationId, message } = fail(error, lang, what);
    return {
      task: {
        type: 'continue' as const,
        value: { title: texts(lang).errorTitle, card: attachment(errorCard(lang, message, correlationId)) },
      },
    };
  };

  app.on('message.ext.open', async (ctx) => {
    const lang = langOf(ctx.activity.locale);
    const value = (ctx.activity.value ?? {}) as ActionValue;
    try {
      if (value.commandId !== REPORT_COMMAND) throw new Error(texts(lang).unknownCommand(String(value.commandId)));
      const body = await withDeadline(
        (async () => {
          const user = await who(ctx.activity, ctx.api);
          return openReportDialog(await data(user), value, lang);
        })(),
        invokeTimeoutMs,
      );
      // Our card types are plain JSON; the SDK's response types describe the same shape.
      return body as never;
    } catch (error) {
      return dialogError(error, lang, 'Rapportera incident (öppna)') as never;
    }
  });

  app.on('message.ext.submit', async (ctx) => {
    const lang = langOf(ctx.activity.locale);
    const value = (ctx.activity.value ?? {}) as ActionValue;
    try {
      if (!isReportSubmit(value)) throw new Error(texts(lang).unknownCommand(String(value.commandId)));
      const body = await withDeadline(
        (async () => {
          const user = await who(ctx.activity, ctx.api);
          return submitReport(await data(user), value, user, lang);
        })(),
        invokeTimeoutMs,
      );
      return body as never;
    } catch (error) {
      return dialogError(error, lang, 'Rapportera incident (skicka)') as never;
    }
  });

  app.on('message.ext.query', async (ctx) => {
    const lang = langOf(ctx.activity.locale);
    const value = (ctx.activity.value ?? {}) as QueryValue;
    try {
      if (value.commandId && value.commandId !== FIND_COMMAND) throw new Error(texts(lang).unknownCommand(value.commandId));
      const body = await withDeadline(
        (async () => {
          const user = await who(ctx.activity, ctx.api);
          return findSystems(await data(user), value, lang);
        })(),
        invokeTimeoutMs,
      );
      return body as never;
    } catch (error) {
      const { correlationId, message } = fail(error, lang, 'Hitta system');
      return { composeExtension: { type: 'message', text: `${message} ${texts(lang).errorCode}: ${correlationId}` } } as never;
    }
  });

  // Someone writes to the bot directly: explain where the features live.
  app.on('message', async (ctx) => {
    const lang = langOf(ctx.activity.locale);
    const help =
      lang === 'en'
        ? 'Hi! I am Systemkoll. Use **Report incident** in the "…" menu of any chat message, or **Find system** from the message box. Everything else is in the Systemkoll tab.'
        : 'Hej! Jag är Systemkoll. Använd **Rapportera incident** i menyn "…" på ett chattmeddelande, eller **Hitta system** från meddelanderutan. Allt annat finns i fliken Systemkoll.';
    await ctx.send(help);
  });

  await app.initialize();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${hostPart}:${address.port}/api/messages`;

  let closed = false;
  return {
    url,
    port: address.port,
    mode,
    async close() {
      if (closed) return;
      closed = true;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
