import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalStack } from './local-stack.js';
import { localStackEnv } from './env.js';
import { startBot } from '../bot/index.js';
import { ensureTabBuild } from '../server/tab/build.js';
import { startTabHost } from '../server/tab/host.js';

/**
 * `npm start`: the whole product locally — the SharePoint-compatible store (provisioned, demo data on
 * first start), the bot host and a production build of the tab (built on first start or when its
 * sources changed), served as it would be hosted — then prints what runs where. Ctrl-C stops all.
 * `npm run dev` (`--dev`) serves the tab from the Vite dev server with hot reload instead.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dev: { type: 'boolean', default: false } } });
  const env = localStackEnv();
  const dataDir = resolve(env.LOCAL_SP_DATA);
  const repoRoot = resolve('.');

  console.log(values.dev ? 'Startar Systemkoll lokalt (utvecklingsläge) …' : 'Startar Systemkoll lokalt …');
  const stack = await startLocalStack({ port: env.LOCAL_SP_PORT, dataDir, seed: env.LOCAL_SP_SEED, log: (l) => console.log(`  ${l}`) });
  const stops: (() => Promise<unknown>)[] = [() => stack.close()];
  try {
    const bot = await startBot({
      port: env.BOT_PORT,
      host: '127.0.0.1',
      mode: 'local',
      siteUrl: stack.siteUrl,
      localStoreUrl: stack.storeUrl,
      // The tab (same port in both modes) calls the bot host's API from the browser.
      apiOrigins: [`http://127.0.0.1:${env.TAB_PORT}`],
      // "Öppna i Systemkoll" in the bot's cards opens the local tab.
      tabUrl: `http://127.0.0.1:${env.TAB_PORT}`,
      // The first digests go out at start, so the Utkorg page shows what people would be told.
      notifyFirstRunDelayMs: 5_000,
    });
    stops.unshift(() => bot.close());
    const botOrigin = new URL(bot.url).origin;
    const viteEnv = {
      VITE_SYSTEMKOLL_MODE: 'local',
      VITE_LOCAL_SP_URL: stack.storeUrl,
      VITE_SP_SITE_URL: stack.siteUrl,
      VITE_SYSTEMKOLL_API_URL: botOrigin,
    };
    let tabUrl: string;
    if (values.dev) {
      Object.assign(process.env, viteEnv);
      const { createServer } = await import('vite');
      const tab = await createServer({
        configFile: resolve('vite.config.ts'),
        server: { port: env.TAB_PORT, host: '127.0.0.1', strictPort: true },
      });
      await tab.listen();
      stops.unshift(() => tab.close());
      tabUrl = `http://127.0.0.1:${env.TAB_PORT}/`;
    } else {
      const distDir = resolve('dist/tab');
      await ensureTabBuild({ repoRoot, outDir: distDir, viteEnv, log: (l) => console.log(`  ${l}`) });
      const tab = await startTabHost({ distDir, port: env.TAB_PORT, host: '127.0.0.1', connectSources: [stack.storeUrl, botOrigin] });
      stops.unshift(() => tab.close());
      tabUrl = `${tab.url}/`;
    }

    console.log('');
    console.log(`  Flik (öppna i webbläsaren):  ${tabUrl}`);
    console.log(`  Bot / meddelandetillägg:     ${bot.url}`);
    console.log(`  Lokal SharePoint:            ${stack.siteUrl}`);
    console.log(`  Data:                        ${dataDir}${stack.seeded ? ' (demodata skapad nu)' : ''}`);
    console.log('');
    console.log('  Prova meddelandetillägget som i Teams: npm run playground');
    console.log('  Avsluta med Ctrl-C.');
  } catch (error) {
    for (const stop of stops) await stop().catch(() => undefined);
    throw error;
  }

  let stopping = false;
  const stopAll = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStänger av …');
    for (const stop of stops) await stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stopAll());
  process.on('SIGTERM', () => void stopAll());
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const hint = /EADDRINUSE/.test(message)
    ? ' En port är upptagen – stoppa det som kör där eller välj en annan med LOCAL_SP_PORT, BOT_PORT eller TAB_PORT.'
    : '';
  console.error(`Systemkoll kunde inte starta: ${message}${hint}`);
  process.exit(1);
});
