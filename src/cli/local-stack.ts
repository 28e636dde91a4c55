import { startLocalSharePoint, type LocalSharePoint } from '../server/local-sharepoint/index.js';
import { createSp } from '../shared/data/sp.js';
import { createRepositories } from '../shared/data/index.js';
import { provisionSite } from '../provisioning/provision.js';
import { localTokenProvider } from '../server/auth/sharepoint-token.js';
import { generateDemoMunicipality } from '../demo/municipality.js';
import { readSeedMarker, seedSite } from '../demo/seed.js';
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
  /** True when this start seeded the demo municipality (or finished a seed an earlier start was interrupted in). */
  seeded: boolean;
  close(): Promise<void>;
}

/**
 * The embedded default SharePoint: starts the local store, provisions (or upgrades) the site from
 * manifest/ exactly as on a real tenant, and seeds the demo municipality on first start — all
 * through the same REST and repositories production uses. A start that was interrupted while
 * seeding is finished by the next start (seedSite's marker), never left half-seeded.
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
      const repos = createRepositories(sp);
      // Dates are laid out from the moment of the first seed: a seed an earlier start did not finish
      // (and a finished one, for its personas) is continued with exactly the data it began with.
      const marker = await readSeedMarker(repos);
      const data = generateDemoMunicipality(marker ? { seed: marker.seed, now: new Date(marker.generatedAt) } : { seed: 1 });
      store.addDirectoryUsers(data.people.map((p) => ({ upn: p.upn, displayName: p.displayName, email: p.email })));
      store.setPersonas(data.personas);
      const outcome = await seedSite(repos, data, { onProgress: (line: string) => log(line) });
      seeded = outcome.seeded;
      if (outcome.state === 'existingData' && options.dataDir) {
        log(`Vill du ha demodata: stoppa Systemkoll, ta bort ${options.dataDir} och starta igen.`);
      }
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
