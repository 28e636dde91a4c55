/**
 * Who is calling the Systemkoll API. Production: an Entra ID access token for the API
 * (`api://…/access_as_user`), validated against Entra's signing keys — issuer of our tenant,
 * audience = the API's client id (v2 tokens), the `access_as_user` scope, expiry. Local mode: the
 * store's unsigned token, accepted only because the API then listens on loopback alone (app.ts
 * refuses anything else). The caller is named by UPN; what they may do is decided later from
 * SharePoint group membership, never from a claim.
 */
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { readLocalToken } from '../../shared/auth/local-token.js';

export interface Caller {
  upn: string;
  name?: string;
}

export type Authenticate = (authorization: string | undefined) => Promise<Caller | null>;

function bearer(authorization: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '');
  return m ? (m[1] as string) : null;
}

/** Local mode: the local store's unsigned user token (never an app token: the API serves people). */
export function localAuthenticator(now: () => number = Date.now): Authenticate {
  return async (authorization) => {
    const token = bearer(authorization);
    const claims = token ? readLocalToken(token) : null;
    if (!claims || claims.app !== undefined) return null;
    if (claims.exp !== undefined && claims.exp * 1000 < now()) return null;
    return { upn: claims.upn, ...(claims.name ? { name: claims.name } : {}) };
  };
}

export interface EntraApiSettings {
  /** The municipality's tenant (GUID). */
  tenantId: string;
  /** The API's application (client) id: the audience of v2 access tokens. */
  clientId: string;
  /** Default access_as_user. */
  scope?: string;
  /** Default Entra's v2 key set for the tenant; tests pass their own. */
  keys?: Parameters<typeof jwtVerify>[1];
  issuer?: string;
}

/** Production: v2 access tokens for the Systemkoll API from the municipality's own tenant. */
export function entraAuthenticator(settings: EntraApiSettings): Authenticate {
  const issuer = settings.issuer ?? `https://login.microsoftonline.com/${settings.tenantId}/v2.0`;
  const keys = settings.keys ?? createRemoteJWKSet(new URL(`https://login.microsoftonline.com/${settings.tenantId}/discovery/v2.0/keys`));
  const scope = settings.scope ?? 'access_as_user';
  return async (authorization) => {
    const token = bearer(authorization);
    if (!token) return null;
    let payload: JWTPayload & Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, keys as Parameters<typeof jwtVerify>[1] & object, {
        issuer,
        audience: settings.clientId,
        algorithms: ['RS256'],
        clockTolerance: 120,
      }));
    } catch {
      return null;
    }
    if (payload.tid !== settings.tenantId || payload.ver !== '2.0') return null;
    const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
    if (!scopes.includes(scope)) return null;
    // preferred_username is the sign-in name (UPN) in v2 tokens; SharePoint knows people by it.
    const upn =
      typeof payload.preferred_username === 'string' ? payload.preferred_username : typeof payload.upn === 'string' ? payload.upn : '';
    if (!upn) return null;
    return { upn, ...(typeof payload.name === 'string' ? { name: payload.name } : {}) };
  };
}
