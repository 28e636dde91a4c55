import { resolve } from 'node:path';
import { createServer } from 'vite';
import { startLocalStack } from './local-stack.js';
import { startBot } from '../bot/index.js';

/**
 * `npm start`: the whole product locally — the SharePoint-compatible store (provisioned, demo data on
 * first start), the bot host and the tab — then prints what runs where. Ctrl-C stops everything.
 */
async function main(): Promise<void> {
  const storePort = Number(process.env.LOCAL_SP_PORT ?? 4300);
  const botPort = Number(process.env.BOT_PORT ?? 3978);
  const tabPort = Number(process.env.TAB_PORT ?? 5173);
  const dataDir = resolve(process.env.LOCAL_SP_DATA ?? '.data/sharepoint');
  const seed = process.env.LOCAL_SP_SEED === 'none' ? 'none' : 'demo';

  console.log('Startar Systemkoll lokalt …');
  const stack = await startLocalStack({ port: storePort, dataDir, seed, log: (l) => console.log(`  ${l}`) });
  const stops: (() => Promise<unknown>)[] = [() => stack.close()];
  try {
    const bot = await startBot({ port: botPort, host: '127.0.0.1', mode: 'local', siteUrl: stack.siteUrl, localStoreUrl: stack.storeUrl });
    stops.unshift(() => bot.close());
    process.env.VITE_SYSTEMKOLL_MODE = 'local';
    process.env.VITE_LOCAL_SP_URL = stack.storeUrl;
    process.env.VITE_SP_SITE_URL = stack.siteUrl;
    const tab = await createServer({
      configFile: resolve('vite.config.ts'),
      server: { port: tabPort, host: '127.0.0.1', strictPort: true },
    });
    await tab.listen();
    stops.unshift(() => tab.close());

    console.log('');
    console.log(`  Flik (öppna i webbläsaren):  http://127.0.0.1:${tabPort}/`);
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
