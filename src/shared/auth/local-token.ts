/**
 * Local mode identity: an unsigned JWT (alg "none") whose `upn` claim names a user known to the local
 * SharePoint-compatible store. The store rejects these tokens in any other mode; production uses
 * Entra tokens from MSAL.
 */
export function createLocalToken(upn: string, name?: string): string {
  const encode = (value: object) => base64url(JSON.stringify(value));
  const now = Math.floor(Date.now() / 1000);
  const payload = { upn, ...(name ? { name } : {}), iat: now, exp: now + 8 * 3600, iss: 'systemkoll-local' };
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.`;
}

/**
 * The local stand-in for an app-only token (certificate, Sites.Selected with full control): the
 * identity the Systemkoll API and the bot write with. The store maps it to its app principal.
 */
export const LOCAL_APP_ID = 'systemkoll-local-app';

export function createLocalAppToken(): string {
  const encode = (value: object) => base64url(JSON.stringify(value));
  const now = Math.floor(Date.now() / 1000);
  const payload = { appid: LOCAL_APP_ID, app_displayname: 'Systemkoll', iat: now, exp: now + 3600, iss: 'systemkoll-local' };
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.`;
}

export type LocalTokenClaims =
  { upn: string; name?: string; exp?: number; app?: undefined } | { app: string; exp?: number; upn?: undefined };

export function readLocalToken(token: string): LocalTokenClaims | null {
  const [header, payload] = token.split('.');
  if (!header || !payload) return null;
  try {
    const head = JSON.parse(fromBase64url(header)) as { alg?: string };
    if (head.alg !== 'none') return null;
    const claims = JSON.parse(fromBase64url(payload)) as { upn?: unknown; name?: unknown; exp?: unknown; appid?: unknown };
    const exp = typeof claims.exp === 'number' ? { exp: claims.exp } : {};
    if (claims.appid === LOCAL_APP_ID && claims.upn === undefined) return { app: LOCAL_APP_ID, ...exp };
    if (typeof claims.upn !== 'string' || !claims.upn) return null;
    return { upn: claims.upn, ...(typeof claims.name === 'string' ? { name: claims.name } : {}), ...exp };
  } catch {
    return null;
  }
}

function base64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): string {
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}
