/**
 * Local SharePoint-compatible store: the subset of SharePoint Online REST that @pnp/sp v4 uses, with
 * SharePoint's semantics, limits and error bodies, over SQLite. Loopback only.
 */
import type { AddressInfo } from 'node:net';
import { type FaultRule, parseFaultsEnv } from './faults.js';
import { type DirectoryUser, LocalServer, type Persona } from './server.js';
import { Site } from './site.js';
import { openStorage } from './storage.js';

export type { FaultRule } from './faults.js';
export type { DirectoryUser, Persona } from './server.js';
export { ADMIN_UPN, ADMIN_NAME } from './storage.js';

export interface LocalSharePointOptions {
  /** 0 = a free port. */
  port?: number;
  host?: '127.0.0.1' | 'localhost' | '::1';
  /** undefined = in memory; otherwise data lives in <dataDir>/site.db. */
  dataDir?: string;
  /** Default '/sites/systemkoll'. */
  sitePath?: string;
  faults?: FaultRule[];
  /** Default 5000 as in SharePoint Online; keep 5000 in tests. */
  listViewThreshold?: number;
  /**
   * How a fault's `latencyMs` is waited out; default a real timer. Tests pass a function that records
   * the requested latency and resolves at once, so latency is proven without sleeping.
   */
  delay?: (ms: number) => Promise<void>;
}

export interface LocalSharePoint {
  /** http://127.0.0.1:port */
  url: string;
  siteUrl: string;
  stats: { readonly requests: number; reset(): void };
  setFaults(rules: FaultRule[]): void;
  addDirectoryUsers(users: DirectoryUser[]): void;
  setPersonas(p: Persona[]): void;
  /**
   * Runs one REST call in-process as the HTTP front would (path below `_api/`, with its query), as
   * `upn`: the store's own cost without socket and client, for the bench.
   */
  callInProcess(method: string, path: string, upn: string, headers?: Record<string, string>): { status: number; body: string };
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export async function startLocalSharePoint(options: LocalSharePointOptions = {}): Promise<LocalSharePoint> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new Error(`Den lokala SharePoint-tjänsten får bara lyssna på loopback, inte ${String(host)}.`);
  const sitePath = ('/' + (options.sitePath ?? '/sites/systemkoll').replace(/^\/+|\/+$/g, '')).replace(/\/+$/, '');
  const db = openStorage(options.dataDir);
  const site = new Site(db, options.listViewThreshold ?? 5000);
  const server = new LocalServer(site, sitePath, options.delay);
  server.faults.set(options.faults ?? parseFaultsEnv(process.env.LOCAL_SP_FAULTS) ?? []);
  await new Promise<void>((resolve, reject) => {
    server.http.once('error', reject);
    server.http.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.http.address() as AddressInfo;
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${hostPart}:${address.port}`;
  // The site URL depends on the port, known only after listen.
  site.siteUrl = `${url}${sitePath}`;
  return {
    url,
    siteUrl: site.siteUrl,
    stats: {
      get requests() {
        return server.requests;
      },
      reset() {
        server.requests = 0;
      },
    },
    setFaults: (rules) => server.faults.set(rules),
    addDirectoryUsers: (users) => server.addDirectoryUsers(users),
    setPersonas: (p) => server.setPersonas(p),
    callInProcess: (method, path, upn, headers) => server.callInProcess(method, path, upn, headers),
    close: () =>
      new Promise<void>((resolve) => {
        server.http.closeAllConnections();
        server.http.close(() => {
          db.close();
          resolve();
        });
      }),
  };
}
