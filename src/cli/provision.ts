import { parseArgs } from 'node:util';
import { createSp } from '../shared/data/sp.js';
import { provisionSite } from '../provisioning/provision.js';
import { certificateFromEnv, sharePointAppOnlyToken } from '../server/auth/certificate.js';
import { deviceCodeTokenProvider, isLoopbackUrl, localTokenProvider } from '../server/auth/sharepoint-token.js';
import type { TokenProvider } from '../shared/data/sp.js';
import { siteSchema } from '../shared/schema/index.js';
import { provisioningEnv } from './env.js';

const usage = `Användning: npm run provision -- --site <webbadress> [--auth local|certificate|interactive] [--user <upn>]

  --site   SharePoint-webbplatsen, t.ex. https://kommun.sharepoint.com/sites/systemkoll
           eller den lokala http://127.0.0.1:4300/sites/systemkoll
  --auth   local (standard för 127.0.0.1), certificate (app-only, se README) eller
           interactive (enhetskod, för en administratör vid terminalen)
  --user   lokalt läge: vem som provisionerar (standard admin@exempelkommun.se)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      site: { type: 'string' },
      auth: { type: 'string' },
      user: { type: 'string', default: 'admin@exempelkommun.se' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values.site) {
    console.log(usage);
    process.exit(values.help ? 0 : 2);
  }
  const env = provisioningEnv();
  const site = values.site.replace(/\/$/, '');
  const auth = values.auth ?? (isLoopbackUrl(site) ? 'local' : 'interactive');
  let getToken: TokenProvider;
  if (auth === 'local') {
    if (!isLoopbackUrl(site)) throw new Error('Lokala token fungerar bara mot den lokala SharePoint-lagringen (127.0.0.1).');
    getToken = localTokenProvider(values.user!);
  } else if (auth === 'certificate') {
    const cred = certificateFromEnv('SP_APP_', { tenantId: env.ENTRA_TENANT_ID, clientId: env.SP_APP_CLIENT_ID }, env);
    if (!cred)
      throw new Error(
        'Certifikatinloggning kräver SP_APP_CLIENT_ID, SP_APP_CERT_KEY_PATH och SP_APP_CERT_THUMBPRINT_SHA256 (se .env.example).',
      );
    getToken = sharePointAppOnlyToken(site, cred);
  } else if (auth === 'interactive') {
    const tenantId = env.ENTRA_TENANT_ID;
    const clientId = env.ENTRA_CLIENT_ID;
    if (!tenantId || !clientId) throw new Error('Interaktiv inloggning kräver ENTRA_TENANT_ID och ENTRA_CLIENT_ID.');
    getToken = deviceCodeTokenProvider(site, { tenantId, clientId }, (m) => console.log(m));
  } else {
    throw new Error(`Okänt inloggningssätt '${auth}'.\n${usage}`);
  }
  const sp = createSp({ siteUrl: site, getToken, userAgent: `NONISV|Systemkoll|Systemkoll/${env.npm_package_version}` });
  console.log(`Provisionerar ${site} mot schemaversion ${siteSchema.version} …`);
  const result = await provisionSite(sp, { log: (line) => console.log(line) });
  console.log('');
  if (result.changes.length === 0) console.log('Klart: inget att ändra.');
  else
    console.log(
      `Klart: ${result.changes.length} ändringar (schemaversion ${result.schemaVersion.before ?? '–'} → ${result.schemaVersion.after}).`,
    );
  for (const n of result.notices) console.log(`Obs: ${n}`);
}

main().catch((error: unknown) => {
  console.error(`Provisioneringen misslyckades: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
