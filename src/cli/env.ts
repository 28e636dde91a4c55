/**
 * The command-line tools' settings: each process reads its environment once, here, validated with
 * zod, and a missing or bad value is named in Swedish. (The bot host has its own: src/bot/config.ts.)
 */
import { z } from 'zod';

const port = (name: string, fallback: number) =>
  z.coerce
    .number({ error: `${name} måste vara ett portnummer.` })
    .int({ error: `${name} måste vara ett heltal.` })
    .min(0, { error: `${name} måste vara 0–65535.` })
    .max(65535, { error: `${name} måste vara 0–65535.` })
    .default(fallback);

const text = z
  .string()
  .trim()
  .transform((v) => v || undefined)
  .optional();

const localStackSchema = z.object({
  LOCAL_SP_PORT: port('LOCAL_SP_PORT', 4300),
  BOT_PORT: port('BOT_PORT', 3978),
  TAB_PORT: port('TAB_PORT', 5173),
  PLAYGROUND_PORT: port('PLAYGROUND_PORT', 56150),
  LOCAL_SP_DATA: z.string().trim().min(1).default('.data/sharepoint'),
  LOCAL_SP_SEED: z.enum(['demo', 'none'], { error: "LOCAL_SP_SEED måste vara 'demo' eller 'none'." }).default('demo'),
  LOCAL_SP_URL: text,
  SP_SITE_URL: text,
});

const provisioningSchema = z.object({
  ENTRA_TENANT_ID: text,
  ENTRA_CLIENT_ID: text,
  SP_APP_CLIENT_ID: text,
  npm_package_version: z.string().default('dev'),
});

function parse<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv, what: string): z.infer<T> {
  const result = schema.safeParse(env);
  if (!result.success) throw new Error(`${what}: ${result.error.issues.map((i) => i.message).join(' ')}`);
  return result.data;
}

/** npm start, npm run dev, sharepoint:local and playground. */
export function localStackEnv(env: NodeJS.ProcessEnv = process.env) {
  return parse(localStackSchema, env, 'Felaktig inställning');
}

/** npm run provision. */
export function provisioningEnv(env: NodeJS.ProcessEnv = process.env) {
  return parse(provisioningSchema, env, 'Felaktig inställning');
}
