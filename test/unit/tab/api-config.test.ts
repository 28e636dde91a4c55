import { describe, expect, it } from 'vitest';
import { missingApiSettings, readTabConfig } from '../../../src/shared/auth/browser-config.js';
import { productionBuildProblems } from '../../../src/server/tab/build-env.js';

const production = {
  VITE_SYSTEMKOLL_MODE: 'production',
  VITE_SP_SITE_URL: 'https://kommun.sharepoint.com/sites/systemkoll',
  VITE_ENTRA_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
};

describe('Systemkoll API settings of the tab', () => {
  it('defaults to the local bot host in local mode and needs nothing more there', () => {
    const c = readTabConfig({});
    expect(c.apiUrl).toBe('http://127.0.0.1:3978');
    expect(missingApiSettings(c)).toEqual([]);
    expect(readTabConfig({ VITE_SYSTEMKOLL_API_URL: 'http://127.0.0.1:5000/' }).apiUrl).toBe('http://127.0.0.1:5000');
  });

  it('has no default in production and names what is missing', () => {
    const c = readTabConfig(production);
    expect(c.apiUrl).toBe('');
    expect(missingApiSettings(c)).toEqual(['VITE_SYSTEMKOLL_API_URL', 'VITE_SYSTEMKOLL_API_SCOPE']);
    const full = readTabConfig({
      ...production,
      VITE_SYSTEMKOLL_API_URL: 'https://systemkoll.kommun.se',
      VITE_SYSTEMKOLL_API_SCOPE: 'api://systemkoll.kommun.se/11111111-2222-3333-4444-555555555555/access_as_user',
    });
    expect(full.apiScope).toMatch(/access_as_user$/);
    expect(missingApiSettings(full)).toEqual([]);
  });

  it('checks the API settings of a production build when given', () => {
    expect(
      productionBuildProblems({
        ...production,
        VITE_SYSTEMKOLL_API_URL: 'https://systemkoll.kommun.se',
        VITE_SYSTEMKOLL_API_SCOPE: 'api://systemkoll.kommun.se/11111111-2222-3333-4444-555555555555/access_as_user',
      }),
    ).toEqual([]);
    expect(
      productionBuildProblems({
        ...production,
        VITE_SYSTEMKOLL_API_URL: 'http://systemkoll.kommun.se',
        VITE_SYSTEMKOLL_API_SCOPE: 'User.Read',
      }),
    ).toEqual([expect.stringMatching(/^VITE_SYSTEMKOLL_API_URL måste/), expect.stringMatching(/^VITE_SYSTEMKOLL_API_SCOPE måste/)]);
  });
});
