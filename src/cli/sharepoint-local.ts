import { resolve } from 'node:path';
import { startLocalStack } from './local-stack.js';

/** `npm run sharepoint:local`: the local SharePoint-compatible store alone. */
async function main(): Promise<void> {
  const port = Number(process.env.LOCAL_SP_PORT ?? 4300);
  const dataDir = resolve(process.env.LOCAL_SP_DATA ?? '.data/sharepoint');
  const seedEnv = process.env.LOCAL_SP_SEED ?? 'demo';
  if (seedEnv !== 'demo' && seedEnv !== 'none') throw new Error(`LOCAL_SP_SEED måste vara 'demo' eller 'none', inte '${seedEnv}'.`);
  const stack = await startLocalStack({ port, dataDir, seed: seedEnv, log: (l) => console.log(l) });
  console.log(`Lokal SharePoint: ${stack.siteUrl}  (data: ${dataDir}${stack.seeded ? ', demodata skapad' : ''})`);
  console.log('Avsluta med Ctrl-C.');
  const stop = () => {
    void stack.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Kunde inte starta den lokala SharePoint-lagringen: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
