import type { PersonRef, SystemRecord } from '../shared/schema/index.js';
import { createRepositories, createSp, where, type Repositories, type TokenProvider } from '../shared/data/index.js';
import { MAX_SYSTEM_CHOICES } from './cards/report-dialog.js';
import type { BotData, BotDataSource, TeamsUser } from './ports.js';

/** A value remembered for a short while, so a dialog opened and submitted seconds apart reads SharePoint once. */
class TtlCache<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>();
  constructor(
    private readonly ttlMs: number,
    private readonly max = 500,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    const value = load();
    // A failed load must not be remembered.
    value.catch(() => this.entries.delete(key));
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { at: now, value });
    return value;
  }
}

export interface RepositoryDataOptions {
  /** True when the repositories act as the Teams user (local mode): the reporter is "current user". */
  actingAsUser: boolean;
  /** Shared across users: the register is readable by everyone, so one copy serves all. */
  systemsCache?: TtlCache<SystemRecord[]>;
}

export function createSystemsCache(ttlMs = 30_000): TtlCache<SystemRecord[]> {
  return new TtlCache<SystemRecord[]>(ttlMs, 4);
}

/** BotData over Systemkoll's repositories (SharePoint Online or the local store alike). */
export function botDataFromRepositories(repos: Repositories, options: RepositoryDataOptions): BotData {
  const cache = options.systemsCache ?? createSystemsCache();
  return {
    async searchSystems(text, top) {
      const query = text.trim();
      if (!query) return repos.systems.list({ orderBy: [{ key: 'title' }], top });
      // Starts-with uses the Title index; contains finds "Procapita" for "capita". Both at once.
      const [starts, contains] = await Promise.all([
        repos.systems.search(query, top),
        repos.systems.list({ filter: where('systems').contains('title', query), orderBy: [{ key: 'title' }], top }),
      ]);
      const seen = new Set<number>();
      return [...starts, ...contains].filter((s) => (seen.has(s.id) ? false : (seen.add(s.id), true)));
    },
    systemChoices() {
      return cache.get('choices', async () => {
        const all = await repos.systems.list({ orderBy: [{ key: 'title' }], top: MAX_SYSTEM_CHOICES * 2 });
        return all.filter((s) => s.lifecycleStatus !== 'avvecklad').slice(0, MAX_SYSTEM_CHOICES);
      });
    },
    async reporter(user: TeamsUser): Promise<PersonRef | null> {
      try {
        if (options.actingAsUser) {
          const me = await repos.users.current();
          return { id: me.id, title: me.title, email: me.email };
        }
        const upn = user.upn ?? user.email;
        if (!upn) return null;
        const u = await repos.users.ensure(upn);
        return { id: u.id, title: u.title, email: u.email };
      } catch {
        // An unknown person must not stop the report; the description then names them.
        return null;
      }
    },
    reportIncident(draft) {
      return repos.incidents.report(draft);
    },
  };
}

/**
 * Local mode: the store knows the demo municipality's people. A Teams user the store knows acts as
 * themself (their permissions, their name as reporter); anyone else (e.g. the Playground's
 * default user) acts as a service persona and is named in the report's description.
 */
export function localDataSource(options: { siteUrl: string; storeUrl: string; serviceUpn: string }): BotDataSource {
  const systemsCache = createSystemsCache();
  const known = new TtlCache<string | null>(5 * 60_000);
  const byUpn = new Map<string, BotData>();

  const storeToken = (upn: string): Promise<string | null> =>
    known.get(upn.toLowerCase(), async () => {
      const res = await fetch(`${options.storeUrl.replace(/\/+$/, '')}/_local/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ upn }),
        signal: AbortSignal.timeout(2000),
      });
      if (res.status === 404) return null;
      if (!res.ok) throw new Error(`Den lokala SharePoint-tjänsten svarade ${res.status} på tokenbegäran.`);
      const body = (await res.json()) as { token?: string };
      return body.token ?? null;
    });

  const dataFor = (upn: string, actingAsUser: boolean): BotData => {
    const key = `${actingAsUser ? 'user' : 'service'}:${upn.toLowerCase()}`;
    let data = byUpn.get(key);
    if (!data) {
      const getToken: TokenProvider = async () => {
        const token = await storeToken(upn);
        if (!token) throw new Error(`Användaren ${upn} finns inte i den lokala katalogen.`);
        return token;
      };
      const sp = createSp({ siteUrl: options.siteUrl, getToken, retries: 2, retryInterval: 100 });
      data = botDataFromRepositories(createRepositories(sp), { actingAsUser, systemsCache });
      if (byUpn.size > 200) byUpn.clear();
      byUpn.set(key, data);
    }
    return data;
  };

  return async (user) => {
    const upn = user.upn ?? user.email;
    if (upn && (await storeToken(upn))) return dataFor(upn, true);
    // Not "current user" here: the reporter is looked up by UPN (null when the store lacks them).
    return dataFor(options.serviceUpn, false);
  };
}

/** Production: one app-only client (certificate) for everyone; reporters resolved by UPN. */
export function appOnlyDataSource(options: { siteUrl: string; getToken: TokenProvider; userAgent?: string }): BotDataSource {
  const sp = createSp({
    siteUrl: options.siteUrl,
    getToken: options.getToken,
    userAgent: options.userAgent ?? 'NONISV|Systemkoll|Bot/0.1',
  });
  const data = botDataFromRepositories(createRepositories(sp), { actingAsUser: false });
  return async () => data;
}
