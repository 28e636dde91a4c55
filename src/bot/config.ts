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
  LOCAL_BOT_SERVICE_UPN: optionalText,
  BOT_ID: optionalText,
  BOT_TENANT_ID: optionalText,
  ENTRA_TENANT_ID: optionalText,
  BOT_CLIENT_SECRET: optionalText,
  BOT_MANAGED_IDENTITY_CLIENT_ID: optionalText,
  /** Bot Framework OAuth connection: only when set does the SDK look up a user token per activity. */
  BOT_OAUTH_CONNECTION: optionalText,
  BOT_INVOKE_TIMEOUT_MS: z.coerce.number().int().min(500).max(14_000).optional(),
});

export type BotEnv = z.infer<typeof botEnvSchema>;

/** Parses the environment; throws one Swedish message listing every problem. */
export function readBotEnv(env: NodeJS.ProcessEnv = process.env): BotEnv {
  const parsed = botEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Boten kan inte starta: ${parsed.error.issues.map((i) => i.message).join(' ')}`);
  }
  return parsed.data;
}

/** Reads the production bot credentials from the environment; Swedish message naming what is missing. */
export function botAuthFromEnv(env: NodeJS.ProcessEnv = process.env): BotAuth {
  const e = readBotEnv(env);
  const clientId = e.BOT_ID;
  const tenantId = e.BOT_TENANT_ID ?? e.ENTRA_TENANT_ID;
  const missing = [!clientId && 'BOT_ID', !tenantId && 'ENTRA_TENANT_ID (eller BOT_TENANT_ID)'].filter(Boolean);
  if (!clientId || !tenantId) throw new Error(`Boten kan inte starta i produktionsläge: sätt ${missing.join(' och ')}.`);
  const certificate = certificateFromEnv('BOT_', { tenantId, clientId }, { ...env, BOT_CLIENT_ID: clientId });
  const auth: BotAuth = {
    clientId,
    tenantId,
    ...(e.BOT_CLIENT_SECRET ? { clientSecret: e.BOT_CLIENT_SECRET } : {}),
    ...(certificate ? { certificate } : {}),
    ...(e.BOT_MANAGED_IDENTITY_CLIENT_ID ? { managedIdentityClientId: e.BOT_MANAGED_IDENTITY_CLIENT_ID } : {}),
  };
  if (!auth.clientSecret && !auth.certificate && !auth.managedIdentityClientId) {
    throw new Error(
      'Boten kan inte starta i produktionsläge: ange hur den loggar in mot Bot Framework – BOT_CERT_KEY_PATH + BOT_CERT_PATH (certifikat), BOT_CLIENT_SECRET eller BOT_MANAGED_IDENTITY_CLIENT_ID.',
    );
  }
  return auth;
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}
