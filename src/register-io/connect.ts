/**
 * How the register CLIs (import, export) reach a site: `--auth local` (the local store, as `--as`,
 * default the admin), `interactive` (device code, delegated — the admin at the terminal) or
 * `certificate` (app-only). The same rules as npm run provision.
 */
import { createSp, type TokenProvider } from '../shared/data/sp.js';
import { certificateFromEnv, sharePointAppOnlyToken } from '../server/auth/certificate.js';
import { deviceCodeTokenProvider, isLoopbackUrl, localTokenProvider } from '../server/auth/sharepoint-token.js';
import { provisioningEnv } from '../cli/env.js';

export const DEFAULT_LOCAL_USER = 'admin@exempelkommun.se';

export interface SiteConnection {
  site: string;
  /** Reads: the normal pipeline (retries throttling and dropped connections). */
  sp: ReturnType<typeof createSp>;
  /** Writes: no automatic resend, so a lost reply is checked by reading before writing again. */
  writeSp: ReturnType<typeof createSp>;
}

export function connectSite(
  options: { site: string; auth?: string | undefined; as?: string | undefined },
  log: (m: string) => void,
): SiteConnection {
  const env = provisioningEnv();
  const site = options.site.replace(/\/+$/, '');
  if (!URL.canParse(site)) throw new Error(`--site måste vara en webbadress, inte "${options.site}".`);
  const auth = options.auth ?? (isLoopbackUrl(site) ? 'local' : 'interactive');
  let getToken: TokenProvider;
  if (auth === 'local') {
    if (!isLoopbackUrl(site)) throw new Error('Lokala token fungerar bara mot den lokala SharePoint-lagringen (127.0.0.1).');
    getToken = localTokenProvider(options.as ?? DEFAULT_LOCAL_USER);
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
    getToken = deviceCodeTokenProvider(site, { tenantId, clientId }, log);
  } else {
    throw new Error(`Okänt inloggningssätt '${auth}' (local, interactive eller certificate).`);
  }
  const userAgent = `NONISV|Systemkoll|Systemkoll/${env.npm_package_version}`;
  return {
    site,
    sp: createSp({ siteUrl: site, getToken, userAgent }),
    writeSp: createSp({ siteUrl: site, getToken, userAgent, retries: 1 }),
  };
}
