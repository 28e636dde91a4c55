/**
 * The command-line tools' settings: each process reads its environment once, here, validated with
 * zod, and a missing or bad value is named in Swedish. (The bot host has its own: src/bot/config.ts.)
 */
import { z } from 'zod';
import { isLoopbackHost } from '../bot/config.js';

const port = (name: string, fallback: number) =>
  z.coerce
    .number({ error: `${name} måste vara ett portnummer.` })
    .int({ error: `${name} måste vara ett heltal.` })
    .min(0, { error: `${name} måste vara 0–65535.` })
    .max(65535, { error: `${name} måste vara 0–65535.` })
    .default(fallback);

const text = z.string().trim().optional();

const guid = (name: string) =>
  z
    .string()
    .trim()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: `${name} måste vara ett klient-id (GUID).` })
    .optional();

const url = (name: string) =>
  z
    .url({ protocol: /^https?$/, error: `${name} måste vara en webbadress (http:// eller https://).` })
    .transform((v) => v.replace(/\/+$/, ''))
    .optional();

/**
 * Local mode signs every SharePoint request with an unsigned token (src/shared/auth/local-token.ts):
 * such a token must never leave this machine. True for a URL on loopback, by the bot host's own rule
 * (isLoopbackHost), so both refuse the same addresses.
 */
export function isLocalUrl(url: string): boolean {
  return URL.canParse(url) && isLoopbackHost(new URL(url).hostname);
}

/** Why local mode refuses the setting `name` = `url`, in Swedish; null when it is on this machine. */
function nonLocalUrlProblem(name: string, url: string): string | null {
  if (isLocalUrl(url)) return null;
  const host = URL.canParse(url) ? new URL(url).hostname : url;
  return `${name} pekar på ${host}, men lokalt läge skickar osignerade token och använder därför bara den egna datorn (127.0.0.1, ::1 eller localhost). Ta bort ${name} för att köra lokalt, eller kör boten i produktionsläge (SYSTEMKOLL_MODE=production) mot kommunens webbplats.`;
}

/** Refuses, in Swedish, to send local tokens to `url` (`what` it is) unless it is on this machine. */
export function requireLocalUrl(what: string, url: string): void {
  if (!isLocalUrl(url)) {
    throw new Error(
      `Lokalt läge skickar osignerade token och använder därför bara adresser på den egna datorn (127.0.0.1, ::1 eller localhost), inte ${url} (${what}).`,
    );
  }
}

const localStackSchema = z
  .object({
    LOCAL_SP_PORT: port('LOCAL_SP_PORT', 4300),
    BOT_PORT: port('BOT_PORT', 3978),
    TAB_PORT: port('TAB_PORT', 5173),
    PLAYGROUND_PORT: port('PLAYGROUND_PORT', 56150),
    LOCAL_SP_DATA: z.string().trim().default('.data/sharepoint'),
    LOCAL_SP_SEED: z.enum(['demo', 'none'], { error: "LOCAL_SP_SEED måste vara 'demo' eller 'none'." }).default('demo'),
    LOCAL_SP_URL: url('LOCAL_SP_URL'),
    SP_SITE_URL: url('SP_SITE_URL'),
  })
  .superRefine((env, ctx) => {
    for (const name of ['LOCAL_SP_URL', 'SP_SITE_URL'] as const) {
      const value = env[name];
      // A value that is no URL at all is already named by the field's own check.
      const problem = value && URL.canParse(value) ? nonLocalUrlProblem(name, value) : null;
      if (problem) ctx.addIssue({ code: 'custom', path: [name], message: problem });
    }
  });

const tabServerSchema = z.object({ TAB_PORT: port('TAB_PORT', 5173) });

const provisioningSchema = z.object({
  // A tenant is named by its id or by a domain (kommun.onmicrosoft.com).
  ENTRA_TENANT_ID: text,
  ENTRA_CLIENT_ID: guid('ENTRA_CLIENT_ID'),
  SP_APP_CLIENT_ID: guid('SP_APP_CLIENT_ID'),
  // The app-only certificate, checked as a whole by certificateFromEnv (src/server/auth/certificate.ts).
  SP_APP_CERT_KEY_PATH: text,
  SP_APP_CERT_KEY: z.string().optional(),
  SP_APP_CERT_PATH: text,
  SP_APP_CERT_THUMBPRINT_SHA256: text,
  npm_package_version: z.string().default('dev'),
});

function parse<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv, what: string): z.infer<T> {
  // A variable set to nothing (`TAB_PORT=`) counts as not set, so its default applies.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const result = schema.safeParse(present);
  if (!result.success) throw new Error(`${what}: ${result.error.issues.map((i) => i.message).join(' ')}`);
  return result.data;
}

/**
 * npm start, npm run dev, sharepoint:local and playground: all local mode, so LOCAL_SP_URL and
 * SP_SITE_URL, when set, must be on this machine (nonLocalUrlProblem).
 */
export function localStackEnv(env: NodeJS.ProcessEnv = process.env) {
  return parse(localStackSchema, env, 'Felaktig inställning');
}

/** The tab's Vite dev and preview servers (vite.config.ts). */
export function tabServerEnv(env: NodeJS.ProcessEnv = process.env) {
  return parse(tabServerSchema, env, 'Felaktig inställning');
}

/** npm run provision. */
export function provisioningEnv(env: NodeJS.ProcessEnv = process.env) {
  return parse(provisioningSchema, env, 'Felaktig inställning');
}
