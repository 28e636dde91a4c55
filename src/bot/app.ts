/**
 * The bot host: an HTTP server with `/api/messages` (the message extension) and GET /healthz,
 * wired to a Teams SDK v2 App. Local mode talks to the local store and accepts unauthenticated
 * requests, on loopback only; production validates every request's JWT.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, ExpressAdapter, type AppOptions, type IPlugin } from '@microsoft/teams.apps';
import type { ILogger, LogLevel } from '@microsoft/teams.common';
import type { TokenProvider } from '../shared/data/index.js';
import { botFrameworkToken, sharePointAppOnlyToken } from '../server/auth/certificate.js';
import { botAuthFrom, isLoopbackHost, readBotEnv, sharePointCertificate, type BotAuth, type BotEnv, type BotMode } from './config.js';
import { createRepositories, createSp } from '../shared/data/index.js';
import { createLocalAppToken } from '../shared/auth/local-token.js';
import { entraAuthenticator, localAuthenticator, type Authenticate } from '../server/api/caller.js';
import { createApiHandler } from '../server/api/http.js';
import { createRegisterImport } from '../server/api/register-import.js';
import { createSystemkollService, type SystemkollService } from '../server/api/service.js';
import { botDataFromService } from './data.js';
import { tabLinks } from './links.js';
import { lateInvokeAnswer, registerMessageExtension } from './handlers.js';
import { guardInvokes, withinDeadline } from './invoke.js';
import type { BotDataSource } from './ports.js';
import { createLocalGraph } from '../server/local-graph/index.js';
import { demoTrainingCoverage } from '../demo/attack-simulation.js';
import { generateDemoMunicipality } from '../demo/municipality.js';
import {
  LOCAL_GRAPH_PATH,
  notificationDelivery,
  startNotificationSchedule,
  type NotificationDelivery,
} from '../server/notifications/host.js';
import { createIncidentNotifier } from '../server/notifications/events.js';
import { scheduleRosterSync } from '../server/roster/schedule.js';
import { graphAppOnlyToken } from '../server/notifications/sender.js';

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
  /** Production: Bot Framework credentials; default read from the environment (BOT_*). */
  botAuth?: BotAuth;
  /** Production: SharePoint token provider; default certificate auth from the environment (SP_APP_*). */
  sharePointToken?: TokenProvider;
  /** Replaces the SharePoint wiring (tests, other hosts). */
  data?: BotDataSource;
  /** Replaces the service behind the bot and the API (tests). */
  service?: SystemkollService;
  /** Replaces the API's token check (tests with their own Entra keys). */
  authenticate?: Authenticate;
  /** Browser origins allowed to call the API (the tab's host), besides API_ALLOWED_ORIGINS. */
  apiOrigins?: string[];
  /** The tab's web address, for "Öppna i Systemkoll" links (else TAB_URL). */
  tabUrl?: string;
  /** Minutes between notification runs (else NOTIFY_INTERVAL_MINUTES, default 60); 0 = off. */
  notifyIntervalMinutes?: number;
  /** The first notification run this long after start (default one interval). */
  notifyFirstRunDelayMs?: number;
  /** Invokes are answered within this many ms of arriving (Teams gives up after about 5 s). Default 4000. */
  invokeTimeoutMs?: number;
  /** The configuration, already read (src/cli/bot.ts); otherwise `env` is read once here. */
  config?: BotEnv;
  /** Default process.env; read only when `config` is not given. */
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

/**
 * Before every activity the SDK (App.process → getUserToken) asks token.botframework.com for the
 * user's OAuth token, under the connection name `oauth.defaultConnectionName` (default "graph"),
 * whether or not the bot has such a connection. Systemkoll signs nobody in through a Bot Framework
 * OAuth connection, so that is an outside call per invoke for nothing — and offline, a DNS wait of
 * seconds that stalls every invoke behind it. getUserToken is the App's protected extension point
 * for this: only with a configured connection is the lookup made, and then it gets at most half of
 * the invoke's deadline (the SDK ignores a failed lookup and carries on without a user token).
 */
class SystemkollApp extends App {
  constructor(
    options: AppOptions<IPlugin>,
    private readonly tokenLookup: { connection: string | undefined; budgetMs: number },
  ) {
    super(options);
  }

  protected override async getUserToken(channelId: Parameters<App['getUserToken']>[0], userId: string): Promise<string> {
    if (!this.tokenLookup.connection) throw new Error('Ingen OAuth-anslutning är konfigurerad.');
    return withinDeadline(() => super.getUserToken(channelId, userId), this.tokenLookup.budgetMs);
  }
}

/** Production SharePoint access: app-only with the certificate (SP_APP_*). */
function productionSharePoint(options: StartBotOptions, config: BotEnv): { siteUrl: string; getToken: TokenProvider } {
  const siteUrl = options.siteUrl ?? config.SP_SITE_URL;
  if (!siteUrl || !/^https:\/\//i.test(siteUrl)) {
    throw new Error(
      'Boten kan inte starta i produktionsläge: SP_SITE_URL måste vara webbplatsens https-adress, t.ex. https://kommun.sharepoint.com/sites/systemkoll.',
    );
  }
  let getToken = options.sharePointToken;
  if (!getToken) {
    const cert = sharePointCertificate(config);
    if (!cert) {
      throw new Error(
        'Boten kan inte starta i produktionsläge: SharePoint kräver certifikatinloggning. Sätt ENTRA_TENANT_ID, SP_APP_CLIENT_ID, SP_APP_CERT_KEY_PATH och SP_APP_CERT_PATH (eller SP_APP_CERT_THUMBPRINT_SHA256).',
      );
    }
    getToken = sharePointAppOnlyToken(siteUrl, cert);
  }
  return { siteUrl, getToken };
}

/** A fixed secret is fine locally (the store is loopback-only); production must set its own. */
const LOCAL_SUBMISSION_SECRET = 'systemkoll-local-submission-keys-not-for-production';

export async function startBot(options: StartBotOptions): Promise<RunningBot> {
  const config = options.config ?? readBotEnv(options.env ?? process.env);
  const log = options.log ?? ((line: string) => console.log(line));
  const mode = options.mode;
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 3978;
  const deadlineMs = options.invokeTimeoutMs ?? config.BOT_INVOKE_TIMEOUT_MS ?? 4000;

  let sharePoint: { siteUrl: string; getToken: TokenProvider };
  let auth: BotAuth | undefined;
  let authenticate: Authenticate;
  let submissionSecret: string;
  if (mode === 'local') {
    if (!isLoopbackHost(host)) {
      throw new Error(
        `Lokalt läge tar emot oautentiserade anrop och får därför bara lyssna på den egna datorn (127.0.0.1, ::1 eller localhost), inte "${host}". Använd produktionsläge för att ta emot anrop från Teams.`,
      );
    }
    const storeUrl = options.localStoreUrl ?? config.LOCAL_SP_URL ?? DEFAULT_LOCAL_STORE;
    if (!isLoopbackHost(new URL(storeUrl).hostname)) {
      throw new Error(`Lokalt läge använder bara den lokala SharePoint-tjänsten på den egna datorn, inte ${storeUrl}.`);
    }
    const siteUrl = options.siteUrl ?? config.SP_SITE_URL ?? `${storeUrl.replace(/\/+$/, '')}/sites/systemkoll`;
    // Local mode signs requests with unsigned tokens: they must never leave this machine.
    if (!isLoopbackHost(new URL(siteUrl).hostname)) {
      throw new Error(`Lokalt läge skickar osignerade token och använder därför bara en webbplats på den egna datorn, inte ${siteUrl}.`);
    }
    // The bot and the API write app-only, as in production; the local app token stands in for the certificate.
    sharePoint = { siteUrl, getToken: options.sharePointToken ?? (async () => createLocalAppToken()) };
    // The unsigned local token is accepted only because this host listens on loopback alone (checked above).
    authenticate = localAuthenticator();
    submissionSecret = config.SUBMISSION_KEY_SECRET ?? LOCAL_SUBMISSION_SECRET;
  } else if (mode === 'production') {
    auth = options.botAuth ?? botAuthFrom(config);
    if (!auth.clientId || !auth.tenantId) throw new Error('Boten kan inte starta i produktionsläge utan BOT_ID och ENTRA_TENANT_ID.');
    sharePoint = options.data
      ? { siteUrl: options.siteUrl ?? 'https://invalid.example', getToken: async () => '' }
      : productionSharePoint(options, config);
    if (!config.SUBMISSION_KEY_SECRET && !options.data)
      throw new Error('Boten kan inte starta i produktionsläge utan SUBMISSION_KEY_SECRET (minst 32 slumpmässiga tecken).');
    const apiClientId = config.API_CLIENT_ID ?? auth.clientId;
    authenticate = entraAuthenticator({ tenantId: auth.tenantId, clientId: apiClientId });
    submissionSecret = config.SUBMISSION_KEY_SECRET ?? '';
  } else {
    throw new Error(`Okänt läge "${String(mode)}": välj local eller production.`);
  }
  const sp = createSp({ siteUrl: sharePoint.siteUrl, getToken: sharePoint.getToken, userAgent: 'NONISV|Systemkoll|Bot/0.1' });
  const repos = createRepositories(sp);
  // Known once the host listens (the local Graph endpoint is served on this host's own port).
  let delivery: NotificationDelivery | null = null;
  const incidentNotifier = createIncidentNotifier({ repos, delivery: () => delivery, log });
  const service: SystemkollService = options.service ?? createSystemkollService({ repos, sp, submissionSecret, incidentNotifier, log });
  // The import writes with a client that never resends by itself: it reads the register again after
  // a failed round, so a reply lost after commit cannot create a system twice.
  const writeSp = createSp({
    siteUrl: sharePoint.siteUrl,
    getToken: sharePoint.getToken,
    userAgent: 'NONISV|Systemkoll|Bot/0.1',
    retries: 1,
  });
  const importRegister = createRegisterImport({ service, sp, writeSp });
  const shared = botDataFromService(repos, service);
  const data: BotDataSource = options.data ?? (async () => shared);
  const api = createApiHandler({
    service,
    authenticate: options.authenticate ?? authenticate,
    allowedOrigins: [
      ...(options.apiOrigins ?? []),
      ...(config.API_ALLOWED_ORIGINS ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    ],
    importRegister,
    log,
  });

  const server: Server = createServer();
  // Before the SDK's own listener: the arrival time for every deadline, and the watchdog.
  guardInvokes(server, { deadlineMs, log, lateAnswer: lateInvokeAnswer });
  const adapter = new ExpressAdapter(server, { logger: quietLogger(log, 'http') });
  const app = new SystemkollApp(
    {
      logger: quietLogger(log),
      httpServerAdapter: adapter,
      messagingEndpoint: '/api/messages',
      // The one place authentication is switched off: local mode, checked above to be loopback only.
      skipAuth: mode === 'local',
      ...(config.BOT_OAUTH_CONNECTION ? { oauth: { defaultConnectionName: config.BOT_OAUTH_CONNECTION } } : {}),
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
    },
    { connection: config.BOT_OAUTH_CONNECTION, budgetMs: Math.floor(deadlineMs / 2) },
  );
  if (mode === 'production' && !app.credentials) {
    throw new Error('Boten kan inte starta i produktionsläge: inga Bot Framework-uppgifter – JWT-kontrollen skulle annars vara avstängd.');
  }

  // The Systemkoll API (trusted writes, "my reports"): before the SDK's routes, on the same host.
  adapter.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
    api(req, res).then(
      (handled) => (handled ? undefined : next()),
      () => next(),
    );
  });

  // Local mode: the Graph-shaped endpoint the notification job sends to (loopback only, as the host).
  // Its Defender training report is the demo roster's (npm run import -- attack-sim), made on first use.
  const localGraph =
    mode === 'local'
      ? createLocalGraph({
          prefix: LOCAL_GRAPH_PATH,
          trainingCoverage: () => demoTrainingCoverage(generateDemoMunicipality({ seed: 1 }), new Date()),
        })
      : null;
  if (localGraph) {
    adapter.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
      localGraph.handle(req, res).then(
        (handled) => (handled ? undefined : next()),
        () => next(),
      );
    });
  }

  adapter.get('/healthz', (_req: unknown, res: { json(body: unknown): void }) => {
    res.json({ status: 'ok', mode });
  });

  const links = tabLinks({ teamsAppId: config.TEAMS_APP_ID, tabUrl: options.tabUrl ?? config.TAB_URL });
  registerMessageExtension(app, { data, deadlineMs, log, links });

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

  // Production with a replaced data source has no real SharePoint to read the tasks from.
  const intervalMinutes = mode === 'production' && options.data ? 0 : (options.notifyIntervalMinutes ?? config.NOTIFY_INTERVAL_MINUTES);
  delivery =
    intervalMinutes > 0
      ? notificationDelivery({
          mode,
          graphBaseUrl: config.GRAPH_BASE_URL ?? (localGraph ? `http://${hostPart}:${address.port}${LOCAL_GRAPH_PATH}` : undefined),
          certificate: mode === 'production' ? sharePointCertificate(config) : null,
          teamsAppId: config.TEAMS_APP_ID,
          tabUrl: options.tabUrl ?? config.TAB_URL,
          log,
        })
      : null;
  const notifications = startNotificationSchedule({
    intervalMinutes,
    repos,
    delivery,
    ...(options.notifyFirstRunDelayMs === undefined ? {} : { firstRunDelayMs: options.notifyFirstRunDelayMs }),
    log,
  });

  const certificate = mode === 'production' && !options.data ? sharePointCertificate(config) : null;
  const roster = certificate
    ? scheduleRosterSync({
        hours: config.ROSTER_SYNC_HOURS,
        repos,
        graphBaseUrl: config.GRAPH_BASE_URL ?? 'https://graph.microsoft.com',
        getToken: graphAppOnlyToken(certificate),
        log,
      })
    : null;

  let closed = false;
  return {
    url,
    port: address.port,
    mode,
    async close() {
      if (closed) return;
      closed = true;
      await notifications?.stop();
      await incidentNotifier.settled();
      await roster?.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
