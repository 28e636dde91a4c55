/**
 * `tsx src/cli/bot.ts [--env-file .env.production]`: the bot host alone (message extension).
 * Mode from SYSTEMKOLL_MODE (local | production, default local); port BOT_PORT (3978), address
 * BOT_HOST (127.0.0.1). Local mode expects the local store (npm run sharepoint:local, or npm start
 * which runs everything). Production settings: see .env.example, section "Bot".
 */
import { existsSync, readFileSync } from 'node:fs';
import { startBot, type BotMode } from '../bot/index.js';
import { parseEnv } from './package.js';

function loadEnvFile(argv: string[]): string | undefined {
  const i = argv.findIndex((a) => a === '--env-file' || a.startsWith('--env-file='));
  if (i === -1) return undefined;
  const file = argv[i]!.includes('=') ? argv[i]!.slice('--env-file='.length) : argv[i + 1];
  if (!file || !existsSync(file)) throw new Error(`Miljöfilen ${file ?? '(saknas)'} finns inte.`);
  // Variables already set in the environment win (e.g. secrets injected by the platform).
  for (const [k, v] of Object.entries(parseEnv(readFileSync(file, 'utf8')))) if (process.env[k] === undefined) process.env[k] = v;
  return file;
}

async function main(): Promise<void> {
  const envFile = loadEnvFile(process.argv.slice(2));
  const mode = (process.env.SYSTEMKOLL_MODE ?? 'local') as BotMode;
  if (mode !== 'local' && mode !== 'production')
    throw new Error(`SYSTEMKOLL_MODE måste vara local eller production, inte "${String(mode)}".`);
  const port = Number(process.env.BOT_PORT ?? process.env.PORT ?? 3978);
  const host = process.env.BOT_HOST ?? '127.0.0.1';

  if (mode === 'local') {
    const store = (process.env.LOCAL_SP_URL ?? 'http://127.0.0.1:4300').replace(/\/+$/, '');
    const ok = await fetch(`${store}/_local/health`, { signal: AbortSignal.timeout(1500) }).then(
      (r) => r.ok,
      () => false,
    );
    if (!ok)
      console.warn(
        `Varning: den lokala SharePoint-lagringen svarar inte på ${store}. Starta den med "npm run sharepoint:local" (eller kör allt med "npm start").`,
      );
  }

  const bot = await startBot({
    mode,
    port,
    host,
    ...(mode === 'local' ? { localStoreUrl: process.env.LOCAL_SP_URL, siteUrl: process.env.SP_SITE_URL } : {}),
  });
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
