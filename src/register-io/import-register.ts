/**
 * Imports a register file (see read-table.ts) into the system register through the repositories, as
 * the signed-in user — SharePoint decides whether they may write (administrators hold Full Control,
 * everyone else Read). The rules for reading values are in src/domain/register-import.
 *
 * - The whole register is read once (paged, 5,000 per round trip); each row is matched to a stored
 *   system by external id (when the schema has `externalId` and the row gives one) or by name +
 *   förvaltning, so the same name in two förvaltningar is two systems.
 * - Only fields whose value differs are written: re-importing the same file reports every row
 *   "unchanged" and writes nothing (not even the saved column mapping).
 * - New systems go in with addMany (100 per $batch), changes with update (100 per $batch, with the
 *   etag read). Writes use a client that does not resend a failed POST by itself (`writeSp`): when
 *   a batch fails as a whole (a dropped connection, possibly after SharePoint committed it) the
 *   register is read again and what is still missing or different is written — no duplicates.
 * - A dry run does everything but the writes to the lists (people are made known to the site with
 *   ensureUser, as any people picker does, so the report says who the directory knows).
 */
import type { SPFI } from '@pnp/sp';
import { choiceLabel } from '../shared/i18n/catalogue.js';
import { createRepositories, DataError, MAX_BATCH, toDataError } from '../shared/data/index.js';
import { listSpec, type FieldSpec, type SystemRecord } from '../shared/schema/index.js';
import { mapColumns, mappingToSave, type ColumnMapping, type MappedColumn } from '../domain/register-import/columns.js';
import { normaliseKey, type Cell } from '../domain/register-import/normalise.js';
import {
  changedValues,
  interpretRow,
  notesFieldOf,
  peopleInRow,
  systemKey,
  withMisfits,
  type Ref,
  type Resolvers,
} from '../domain/register-import/rows.js';
import type { Table } from './read-table.js';

/** The settings row (Konfiguration) that keeps the last import's column mapping. */
export const IMPORT_MAPPING_KEY = 'registerImportMapping';

export type RowStatus = 'created' | 'updated' | 'unchanged' | 'warning' | 'error';
export type RowAction = 'created' | 'updated' | 'unchanged' | 'none';

export interface RowReport {
  row: number;
  system: string;
  status: RowStatus;
  /** What happened to the system (also for rows whose status is "warning"); "none" for errors. */
  action: RowAction;
  messages: string[];
}

export interface ImportReport {
  /** Counts by action: systems created, updated, left unchanged (rows with warnings included). */
  created: number;
  updated: number;
  unchanged: number;
  /** Rows with status "warning" / "error". */
  warnings: number;
  errors: number;
  rows: RowReport[];
  /** Which column fed which field. */
  columns: { column: string; field: string | null; source: MappedColumn['source'] }[];
  dryRun: boolean;
}

export interface ImportOptions {
  /** Reads (the normal pipeline, which retries reads by itself). */
  sp: SPFI;
  /** Writes; should not resend a failed request by itself (createSp({ retries: 1 })). Default `sp`. */
  writeSp?: SPFI;
  table: Table;
  dryRun?: boolean;
  /** header → field key / 'classification' / 'ignore' (a --map file); wins over the saved mapping. */
  mapping?: ColumnMapping;
  /** The register's fields; default the schema's `systems` fields. */
  fields?: readonly FieldSpec[];
  /** Rounds of writing (each after the first reads the register again). Default 4. */
  maxAttempts?: number;
  /** Waits before a round after SharePoint throttled (ms, from Retry-After); tests pass their own. */
  wait?: (ms: number) => Promise<void>;
}

interface Plan {
  report: RowReport;
  title: string;
  key: string;
  externalId: string | null;
  desired: Record<string, unknown>;
  misfits: string[];
  /** Set when the row is to be written in this round. */
  write: { kind: 'create' | 'update'; id?: number; etag?: string; values: Record<string, unknown> } | null;
  cells: Cell[];
  /** A lookup names a system this file creates: interpreted again once it exists. */
  deferred: boolean;
  /** What the first plan said (a create whose reply was lost is still "created"). */
  intended: RowAction;
  done: boolean;
}

const FORBIDDEN =
  'SharePoint nekade ändringen: ditt konto får bara läsa systemförteckningen. Import kräver behörigheten Fullständig kontroll (gruppen Systemkoll Administratörer).';

function choiceLabelsOf(fields: readonly FieldSpec[]): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const f of fields) {
    if (f.type !== 'choice') continue;
    const labels: Record<string, string> = {};
    for (const value of f.choices) {
      for (const lang of ['sv', 'en'] as const) {
        const label = choiceLabel(lang, `systems.${f.key}`, value);
        if (label) labels[normaliseKey(label)] = value;
      }
    }
    out[f.key] = labels;
  }
  return out;
}

/**
 * Site users for e-mail addresses (SharePoint's ensureUser, 100 per $batch, one outcome per
 * address — repos.users.ensureMany fails as a whole when one address is unknown). An address the
 * directory does not know is left out: the caller reports it, nobody is invented.
 */
async function resolvePeople(sp: SPFI, emails: string[]): Promise<Map<string, Ref>> {
  const out = new Map<string, Ref>();
  for (let i = 0; i < emails.length; i += MAX_BATCH) {
    const [batched, execute] = sp.batched({ maxRequests: MAX_BATCH });
    const users = createRepositories(batched).users;
    const parts = emails.slice(i, i + MAX_BATCH).map((upn) =>
      users.ensure(upn).then(
        (user) => out.set(upn.toLowerCase(), { id: user.id, title: user.title }),
        (error: unknown) => {
          const kind = toDataError(error).kind;
          // Unknown to the directory (SharePoint answers 404 or 400/500 for a login it cannot resolve).
          if (kind !== 'notFound' && kind !== 'invalid' && kind !== 'server') throw error;
        },
      ),
    );
    try {
      await execute();
    } catch (error) {
      await Promise.allSettled(parts);
      throw toDataError(error);
    }
    await Promise.all(parts);
  }
  return out;
}

function indexOf(systems: SystemRecord[], hasExternalId: boolean) {
  const byKey = new Map<string, SystemRecord[]>();
  const byExternal = new Map<string, SystemRecord>();
  for (const s of systems) {
    const k = systemKey(s.title, s.department?.id ?? null);
    byKey.set(k, [...(byKey.get(k) ?? []), s]);
    const ext = hasExternalId ? (s as unknown as Record<string, unknown>).externalId : null;
    if (typeof ext === 'string' && ext.trim()) byExternal.set(normaliseKey(ext), s);
  }
  return { byKey, byExternal };
}

/** SharePoint's Retry-After (seconds) as ms, or a doubling back-off when it sent none (≤ 30 s). */
function retryAfterMs(error: DataError, attempt: number): number {
  const headers = (error.cause as { response?: { headers?: { get(name: string): string | null } } } | undefined)?.response?.headers;
  const seconds = Number(headers?.get('Retry-After'));
  if (Number.isFinite(seconds) && seconds > 0) return Math.min(seconds, 120) * 1000;
  return Math.min(2 ** attempt, 30) * 1000;
}

/** A row that led to no action is an error; one with messages a warning; else what happened. */
function finalStatus(report: RowReport): RowStatus {
  if (report.action === 'none') return 'error';
  return report.messages.length ? 'warning' : report.action;
}

export async function importRegister(options: ImportOptions): Promise<ImportReport> {
  const fields = options.fields ?? listSpec('systems').fields;
  const repos = createRepositories(options.sp);
  const writeSp = options.writeSp ?? options.sp;
  const dryRun = options.dryRun === true;
  const maxAttempts = options.maxAttempts ?? 4;
  const wait = options.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  /** Set when SharePoint throttled a write: how long it asked us to wait before the next round. */
  let throttledFor = 0;
  const { table } = options;

  const [stored, departments, settings] = await Promise.all([repos.systems.all(), repos.departments.all(), repos.settings.list()]);
  let systems = stored;
  const savedRow = settings.find((s) => s.title === IMPORT_MAPPING_KEY) ?? null;
  let saved: ColumnMapping = {};
  try {
    saved = savedRow?.value ? (JSON.parse(savedRow.value) as ColumnMapping) : {};
  } catch {
    saved = {};
  }
  const columns = mapColumns(table.headers, fields, { ...(options.mapping ? { explicit: options.mapping } : {}), saved });
  const columnReport = columns.map((c) => ({ column: c.header, field: c.target, source: c.source }));
  const empty = (message: string): ImportReport => ({
    created: 0,
    updated: 0,
    unchanged: 0,
    warnings: 0,
    errors: 1,
    rows: [{ row: 1, system: '', status: 'error', action: 'none', messages: [message] }],
    columns: columnReport,
    dryRun,
  });
  if (!columns.some((c) => c.target === 'title')) {
    const seen =
      table.headers
        .filter(Boolean)
        .map((h) => `"${h}"`)
        .join(', ') || '(inga)';
    return empty(
      `Ingen kolumn för systemnamnet hittades (kolumnerna är ${seen}). Döp kolumnen till "Systemnamn" eller ange den med --map.`,
    );
  }

  // Lookups: förvaltningar by name or code; other lists read only when a column feeds them.
  const lookupIndex = new Map<string, Map<string, Ref>>();
  const addIndex = (list: string, items: { id: number; title?: string | null; code?: string | null }[]) => {
    const m = new Map<string, Ref>();
    for (const it of items) {
      if (it.code) m.set(normaliseKey(it.code), { id: it.id, title: it.title ?? '' });
      if (it.title) m.set(normaliseKey(it.title), { id: it.id, title: it.title });
    }
    lookupIndex.set(list, m);
  };
  addIndex('departments', departments);
  addIndex('systems', systems);
  for (const c of columns) {
    const f = fields.find((x) => x.key === c.target);
    if (f && (f.type === 'lookup' || f.type === 'lookupMulti') && !lookupIndex.has(f.list)) {
      const repo = (repos as unknown as Record<string, { all(): Promise<{ id: number; title?: string }[]> }>)[f.list];
      addIndex(f.list, repo ? await repo.all() : []);
    }
  }

  // People: every address in the file, resolved at once.
  const emails = new Set<string>();
  for (const r of table.rows) for (const p of peopleInRow(columns, fields, r.cells)) if (p.email) emails.add(p.email);
  const people = await resolvePeople(options.sp, [...emails]);

  const notes = notesFieldOf(fields);
  const notesMapped = !!notes && columns.some((c) => c.target === notes.key);
  const hasExternalId = fields.some((f) => f.key === 'externalId');
  const titleColumn = columns.find((c) => c.target === 'title')!;
  const titlesInFile = new Set(table.rows.map((r) => normaliseKey(String(r.cells[titleColumn.index] ?? ''))).filter(Boolean));
  const resolvers: Resolvers = {
    later: (f, text) => f.list === 'systems' && titlesInFile.has(normaliseKey(text)),
    person: (email: string) => people.get(email.toLowerCase()) ?? null,
    lookup: (f: FieldSpec & { type: 'lookup' | 'lookupMulti' }, text: string) => lookupIndex.get(f.list)?.get(normaliseKey(text)) ?? null,
    choiceLabels: choiceLabelsOf(fields),
  };

  const plans: Plan[] = [];
  const firstRowOf = new Map<string, number>();
  for (const r of table.rows) {
    const it = interpretRow(columns, fields, r.cells, resolvers, notes);
    const report: RowReport = { row: r.row, system: it.title, status: 'error', action: 'none', messages: [...it.errors, ...it.warnings] };
    const ext = hasExternalId && typeof it.values.externalId === 'string' ? it.values.externalId : null;
    const key = ext ? `ext:${normaliseKey(ext)}` : systemKey(it.title, (it.values.department as Ref | null | undefined)?.id ?? null);
    const plan: Plan = {
      report,
      title: it.title,
      key,
      externalId: ext,
      desired: it.values,
      misfits: it.misfits,
      cells: r.cells,
      deferred: it.deferred,
      write: null,
      intended: 'none',
      done: false,
    };
    plans.push(plan);
    if (it.errors.length) {
      report.status = 'error';
      plan.done = true;
      continue;
    }
    const earlier = firstRowOf.get(key);
    if (earlier !== undefined) {
      report.messages.unshift(
        `Samma system som på rad ${earlier} (${ext ? `externt id "${ext}"` : 'samma namn och förvaltning'}) – raden importeras inte.`,
      );
      report.status = 'error';
      plan.done = true;
      continue;
    }
    firstRowOf.set(key, r.row);
  }

  let index = indexOf(systems, hasExternalId);
  /** Decides, from the register as last read, what a row still needs; false when it is done. */
  const replan = (plan: Plan): boolean => {
    const matches = plan.externalId
      ? [index.byExternal.get(normaliseKey(plan.externalId))].filter((s): s is SystemRecord => !!s)
      : (index.byKey.get(plan.key) ?? []);
    const fallback =
      plan.externalId && matches.length === 0
        ? (index.byKey.get(systemKey(plan.title, (plan.desired.department as Ref | null)?.id ?? null)) ?? [])
        : [];
    const candidates = matches.length ? matches : fallback.filter((s) => !(s as unknown as Record<string, unknown>).externalId);
    if (candidates.length > 1) {
      plan.report.messages.unshift(
        `Flera system i förteckningen heter "${plan.title}" i samma förvaltning (id ${candidates.map((s) => s.id).join(', ')}) – raden kan inte kopplas till ett av dem.`,
      );
      plan.report.action = 'none';
      return false;
    }
    const existing = candidates[0] ?? null;
    const desired = { ...plan.desired };
    if (notes && (notesMapped || plan.misfits.length)) {
      const base = notesMapped
        ? ((desired[notes.key] as string | null | undefined) ?? null)
        : ((existing?.[notes.key as keyof SystemRecord] as string | null) ?? null);
      desired[notes.key] = withMisfits(base, plan.misfits);
    }
    const changed = changedValues(fields, desired, existing as unknown as Record<string, unknown> | null);
    if (!existing) {
      plan.write = { kind: 'create', values: changed };
      if (plan.intended === 'none') plan.intended = 'created';
      return true;
    }
    if (Object.keys(changed).length === 0) {
      plan.write = null;
      plan.report.action = plan.intended === 'none' ? 'unchanged' : plan.intended;
      return false;
    }
    plan.write = { kind: 'update', id: existing.id, etag: existing.etag, values: changed };
    if (plan.intended === 'none') plan.intended = 'updated';
    return true;
  };

  let pending: Plan[] = [];
  for (const p of plans) {
    if (p.done) continue;
    if (replan(p)) pending.push(p);
    else p.done = true;
  }
  if (dryRun) {
    for (const p of pending) {
      p.report.action = p.intended;
      p.done = true;
    }
    pending = [];
  }

  let forbidden = false;
  const fail = (p: Plan, message: string) => {
    p.report.messages.unshift(message);
    p.report.action = 'none';
    p.done = true;
  };
  const writeRepos = createRepositories(writeSp);
  /** Writes the plans' creates and updates, reading the register again after a failed round. */
  const writeAll = async (start: Plan[]): Promise<void> => {
    let pending = start;
    for (let attempt = 1; pending.length > 0 && attempt <= maxAttempts && !forbidden; attempt++) {
      if (attempt > 1) {
        if (throttledFor > 0) await wait(throttledFor);
        throttledFor = 0;
        // A batch failed as a whole: SharePoint may have committed part or all of it. Read again.
        systems = await repos.systems.all();
        index = indexOf(systems, hasExternalId);
        addIndex('systems', systems);
        pending = pending.filter((p) => {
          const more = replan(p);
          if (!more) p.done = true;
          return more;
        });
      }
      const creates = pending.filter((p) => p.write?.kind === 'create');
      const updates = pending.filter((p) => p.write?.kind === 'update');
      let broken = false;
      for (let i = 0; i < creates.length && !broken; i += MAX_BATCH) {
        const chunk = creates.slice(i, i + MAX_BATCH);
        try {
          const results = await writeRepos.systems.addMany(
            chunk.map((p) => p.write!.values as Parameters<typeof writeRepos.systems.add>[0]),
          );
          results.forEach((r, j) => {
            const p = chunk[j]!;
            if (r.ok) {
              p.report.action = 'created';
              p.done = true;
            } else handlePartError(p, r.error);
          });
        } catch (error) {
          broken = batchFailed(error, chunk);
        }
      }
      for (let i = 0; i < updates.length && !broken; i += MAX_BATCH) {
        const chunk = updates.slice(i, i + MAX_BATCH);
        const [batched, execute] = writeSp.batched({ maxRequests: MAX_BATCH });
        const r = createRepositories(batched);
        const parts = chunk.map((p) =>
          r.systems.update(p.write!.id!, p.write!.values, p.write!.etag!).then(
            () => ({ ok: true as const }),
            (e: unknown) => ({ ok: false as const, error: toDataError(e) }),
          ),
        );
        try {
          await execute();
          const results = await Promise.all(parts);
          results.forEach((res, j) => {
            const p = chunk[j]!;
            if (res.ok) {
              p.report.action = p.intended === 'created' ? 'created' : 'updated';
              p.done = true;
            } else handlePartError(p, res.error);
          });
        } catch (error) {
          await Promise.allSettled(parts);
          broken = batchFailed(error, chunk);
        }
      }
      pending = [...creates, ...updates].filter((p) => !p.done);

      function handlePartError(p: Plan, error: Error) {
        const e = toDataError(error);
        if (e.kind === 'forbidden' || e.kind === 'unauthorized') {
          forbidden = true;
          fail(p, FORBIDDEN);
        } else if (e.kind === 'conflict' || e.kind === 'throttled' || e.kind === 'network' || e.kind === 'duplicate') {
          // Someone changed it meanwhile, or SharePoint was busy: read again and decide anew.
        } else {
          fail(p, `SharePoint sparade inte systemet: ${e.message}${e.detail ? ` (${e.detail})` : ''}`);
        }
      }
      function batchFailed(error: unknown, chunk: Plan[]): boolean {
        const e = toDataError(error);
        if (e.kind === 'forbidden' || e.kind === 'unauthorized') {
          forbidden = true;
          for (const p of chunk) fail(p, FORBIDDEN);
          return true;
        }
        if (e.kind === 'throttled') throttledFor = Math.max(throttledFor, retryAfterMs(e, attempt));
        if (e.kind === 'network' || e.kind === 'throttled' || e.kind === 'server') return true;
        for (const p of chunk) fail(p, `SharePoint sparade inte systemet: ${e.message}`);
        return false;
      }
    }
    for (const p of start.filter((x) => !x.done)) {
      fail(
        p,
        forbidden
          ? FORBIDDEN
          : 'Systemet kunde inte sparas efter flera försök (ingen kontakt med SharePoint) – kör importen igen; inget dubbleras.',
      );
    }
  };
  await writeAll(pending);

  // Dependencies on systems this very file creates: resolved once those exist.
  const deferred = plans.filter((p) => p.deferred && p.report.action !== 'none');
  if (!dryRun && !forbidden && deferred.length > 0) {
    systems = await repos.systems.all();
    index = indexOf(systems, hasExternalId);
    addIndex('systems', systems);
    const again: Plan[] = [];
    for (const p of deferred) {
      const it = interpretRow(columns, fields, p.cells, { ...resolvers, later: undefined }, notes);
      p.desired = it.values;
      for (const w of it.warnings) if (!p.report.messages.includes(w)) p.report.messages.push(w);
      p.done = false;
      if (replan(p)) again.push(p);
      else p.done = true;
    }
    await writeAll(again);
  }

  // The mapping used is saved for next time — only by a real import that wrote, and only if it changed.
  if (!dryRun && !forbidden) {
    const next = mappingToSave(columns, saved);
    if (JSON.stringify(next) !== JSON.stringify(saved)) {
      const value = JSON.stringify(next);
      const description = 'Kolumnmappning från den senaste importen av systemförteckningen (rubrik → fält).';
      try {
        if (savedRow) await writeRepos.settings.update(savedRow.id, { value }, savedRow.etag);
        else await writeRepos.settings.add({ title: IMPORT_MAPPING_KEY, value, description });
      } catch (error) {
        // The register is imported; a mapping that could not be saved is only a convenience lost.
        if (!(error instanceof DataError)) throw error;
      }
    }
  }

  for (const p of plans) p.report.status = finalStatus(p.report);
  const rows = plans.map((p) => p.report);
  return {
    created: rows.filter((r) => r.status !== 'error' && r.action === 'created').length,
    updated: rows.filter((r) => r.status !== 'error' && r.action === 'updated').length,
    unchanged: rows.filter((r) => r.status !== 'error' && r.action === 'unchanged').length,
    warnings: rows.filter((r) => r.status === 'warning').length,
    errors: rows.filter((r) => r.status === 'error').length,
    rows,
    columns: columnReport,
    dryRun,
  };
}
