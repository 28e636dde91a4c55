import { spfi, SPBrowser, type SPFI } from '@pnp/sp';
import { BrowserFetchWithRetry, InjectHeaders, type Queryable } from '@pnp/queryable';
import type { TimelinePipe } from '@pnp/core';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/fields';
import '@pnp/sp/batching';
import '@pnp/sp/site-users/web';
import '@pnp/sp/site-groups/web';
import '@pnp/sp/security';
import { toDataError } from './errors.js';

/** Returns a bearer token for the SharePoint audience; called once per request so it can refresh. */
export type TokenProvider = () => Promise<string>;

export interface SpClientOptions {
  /** Absolute site URL, e.g. https://kommun.sharepoint.com/sites/systemkoll or the local store's. */
  siteUrl: string;
  getToken: TokenProvider;
  /** Attempts in total for throttled (429/503/504) or dropped requests; PnPjs default is 3. */
  retries?: number;
  /** Base wait in ms between retries when the server sends no Retry-After; PnPjs default 200. */
  retryInterval?: number;
  /** Node only: identifies our traffic to SharePoint as Microsoft asks (browsers cannot set it). */
  userAgent?: string;
}

/**
 * PnPjs has BearerToken for a fixed token; this asks the provider on every request so MSAL's cache
 * (or the local store's token) is used and expired tokens are renewed silently.
 */
export function FreshBearerToken(getToken: TokenProvider): TimelinePipe<Queryable> {
  return (instance: Queryable) => {
    instance.on.auth(async (url, init) => {
      const token = await getToken();
      init.headers = { ...(init.headers as Record<string, string>), Authorization: `Bearer ${token}` };
      return [url, init];
    });
    return instance;
  };
}

/**
 * Every failure a request ends in (HTTP error, dropped connection, SharePoint's JSON error body)
 * reaches the caller as a typed DataError with a Swedish message, whatever repository or CLI made
 * the call: PnPjs's RejectOnError replaced by one that maps first.
 */
export function DataErrors(): TimelinePipe<Queryable> {
  return (instance: Queryable) => {
    instance.on.error.replace(function (error) {
      // InternalReject is PnPjs's own hook for settling the request's promise (see RejectOnError).
      const self = this as unknown as { emit: Record<symbol, (e: unknown) => void>; InternalReject: symbol };
      self.emit[self.InternalReject]!(toDataError(error));
    });
    return instance;
  };
}

/**
 * The one SharePoint client pipeline used by the tab, the bot, the jobs, the CLI and the tests,
 * against SharePoint Online and the local store alike: PnPjs's browser preset (default headers,
 * JSON parsing, BrowserFetchWithRetry honouring Retry-After — Node 20 has fetch), a per-request
 * bearer token and typed errors. This is the one retry layer: callers (TanStack Query in the tab)
 * do not retry the same request again.
 */
export function createSp(options: SpClientOptions): SPFI {
  const sp = spfi(options.siteUrl).using(SPBrowser({ baseUrl: options.siteUrl }));
  if (options.retries !== undefined || options.retryInterval !== undefined) {
    // SPBrowser installs BrowserFetchWithRetry with defaults; replace it with our settings.
    sp.using(retryingFetch(options.retries ?? 3, options.retryInterval ?? 200));
  }
  sp.using(FreshBearerToken(options.getToken), DataErrors());
  if (options.userAgent) sp.using(InjectHeaders({ 'User-Agent': options.userAgent }));
  return sp;
}

function retryingFetch(retries: number, interval: number): TimelinePipe<Queryable> {
  return BrowserFetchWithRetry({ retries, interval, replace: true });
}
