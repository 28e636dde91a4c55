import { describe, expect, it } from 'vitest';
import { missingProductionSettings, readTabConfig, sharePointScope } from '../../../src/shared/auth/browser-config.js';
import { choosePersona } from '../../../src/shared/auth/local-browser-token.js';
import { readUrlOverrides } from '../../../src/app/overrides.js';

describe('tab configuration', () => {
  it('runs in local mode by default, against 127.0.0.1:4300', () => {
    const c = readTabConfig({});
    expect(c.mode).toBe('local');
    expect(c.localSpUrl).toBe('http://127.0.0.1:4300');
    expect(c.tenantId).toBe('organizations');
  });

  it('switches to production when the site and client id are set, deriving the resource', () => {
    const c = readTabConfig({ VITE_SP_SITE_URL: 'https://kommun.sharepoint.com/sites/systemkoll/', VITE_ENTRA_CLIENT_ID: 'abc' });
    expect(c.mode).toBe('production');
    expect(c.siteUrl).toBe('https://kommun.sharepoint.com/sites/systemkoll');
    expect(c.spResource).toBe('https://kommun.sharepoint.com');
    expect(missingProductionSettings(c)).toEqual([]);
    expect(sharePointScope(c.spResource)).toBe('https://kommun.sharepoint.com/AllSites.Write');
  });

  it('honours an explicit mode and reports what production lacks', () => {
    const c = readTabConfig({ VITE_SYSTEMKOLL_MODE: 'production' });
    expect(c.mode).toBe('production');
    expect(missingProductionSettings(c)).toEqual(['VITE_SP_SITE_URL', 'VITE_ENTRA_CLIENT_ID', 'VITE_SP_RESOURCE']);
    expect(
      readTabConfig({ VITE_SYSTEMKOLL_MODE: 'local', VITE_SP_SITE_URL: 'https://x.sharepoint.com/sites/a', VITE_ENTRA_CLIENT_ID: 'a' })
        .mode,
    ).toBe('local');
  });

  it('reads ?theme= and ?lang= overrides', () => {
    expect(readUrlOverrides('?theme=dark&lang=en')).toEqual({ theme: 'dark', language: 'en' });
    expect(readUrlOverrides('?lang=sv-SE')).toEqual({ theme: null, language: 'sv' });
    expect(readUrlOverrides('')).toEqual({ theme: null, language: null });
  });

  it('chooses the remembered persona if still offered, else the first', () => {
    const personas = [
      { upn: 'a@x.se', role: 'employee', title: 'A' },
      { upn: 'b@x.se', role: 'admin', title: 'B' },
    ];
    expect(choosePersona(personas, 'B@x.se')?.upn).toBe('b@x.se');
    expect(choosePersona(personas, 'gone@x.se')?.upn).toBe('a@x.se');
    expect(choosePersona(personas, null)?.upn).toBe('a@x.se');
    expect(choosePersona([], null)).toBeNull();
  });
});
