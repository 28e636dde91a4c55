/**
 * Reading the values real registers hold (Excel sheets, CSV exported from Excel): placeholders that
 * mean "nothing", yes/no written a dozen ways, Swedish and Excel dates, Swedish numbers, a whole
 * classification in one cell and several people in one cell. Pure: no clock, no I/O.
 */

/** One cell as a reader hands it over: text from CSV, typed values from .xlsx. */
export type Cell = string | number | boolean | Date | null | undefined;

/** Lower case, no diacritics (å→a, ö→o, é→e), runs of anything but letters and digits → one space. */
export function normaliseKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A cell as trimmed text ('' when empty); Windows line ends become \n, non-breaking spaces spaces. */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell)
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    .trim();
}

const PLACEHOLDERS = new Set([
  '.',
  '..',
  '...',
  '…',
  'x',
  '-',
  '--',
  '–',
  '—',
  '?',
  '/',
  'saknas',
  'n/a',
  'na',
  'ej angivet',
  'okänt',
  'okand',
  'ingen',
  'inget',
  'null',
]);

/** True for what registers write to mean "nothing here": '.', 'x', '-', '–', 'saknas', 'n/a' … */
export function isPlaceholder(text: string): boolean {
  const t = text.trim().toLowerCase();
  return t === '' || PLACEHOLDERS.has(t) || /^[-–—.\s]+$/.test(t);
}

/** The cell's text, or null when it is empty or a placeholder. */
export function meaningful(cell: Cell): string | null {
  const t = cellText(cell);
  return isPlaceholder(t) ? null : t;
}

const YES = new Set(['ja', 'j', 'yes', 'y', 'true', 'sant', 'x', '1', 'ok', '✓', '✔']);
const NO = new Set(['nej', 'n', 'no', 'false', 'falskt', '0']);

/**
 * Yes/no as registers write it: "Ja", "JA", "TRUE", "x", "1" are yes; "nej", "0", "FALSE" no.
 * Empty (or '.', '-', 'saknas') is null; anything else is undefined (does not fit).
 */
export function parseYesNo(cell: Cell): boolean | null | undefined {
  if (typeof cell === 'boolean') return cell;
  if (typeof cell === 'number') return cell === 1 ? true : cell === 0 ? false : undefined;
  const t = cellText(cell).toLowerCase();
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  if (isPlaceholder(t)) return null;
  if (/^(ja|yes)\b/.test(t)) return true;
  if (/^(nej|no)\b/.test(t)) return false;
  return undefined;
}

/**
 * A Swedish or English number: "1 234,50", "12 000 kr", "1.234,5", "3.5", "45 %". Null when empty;
 * undefined when the text is not a number ("ca 4 timmar", "Löpande").
 */
export function parseNumber(cell: Cell): number | null | undefined {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : undefined;
  if (typeof cell === 'boolean' || cell instanceof Date) return undefined;
  const raw = meaningful(cell);
  if (raw === null) return null;
  let t = raw
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/(kr|sek|:-|%|tkr)$/, '')
    .replace(/^(kr|sek)/, '');
  if (!/^[-+]?[\d.,]+$/.test(t)) return undefined;
  if (t.includes(',') && t.includes('.')) {
    // The later separator is the decimal one: "1.234,5" and "1,234.5".
    t = t.lastIndexOf(',') > t.lastIndexOf('.') ? t.replace(/\./g, '').replace(',', '.') : t.replace(/,/g, '');
  } else if (t.includes(',')) {
    t = /^[-+]?\d{1,3}(,\d{3})+$/.test(t) && !/^[-+]?0,/.test(t) && t.split(',').length > 2 ? t.replace(/,/g, '') : t.replace(',', '.');
  } else if ((t.match(/\./g) ?? []).length > 1) {
    t = t.replace(/\./g, '');
  }
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  januari: 1,
  january: 1,
  feb: 2,
  februari: 2,
  february: 2,
  mar: 3,
  mars: 3,
  march: 3,
  apr: 4,
  april: 4,
  maj: 5,
  may: 5,
  jun: 6,
  juni: 6,
  june: 6,
  jul: 7,
  juli: 7,
  july: 7,
  aug: 8,
  augusti: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  okt: 10,
  oct: 10,
  oktober: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

function calendar(y: number, m: number, d: number): string | undefined {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return undefined;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Excel's serial day number (1900 date system, with its phantom 29 Feb 1900) → YYYY-MM-DD. */
export function excelSerialToDate(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial > 150000) return undefined;
  const ms = Math.round((Math.floor(serial) - 25569) * 86400000);
  const d = new Date(ms);
  return calendar(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * A calendar date (YYYY-MM-DD) from what registers hold: ISO dates (with or without time),
 * "31/12/2026", "31.12.2026", "31 dec 2026", "20261231", Excel serial numbers (in CSV as text too)
 * and .xlsx date cells (exceljs gives the wall date at UTC midnight). Null when empty; undefined
 * when the text is no date ("Löpande – uppsägningstid 3–12 månader").
 */
export function parseCalendarDate(cell: Cell): string | null | undefined {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return undefined;
    return calendar(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
  }
  if (typeof cell === 'number') return excelSerialToDate(cell);
  if (typeof cell === 'boolean') return undefined;
  const t = meaningful(cell);
  if (t === null) return null;
  const s = t.toLowerCase();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) return calendar(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return calendar(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/.exec(s);
  if (m) return calendar(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return calendar(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})\s+([a-zåäö]+)\.?\s+(\d{4})$/.exec(s);
  if (m && MONTHS[m[2]!]) return calendar(Number(m[3]), MONTHS[m[2]!]!, Number(m[1]));
  m = /^(\d{4,6})(?:[.,]\d+)?$/.exec(s);
  if (m) return excelSerialToDate(Number(s.replace(',', '.')));
  return undefined;
}

export interface ClassificationCell {
  confidentiality?: number;
  integrity?: number;
  availability?: number;
  traceability?: number;
}

const ASPECT_OF_LETTER: Record<string, keyof ClassificationCell> = {
  k: 'confidentiality',
  c: 'confidentiality',
  r: 'integrity',
  i: 'integrity',
  t: 'availability',
  a: 'availability',
  s: 'traceability',
};

/**
 * A whole classification in one cell: "K3 R2 T2", "K3/R2/T2/S1", "k3,r2,t4", "K:3 R:2". Levels
 * 1–4. Null when empty; undefined when the text cannot be read as a classification. (English "T"
 * is ambiguous with Swedish "T"; in one cell we read the Swedish K R T S, with C I A as synonyms.)
 */
export function parseClassification(cell: Cell): ClassificationCell | null | undefined {
  const t = meaningful(cell);
  if (t === null) return null;
  const parts = t.toLowerCase().match(/[a-z]\s*[:=]?\s*\d/g);
  const rest = t
    .toLowerCase()
    .replace(/[a-z]\s*[:=]?\s*\d/g, '')
    .replace(/[\s/,;|+-]/g, '');
  if (!parts || rest !== '') return undefined;
  const out: ClassificationCell = {};
  for (const p of parts) {
    const aspect = ASPECT_OF_LETTER[p[0]!];
    const level = Number(p[p.length - 1]);
    if (!aspect || level < 1 || level > 4 || out[aspect] !== undefined) return undefined;
    out[aspect] = level;
  }
  return out;
}

/** One person as written in a cell: an e-mail address (UPN) and/or a name. */
export interface PersonText {
  email: string | null;
  name: string | null;
  text: string;
}

const EMAIL = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

/**
 * The people in one cell: "anna@kommun.se; bo@kommun.se", "Anna Svensson <anna@kommun.se>, Bo",
 * one per line, or separated by "/" or " och ". Placeholders give nobody.
 */
export function splitPeople(cell: Cell): PersonText[] {
  const t = meaningful(cell);
  if (t === null) return [];
  const pieces = t
    .split(/[;\n|]+|,(?![^<]*>)|\s+och\s+|\s+and\s+|\s*\/\s*(?=[^@]*@|[A-ZÅÄÖ])/)
    .map((p) => p.trim())
    .filter((p) => p && !isPlaceholder(p));
  return pieces.map((p) => {
    const email = EMAIL.exec(p)?.[0]?.toLowerCase() ?? null;
    const name =
      p
        .replace(EMAIL, '')
        .replace(/[<>()[\]"]/g, '')
        .trim() || null;
    return { email, name, text: p };
  });
}
