/**
 * Devices and subscriptions as IT enters them: from an inventory export (CSV or .xlsx, Swedish or
 * English headers, messy cells) or the tab's form. Which column is what, one row or form read into a
 * device or Swedish problems per field, and what a re-import would change on a stored device. The
 * same `readDevice` checks the import and the API (POST/PATCH devices), so both refuse the same
 * input with the same words. Pure: src/register-io/import-devices.ts and src/server/api/devices.ts
 * resolve holders and write.
 */
import type { CalendarDate } from '../calendar.js';
import { cellText, meaningful, normaliseKey, parseCalendarDate, parseNumber, type Cell } from '../register-import/normalise.js';

export type DeviceColumn = 'kind' | 'identifier' | 'title' | 'model' | 'purchaseDate' | 'holder' | 'cost' | 'status' | 'notes';

export const DEVICE_KINDS = ['dator', 'mobiltelefon', 'surfplatta', 'abonnemang', 'övrigt'] as const;
export const DEVICE_STATUSES = ['i bruk', 'återlämnad', 'skrotad', 'avslutad', 'flyttad'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

/** Header synonyms, compared after normaliseKey (lower case, no diacritics, punctuation as spaces). */
const SYNONYMS: Record<DeviceColumn, readonly string[]> = {
  kind: ['typ', 'enhetstyp', 'kategori', 'type', 'device type', 'category', 'asset type', 'artikeltyp'],
  identifier: [
    'identitet',
    'id',
    'serienummer',
    'serienr',
    'serial',
    'serial number',
    'serialnumber',
    'imei',
    'abonnemangsnummer',
    'telefonnummer',
    'mobilnummer',
    'nummer',
    'msisdn',
    'identifier',
    'asset tag',
    'inventarienummer',
    'inventarienr',
  ],
  title: ['benamning', 'namn', 'beskrivning', 'name', 'description', 'device name', 'enhetsnamn', 'datornamn', 'hostname'],
  model: ['modell', 'model', 'fabrikat', 'produkt', 'product', 'tillverkare och modell'],
  purchaseDate: [
    'inkopsdatum',
    'inkopt',
    'kopdatum',
    'leveransdatum',
    'purchase date',
    'purchased',
    'date purchased',
    'bought',
    'startdatum',
    'start date',
  ],
  holder: [
    'innehavare',
    'anvandare',
    'brukare',
    'anstalld',
    'e post',
    'epost',
    'upn',
    'holder',
    'user',
    'owner',
    'assigned to',
    'e mail',
    'email',
    'innehavarens e post',
  ],
  cost: ['kostnad', 'kostnad per ar', 'arskostnad', 'pris', 'belopp', 'cost', 'price', 'annual cost', 'cost per year'],
  status: ['status', 'tillstand', 'state'],
  notes: ['anteckningar', 'anteckning', 'kommentar', 'ovrigt', 'notes', 'note', 'comment', 'comments'],
};

/** What each column is called in a message (Swedish). */
export const DEVICE_COLUMN_NAMES: Record<DeviceColumn, string> = {
  kind: 'Typ',
  identifier: 'Identitet (serienummer, IMEI, abonnemangsnummer)',
  title: 'Benämning',
  model: 'Modell',
  purchaseDate: 'Inköpsdatum',
  holder: 'Innehavare',
  cost: 'Kostnad',
  status: 'Status',
  notes: 'Anteckningar',
};

export type DeviceColumns = Partial<Record<DeviceColumn, number>>;

/** Header index per column (the first header that matches; unknown headers are ignored). */
export function deviceColumns(headers: readonly string[]): DeviceColumns {
  const out: DeviceColumns = {};
  // The whole header first, then its parts ("Serienummer/IMEI", "Kostnad (kr)"): an exact header wins.
  const candidates = headers.map((h) => [
    [normaliseKey(h)],
    [h.replace(/\([^)]*\)/g, ''), ...h.split(/\/|\||\s+eller\s+|\s+or\s+/i)].map(normaliseKey).filter(Boolean),
  ]);
  for (const pass of [0, 1])
    candidates.forEach((keys, i) => {
      if (Object.values(out).includes(i)) return;
      for (const [column, names] of Object.entries(SYNONYMS) as [DeviceColumn, readonly string[]][])
        if (out[column] === undefined && keys[pass]!.some((k) => names.includes(k))) {
          out[column] = i;
          return;
        }
    });
  return out;
}

/** What the file must have (type and identifier), in Swedish, or null. */
export function missingDeviceColumns(columns: DeviceColumns, headers: readonly string[]): string | null {
  const missing = (['kind', 'identifier'] as const).filter((c) => columns[c] === undefined);
  if (missing.length === 0) return null;
  const names = { kind: '"Typ"', identifier: '"Serienummer", "IMEI" eller "Abonnemangsnummer"' };
  return `Filen saknar ${missing.map((m) => names[m]).join(' och ')}. Rubrikerna i filen är: ${headers.map((h) => `"${h}"`).join(', ')}.`;
}

const KIND_WORDS: Record<DeviceKind, readonly string[]> = {
  dator: [
    'dator',
    'datorer',
    'pc',
    'laptop',
    'barbar',
    'barbar dator',
    'stationar',
    'stationar dator',
    'computer',
    'notebook',
    'desktop',
    'macbook',
    'klient',
    'chromebook',
  ],
  mobiltelefon: ['mobiltelefon', 'mobil', 'telefon', 'smartphone', 'iphone', 'android', 'phone', 'mobile', 'mobile phone', 'smart phone'],
  surfplatta: ['surfplatta', 'platta', 'lasplatta', 'ipad', 'tablet', 'pad'],
  abonnemang: [
    'abonnemang',
    'mobilabonnemang',
    'telefoniabonnemang',
    'sim',
    'sim kort',
    'simkort',
    'esim',
    'subscription',
    'mobile subscription',
    'datakort',
    'mobilt bredband',
  ],
  övrigt: ['ovrigt', 'annat', 'annan', 'other', 'skarm', 'monitor', 'tillbehor', 'accessory', 'headset', 'dockningsstation', 'skrivare'],
};

/** A device type as inventories write it ("Bärbar dator", "iPhone", "SIM-kort", "Tablet"), or undefined. */
export function parseDeviceKind(cell: Cell): DeviceKind | null | undefined {
  const t = meaningful(cell);
  if (t === null) return null;
  const key = normaliseKey(t);
  for (const kind of DEVICE_KINDS) if (KIND_WORDS[kind].includes(key)) return kind;
  return undefined;
}

const STATUS_WORDS: Record<DeviceStatus, readonly string[]> = {
  'i bruk': ['i bruk', 'anvands', 'aktiv', 'utlamnad', 'utdelad', 'in use', 'active', 'assigned', 'deployed'],
  återlämnad: ['aterlamnad', 'inlamnad', 'returnerad', 'i lager', 'lager', 'returned', 'in stock', 'stock'],
  skrotad: ['skrotad', 'kasserad', 'avyttrad', 'scrapped', 'disposed', 'retired'],
  avslutad: ['avslutad', 'uppsagd', 'terminated', 'cancelled', 'canceled', 'ended'],
  flyttad: ['flyttad', 'overford', 'moved', 'transferred'],
};

export function parseDeviceStatus(cell: Cell): DeviceStatus | null | undefined {
  const t = meaningful(cell);
  if (t === null) return null;
  const key = normaliseKey(t);
  for (const status of DEVICE_STATUSES) if (STATUS_WORDS[status].some((w) => normaliseKey(w) === key)) return status;
  return undefined;
}

const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

/**
 * The holder's sign-in name (UPN) or address, lower case: "anna@kommun.se", "Anna A <anna@kommun.se>",
 * "mailto:anna@kommun.se". Null when empty; undefined when no address can be read.
 */
export function parseHolder(cell: Cell): string | null | undefined {
  const t = meaningful(cell);
  if (t === null) return null;
  const inAngles = /<([^<>]+)>/.exec(t)?.[1];
  const candidate = (inAngles ?? t).trim().replace(/^mailto:/i, '');
  return EMAIL.test(candidate) ? candidate.toLowerCase() : undefined;
}

/**
 * An identifier as written, made one line; IMEI and numbers from .xlsx as their digits (no "1.2e+14").
 * The key a re-import matches on is {@link identifierKey}.
 */
function readIdentifier(cell: Cell): string | null {
  if (typeof cell === 'number') return Number.isInteger(cell) ? BigInt(cell).toString() : String(cell);
  const t = meaningful(cell);
  return t === null ? null : t.replace(/\s*\n\s*/g, ' ');
}

/** Identifiers are the same device when they differ only in case and spaces ("070-123 45 67"). */
export function identifierKey(identifier: string): string {
  return identifier.toLowerCase().replace(/\s+/g, '');
}

/** One device as read from a row or a form; fields absent from the input are undefined (left as stored). */
export interface DeviceInput {
  kind: DeviceKind;
  identifier: string;
  /** Absent when the file has no such column: a new device is then named by {@link deviceTitle}. */
  title?: string;
  model?: string | null;
  purchaseDate?: CalendarDate | null;
  /** Lower-case UPN or address; null = nobody holds it (in stock). */
  holder?: string | null;
  cost?: number | null;
  status?: DeviceStatus;
  notes?: string | null;
}

export interface DeviceProblem {
  field: DeviceColumn;
  /** Swedish, without the field's name (the import and the form each say which field). */
  message: string;
}

/** The raw values of one row or form, by column; a column that is absent is left out. */
export type DeviceCells = Partial<Record<DeviceColumn, Cell>>;

const KIND_LIST = 'dator, mobiltelefon, surfplatta, abonnemang eller övrigt';

/**
 * One device from raw values (what a form sends or a row holds): the device, or every problem.
 * `today` rejects a purchase date in the future.
 */
export function readDevice(
  cells: DeviceCells,
  today: CalendarDate,
): { ok: true; value: DeviceInput } | { ok: false; problems: DeviceProblem[] } {
  const problems: DeviceProblem[] = [];
  const has = (c: DeviceColumn) => Object.prototype.hasOwnProperty.call(cells, c);
  const shown = (c: DeviceColumn) => cellText(cells[c]);

  const kind = parseDeviceKind(cells.kind ?? null);
  if (kind === null) problems.push({ field: 'kind', message: `tom: ange typ (${KIND_LIST}).` });
  else if (kind === undefined) problems.push({ field: 'kind', message: `"${shown('kind')}" är ingen känd typ – skriv ${KIND_LIST}.` });

  const identifier = readIdentifier(cells.identifier ?? null);
  if (identifier === null)
    problems.push({
      field: 'identifier',
      message: 'tom: ange serienummer, IMEI eller abonnemangsnummer (den identiteten känns enheten igen på).',
    });
  else if (identifier.length > 255) problems.push({ field: 'identifier', message: `för lång (${identifier.length} tecken, högst 255).` });

  const title = has('title') ? meaningful(cells.title ?? null) : undefined;
  if (title && title.length > 255) problems.push({ field: 'title', message: `för lång (${title.length} tecken, högst 255).` });
  const model = has('model') ? meaningful(cells.model ?? null) : undefined;
  if (model && model.length > 255) problems.push({ field: 'model', message: `för lång (${model.length} tecken, högst 255).` });

  let purchaseDate: CalendarDate | null | undefined;
  if (has('purchaseDate')) {
    const date = parseCalendarDate(cells.purchaseDate ?? null);
    if (date === undefined)
      problems.push({ field: 'purchaseDate', message: `"${shown('purchaseDate')}" är inget datum (skriv t.ex. 2024-03-15).` });
    else if (date !== null && date > today) problems.push({ field: 'purchaseDate', message: `${date} ligger i framtiden.` });
    else purchaseDate = date as CalendarDate | null;
  }

  let holder: string | null | undefined;
  if (has('holder')) {
    holder = parseHolder(cells.holder ?? null);
    if (holder === undefined)
      problems.push({
        field: 'holder',
        message: `"${shown('holder')}" är ingen e-postadress eller inloggning (UPN) – skriv t.ex. anna.andersson@kommun.se.`,
      });
  }

  let cost: number | null | undefined;
  if (has('cost')) {
    const n = parseNumber(cells.cost ?? null);
    if (n === undefined || (n !== null && n < 0))
      problems.push({ field: 'cost', message: `"${shown('cost')}" är inget belopp i kronor (skriv t.ex. 2 499 eller 2499,50).` });
    else if (n !== null && n > 100_000_000) problems.push({ field: 'cost', message: `${n} kr är orimligt mycket för en enhet.` });
    else cost = n === null ? null : Math.round(n * 100) / 100;
  }

  let status: DeviceStatus | undefined;
  if (has('status')) {
    const s = parseDeviceStatus(cells.status ?? null);
    if (s === undefined)
      problems.push({ field: 'status', message: `"${shown('status')}" är ingen känd status – skriv ${DEVICE_STATUSES.join(', ')}.` });
    else if (s !== null) status = s;
  }

  const notes = has('notes') ? meaningful(cells.notes ?? null) : undefined;
  if (notes && notes.length > 2000) problems.push({ field: 'notes', message: `för lång (${notes.length} tecken, högst 2 000).` });

  if (problems.length > 0 || !kind || !identifier) return { ok: false, problems };
  const value: DeviceInput = { kind, identifier };
  if (title) value.title = title;
  if (model !== undefined) value.model = model;
  if (purchaseDate !== undefined) value.purchaseDate = purchaseDate;
  if (holder !== undefined) value.holder = holder;
  if (cost !== undefined) value.cost = cost;
  if (status !== undefined) value.status = status;
  if (notes !== undefined) value.notes = notes;
  return { ok: true, value };
}

/** The name a new device gets: its title, else the model, else the type ("Mobiltelefon"). */
export function deviceTitle(input: DeviceInput): string {
  return input.title || input.model || KIND_TITLE[input.kind];
}

const KIND_TITLE: Record<DeviceKind, string> = {
  dator: 'Dator',
  mobiltelefon: 'Mobiltelefon',
  surfplatta: 'Surfplatta',
  abonnemang: 'Abonnemang',
  övrigt: 'Enhet',
};

/** The cells of one file row by column. */
export function rowCells(cells: readonly Cell[], columns: DeviceColumns): DeviceCells {
  const out: DeviceCells = {};
  for (const [column, index] of Object.entries(columns) as [DeviceColumn, number][]) out[column] = cells[index] ?? null;
  return out;
}

/** One problem as a sentence after the field's name: `Typ är tom: ange …`, `Kostnad: "x" är inget belopp …`. */
export function problemText(problem: DeviceProblem, name: string): string {
  return problem.message.startsWith('tom:') ? `${name} är ${problem.message}` : `${name}: ${problem.message}`;
}

/** A file row's problems in Swedish, each naming the column as the file heads it. */
export function rowMessages(problems: readonly DeviceProblem[], columns: DeviceColumns, headers: readonly string[]): string[] {
  return problems.map((p) => {
    const index = columns[p.field];
    const head = index === undefined ? DEVICE_COLUMN_NAMES[p.field] : (headers[index] ?? DEVICE_COLUMN_NAMES[p.field]);
    return problemText(p, `Kolumnen "${head}"`);
  });
}

/** A device as stored, in the terms compared (dates as YYYY-MM-DD, holder as lower-case address). */
export interface StoredDevice {
  kind: string | null;
  identifier: string | null;
  title: string;
  model: string | null;
  purchaseDate: string | null;
  holderEmail: string | null;
  cost: number | null;
  status: string | null;
  notes: string | null;
}

/** What must change on a stored device for it to equal the input (only fields the input has). Empty = unchanged. */
export function deviceChanges(stored: StoredDevice, input: DeviceInput): Partial<DeviceInput> {
  const out: Partial<DeviceInput> = {};
  const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);
  if (stored.kind !== input.kind) out.kind = input.kind;
  if (identifierKey(stored.identifier ?? '') !== identifierKey(input.identifier)) out.identifier = input.identifier;
  if (input.title !== undefined && stored.title !== input.title) out.title = input.title;
  if (input.model !== undefined && !same(stored.model, input.model)) out.model = input.model;
  if (input.purchaseDate !== undefined && !same(stored.purchaseDate?.slice(0, 10) ?? null, input.purchaseDate))
    out.purchaseDate = input.purchaseDate;
  if (input.holder !== undefined && !same(stored.holderEmail?.toLowerCase() ?? null, input.holder)) out.holder = input.holder;
  if (input.cost !== undefined && !same(stored.cost, input.cost)) out.cost = input.cost;
  if (input.status !== undefined && stored.status !== input.status) out.status = input.status;
  if (input.notes !== undefined && !same(stored.notes, input.notes)) out.notes = input.notes;
  return out;
}

/** The changed fields in Swedish for a report row ("innehavare, kostnad"). */
export function describeChanges(changes: Partial<DeviceInput>): string {
  const names: Record<keyof DeviceInput, string> = {
    kind: 'typ',
    identifier: 'identitet',
    title: 'benämning',
    model: 'modell',
    purchaseDate: 'inköpsdatum',
    holder: 'innehavare',
    cost: 'kostnad',
    status: 'status',
    notes: 'anteckningar',
  };
  return (Object.keys(changes) as (keyof DeviceInput)[]).map((k) => names[k]).join(', ');
}
