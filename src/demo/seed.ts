import type { DraftOf, ListKey, PatchOf, RecordOf, RoleKey } from '../shared/schema/index.js';
import { fieldSpec } from '../shared/schema/index.js';
import { demoLists, lookupKeyField, type DemoData, type DemoListKey, type SymbolicDraft } from './common.js';
import { seedSelfAssessments, type AssessmentSeedRepositories } from './self-assessments.js';

/**
 * Writes symbolic demo data (generateDemoMunicipality / generateScaleData) to a provisioned site
 * through the repositories: people are ensured as site users, groups filled, and every list written
 * in dependency order with $batch, resolving UPNs to user ids and codes/titles/reference numbers to
 * lookup ids as the ids become known.
 *
 * Resumable: before the first write a marker row (DEMO_SEED_KEY in the settings list
 * 'Konfiguration') says the seed has started and from which data; only after the last stage has
 * written everything does it say the seed is complete. A seed that was interrupted (a crash, Ctrl-C,
 * the store going away) is resumed by the next call with the same data: every stage is idempotent —
 * people are ensured, group membership is added again, and an item already stored is found by its
 * natural key and not created twice. A site with data but no marker is never written to.
 */

type AddResult<K extends ListKey> = { ok: true; record: RecordOf<K> } | { ok: false; error: Error };

/** What seedSite needs of one list's repository (ListRepository fits). */
export interface SeedListRepository<K extends ListKey> {
  addMany(drafts: DraftOf<K>[]): Promise<AddResult<K>[]>;
  list(query?: { top?: number }): Promise<RecordOf<K>[]>;
  /** Every item (read only when an interrupted seed is resumed). */
  all(): Promise<RecordOf<K>[]>;
}

/** What seedSite needs of createRepositories(sp). */
export type SeedRepositories = { [K in DemoListKey]: SeedListRepository<K> } & {
  /** Dependencies between systems are a self-lookup: written once every system has its id. */
  systems: SeedListRepository<'systems'> & { update?(id: number, patch: PatchOf<'systems'>, etag: string): Promise<string> };
  users: {
    ensure(upn: string): Promise<{ id: number }>;
    ensureMany(upns: string[]): Promise<Map<string, { id: number }>>;
  };
  groups: { addMembers(role: RoleKey, upns: string[]): Promise<void> };
  settings: {
    list(query?: { top?: number }): Promise<RecordOf<'settings'>[]>;
    add(draft: DraftOf<'settings'>): Promise<RecordOf<'settings'>>;
    update(id: number, patch: PatchOf<'settings'>, etag?: string): Promise<string>;
  };
} & Partial<AssessmentSeedRepositories>;

/** The settings row that records how far demo seeding got. */
export const DEMO_SEED_KEY = 'demoSeed';

/** The value of the DEMO_SEED_KEY row (JSON). */
export interface DemoSeedMarker {
  /** 'påbörjad' from before the first write, 'klar' once every item is stored. */
  status: 'påbörjad' | 'klar';
  municipality: string;
  seed: number;
  /** The instant the data was laid out from: a resumed seed must write the very same data. */
  generatedAt: string;
}

export interface SeedOptions {
  /** Progress lines: "<list>: <done> av <total>" per batch, plus free-text lines. */
  onProgress?: (line: string) => void;
  /** Items per addMany call (each call batches 100 per round trip). Default 500. */
  chunkSize?: number;
}

export interface SeedOutcome {
  /** True when this call wrote the demo data to the end (fresh or resumed); false when it wrote nothing. */
  seeded: boolean;
  /**
   * 'seeded': written from scratch; 'resumed': an interrupted seed finished; 'alreadySeeded': the
   * marker says complete; 'existingData': the site holds data but no marker, so nothing was written.
   */
  state: 'seeded' | 'resumed' | 'alreadySeeded' | 'existingData';
  /** Items of the data now stored per list (written now, or found from an interrupted run). */
  counts: Partial<Record<DemoListKey, number>>;
  /** Of counts, the items an interrupted run had already stored (resumed seeds only). */
  found: Partial<Record<DemoListKey, number>>;
  /** Items that could not be written (with the reason), or people who could not be resolved. */
  failures: { list: DemoListKey | 'users' | 'selfAssessments' | 'settings'; key: string; message: string }[];
}

const listNames: Record<DemoListKey, string> = {
  departments: 'Förvaltningar',
  staff: 'Personal',
  trainingCourses: 'Utbildningar',
  courseModules: 'Kursinnehåll',
  systems: 'Systemförteckning',
  incidents: 'Incidenter',
  timeline: 'Incidentlogg',
  actions: 'Genomförda åtgärder',
  trainingCompletions: 'Genomförda utbildningar',
  devices: 'Enheter och abonnemang',
};

/**
 * What identifies a demo item within its list, so a resumed seed recognises what the interrupted
 * one stored: the unique or lookup key where the list has one, else the fields that tell entries
 * apart. Equal keys are matched one to one, so two identical entries are both kept.
 */
const naturalKey: Record<DemoListKey, readonly string[]> = {
  departments: ['code'],
  staff: ['email', 'title'],
  trainingCourses: ['title'],
  courseModules: ['course'],
  systems: ['title'],
  incidents: ['referenceNumber'],
  timeline: ['incident', 'at', 'kind', 'title'],
  actions: ['title', 'kind', 'date', 'system', 'incident'],
  trainingCompletions: ['completionKey'],
  devices: ['identifier'],
};

const roleKeys: RoleKey[] = ['employees', 'systemOwners', 'securityCoordinators', 'admins'];
const USER_CHUNK = 500;

/** The demo seed marker of a site, or null when it has none (never seeded, or seeded before markers existed). */
export async function readSeedMarker(repos: Pick<SeedRepositories, 'settings'>): Promise<DemoSeedMarker | null> {
  return (await markerRow(repos))?.marker ?? null;
}

async function markerRow(repos: Pick<SeedRepositories, 'settings'>): Promise<{ id: number; marker: DemoSeedMarker } | null> {
  const row = (await repos.settings.list()).find((r) => r.title === DEMO_SEED_KEY);
  if (!row) return null;
  let value: Partial<DemoSeedMarker> | null = null;
  try {
    value = JSON.parse(row.value ?? 'null') as Partial<DemoSeedMarker> | null;
  } catch {
    // reported below
  }
  if (
    !value ||
    (value.status !== 'påbörjad' && value.status !== 'klar') ||
    typeof value.municipality !== 'string' ||
    typeof value.seed !== 'number' ||
    typeof value.generatedAt !== 'string'
  ) {
    throw new Error(
      `Inställningen ${DEMO_SEED_KEY} i listan Konfiguration går inte att läsa (${row.value ?? 'tom'}); rätta eller ta bort den.`,
    );
  }
  return { id: row.id, marker: value as DemoSeedMarker };
}

function markerFor(data: DemoData, status: DemoSeedMarker['status']): string {
  const { name, seed, generatedAt } = data.municipality;
  return JSON.stringify({ status, municipality: name, seed, generatedAt } satisfies DemoSeedMarker);
}

export async function seedSite(repos: SeedRepositories, data: DemoData, options: SeedOptions = {}): Promise<SeedOutcome> {
  const progress = options.onProgress ?? (() => undefined);
  const chunkSize = Math.max(1, options.chunkSize ?? 500);
  const outcome: SeedOutcome = { seeded: false, state: 'seeded', counts: {}, found: {}, failures: [] };
  const { name, seed, generatedAt } = data.municipality;

  const row = await markerRow(repos);
  let markerId: number;
  const resuming = row !== null;
  if (row?.marker.status === 'klar') {
    progress(`Demodata för ${row.marker.municipality} finns redan – inget att skapa.`);
    return { ...outcome, state: 'alreadySeeded' };
  }
  if (row) {
    const m = row.marker;
    if (m.municipality !== name || m.seed !== seed || m.generatedAt !== generatedAt) {
      throw new Error(
        `Demodata för ${m.municipality} (frö ${m.seed}, skapad ${m.generatedAt}) blev inte klar, men nu gavs andra data (${name}, frö ${seed}, skapad ${generatedAt}). Återuppta med samma data eller börja om på en tom webbplats.`,
      );
    }
    markerId = row.id;
    progress(`Demodata för ${name} blev inte klar förra gången – fortsätter där det avbröts …`);
  } else {
    // A site that already has departments but no marker is in real use (or was seeded before the
    // marker existed): never write over it.
    const existing = await repos.departments.list({ top: 1 });
    if (existing.length > 0) {
      progress('Webbplatsen innehåller redan data men ingen markering om demodata – inget skrivs över och demodata skapas inte.');
      return { ...outcome, state: 'existingData' };
    }
    // Before the first write, so an interruption from here on is always resumable.
    markerId = (
      await repos.settings.add({
        title: DEMO_SEED_KEY,
        value: markerFor(data, 'påbörjad'),
        description: 'Hur långt inläsningen av demodata har kommit (påbörjad eller klar), och från vilka data.',
      })
    ).id;
    progress(`Skapar demodata för ${name} …`);
  }

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
    const repo = repos[list] as SeedListRepository<typeof list>;
    const keyField = (lookupKeyField as Partial<Record<ListKey, string>>)[list];
    const ids = new Map<string, number>();
    // Resuming: what the interrupted run stored, by natural key (ids in store order per key).
    const stored = resuming ? storedByKey(list, await repo.all(), lookupIds) : new Map<string, number[]>();
    let present = 0;
    let found = 0;
    for (let start = 0; start < items.length; start += chunkSize) {
      const chunk = items.slice(start, start + chunkSize) as Record<string, unknown>[];
      const keyOf = (item: Record<string, unknown>, i: number) => String(item[keyField ?? 'title'] ?? item.title ?? start + i);
      // An item whose lookup target failed to be written is skipped and reported, not fatal.
      const prepared: { item: Record<string, unknown>; draft: Record<string, unknown> }[] = [];
      chunk.forEach((item, i) => {
        const storedId = stored.size > 0 ? stored.get(itemKey(list, item))?.shift() : undefined;
        if (storedId !== undefined) {
          present++;
          found++;
          if (keyField) ids.set(String(item[keyField]), storedId);
          return;
        }
        try {
          // A system's dependencies point into the list being written: set after it (below).
          const own = list === 'systems' ? { ...item, dependsOn: [] } : item;
          prepared.push({ item, draft: resolve(list, own, userIds, lookupIds) });
        } catch (error) {
          outcome.failures.push({ list, key: keyOf(item, i), message: messageOf(error) });
        }
      });
      const results = prepared.length > 0 ? await repo.addMany(prepared.map((p) => p.draft) as DraftOf<typeof list>[]) : [];
      results.forEach((r, i) => {
        const item = (prepared[i] as (typeof prepared)[number]).item;
        if (r.ok) {
          present++;
          if (keyField) ids.set(String(item[keyField]), r.record.id);
        } else {
          outcome.failures.push({ list, key: keyOf(item, i), message: r.error.message });
        }
      });
      progress(`${list}: ${present} av ${items.length} (${listNames[list]})`);
    }
    if (keyField) lookupIds[list] = ids;
    outcome.counts[list] = present;
    if (found > 0) outcome.found[list] = found;
  }

  // Dependencies between systems ("what stops if X is down"), now that every system has an id.
  // Written with '*' on purpose: the same value on every (resumed) run.
  const systemIds = lookupIds.systems;
  if (systemIds && repos.systems.update) {
    for (const system of data.systems) {
      const targets = (system.dependsOn as unknown as string[] | undefined) ?? [];
      const id = systemIds.get(system.title);
      if (id === undefined || targets.length === 0) continue;
      const refs = targets.flatMap((t) => (systemIds.has(t) ? [{ id: systemIds.get(t)! }] : []));
      try {
        await repos.systems.update(id, { dependsOn: refs }, '*');
      } catch (error) {
        outcome.failures.push({ list: 'systems', key: `${system.title} (beroenden)`, message: messageOf(error) });
      }
    }
  }

  // Self-assessments against the catalogue that provisioning seeded (by unique key, so resumable).
  if (repos.securityRequirements && repos.selfAssessments && lookupIds.systems) {
    const assessed = await seedSelfAssessments(
      { securityRequirements: repos.securityRequirements, selfAssessments: repos.selfAssessments },
      data,
      lookupIds.systems,
      userIds,
    );
    for (const f of assessed.failures) outcome.failures.push({ list: 'selfAssessments', ...f });
    progress(`selfAssessments: ${assessed.written + assessed.found} (Självskattningar)`);
  }

  // The demo's Konfiguration values (provisioning made the rows with defaults): set by key, so a
  // resumed run writes the same values again.
  if (data.settings.length > 0) {
    const rows = new Map((await repos.settings.list()).map((r) => [r.title, r]));
    for (const s of data.settings) {
      const value = JSON.stringify(s.value);
      const row = rows.get(s.key);
      try {
        if (!row) await repos.settings.add({ title: s.key, value });
        else if (row.value !== value) await repos.settings.update(row.id, { value }, '*');
      } catch (error) {
        outcome.failures.push({ list: 'settings', key: s.key, message: messageOf(error) });
      }
    }
    progress(`settings: ${data.settings.map((s) => s.key).join(', ')} (Konfiguration)`);
  }

  outcome.seeded = true;
  outcome.state = resuming ? 'resumed' : 'seeded';
  // People the directory does not know are expected on a tenant; an item that could not be written
  // is not: the seed stays 'påbörjad' and the next call tries those items again.
  const missing = outcome.failures.filter((f) => f.list !== 'users');
  if (missing.length === 0) {
    await repos.settings.update(markerId, { value: markerFor(data, 'klar') });
    progress('Demodata skapad.');
  } else {
    progress(
      `Demodata skapad, men ${missing.length} poster kunde inte skrivas (första: ${missing[0]?.message}) – nästa start försöker skriva dem igen.`,
    );
  }
  return outcome;
}

/** A symbolic item's natural key: its naturalKey fields, lookups by their code/title/reference. */
function itemKey(list: DemoListKey, item: Record<string, unknown>): string {
  return JSON.stringify(naturalKey[list].map((key) => keyPart(list, key, item[key])));
}

/** Stored items by natural key; lookups are turned back into code/title/reference with `lookupIds`. */
function storedByKey(
  list: DemoListKey,
  records: RecordOf<DemoListKey>[],
  lookupIds: Partial<Record<ListKey, Map<string, number>>>,
): Map<string, number[]> {
  const refs = new Map<string, Map<number, string>>();
  const refOf = (target: ListKey, id: number) => {
    let byId = refs.get(target);
    if (!byId) refs.set(target, (byId = new Map([...(lookupIds[target] ?? new Map<string, number>())].map(([k, v]) => [v, k]))));
    return byId.get(id) ?? `#${id}`;
  };
  const out = new Map<string, number[]>();
  for (const record of records) {
    const fields = record as unknown as Record<string, unknown>;
    const key = JSON.stringify(
      naturalKey[list].map((k) => {
        const f = fieldSpec(list, k);
        const value = fields[k];
        if (f.type === 'lookup') {
          const id = (value as { id?: number } | null)?.id;
          return id === undefined ? null : refOf(f.list as ListKey, id);
        }
        return keyPart(list, k, value);
      }),
    );
    const ids = out.get(key);
    if (ids) ids.push(record.id);
    else out.set(key, [record.id]);
  }
  for (const ids of out.values()) ids.sort((a, b) => a - b);
  return out;
}

function keyPart(list: DemoListKey, key: string, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  const f = fieldSpec(list, key);
  // Instants as SharePoint returns them may differ in form ("…:00Z" vs "…:00.000Z"), not in value.
  if (f.type === 'dateTime' && !f.dateOnly) {
    const ms = Date.parse(String(value));
    return Number.isNaN(ms) ? String(value) : new Date(ms).toISOString();
  }
  return String(value as string | number | boolean);
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
