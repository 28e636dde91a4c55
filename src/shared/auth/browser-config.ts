/**
 * Tab configuration from Vite env (baked in at build time). Local mode — persona switcher against
 * the local SharePoint-compatible store — is the default unless production settings are present.
 */
export type TabMode = 'local' | 'production';

export interface TabConfig {
  mode: TabMode;
  /** Absolute SharePoint site URL; in local mode asked from the store when empty. */
  siteUrl: string;
  clientId: string;
  tenantId: string;
  /** e.g. https://contoso.sharepoint.com — the token audience. */
  spResource: string;
  /** The local store, http://127.0.0.1:4300 by default. */
  localSpUrl: string;
  /** Teams app id (manifest id), for deep links. */
  teamsAppId: string;
  /**
   * The Systemkoll API in the bot host (`VITE_SYSTEMKOLL_API_URL`, origin without `/api/v1`): reads
   * staff may not make in SharePoint (my reports, incidents on my systems). Local default
   * http://127.0.0.1:3978; production has no default.
   */
  apiUrl: string;
  /**
   * Production: the delegated scope the tab asks Entra for when calling the API
   * (`VITE_SYSTEMKOLL_API_SCOPE`, e.g. api://systemkoll.kommun.se/<api-client-id>/access_as_user) —
   * a second MSAL token request beside SharePoint's. Local mode reuses the local token.
   */
  apiScope: string;
}

export type EnvLike = Record<string, string | boolean | undefined>;

function text(env: EnvLike, key: string): string {
  const v = env[key];
  return typeof v === 'string' ? v.trim() : '';
}

export function readTabConfig(env: EnvLike): TabConfig {
  const siteUrl = text(env, 'VITE_SP_SITE_URL').replace(/\/+$/, '');
  const clientId = text(env, 'VITE_ENTRA_CLIENT_ID');
  const explicit = text(env, 'VITE_SYSTEMKOLL_MODE').toLowerCase();
  const mode: TabMode = explicit === 'production' || explicit === 'local' ? explicit : siteUrl && clientId ? 'production' : 'local';
  let spResource = text(env, 'VITE_SP_RESOURCE').replace(/\/+$/, '');
  if (!spResource && siteUrl) {
    try {
      spResource = new URL(siteUrl).origin;
    } catch {
      spResource = '';
    }
  }
  return {
    mode,
    siteUrl,
    clientId,
    tenantId: text(env, 'VITE_ENTRA_TENANT_ID') || 'organizations',
    spResource,
    localSpUrl: (text(env, 'VITE_LOCAL_SP_URL') || 'http://127.0.0.1:4300').replace(/\/+$/, ''),
    teamsAppId: text(env, 'VITE_TEAMS_APP_ID'),
    apiUrl: (text(env, 'VITE_SYSTEMKOLL_API_URL') || (mode === 'local' ? 'http://127.0.0.1:3978' : '')).replace(/\/+$/, ''),
    apiScope: text(env, 'VITE_SYSTEMKOLL_API_SCOPE'),
  };
}

/** What is missing for production mode, as config keys (empty when complete). */
export function missingProductionSettings(config: TabConfig): string[] {
  const missing: string[] = [];
  if (!config.siteUrl) missing.push('VITE_SP_SITE_URL');
  if (!config.clientId) missing.push('VITE_ENTRA_CLIENT_ID');
  if (!config.spResource) missing.push('VITE_SP_RESOURCE');
  return missing;
}

/**
 * What the Systemkoll API needs in production (`VITE_SYSTEMKOLL_API_URL`, `VITE_SYSTEMKOLL_API_SCOPE`);
 * empty in local mode. Kept apart from missingProductionSettings: without the API, coordinators still
 * work against SharePoint, and the pages that need the API say what is missing when they are opened.
 */
export function missingApiSettings(config: TabConfig): string[] {
  const missing: string[] = [];
  if (!config.apiUrl) missing.push('VITE_SYSTEMKOLL_API_URL');
  if (config.mode === 'production' && !config.apiScope) missing.push('VITE_SYSTEMKOLL_API_SCOPE');
  return missing;
}

/** The delegated SharePoint scope the tab asks for. */
export function sharePointScope(spResource: string): string {
  return `${spResource.replace(/\/+$/, '')}/AllSites.Write`;
}
