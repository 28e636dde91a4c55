import type { DraftOf, ListKey, RecordOf, RoleKey } from '../shared/schema/index.js';
import { fieldSpec } from '../shared/schema/index.js';
import { demoLists, lookupKeyField, type DemoData, type DemoListKey, type SymbolicDraft } from './common.js';

/**
 * Writes symbolic demo data (generateDemoMunicipality / generateScaleData) to a provisioned site
 * through the repositories: people are ensured as site users, groups filled, and every list written
 * in dependency order with $batch, resolving UPNs to user ids and codes/titles/reference numbers to
 * lookup ids as the ids become known.
 */

type AddResult<K extends ListKey> = { ok: true; record: RecordOf<K> } | { ok: false; error: Error };

/** What seedSite needs of one list's repository (ListRepository fits). */
export interface SeedListRepository<K extends ListKey> {
  addMany(drafts: DraftOf<K>[]): Promise<AddResult<K>[]>;
  list(query?: { top?: number }): Promise<RecordOf<K>[]>;
}

/** What seedSite needs of createRepositories(sp). */
export type SeedRepositories = { [K in DemoListKey]: SeedListRepository<K> } & {
  users: {
    ensure(upn: string): Promise<{ id: number }>;
    ensureMany(upns: string[]): Promise<Map<string, { id: number }>>;
  };
  groups: { addMembers(role: RoleKey, upns: string[]): Promise<void> };
};

export interface SeedOptions {
  /** Progress lines: "<list>: <done> av <total>" per batch, plus free-text lines. */
  onProgress?: (line: string) => void;
  /** Items per addMany call (each call batches 100 per round trip). Default 500. */
  chunkSize?: number;
}

export interface SeedOutcome {
  /** False when the site already held data and nothing was written. */
  seeded: boolean;
  /** Items written per list. */
  counts: Partial<Record<DemoListKey, number>>;
  /** Items that could not be written (with the reason), or people who could not be resolved. */
  failures: { list: DemoListKey | 'users'; key: string; message: string }[];
}

const listNames: Record<DemoListKey, string> = {
  departments: 'Förvaltningar',
  staff: 'Personal',
  trainingCourses: 'Utbildningar',
  systems: 'Systemförteckning',
  incidents: 'Incidenter',
  timeline: 'Incidentlogg',
  actions: 'Genomförda åtgärder',
  trainingCompletions: 'Genomförda utbildningar',
};

const roleKeys: RoleKey[] = ['employees', 'systemOwners', 'securityCoordinators', 'admins'];
const USER_CHUNK = 500;

export async function seedSite(repos: SeedRepositories, data: DemoData, options: SeedOptions = {}): Promise<SeedOutcome> {
  const progress = options.onProgress ?? (() => undefined);
  const chunkSize = Math.max(1, options.chunkSize ?? 500);
  const outcome: SeedOutcome = { seeded: false, counts: {}, failures: [] };

  // A site that already has departments has been seeded (or is in real use): never write over it.
  const existing = await repos.departments.list({ top: 1 });
  if (existing.length > 0) {
    progress('Webbplatsen innehåller redan data – demodata skapas inte.');
    return outcome;
  }
  progress(`Skapar demodata för ${data.municipality.name} …`);

  // People → site user ids.
  const userIds = new Map<string, number>();
  const upns = uniqueUpns(data);
  for (let i = 0; i < upns.length; i += USER_CHUNK) {
    const chunk = upns.slice(i, i + USER_CHUNK);
    try {
      const ensured = await repos.users.ensureMany(chunk);
      for (const [upn, user] of ensured) userIds.set(upn.toLowerCase(), user.id);
    } catch {
      // One unknown person fails the whole batch; resolve the chunk one by one instead.
      for (const upn of chunk) {
        try {
          userIds.set(upn.toLowerCase(), (await repos.users.ensure(upn)).id);
        } catch (error) {
          outcome.failures.push({ list: 'users', key: upn, message: messageOf(error) });
        }
      }
    }
    progress(`users: ${Math.min(i + USER_CHUNK, upns.length)} av ${upns.length} (Användare)`);
  }

  for (const role of roleKeys) {
    const members = data.groups[role].filter((upn) => userIds.has(upn.toLowerCase()));
    if (members.length > 0) await repos.groups.addMembers(role, members);
  }
  progress(`groups: ${roleKeys.map((r) => `${r} ${data.groups[r].length}`).join(', ')}`);

  // Lists in dependency order; lookup ids become known as each list is written.
  const lookupIds: Partial<Record<ListKey, Map<string, number>>> = {};
  for (const list of demoLists) {
    const items = data[list] as SymbolicDraft<typeof list>[];
    const keyField = (lookupKeyField as Partial<Record<ListKey, string>>)[list];
    const ids = new Map<string, number>();
    let written = 0;
    for (let start = 0; start < items.length; start += chunkSize) {
      const chunk = items.slice(start, start + chunkSize) as Record<string, unknown>[];
      const keyOf = (item: Record<string, unknown>, i: number) => String(item[keyField ?? 'title'] ?? item.title ?? start + i);
      // An item whose lookup target failed to be written is skipped and reported, not fatal.
      const prepared: { item: Record<string, unknown>; draft: Record<string, unknown> }[] = [];
      chunk.forEach((item, i) => {
        try {
          prepared.push({ item, draft: resolve(list, item, userIds, lookupIds) });
        } catch (error) {
          outcome.failures.push({ list, key: keyOf(item, i), message: messageOf(error) });
        }
      });
      const results = await (repos[list] as SeedListRepository<typeof list>).addMany(
        prepared.map((p) => p.draft) as DraftOf<typeof list>[],
      );
      results.forEach((r, i) => {
        const item = (prepared[i] as (typeof prepared)[number]).item;
        if (r.ok) {
          written++;
          if (keyField) ids.set(String(item[keyField]), r.record.id);
        } else {
          outcome.failures.push({ list, key: keyOf(item, i), message: r.error.message });
        }
      });
      progress(`${list}: ${written} av ${items.length} (${listNames[list]})`);
    }
    if (keyField) lookupIds[list] = ids;
    outcome.counts[list] = written;
  }

  outcome.seeded = true;
  progress(
    outcome.failures.length > 0
      ? `Demodata skapad, men ${outcome.failures.length} poster kunde inte skrivas (första: ${outcome.failures[0]?.message}).`
      : 'Demodata skapad.',
  );
  return outcome;
}

function uniqueUpns(data: DemoData): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (upn: string) => {
    const key = upn.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      out.push(upn);
    }
  };
  for (const p of data.people) add(p.upn);
  for (const role of roleKeys) data.groups[role].forEach(add);
  return out;
}

/**
 * Symbolic → real draft, driven by the schema: person fields take the user id of a UPN, lookups the
 * id of the item with that code/title/reference number. An unknown person becomes empty (on a real
 * tenant the demo people may not exist); an unknown lookup is a bug in the data and throws.
 */
function resolve(
  list: ListKey,
  item: Record<string, unknown>,
  userIds: Map<string, number>,
  lookupIds: Partial<Record<ListKey, Map<string, number>>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    if (value === undefined) continue;
    const f = fieldSpec(list, key);
    if (value === null) {
      out[key] = null;
      continue;
    }
    switch (f.type) {
      case 'user': {
        const id = userIds.get(String(value).toLowerCase());
        out[key] = id === undefined ? null : { id };
        break;
      }
      case 'userMulti':
        out[key] = (value as string[]).flatMap((upn) => {
          const id = userIds.get(upn.toLowerCase());
          return id === undefined ? [] : [{ id }];
        });
        break;
      case 'lookup':
      case 'lookupMulti': {
        const ids = lookupIds[f.list as ListKey];
        const one = (ref: string) => {
          const id = ids?.get(ref);
          if (id === undefined) throw new Error(`Demodata: '${ref}' i fältet ${list}.${key} finns inte i listan ${f.list}.`);
          return { id };
        };
        out[key] = f.type === 'lookup' ? one(String(value)) : (value as string[]).map(one);
        break;
      }
      default:
        out[key] = value;
    }
  }
  return out;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
