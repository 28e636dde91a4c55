import {
  createNestablePublicClientApplication,
  InteractionRequiredAuthError,
  PublicClientApplication,
  type AccountInfo,
  type Configuration,
  type IPublicClientApplication,
} from '@azure/msal-browser';
import { sharePointScope } from './browser-config.js';

export interface MsalTokenOptions {
  clientId: string;
  /** Tenant id or 'organizations'. */
  tenantId: string;
  /** https://<tenant>.sharepoint.com */
  spResource: string;
  /** Use Nested App Authentication (Teams said `isNAAChannelRecommended()`). */
  nested: boolean;
  /** The signed-in user's UPN from the Teams context, used as login hint. */
  loginHint?: string;
  /** The redirect-bridge page, served without COOP. */
  redirectUri: string;
}

export interface MsalSession {
  /** A SharePoint token (the site's `AllSites.Write`). */
  getToken: () => Promise<string>;
  /**
   * A token provider for another resource with the same account — the Systemkoll API
   * (`api://…/access_as_user`): a second, separate token request, cached and refreshed by MSAL.
   */
  tokenProvider: (scope: string) => () => Promise<string>;
  account: () => AccountInfo | null;
  nested: boolean;
}

function configuration(options: MsalTokenOptions): Configuration {
  return {
    auth: {
      clientId: options.clientId,
      authority: `https://login.microsoftonline.com/${options.tenantId}`,
      redirectUri: options.redirectUri,
    },
    cache: { cacheLocation: 'localStorage' },
  };
}

/**
 * The production token provider for SharePoint REST: MSAL Nested App Authentication inside Teams,
 * standard MSAL (popup, then redirect via the redirect-bridge page) elsewhere. Every request asks
 * `acquireTokenSilent` (cache or refresh token) and only interacts when MSAL says it must.
 */
export async function createMsalSession(options: MsalTokenOptions): Promise<MsalSession> {
  const config = configuration(options);
  let pca: IPublicClientApplication;
  if (options.nested) {
    // Falls back to a standard client by itself when the host bridge turns out to be missing.
    pca = await createNestablePublicClientApplication(config);
  } else {
    const standard = new PublicClientApplication(config);
    await standard.initialize();
    pca = standard;
  }
  if (!options.nested) {
    // Completes a redirect sign-in that brought us back here.
    const result = await pca.handleRedirectPromise();
    if (result?.account) pca.setActiveAccount(result.account);
  }

  const currentAccount = (): AccountInfo | null => {
    const active = pca.getActiveAccount();
    if (active) return active;
    const all = pca.getAllAccounts();
    const hinted = options.loginHint ? all.find((a) => a.username.toLowerCase() === options.loginHint!.toLowerCase()) : undefined;
    return hinted ?? all[0] ?? null;
  };

  // One interactive prompt at a time per resource, however many requests are waiting for a token.
  const interactive = new Map<string, Promise<string>>();
  const interact = async (scopes: string[]): Promise<string> => {
    const request = { scopes, ...(options.loginHint ? { loginHint: options.loginHint } : {}) };
    try {
      const result = await pca.acquireTokenPopup(request);
      pca.setActiveAccount(result.account);
      return result.accessToken;
    } catch (error) {
      // Popups blocked outside Teams: go the redirect way (the page reloads when it comes back).
      const code = (error as { errorCode?: string }).errorCode ?? '';
      if (!options.nested && /popup_window_error|empty_window_error|popup/i.test(code)) {
        await pca.acquireTokenRedirect(request);
        return new Promise<string>(() => undefined);
      }
      throw error;
    }
  };

  const tokenFor = async (scopes: string[]): Promise<string> => {
    const account = currentAccount();
    try {
      if (account) {
        const result = await pca.acquireTokenSilent({ scopes, account });
        return result.accessToken;
      }
      if (options.loginHint) {
        const result = await pca.ssoSilent({ scopes, loginHint: options.loginHint });
        pca.setActiveAccount(result.account);
        return result.accessToken;
      }
    } catch (error) {
      if (!(error instanceof InteractionRequiredAuthError) && !isSilentFailure(error)) throw error;
    }
    const key = scopes.join(' ');
    let pending = interactive.get(key);
    if (!pending) {
      pending = interact(scopes).finally(() => interactive.delete(key));
      interactive.set(key, pending);
    }
    return pending;
  };

  const sharePoint = [sharePointScope(options.spResource)];
  return {
    getToken: () => tokenFor(sharePoint),
    tokenProvider: (scope: string) => () => tokenFor([scope]),
    account: currentAccount,
    nested: options.nested,
  };
}

function isSilentFailure(error: unknown): boolean {
  const code = (error as { errorCode?: string }).errorCode ?? '';
  return /no_account|login_required|consent_required|interaction_required|monitor_window_timeout|no_tokens_found/i.test(code);
}
