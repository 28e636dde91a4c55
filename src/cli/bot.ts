/**
 * `tsx src/cli/bot.ts [--env-file .env.production]`: the bot host alone (message extension).
 * Mode from SYSTEMKOLL_MODE (local | production, default local); port BOT_PORT (3978), address
 * BOT_HOST (127.0.0.1). Local mode expects the local store (npm run sharepoint:local, or npm start
 * which runs everything). Production settings: see .env.example, section "Bot".
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readBotEnv, startBot } from '../bot/index.js';

function loadEnvFile(): string | undefined {
  const { values } = parseArgs({ options: { 'env-file': { type: 'string' } } });
  const file = values['env-file'];
  if (file === undefined) return undefined;
  if (!existsSync(file)) throw new Error(`Miljöfilen ${file} finns inte.`);
  // Variables already set in the environment win (e.g. secrets injected by the platform).
  process.loadEnvFile(file);
  return file;
}

async function main(): Promise<void> {
  const envFile = loadEnvFile();
  // The one read of the environment; startBot takes the parsed configuration.
  const env = readBotEnv(process.env);
  const mode = env.SYSTEMKOLL_MODE;
  const port = env.BOT_PORT ?? env.PORT ?? 3978;
  const host = env.BOT_HOST ?? '127.0.0.1';

  if (mode === 'local') {
    const store = (env.LOCAL_SP_URL ?? 'http://127.0.0.1:4300').replace(/\/+$/, '');
    const ok = await fetch(`${store}/_local/health`, { signal: AbortSignal.timeout(1500) }).then(
      (r) => r.ok,
      () => false,
    );
    if (!ok)
      console.warn(
        `Varning: den lokala SharePoint-lagringen svarar inte på ${store}. Starta den med "npm run sharepoint:local" (eller kör allt med "npm start").`,
      );
  }

  const bot = await startBot({ mode, port, host, config: env });
  console.log(`Systemkoll-boten kör i ${mode === 'local' ? 'lokalt läge' : 'produktionsläge'}${envFile ? ` (${envFile})` : ''}.`);
  console.log(`  Meddelandeslutpunkt: ${bot.url}`);
  if (mode === 'local') console.log('  Prova meddelandetillägget: npm run playground');
  console.log('  Avsluta med Ctrl-C.');

  const stop = async () => {
    await bot.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const hint = /EADDRINUSE/.test(message) ? ' Porten är upptagen – välj en annan med BOT_PORT.' : '';
  console.error(`Boten kunde inte starta: ${message}${hint}`);
  process.exit(1);
});
