/**
 * The command-line tools' settings (src/cli/env.ts): read once, validated with zod, defaults for
 * what is not set (or set to nothing), and a Swedish sentence naming each bad value.
 */
import { describe, expect, it } from 'vitest';
import { localStackEnv, provisioningEnv, tabServerEnv } from '../../src/cli/env.js';

describe('CLI settings', () => {
  it('uses the documented defaults when nothing (or an empty value) is set', () => {
    expect(localStackEnv({})).toEqual({
      LOCAL_SP_PORT: 4300,
      BOT_PORT: 3978,
      TAB_PORT: 5173,
      PLAYGROUND_PORT: 56150,
      LOCAL_SP_DATA: '.data/sharepoint',
      LOCAL_SP_SEED: 'demo',
    });
    expect(tabServerEnv({ TAB_PORT: '' }).TAB_PORT).toBe(5173);
    expect(localStackEnv({ LOCAL_SP_PORT: ' 4400 ', LOCAL_SP_SEED: 'none', LOCAL_SP_URL: 'http://127.0.0.1:4400/' })).toMatchObject({
      LOCAL_SP_PORT: 4400,
      LOCAL_SP_SEED: 'none',
      LOCAL_SP_URL: 'http://127.0.0.1:4400',
    });
  });

  it('names every bad value in Swedish', () => {
    expect(() => tabServerEnv({ TAB_PORT: 'abc' })).toThrow('Felaktig inställning: TAB_PORT måste vara ett portnummer.');
    expect(() => tabServerEnv({ TAB_PORT: '70000' })).toThrow('TAB_PORT måste vara 0–65535.');
    expect(() => tabServerEnv({ TAB_PORT: '80.5' })).toThrow('TAB_PORT måste vara ett heltal.');
    expect(() => localStackEnv({ BOT_PORT: 'x', LOCAL_SP_SEED: 'alla' })).toThrow(
      "Felaktig inställning: BOT_PORT måste vara ett portnummer. LOCAL_SP_SEED måste vara 'demo' eller 'none'.",
    );
    expect(() => localStackEnv({ SP_SITE_URL: 'kommun.sharepoint.com' })).toThrow(
      'SP_SITE_URL måste vara en webbadress (http:// eller https://).',
    );
    expect(() => provisioningEnv({ ENTRA_CLIENT_ID: 'min-app' })).toThrow('ENTRA_CLIENT_ID måste vara ett klient-id (GUID).');
  });

  it('carries the certificate settings the provisioning CLI passes on', () => {
    const env = provisioningEnv({
      ENTRA_TENANT_ID: 'kommun.onmicrosoft.com',
      SP_APP_CLIENT_ID: '7d1e6f3a-2b4c-4d5e-8f90-a1b2c3d4e5f6',
      SP_APP_CERT_KEY_PATH: '/etc/systemkoll/key.pem',
      SP_APP_CERT_THUMBPRINT_SHA256: 'AB12',
      UNRELATED: 'x',
    });
    expect(env).toEqual({
      ENTRA_TENANT_ID: 'kommun.onmicrosoft.com',
      SP_APP_CLIENT_ID: '7d1e6f3a-2b4c-4d5e-8f90-a1b2c3d4e5f6',
      SP_APP_CERT_KEY_PATH: '/etc/systemkoll/key.pem',
      SP_APP_CERT_THUMBPRINT_SHA256: 'AB12',
      npm_package_version: 'dev',
    });
  });
});
