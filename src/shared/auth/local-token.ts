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

export function readLocalToken(token: string): { upn: string; name?: string; exp?: number } | null {
  const [header, payload] = token.split('.');
  if (!header || !payload) return null;
  try {
    const head = JSON.parse(fromBase64url(header)) as { alg?: string };
    if (head.alg !== 'none') return null;
    const claims = JSON.parse(fromBase64url(payload)) as { upn?: unknown; name?: unknown; exp?: unknown };
    if (typeof claims.upn !== 'string' || !claims.upn) return null;
    return {
      upn: claims.upn,
      ...(typeof claims.name === 'string' ? { name: claims.name } : {}),
      ...(typeof claims.exp === 'number' ? { exp: claims.exp } : {}),
    };
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
