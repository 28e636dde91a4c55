import { describe, expect, it } from 'vitest';
import { isProductionBuild, productionBuildProblems } from '../../../src/server/tab/build-env.js';

const good = {
  VITE_SYSTEMKOLL_MODE: 'production',
  VITE_SP_SITE_URL: 'https://kommun.sharepoint.com/sites/systemkoll',
  VITE_ENTRA_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
};

describe('production build settings', () => {
  it('accepts complete settings and knows a local build needs none', () => {
    expect(productionBuildProblems(good)).toEqual([]);
    expect(isProductionBuild(good)).toBe(true);
    expect(isProductionBuild({ VITE_SYSTEMKOLL_MODE: 'local', VITE_SP_SITE_URL: good.VITE_SP_SITE_URL })).toBe(false);
    expect(isProductionBuild({})).toBe(false);
  });

  it('names each missing or malformed value in Swedish', () => {
    expect(productionBuildProblems({ VITE_SYSTEMKOLL_MODE: 'production' })).toEqual([
      expect.stringMatching(/^VITE_SP_SITE_URL saknas/),
      expect.stringMatching(/^VITE_ENTRA_CLIENT_ID saknas/),
    ]);
    expect(
      productionBuildProblems({ ...good, VITE_SP_SITE_URL: 'http://kommun.sharepoint.com/sites/x', VITE_ENTRA_CLIENT_ID: 'abc' }),
    ).toEqual([
      expect.stringMatching(/VITE_SP_SITE_URL måste vara en SharePoint-webbplats/),
      expect.stringMatching(/VITE_ENTRA_CLIENT_ID måste vara ett klient-id/),
    ]);
  });
});
