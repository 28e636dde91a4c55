import { exportJWK, generateKeyPair, SignJWT, createLocalJWKSet, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { entraAuthenticator, localAuthenticator, type Authenticate } from '../../src/server/api/caller.js';
import { createLocalAppToken, createLocalToken } from '../../src/shared/auth/local-token.js';

const TENANT = '11111111-2222-3333-4444-555555555555';
const API_CLIENT = '66666666-7777-8888-9999-000000000000';
const ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;

let sign: (claims: JWTPayload, options?: { issuer?: string; audience?: string; expiresIn?: string; key?: CryptoKey }) => Promise<string>;
let authenticate: Authenticate;
let otherKey: CryptoKey;

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  otherKey = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' };
  authenticate = entraAuthenticator({ tenantId: TENANT, clientId: API_CLIENT, keys: createLocalJWKSet({ keys: [jwk] }) });
  sign = (claims, o = {}) =>
    new SignJWT({
      ver: '2.0',
      tid: TENANT,
      scp: 'access_as_user',
      preferred_username: 'eva.ek@exempelkommun.se',
      name: 'Eva Ek',
      ...claims,
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(o.issuer ?? ISSUER)
      .setAudience(o.audience ?? API_CLIENT)
      .setIssuedAt()
      .setExpirationTime(o.expiresIn ?? '1h')
      .sign(o.key ?? privateKey);
});

describe('the API accepts only Entra v2 tokens for itself from our tenant', () => {
  it('accepts a valid token and names the caller by sign-in name', async () => {
    expect(await authenticate(`Bearer ${await sign({})}`)).toEqual({ upn: 'eva.ek@exempelkommun.se', name: 'Eva Ek' });
  });

  it.each([
    ['another tenant', { tid: '99999999-2222-3333-4444-555555555555' }, {}],
    ['another issuer', {}, { issuer: 'https://login.microsoftonline.com/common/v2.0' }],
    ['another audience (e.g. a SharePoint token)', {}, { audience: '00000003-0000-0ff1-ce00-000000000000' }],
    ['no access_as_user scope', { scp: 'User.Read' }, {}],
    ['an app-only token (roles, no scope)', { scp: undefined, roles: ['Api.All'] }, {}],
    ['a v1 token', { ver: '1.0' }, {}],
    ['an expired token', {}, { expiresIn: '-10m' }],
    ['no sign-in name', { preferred_username: undefined }, {}],
  ] as const)('refuses %s', async (_what, claims, options) => {
    expect(await authenticate(`Bearer ${await sign(claims as JWTPayload, options)}`)).toBeNull();
  });

  it('refuses a token signed with another key, an unsigned token and a missing header', async () => {
    expect(await authenticate(`Bearer ${await sign({}, { key: otherKey })}`)).toBeNull();
    expect(await authenticate(`Bearer ${createLocalToken('eva.ek@exempelkommun.se')}`)).toBeNull();
    expect(await authenticate(undefined)).toBeNull();
    expect(await authenticate('Basic abc')).toBeNull();
  });
});

describe('local mode', () => {
  it('accepts the local user token, never the app token or an expired one', async () => {
    const local = localAuthenticator(() => Date.parse('2026-12-01T10:00:00Z'));
    expect(await local(`Bearer ${createLocalToken('eva.ek@exempelkommun.se', 'Eva Ek')}`)).toEqual({
      upn: 'eva.ek@exempelkommun.se',
      name: 'Eva Ek',
    });
    expect(await local(`Bearer ${createLocalAppToken()}`)).toBeNull();
    const later = localAuthenticator(() => Date.now() + 24 * 3600_000);
    expect(await later(`Bearer ${createLocalToken('eva.ek@exempelkommun.se')}`)).toBeNull();
  });
});
