import type { SPFI } from '@pnp/sp';
import { createSp } from '../../src/shared/data/sp.js';
import { createLocalToken } from '../../src/shared/auth/local-token.js';
import { startLocalSharePoint, type LocalSharePoint, type LocalSharePointOptions } from '../../src/server/local-sharepoint/index.js';

export const ADMIN = 'admin@exempelkommun.se';

export async function startStore(options: LocalSharePointOptions = {}): Promise<LocalSharePoint> {
  return startLocalSharePoint({ port: 0, ...options });
}

export function spFor(store: LocalSharePoint, upn: string, extra: { retries?: number; retryInterval?: number } = {}): SPFI {
  return createSp({ siteUrl: store.siteUrl, getToken: async () => createLocalToken(upn), ...extra });
}

/** The HTTP status and SharePoint's own message of a failed request. */
export async function statusOf(p: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await p;
  } catch (e) {
    // The pipeline rejects with a DataError; PnPjs's HttpRequestError (with the response) is its cause.
    const err = ((e as { cause?: unknown }).cause ?? e) as { status?: number; response?: Response; message?: string };
    let message = err.message ?? '';
    try {
      const body = (await err.response?.clone().json()) as { 'odata.error'?: { message?: { value?: string } } } | undefined;
      message = body?.['odata.error']?.message?.value ?? message;
    } catch {
      /* not JSON */
    }
    return { status: err.status ?? 0, message };
  }
  throw new Error('expected the request to fail');
}
