import { resolve } from 'node:path';
import { startLocalStack } from './local-stack.js';
import { localStackEnv } from './env.js';

/** `npm run sharepoint:local`: the local SharePoint-compatible store alone. */
async function main(): Promise<void> {
  const env = localStackEnv();
  const dataDir = resolve(env.LOCAL_SP_DATA);
  const stack = await startLocalStack({ port: env.LOCAL_SP_PORT, dataDir, seed: env.LOCAL_SP_SEED, log: (l) => console.log(l) });
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
