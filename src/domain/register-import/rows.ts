/**
 * One imported row → the values it gives the system register, with a Swedish message for each
 * value that did not fit (naming the column and the value). Nothing is dropped: a value that does
 * not fit its field is kept as a line in the system's note field. Pure: people, departments and
 * other lookups are resolved by the caller beforehand and passed in.
 */
import type { FieldSpec } from '../../shared/schema/index.js';
import { CLASSIFICATION_TARGET, type MappedColumn } from './columns.js';
import {
  cellText,
  meaningful,
  normaliseKey,
  parseCalendarDate,
  parseClassification,
  parseNumber,
  parseYesNo,
  splitPeople,
  type Cell,
  type PersonText,
} from './normalise.js';

export interface Ref {
  id: number;
  title?: string;
}

export interface Resolvers {
  /** A person by e-mail (lower case) → the site user, or null when the directory has nobody. */
  person(email: string): Ref | null;
  /** An item of the list a lookup field points at, by its title (or code), or null. */
  lookup(field: FieldSpec & { type: 'lookup' | 'lookupMulti' }, text: string): Ref | null;
  /**
   * True when an unresolved lookup value names an item this import is about to create (a
   * dependency on a system further down the file): the field is left out for now, not warned about.
   */
  later?: ((field: FieldSpec & { type: 'lookup' | 'lookupMulti' }, text: string) => boolean) | undefined;
  /** Extra labels a choice value goes by (the tab's labels), normalised → stored value. */
  choiceLabels?: Record<string, Record<string, string>>;
}

export interface InterpretedRow {
  /** The system's name as the row gives it (trimmed), '' when missing. */
  title: string;
  /** Field key → domain value (null clears); only fields the file's columns feed. */
  values: Record<string, unknown>;
  /** "<column>: <value>" lines to keep in the note field (values that did not fit). */
  misfits: string[];
  warnings: string[];
  errors: string[];
  /** Some lookup waits for an item this import creates (see Resolvers.later). */
  deferred: boolean;
}

/**
 * A single-person field and the team field beside it: several people in the single field's cell
 * make the first the accountable one and all of them the team (when no column feeds the team).
 */
export const TEAM_OF: Record<string, string> = { systemAdministrator: 'administrators' };

const q = (text: string) => `"${text.length > 120 ? `${text.slice(0, 117)}…` : text}"`;

function fieldName(f: FieldSpec): string {
  return f.title.sv;
}

/** The people of a row's person columns as written, for resolving them all at once. */
export function peopleInRow(columns: readonly MappedColumn[], fields: readonly FieldSpec[], cells: readonly Cell[]): PersonText[] {
  const out: PersonText[] = [];
  for (const c of columns) {
    const f = fields.find((x) => x.key === c.target);
    if (f && (f.type === 'user' || f.type === 'userMulti')) out.push(...splitPeople(cells[c.index]));
  }
  return out;
}

/** The field that keeps values that did not fit: the first note field of `preferred` the schema has. */
export function notesFieldOf(
  fields: readonly FieldSpec[],
  preferred: readonly string[] = ['importNotes', 'notes', 'comments', 'description'],
) {
  for (const key of preferred) {
    const f = fields.find((x) => x.key === key && x.type === 'note');
    if (f) return f;
  }
  return fields.find((x) => x.type === 'note') ?? null;
}

/** The note text with every misfit line present once (lines already there are not added again). */
export function withMisfits(
  note: string | null,
  misfits: readonly string[],
  heading = 'Från importen (värden som inte passade sitt fält):',
): string | null {
  const base = (note ?? '').replace(/\r\n?/g, '\n').trimEnd();
  const missing = misfits.filter((m) => !base.includes(`- ${m}`));
  if (missing.length === 0) return base === '' ? null : base;
  const lines = missing.map((m) => `- ${m}`).join('\n');
  if (base.includes(heading)) return `${base}\n${lines}`;
  return `${base ? `${base}\n\n` : ''}${heading}\n${lines}`;
}

function choiceValue(f: FieldSpec & { type: 'choice' }, text: string, labels: Record<string, string> | undefined): string | undefined {
  const key = normaliseKey(text);
  const direct = f.choices.find((c) => normaliseKey(c) === key);
  if (direct) return direct;
  if (labels?.[key]) return labels[key];
  // A yes/no choice ("ja"/"nej") takes every spelling of yes and no.
  if (f.choices.includes('ja') && f.choices.includes('nej')) {
    const yn = parseYesNo(text);
    if (yn === true) return 'ja';
    if (yn === false) return 'nej';
  }
  return undefined;
}

/**
 * Reads one row. `notes` is the field misfits go to (see notesFieldOf); its own column, when the
 * file has one, gives the base text and the misfit lines are added below it.
 */
export function interpretRow(
  columns: readonly MappedColumn[],
  fields: readonly FieldSpec[],
  cells: readonly Cell[],
  resolvers: Resolvers,
  notes: FieldSpec | null,
): InterpretedRow {
  const values: Record<string, unknown> = {};
  const misfits: string[] = [];
  const warnings: string[] = [];
  const errors: string[] = [];
  const notesName = notes ? q(fieldName(notes)) : null;
  const keep = (column: string, text: string, why: string) => {
    if (notes) {
      misfits.push(`${column}: ${text}`);
      warnings.push(`Kolumnen ${q(column)}: ${q(text)} ${why}; texten sparas i ${notesName}.`);
    } else {
      warnings.push(`Kolumnen ${q(column)}: ${q(text)} ${why} och kunde inte sparas.`);
    }
  };
  let deferred = false;
  let title = '';

  // The combined classification first, so separate K/R/T/S columns override it.
  const ordered = [...columns].sort((a, b) => Number(b.target === CLASSIFICATION_TARGET) - Number(a.target === CLASSIFICATION_TARGET));
  for (const c of ordered) {
    if (!c.target) continue;
    const cell = cells[c.index];
    const raw = cellText(cell);
    if (c.target === CLASSIFICATION_TARGET) {
      const parsed = parseClassification(cell);
      if (parsed === undefined) {
        keep(c.header, raw, 'går inte att läsa som klassning (t.ex. "K3 R2 T2 S1")');
        continue;
      }
      for (const aspect of ['confidentiality', 'integrity', 'availability', 'traceability'] as const) {
        if (fields.some((f) => f.key === aspect)) values[aspect] = parsed?.[aspect] ?? null;
      }
      continue;
    }
    const f = fields.find((x) => x.key === c.target);
    if (!f) continue;
    const text = meaningful(cell);
    switch (f.type) {
      case 'text':
      case 'note': {
        const v = f.type === 'note' ? (raw === '' || text === null ? null : raw) : text;
        if (f.key === 'title') {
          // "-" or "saknas" is no name either.
          title = text === null ? '' : raw.replace(/\s*\n\s*/g, ' ');
          if (title) values.title = title;
          break;
        }
        if (f.type === 'text' && v && f.maxLength && v.length > f.maxLength) {
          keep(c.header, v, `är längre än ${f.maxLength} tecken`);
          break;
        }
        values[f.key] = v;
        break;
      }
      case 'number':
      case 'currency': {
        const n = parseNumber(cell);
        if (n === undefined) {
          keep(c.header, raw, 'är inget tal');
          break;
        }
        if (n !== null && f.type === 'number') {
          if ((f.min !== undefined && n < f.min) || (f.max !== undefined && n > f.max)) {
            keep(c.header, raw, `ligger utanför ${f.min ?? '–'}–${f.max ?? '–'}`);
            break;
          }
          if (f.decimals === 0 && !Number.isInteger(n)) {
            keep(c.header, raw, 'är inget heltal');
            break;
          }
        }
        values[f.key] = n;
        break;
      }
      case 'boolean': {
        const b = parseYesNo(cell);
        if (b === undefined) keep(c.header, raw, 'är varken ja eller nej');
        else values[f.key] = b;
        break;
      }
      case 'choice': {
        if (text === null) {
          values[f.key] = null;
          break;
        }
        const v = choiceValue(f, text, resolvers.choiceLabels?.[f.key]);
        const societal = fields.find((x) => x.key === 'societallyCritical' && x.type === 'boolean');
        if (v === undefined && f.key === 'criticality' && societal && normaliseKey(text) === 'samhallsviktig') {
          // Version 1's 'samhällsviktig' level, as old registers write it: now its own yes/no
          // beside "verksamhetskritisk" (the same rule as provisioning's migration).
          values[f.key] = f.choices.includes('verksamhetskritisk') ? 'verksamhetskritisk' : null;
          if (!columns.some((x) => x.target === societal.key)) values[societal.key] = true;
          break;
        }
        if (v === undefined) keep(c.header, text, `är inget av alternativen (${f.choices.join(', ')})`);
        else values[f.key] = v;
        break;
      }
      case 'dateTime': {
        const d = parseCalendarDate(cell);
        if (d === undefined) keep(c.header, raw, 'är inget datum');
        else if (d === null) values[f.key] = null;
        else values[f.key] = f.dateOnly ? d : `${d}T12:00:00Z`;
        break;
      }
      case 'user':
      case 'userMulti': {
        const people = splitPeople(cell);
        const found: (Ref & { text: string })[] = [];
        for (const p of people) {
          if (!p.email) {
            keep(c.header, p.text, 'saknar e-postadress och kan inte kopplas till en användare');
            continue;
          }
          const user = resolvers.person(p.email);
          if (!user) {
            keep(c.header, p.text, 'finns inte i katalogen och kopplades inte till någon användare');
            continue;
          }
          if (!found.some((u) => u.id === user.id)) found.push({ id: user.id, text: p.text });
        }
        const unresolved = people.length > 0 && found.length === 0;
        if (f.type === 'userMulti') {
          if (!unresolved) values[f.key] = found.map((u) => ({ id: u.id }));
        } else {
          if (!unresolved) values[f.key] = found[0] ? { id: found[0].id } : null;
          const team = fields.find((x) => x.key === TEAM_OF[f.key] && x.type === 'userMulti');
          const teamFed = team && columns.some((x) => x.target === team.key);
          if (found.length > 1 && team && !teamFed) {
            values[team.key] = found.map((u) => ({ id: u.id }));
          } else if (found.length > 1) {
            const rest = found.slice(1).map((u) => u.text);
            keep(c.header, rest.join('; '), `sparas inte i ${q(fieldName(f))}, som rymmer en person`);
          }
        }
        break;
      }
      case 'lookup':
      case 'lookupMulti': {
        const names =
          f.type === 'lookup'
            ? text === null
              ? []
              : [text]
            : (text ?? '')
                .split(/[;\n]+|,\s*/)
                .map((s) => s.trim())
                .filter((s) => s && meaningful(s) !== null);
        const found: Ref[] = [];
        let waits = false;
        for (const name of names) {
          const ref = resolvers.lookup(f, name);
          if (ref) found.push({ id: ref.id });
          else if (resolvers.later?.(f, name)) waits = true;
          else
            warnings.push(
              `Kolumnen ${q(c.header)}: ${q(name)} finns inte i listan ${q(fieldName(f))}; fältet lämnas ${f.type === 'lookup' ? 'tomt' : 'utan det värdet'}.`,
            );
        }
        if (waits) deferred = true;
        else if (f.type === 'lookup') values[f.key] = found[0] ?? null;
        else values[f.key] = found;
        break;
      }
    }
  }
  if (!title) errors.push('Systemnamnet saknas – raden kan inte importeras.');
  return { title, values, misfits, warnings, errors, deferred };
}

function same(f: FieldSpec | undefined, a: unknown, b: unknown): boolean {
  const empty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
  if (empty(a) && empty(b)) return true;
  if (empty(a) !== empty(b)) return false;
  if (f && (f.type === 'user' || f.type === 'lookup')) return (a as Ref).id === (b as Ref).id;
  if (f && (f.type === 'userMulti' || f.type === 'lookupMulti')) {
    const ids = (v: unknown) =>
      (v as Ref[])
        .map((r) => r.id)
        .sort((x, y) => x - y)
        .join(',');
    return ids(a) === ids(b);
  }
  if (f?.type === 'note' || f?.type === 'text')
    return String(a).replace(/\r\n?/g, '\n').trim() === String(b).replace(/\r\n?/g, '\n').trim();
  if (f?.type === 'dateTime' && !f.dateOnly) return Date.parse(String(a)) === Date.parse(String(b));
  return a === b;
}

/** The fields whose desired value differs from the stored record (all of them for a new system). */
export function changedValues(
  fields: readonly FieldSpec[],
  desired: Record<string, unknown>,
  existing: Record<string, unknown> | null,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(desired)) {
    if (value === undefined) continue;
    const f = fields.find((x) => x.key === key);
    if (existing === null) {
      if (value !== null && !(Array.isArray(value) && value.length === 0)) out[key] = value;
    } else if (!same(f, value, existing[key])) {
      out[key] = value;
    }
  }
  return out;
}

/** The key that identifies a system in a register: its name and förvaltning, case and diacritics aside. */
export function systemKey(title: string, departmentId: number | null | undefined): string {
  return `${normaliseKey(title)}|${departmentId ?? ''}`;
}
