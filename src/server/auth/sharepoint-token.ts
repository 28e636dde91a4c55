import { PublicClientApplication } from '@azure/msal-node';
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
