/**
 * An inventory export (CSV or .xlsx from the asset system or the operator's subscription list) into
 * Enheter: a dry run with a row-by-row report, then the commit. Keyed by the device's identifier
 * (serial number, IMEI, subscription number; case and spaces aside), so the same file twice changes
 * nothing and a changed holder is one update of that device. Only the columns the file has are
 * compared and written: a file without a status column never undoes a manager's decision.
 * Holders are resolved to directory users (ensureUser); an unknown holder is a row error, never a
 * device without a holder. Written as the caller, stamped `enteredBy` = the caller: SharePoint lets
 * admins and coordinators write the list, and only admins (site managers) may add people to the site.
 */
import type { SPFI } from '@pnp/sp';
import { stockholmDate, type CalendarDate } from '../domain/calendar.js';
import {
  deviceChanges,
  deviceColumns,
  deviceTitle,
  describeChanges,
  identifierKey,
  missingDeviceColumns,
  readDevice,
  rowCells,
  rowMessages,
  type DeviceInput,
} from '../domain/devices/inventory-import.js';
import { DataError, MAX_BATCH, createRepositories, type Repositories, type SiteUser } from '../shared/data/index.js';
import type { DraftOf, PatchOf, RecordOf } from '../shared/schema/index.js';
import type { Table } from './read-table.js';

export type DeviceRowStatus = 'created' | 'updated' | 'unchanged' | 'error';

export interface DeviceRowReport {
  row: number;
  /** The identifier as the file writes it ('' when the row has none). */
  device: string;
  /** The holder's address as read ('' for none). */
  holder: string;
  status: DeviceRowStatus;
  messages: string[];
}

export interface DeviceImportReport {
  created: number;
  updated: number;
  unchanged: number;
  warnings: number;
  errors: number;
  rows: DeviceRowReport[];
  dryRun: boolean;
}

type Device = RecordOf<'devices'>;

const FORBIDDEN =
  'Du får inte ändra listan Enheter eller lägga till personer på webbplatsen. Inventarieimporten görs av en administratör (IT).';

/** Holders as site users, 100 per $batch; one at a time where a batch is refused (unknown people are left out). */
async function resolveHolders(repos: Repositories, emails: readonly string[]): Promise<Map<string, SiteUser>> {
  const out = new Map<string, SiteUser>();
  for (let i = 0; i < emails.length; i += MAX_BATCH) {
    const chunk = emails.slice(i, i + MAX_BATCH);
    try {
      for (const [k, v] of await repos.users.ensureMany(chunk)) out.set(k, v);
    } catch {
      for (const e of chunk) {
        try {
          out.set(e, await repos.users.ensure(e));
        } catch (error) {
          if (error instanceof DataError && error.kind === 'forbidden') throw new Error(FORBIDDEN);
          // Not in the directory: reported on the row.
        }
      }
    }
  }
  return out;
}

/** The device's fields as written to the list (holder as site user id and address). */
export function deviceFields(input: Partial<DeviceInput>, holders: ReadonlyMap<string, SiteUser>): PatchOf<'devices'> {
  const out: Record<string, unknown> = {};
  if (input.kind !== undefined) out.kind = input.kind;
  if (input.identifier !== undefined) out.identifier = input.identifier;
  if (input.title !== undefined) out.title = input.title;
  if (input.model !== undefined) out.model = input.model;
  if (input.purchaseDate !== undefined) out.purchaseDate = input.purchaseDate;
  if (input.holder !== undefined) {
    const user = input.holder ? holders.get(input.holder) : undefined;
    out.holder = user ? { id: user.id } : null;
    out.holderEmail = input.holder ? (user?.email || input.holder).toLowerCase() : null;
  }
  if (input.cost !== undefined) out.cost = input.cost;
  if (input.status !== undefined) out.status = input.status;
  if (input.notes !== undefined) out.notes = input.notes;
  return out as PatchOf<'devices'>;
}

/** A stored device in the terms the domain compares. */
export function storedDevice(d: Device) {
  return {
    kind: d.kind,
    identifier: d.identifier,
    title: d.title,
    model: d.model,
    purchaseDate: d.purchaseDate,
    holderEmail: d.holderEmail ?? d.holder?.email ?? null,
    cost: d.cost,
    status: d.status,
    notes: d.notes,
  };
}

export async function importDevices(options: { sp: SPFI; table: Table; dryRun?: boolean; now?: Date }): Promise<DeviceImportReport> {
  const repos = createRepositories(options.sp);
  const dryRun = options.dryRun === true;
  const now = options.now ?? new Date();
  const today: CalendarDate = stockholmDate(now);
  const { table } = options;
  const report: DeviceImportReport = { created: 0, updated: 0, unchanged: 0, warnings: 0, errors: 0, rows: [], dryRun };
  const columns = deviceColumns(table.headers);
  const missing = missingDeviceColumns(columns, table.headers);
  if (missing) {
    report.errors = 1;
    report.rows.push({ row: 1, device: '', holder: '', status: 'error', messages: [missing] });
    return report;
  }

  const parsed = table.rows.map((r) => ({ row: r.row, read: readDevice(rowCells(r.cells, columns), today) }));
  const emails = [...new Set(parsed.flatMap((p) => (p.read.ok && p.read.value.holder ? [p.read.value.holder] : [])))];
  let stored: Device[];
  try {
    stored = await repos.devices.all();
  } catch (error) {
    if (error instanceof DataError && error.kind === 'forbidden') throw new Error(FORBIDDEN);
    throw error;
  }
  const holders = await resolveHolders(repos, emails);
  const byKey = new Map(stored.filter((d) => d.identifier).map((d) => [identifierKey(d.identifier!), d]));

  const firstRow = new Map<string, number>();
  const toAdd: { row: number; input: DeviceInput }[] = [];
  const toUpdate: { row: number; input: DeviceInput; device: Device; changes: Partial<DeviceInput> }[] = [];
  for (const p of parsed) {
    if (!p.read.ok) {
      report.rows.push({
        row: p.row,
        device: '',
        holder: '',
        status: 'error',
        messages: rowMessages(p.read.problems, columns, table.headers),
      });
      continue;
    }
    const input = p.read.value;
    const base = { row: p.row, device: input.identifier, holder: input.holder ?? '' };
    const key = identifierKey(input.identifier);
    const earlier = firstRow.get(key);
    if (earlier !== undefined) {
      report.rows.push({
        ...base,
        status: 'error',
        messages: [`Identiteten "${input.identifier}" finns redan på rad ${earlier} i filen – en enhet per rad.`],
      });
      continue;
    }
    firstRow.set(key, p.row);
    if (input.holder && !holders.has(input.holder)) {
      report.rows.push({
        ...base,
        status: 'error',
        messages: [
          `Innehavaren ${input.holder} finns inte i kommunens katalog. Rätta adressen eller lämna kolumnen tom för en enhet i lager.`,
        ],
      });
      continue;
    }
    const device = byKey.get(key);
    if (!device) {
      toAdd.push({ row: p.row, input });
      continue;
    }
    const changes = deviceChanges(storedDevice(device), input);
    if (Object.keys(changes).length === 0) report.rows.push({ ...base, status: 'unchanged', messages: [] });
    else toUpdate.push({ row: p.row, input, device, changes });
  }

  const me = dryRun || (toAdd.length === 0 && toUpdate.length === 0) ? null : await repos.me.current();
  const stamp = me ? { enteredBy: { id: me.id }, enteredAt: now.toISOString() } : {};
  const rowOf = (row: number, input: DeviceInput) => ({ row, device: input.identifier, holder: input.holder ?? '' });

  if (!dryRun && toAdd.length > 0) {
    const drafts = toAdd.map(
      (a) =>
        ({
          ...deviceFields(a.input, holders),
          title: deviceTitle(a.input),
          status: a.input.status ?? 'i bruk',
          ...stamp,
        }) as DraftOf<'devices'>,
    );
    const results = await repos.devices.addMany(drafts);
    results.forEach((r, i) => {
      const a = toAdd[i]!;
      if (r.ok) report.rows.push({ ...rowOf(a.row, a.input), status: 'created', messages: [] });
      // A retry after a lost reply meets its own first write (the identifier is unique).
      else if (r.error instanceof DataError && r.error.kind === 'duplicate')
        report.rows.push({
          ...rowOf(a.row, a.input),
          status: 'unchanged',
          messages: ['Enheten fanns redan (sparad vid ett tidigare försök).'],
        });
      else if (r.error instanceof DataError && r.error.kind === 'forbidden') throw new Error(FORBIDDEN);
      else report.rows.push({ ...rowOf(a.row, a.input), status: 'error', messages: [`Sparades inte: ${r.error.message}`] });
    });
  } else for (const a of toAdd) report.rows.push({ ...rowOf(a.row, a.input), status: 'created', messages: [] });

  for (const u of toUpdate) {
    const messages = [`Ändras: ${describeChanges(u.changes)}.`];
    if (!dryRun) {
      try {
        await repos.devices.update(u.device.id, { ...deviceFields(u.changes, holders), ...stamp }, u.device.etag);
      } catch (error) {
        if (error instanceof DataError && error.kind === 'forbidden') throw new Error(FORBIDDEN);
        report.rows.push({
          ...rowOf(u.row, u.input),
          status: 'error',
          messages: [`Sparades inte: ${error instanceof Error ? error.message : String(error)} Kör importen igen.`],
        });
        continue;
      }
    }
    report.rows.push({ ...rowOf(u.row, u.input), status: 'updated', messages });
  }

  report.rows.sort((a, b) => a.row - b.row);
  for (const r of report.rows) {
    if (r.status === 'created') report.created++;
    else if (r.status === 'updated') report.updated++;
    else if (r.status === 'unchanged') report.unchanged++;
    else report.errors++;
  }
  return report;
}
