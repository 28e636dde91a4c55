import { startLocalSharePoint, type LocalSharePoint } from '../server/local-sharepoint/index.js';
import { createSp } from '../shared/data/sp.js';
import { createRepositories } from '../shared/data/index.js';
import { provisionSite } from '../provisioning/provision.js';
import { localTokenProvider } from '../server/auth/sharepoint-token.js';
import { generateDemoMunicipality } from '../demo/municipality.js';
import { seedSite } from '../demo/seed.js';
import { requireLocalUrl } from './env.js';

export const LOCAL_ADMIN_UPN = 'admin@exempelkommun.se';

export interface LocalStackOptions {
  /** 0 = any free port. */
  port?: number;
  /** Persistent data directory; undefined keeps everything in memory (tests). */
  dataDir?: string;
  /** 'demo' seeds Exempelkommun on first start; 'none' leaves the provisioned site empty. */
  seed?: 'demo' | 'none';
  log?: (line: string) => void;
}

export interface LocalStack {
  store: LocalSharePoint;
  storeUrl: string;
  siteUrl: string;
  /** True when this start seeded the demo municipality. */
  seeded: boolean;
  close(): Promise<void>;
}

/**
 * The embedded default SharePoint: starts the local store, provisions (or upgrades) the site from
 * manifest/ exactly as on a real tenant, and seeds the demo municipality on first start — all
 * through the same REST and repositories production uses.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const log = options.log ?? (() => undefined);
  const store = await startLocalSharePoint({
    port: options.port ?? 0,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  try {
    // The admin's unsigned local token goes only to a site on this machine.
    requireLocalUrl('den lokala webbplatsen', store.siteUrl);
    const sp = createSp({ siteUrl: store.siteUrl, getToken: localTokenProvider(LOCAL_ADMIN_UPN) });
    const result = await provisionSite(sp);
    log(result.changes.length ? `Provisionerade webbplatsen (${result.changes.length} ändringar).` : 'Webbplatsen följer schemat.');
    let seeded = false;
    if ((options.seed ?? 'demo') === 'demo') {
      const data = generateDemoMunicipality({ seed: 1 });
      store.addDirectoryUsers(data.people.map((p) => ({ upn: p.upn, displayName: p.displayName, email: p.email })));
      store.setPersonas(data.personas);
      const repos = createRepositories(sp);
      const outcome = await seedSite(repos, data, { onProgress: (line: string) => log(line) });
      seeded = outcome.seeded;
    }
    return {
      store,
      storeUrl: store.url,
      siteUrl: store.siteUrl,
      seeded,
      close: () => store.close(),
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
