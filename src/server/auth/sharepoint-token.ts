import { readFileSync } from 'node:fs';
import { ConfidentialClientApplication, PublicClientApplication } from '@azure/msal-node';
import type { TokenProvider } from '../../shared/data/sp.js';
import { createLocalToken } from '../../shared/auth/local-token.js';

/** The SharePoint resource (https://tenant.sharepoint.com) of a site URL. */
export function sharePointResource(siteUrl: string): string {
  return new URL(siteUrl).origin;
}

export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host === '::1';
}

/** Local store: an unsigned token naming a user the store knows. Never accepted by SharePoint Online. */
export function localTokenProvider(upn: string): TokenProvider {
  return async () => createLocalToken(upn);
}

export interface CertificateAuthSettings {
  tenantId: string;
  clientId: string;
  /** PEM private key of the certificate registered on the Entra app. */
  privateKeyPath: string;
  /** SHA-256 thumbprint (hex) of that certificate. */
  thumbprintSha256: string;
}

/**
 * App-only access with a certificate (SharePoint Online refuses app-only tokens obtained with a
 * client secret). MSAL caches the token and renews it before it expires.
 */
export function certificateTokenProvider(siteUrl: string, settings: CertificateAuthSettings): TokenProvider {
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: settings.clientId,
      authority: `https://login.microsoftonline.com/${settings.tenantId}`,
      clientCertificate: {
        thumbprintSha256: settings.thumbprintSha256,
        privateKey: readFileSync(settings.privateKeyPath, 'utf8'),
      },
    },
  });
  const scopes = [`${sharePointResource(siteUrl)}/.default`];
  return async () => {
    const result = await app.acquireTokenByClientCredential({ scopes });
    if (!result?.accessToken) throw new Error('Fick ingen åtkomsttoken från Entra ID (certifikatinloggning).');
    return result.accessToken;
  };
}

/** Interactive sign-in for an admin at a terminal: device code, delegated AllSites.FullControl. */
export function deviceCodeTokenProvider(
  siteUrl: string,
  settings: { tenantId: string; clientId: string },
  print: (message: string) => void,
): TokenProvider {
  const app = new PublicClientApplication({
    auth: { clientId: settings.clientId, authority: `https://login.microsoftonline.com/${settings.tenantId}` },
  });
  const scopes = [`${sharePointResource(siteUrl)}/AllSites.FullControl`];
  return async () => {
    const [account] = await app.getTokenCache().getAllAccounts();
    if (account) {
      try {
        const silent = await app.acquireTokenSilent({ account, scopes });
        if (silent?.accessToken) return silent.accessToken;
      } catch {
        // fall through to a new device-code sign-in
      }
    }
    const result = await app.acquireTokenByDeviceCode({ scopes, deviceCodeCallback: (r) => print(r.message) });
    if (!result?.accessToken) throw new Error('Inloggningen avbröts.');
    return result.accessToken;
  };
}

/** Reads certificate settings from the environment, naming what is missing in Swedish. */
export function certificateSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): CertificateAuthSettings {
  const wanted = {
    tenantId: 'ENTRA_TENANT_ID',
    clientId: 'SP_APP_CLIENT_ID',
    privateKeyPath: 'SP_APP_CERT_KEY_PATH',
    thumbprintSha256: 'SP_APP_CERT_THUMBPRINT_SHA256',
  } as const;
  const missing = Object.values(wanted).filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`Certifikatinloggning kräver miljövariablerna: ${missing.join(', ')}.`);
  return {
    tenantId: env.ENTRA_TENANT_ID!,
    clientId: env.SP_APP_CLIENT_ID!,
    privateKeyPath: env.SP_APP_CERT_KEY_PATH!,
    thumbprintSha256: env.SP_APP_CERT_THUMBPRINT_SHA256!,
  };
}
