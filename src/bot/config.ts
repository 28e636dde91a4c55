/**
 * The bot host's configuration: read once from the environment, validated with zod, with a
 * Swedish message naming each missing or bad variable. Everything else in src/bot takes the parsed
 * values; nothing reads process.env.
 */
import { z } from 'zod';
import { certificateFromEnv, type CertificateCredentials } from '../server/auth/certificate.js';

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

const optionalText = z
  .string()
  .trim()
  .transform((v) => v || undefined)
  .optional();
const port = (name: string) =>
  z.coerce
    .number({ error: `${name} måste vara ett portnummer.` })
    .int({ error: `${name} måste vara ett heltal.` })
    .min(0, { error: `${name} måste vara 0–65535.` })
    .max(65535, { error: `${name} måste vara 0–65535.` });
const url = (name: string) =>
  z
    .string()
    .trim()
    .url({ error: `${name} måste vara en fullständig adress, t.ex. https://kommun.sharepoint.com/sites/systemkoll.` })
    .optional();

const botEnvSchema = z.object({
  SYSTEMKOLL_MODE: z.enum(['local', 'production'], { error: 'SYSTEMKOLL_MODE måste vara local eller production.' }).default('local'),
  BOT_PORT: port('BOT_PORT').optional(),
  PORT: port('PORT').optional(),
  BOT_HOST: optionalText,
  LOCAL_SP_URL: url('LOCAL_SP_URL'),
  SP_SITE_URL: url('SP_SITE_URL'),
  BOT_ID: optionalText,
  BOT_TENANT_ID: optionalText,
  ENTRA_TENANT_ID: optionalText,
  BOT_CLIENT_SECRET: optionalText,
  BOT_MANAGED_IDENTITY_CLIENT_ID: optionalText,
  /** Bot Framework OAuth connection: only when set does the SDK look up a user token per activity. */
  BOT_OAUTH_CONNECTION: optionalText,
  BOT_INVOKE_TIMEOUT_MS: z.coerce
    .number({ error: 'BOT_INVOKE_TIMEOUT_MS måste vara ett antal millisekunder.' })
    .int({ error: 'BOT_INVOKE_TIMEOUT_MS måste vara ett heltal.' })
    .min(500, { error: 'BOT_INVOKE_TIMEOUT_MS måste vara 500–14000 ms.' })
    .max(14_000, { error: 'BOT_INVOKE_TIMEOUT_MS måste vara 500–14000 ms.' })
    .optional(),
  /** Secret for the submission keys of reports (HMAC); production requires at least 32 characters. */
  SUBMISSION_KEY_SECRET: z.string().trim().min(32, { error: 'SUBMISSION_KEY_SECRET måste vara minst 32 tecken.' }).optional(),
  /** The Systemkoll API's Entra app (audience of its access tokens); production. */
  API_CLIENT_ID: optionalText,
  /** Origins allowed to call the API from a browser (the tab's host), comma-separated. */
  API_ALLOWED_ORIGINS: optionalText,
  /** The Teams app id (manifest id): cards link into the personal tab with a Teams deep link. */
  TEAMS_APP_ID: optionalText,
  /** The tab's web address, e.g. https://systemkoll.kommun.se (a fallback for the deep links). */
  TAB_URL: url('TAB_URL'),
  /** Minutes between runs of the notification job (task digests); 0 switches it off. Default 60. */
  NOTIFY_INTERVAL_MINUTES: z.preprocess(
    // Set to nothing = the default, not 0 (which switches the job off).
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce
      .number({ error: 'NOTIFY_INTERVAL_MINUTES måste vara ett antal minuter.' })
      .int({ error: 'NOTIFY_INTERVAL_MINUTES måste vara ett heltal.' })
      .min(0, { error: 'NOTIFY_INTERVAL_MINUTES måste vara 0–1440 (0 stänger av aviseringarna).' })
      .max(1440, { error: 'NOTIFY_INTERVAL_MINUTES måste vara 0–1440 (0 stänger av aviseringarna).' })
      .default(60),
  ),
  /** Hours between roster syncs from Entra ID (production); 0 switches it off. Default 24. */
  ROSTER_SYNC_HOURS: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce
      .number({ error: 'ROSTER_SYNC_HOURS måste vara ett antal timmar.' })
      .int({ error: 'ROSTER_SYNC_HOURS måste vara ett heltal.' })
      .min(0, { error: 'ROSTER_SYNC_HOURS måste vara 0–168 (0 stänger av synkroniseringen).' })
      .max(168, { error: 'ROSTER_SYNC_HOURS måste vara 0–168 (0 stänger av synkroniseringen).' })
      .default(24),
  ),
  /**
   * Microsoft Graph for the activity-feed notifications; default https://graph.microsoft.com. Local
   * mode: default the local Graph endpoint the bot host itself serves under /_local/graph.
   */
  GRAPH_BASE_URL: z.preprocess(
    // Set to nothing (as in .env.example) = not set.
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().trim().url({ error: 'GRAPH_BASE_URL måste vara en fullständig adress, t.ex. https://graph.microsoft.com.' }).optional(),
  ),
  // Certificates (Bot Framework: BOT_*, SharePoint app-only: SP_APP_*); checked by certificateFromEnv.
  BOT_CERT_KEY_PATH: optionalText,
  BOT_CERT_KEY: optionalText,
  BOT_CERT_PATH: optionalText,
  BOT_CERT_THUMBPRINT_SHA256: optionalText,
  SP_APP_CLIENT_ID: optionalText,
  SP_APP_CERT_KEY_PATH: optionalText,
  SP_APP_CERT_KEY: optionalText,
  SP_APP_CERT_PATH: optionalText,
  SP_APP_CERT_THUMBPRINT_SHA256: optionalText,
});

export type BotEnv = z.infer<typeof botEnvSchema>;

/** Parses the environment — once, at start — and throws one Swedish message listing every problem. */
export function readBotEnv(env: NodeJS.ProcessEnv = process.env): BotEnv {
  const parsed = botEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Boten kan inte starta: ${parsed.error.issues.map((i) => i.message).join(' ')}`);
  }
  return parsed.data;
}

/** The certificate variables with a prefix (BOT_, SP_APP_), as certificateFromEnv reads them. */
function certificateVariables(config: BotEnv, prefix: 'BOT_' | 'SP_APP_'): NodeJS.ProcessEnv {
  const pick = (name: 'CERT_KEY_PATH' | 'CERT_KEY' | 'CERT_PATH' | 'CERT_THUMBPRINT_SHA256') => config[`${prefix}${name}`];
  return {
    [`${prefix}CERT_KEY_PATH`]: pick('CERT_KEY_PATH'),
    [`${prefix}CERT_KEY`]: pick('CERT_KEY'),
    [`${prefix}CERT_PATH`]: pick('CERT_PATH'),
    [`${prefix}CERT_THUMBPRINT_SHA256`]: pick('CERT_THUMBPRINT_SHA256'),
  };
}

/** SharePoint app-only certificate credentials (SP_APP_*), or null when none are configured. */
export function sharePointCertificate(config: BotEnv): CertificateCredentials | null {
  return certificateFromEnv(
    'SP_APP_',
    { tenantId: config.ENTRA_TENANT_ID, clientId: config.SP_APP_CLIENT_ID },
    certificateVariables(config, 'SP_APP_'),
  );
}

/** The production bot credentials from the parsed configuration; Swedish message naming what is missing. */
export function botAuthFrom(config: BotEnv): BotAuth {
  const clientId = config.BOT_ID;
  const tenantId = config.BOT_TENANT_ID ?? config.ENTRA_TENANT_ID;
  const missing = [!clientId && 'BOT_ID', !tenantId && 'ENTRA_TENANT_ID (eller BOT_TENANT_ID)'].filter(Boolean);
  if (!clientId || !tenantId) throw new Error(`Boten kan inte starta i produktionsläge: sätt ${missing.join(' och ')}.`);
  const certificate = certificateFromEnv('BOT_', { tenantId, clientId }, certificateVariables(config, 'BOT_'));
  const auth: BotAuth = {
    clientId,
    tenantId,
    ...(config.BOT_CLIENT_SECRET ? { clientSecret: config.BOT_CLIENT_SECRET } : {}),
    ...(certificate ? { certificate } : {}),
    ...(config.BOT_MANAGED_IDENTITY_CLIENT_ID ? { managedIdentityClientId: config.BOT_MANAGED_IDENTITY_CLIENT_ID } : {}),
  };
  if (!auth.clientSecret && !auth.certificate && !auth.managedIdentityClientId) {
    throw new Error(
      'Boten kan inte starta i produktionsläge: ange hur den loggar in mot Bot Framework – BOT_CERT_KEY_PATH + BOT_CERT_PATH (certifikat), BOT_CLIENT_SECRET eller BOT_MANAGED_IDENTITY_CLIENT_ID.',
    );
  }
  return auth;
}

/** Reads the production bot credentials from an environment (parsing it; see botAuthFrom). */
export function botAuthFromEnv(env: NodeJS.ProcessEnv = process.env): BotAuth {
  return botAuthFrom(readBotEnv(env));
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}
