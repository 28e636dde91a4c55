import { startLocalSharePoint, type LocalSharePoint } from '../../src/server/local-sharepoint/index.js';
import { createSp } from '../../src/shared/data/sp.js';
import { createRepositories } from '../../src/shared/data/index.js';
import { createLocalToken } from '../../src/shared/auth/local-token.js';
import { provisionSite } from '../../src/provisioning/provision.js';

export const ADMIN = 'admin@exempelkommun.se';

export interface TestSite {
  store: LocalSharePoint;
  siteUrl: string;
  /** A PnPjs client acting as the given user (fast retries so fault tests stay quick). */
  spAs(upn: string): ReturnType<typeof createSp>;
  reposAs(upn: string): ReturnType<typeof createRepositories>;
  close(): Promise<void>;
}

/** An in-memory local store on a free port, optionally provisioned from the site schema. */
export async function startTestSite(
  options: { provision?: boolean; users?: { upn: string; displayName: string }[]; listViewThreshold?: number } = {},
): Promise<TestSite> {
  const store = await startLocalSharePoint({
    port: 0,
    ...(options.listViewThreshold ? { listViewThreshold: options.listViewThreshold } : {}),
  });
  if (options.users) store.addDirectoryUsers(options.users);
  const spAs = (upn: string) => createSp({ siteUrl: store.siteUrl, getToken: async () => createLocalToken(upn), retryInterval: 20 });
  if (options.provision !== false) await provisionSite(spAs(ADMIN));
  return {
    store,
    siteUrl: store.siteUrl,
    spAs,
    reposAs: (upn) => createRepositories(spAs(upn)),
    close: () => store.close(),
  };
}
