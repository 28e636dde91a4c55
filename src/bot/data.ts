import type { SystemRecord } from '../shared/schema/index.js';
import { where, type Repositories } from '../shared/data/index.js';
import { ApiError, type SystemkollService } from '../server/api/service.js';
import { MAX_SYSTEM_CHOICES } from './cards/report-dialog.js';
import type { BotData, ReportSubmission, TeamsUser } from './ports.js';

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

/** Every system's id and name, in name order (one narrow request per 5,000). */
async function registerNames(repos: Repositories): Promise<{ id: number; title: string }[]> {
  const rows = await repos.systems.all({ fields: ['title'], orderBy: [{ key: 'title' }] });
  return rows.map((r) => ({ id: r.id, title: r.title ?? '' }));
}

/** Thrown when Teams did not tell us who is reporting (the member lookup failed): nothing was stored. */
export class UnknownReporterError extends Error {
  constructor() {
    super('reporter unknown');
    this.name = 'UnknownReporterError';
  }
}

/**
 * BotData over app-only repositories and the Systemkoll service: the register is read app-only (it is
 * open to everyone), and a report is stored by the service with the invoking Teams user as reporter —
 * the same code path as the tab's reports through the API.
 */
export function botDataFromService(repos: Repositories, service: SystemkollService): BotData {
  const cache = new TtlCache<SystemRecord[]>(30_000, 4);
  const titles = new TtlCache<{ id: number; title: string }[]>(30_000, 1);
  return {
    async searchSystems(text, top) {
      const query = text.trim();
      if (!query) return repos.systems.list({ orderBy: [{ key: 'title' }], top });
      // Starts-with uses the Title index (always fresh). Contains ("Procapita" for "capita") cannot
      // use an index: SharePoint reads every item for it, which at 20 searches at a time was most of
      // the host's time. The register's names (2,000 rows, one narrow request) are remembered for
      // 30 s instead, and only the few systems found that way are read in full.
      const [starts, names] = await Promise.all([repos.systems.search(query, top), titles.get('titles', () => registerNames(repos))]);
      const needle = query.toLocaleLowerCase('sv');
      const seen = new Set(starts.map((s) => s.id));
      const more = names
        .filter((n) => !seen.has(n.id) && n.title.toLocaleLowerCase('sv').includes(needle))
        .slice(0, Math.max(0, top - starts.length))
        .map((n) => n.id);
      if (more.length === 0) return starts;
      const s = where('systems');
      const found = await repos.systems.list({ filter: s.or(...more.map((id) => s.eq('id', id))), top: more.length });
      const byId = new Map(found.map((x) => [x.id, x]));
      return [...starts, ...more.map((id) => byId.get(id)).filter((x): x is SystemRecord => x !== undefined)];
    },
    systemChoices() {
      return cache.get('choices', async () => {
        const all = await repos.systems.list({ orderBy: [{ key: 'title' }], top: MAX_SYSTEM_CHOICES * 2 });
        return all.filter((s) => s.lifecycleStatus !== 'avvecklad').slice(0, MAX_SYSTEM_CHOICES);
      });
    },
    systemsByIds(ids) {
      if (ids.length === 0) return Promise.resolve([]);
      const s = where('systems');
      return repos.systems.list({ filter: s.or(...ids.slice(0, 50).map((id) => s.eq('id', id))), top: Math.min(ids.length, 50) });
    },
    async report(user: TeamsUser, submission: ReportSubmission) {
      const upn = user.upn ?? user.email;
      // Without a sign-in name the reporter cannot be named: refuse honestly rather than store a
      // report without one (a failed member lookup is transient; the user is asked to try again).
      if (!upn) throw new UnknownReporterError();
      const input = { ...submission.input, clientKey: submission.clientKey, channel: 'teams' as const };
      const withSource = submission.source ? { ...input, source: submission.source } : input;
      try {
        return await service.report({ upn, ...(user.name ? { name: user.name } : {}) }, withSource);
      } catch (error) {
        if (!(error instanceof ApiError) || error.code !== 'unknownUser') throw error;
        // Teams knows the person but the municipality's directory does not (e.g. a consultant's
        // own tenant): the report is still taken, with nobody named as SharePoint reporter and who
        // it was in the text — it never claims another person reported it.
        return service.reportUnidentified({ key: user.aadObjectId || user.id, upn, ...(user.name ? { name: user.name } : {}) }, withSource);
      }
    },
  };
}
