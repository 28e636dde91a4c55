/**
 * Validation of a system in the register (create, edit, yearly review, classification), as one pure
 * function used by the tab (messages next to the field) and by the Systemkoll API (authoritative,
 * 400 with the same field-keyed messages). The field list is passed in — the schema's, from
 * manifest/ — so lengths and number ranges come from the one description of the list.
 *
 * A patch is checked against the system it changes (`current`): rules that tie fields together (a
 * level of 3 or more needs its justification) are judged on the result, but reported only when the
 * patch touches one of their fields, so an old gap never blocks an unrelated edit.
 */
import type { FieldSpec } from '../shared/schema/index.js';
import { isCalendarDate } from './calendar.js';

export type SystemProblemCode =
  | 'required'
  | 'notText'
  | 'tooLong'
  | 'notNumber'
  | 'notInteger'
  | 'tooSmall'
  | 'tooLarge'
  | 'tooManyDecimals'
  | 'notDate'
  | 'notHttps'
  | 'notChoice'
  | 'notBoolean'
  | 'notPerson'
  | 'notLookup'
  | 'reasonRequired'
  | 'dependsOnItself'
  | 'readOnly'
  | 'unknownField';

export interface SystemProblem {
  field: string;
  code: SystemProblemCode;
  /** Bounds or lengths the message names. */
  params?: Record<string, number | string>;
  /** Swedish message for the user. */
  message: string;
}

export type SystemValidation = { ok: true; value: Record<string, unknown> } | { ok: false; problems: SystemProblem[] };

/** Longest text kept in a note (multi-line) field. */
export const NOTE_MAX_LENGTH = 10_000;

/** Fields the API stamps itself (who reviewed or classified); never taken from a client. */
export const STAMPED_SYSTEM_FIELDS = ['lastReviewedBy', 'classifiedBy'] as const;

/** Levels 1–4 with the justification each needs from level 3. */
export const LEVEL_REASONS = {
  confidentiality: 'confidentialityReason',
  integrity: 'integrityReason',
  availability: 'availabilityReason',
  traceability: 'traceabilityReason',
} as const;

/** The level from which a justification is required. */
export const REASON_FROM_LEVEL = 3;

const MESSAGES: Record<SystemProblemCode, (p: Record<string, number | string>) => string> = {
  required: () => 'Fältet måste fyllas i.',
  notText: () => 'Ange en text.',
  tooLong: (p) => `Högst ${p.max} tecken (nu ${p.length}).`,
  notNumber: () => 'Ange ett tal.',
  notInteger: () => 'Ange ett heltal.',
  tooSmall: (p) => `Ange minst ${p.min}.`,
  tooLarge: (p) => `Ange högst ${p.max}.`,
  tooManyDecimals: (p) => `Högst ${p.decimals} decimal${p.decimals === 1 ? '' : 'er'}.`,
  notDate: () => 'Ange ett giltigt datum (ÅÅÅÅ-MM-DD).',
  notHttps: () => 'Ange en fullständig webbadress som börjar med https://.',
  notChoice: () => 'Välj ett av alternativen.',
  notBoolean: () => 'Välj ja eller nej.',
  notPerson: () => 'Välj en person i katalogen.',
  notLookup: () => 'Välj ett system eller en förvaltning i listan.',
  reasonRequired: (p) => `Motivera nivå ${p.level} (krävs från nivå ${REASON_FROM_LEVEL}).`,
  dependsOnItself: () => 'Ett system kan inte vara beroende av sig självt.',
  readOnly: () => 'Fältet sätts av Systemkoll och kan inte ändras här.',
  unknownField: () => 'Okänt fält.',
};

function problem(field: string, code: SystemProblemCode, params: Record<string, number | string> = {}): SystemProblem {
  return { field, code, ...(Object.keys(params).length ? { params } : {}), message: MESSAGES[code](params) };
}

/** Link fields: the schema's text fields whose key ends in `Url`. */
export function isUrlField(field: FieldSpec): boolean {
  return field.type === 'text' && /Url$/.test(field.key);
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

function decimalsOf(n: number): number {
  const s = String(n);
  if (s.includes('e')) return 0;
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

function isRef(value: unknown): value is { id: number } {
  return (
    typeof value === 'object' && value !== null && Number.isInteger((value as { id?: unknown }).id) && (value as { id: number }).id > 0
  );
}

/**
 * One field's value: the normalised value (trimmed text, null for empty) or a problem. Exported for
 * other lists' numbers (an action's hours and cost) that follow the same rules.
 */
export function checkField(field: FieldSpec, raw: unknown): { value: unknown } | { problem: SystemProblem } {
  const key = field.key;
  if (isEmpty(raw)) {
    if (field.required) return { problem: problem(key, 'required') };
    if (field.type === 'userMulti' || field.type === 'lookupMulti') return { value: [] };
    return { value: null };
  }
  switch (field.type) {
    case 'text':
    case 'note': {
      if (typeof raw !== 'string') return { problem: problem(key, 'notText') };
      const value = raw.trim();
      const max = field.type === 'text' ? (field.maxLength ?? 255) : NOTE_MAX_LENGTH;
      if (value.length > max) return { problem: problem(key, 'tooLong', { max, length: value.length }) };
      if (field.type === 'text' && isUrlField(field)) {
        let url: URL | null = null;
        try {
          url = new URL(value);
        } catch {
          url = null;
        }
        if (!url || url.protocol !== 'https:' || !url.hostname || /\s/.test(value)) return { problem: problem(key, 'notHttps') };
      }
      return { value };
    }
    case 'number':
    case 'currency': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim().replace(/\s/g, '').replace(',', '.')) : NaN;
      if (!Number.isFinite(n)) return { problem: problem(key, 'notNumber') };
      const min = field.type === 'number' ? field.min : 0;
      const max = field.type === 'number' ? field.max : undefined;
      const decimals = field.type === 'number' ? field.decimals : 2;
      if (decimals === 0 && !Number.isInteger(n)) return { problem: problem(key, 'notInteger') };
      if (decimals !== undefined && decimals > 0 && decimalsOf(n) > decimals)
        return { problem: problem(key, 'tooManyDecimals', { decimals }) };
      if (min !== undefined && n < min) return { problem: problem(key, 'tooSmall', { min }) };
      if (max !== undefined && n > max) return { problem: problem(key, 'tooLarge', { max }) };
      return { value: n };
    }
    case 'boolean':
      return typeof raw === 'boolean' ? { value: raw } : { problem: problem(key, 'notBoolean') };
    case 'dateTime':
      if (field.dateOnly) return isCalendarDate(raw) ? { value: raw } : { problem: problem(key, 'notDate') };
      return typeof raw === 'string' && !Number.isNaN(Date.parse(raw)) ? { value: raw } : { problem: problem(key, 'notDate') };
    case 'choice':
      return typeof raw === 'string' && field.choices.includes(raw) ? { value: raw } : { problem: problem(key, 'notChoice') };
    case 'user':
      return isRef(raw) ? { value: { id: raw.id } } : { problem: problem(key, 'notPerson') };
    case 'lookup':
      return isRef(raw) ? { value: { id: raw.id } } : { problem: problem(key, 'notLookup') };
    case 'userMulti':
      return Array.isArray(raw) && raw.every(isRef)
        ? { value: [...new Set(raw.map((r) => r.id))].map((id) => ({ id })) }
        : { problem: problem(key, 'notPerson') };
    case 'lookupMulti':
      return Array.isArray(raw) && raw.every(isRef)
        ? { value: [...new Set(raw.map((r) => r.id))].map((id) => ({ id })) }
        : { problem: problem(key, 'notLookup') };
  }
}

export interface ValidateSystemOptions {
  /** The list's fields (the schema's `systems` fields). */
  fields: readonly FieldSpec[];
  /** The stored system a patch changes; absent when creating. */
  current?: Record<string, unknown> & { id?: number };
  /** Fields the caller may not set (default the stamped ones). */
  readOnly?: readonly string[];
}

/**
 * Checks a new system (no `current`: every field, the name required) or a patch (only the fields
 * it holds). Returns the normalised patch or every problem, one per field at most.
 */
export function validateSystem(input: Record<string, unknown>, options: ValidateSystemOptions): SystemValidation {
  const byKey = new Map(options.fields.map((f) => [f.key, f]));
  const readOnly = new Set(options.readOnly ?? STAMPED_SYSTEM_FIELDS);
  const creating = !options.current;
  const problems: SystemProblem[] = [];
  const value: Record<string, unknown> = {};
  const touched = new Set(Object.keys(input));

  for (const key of Object.keys(input)) {
    const field = byKey.get(key);
    if (!field) {
      problems.push(problem(key, 'unknownField'));
      continue;
    }
    if (readOnly.has(key)) {
      problems.push(problem(key, 'readOnly'));
      continue;
    }
    const r = checkField(field, input[key]);
    if ('problem' in r) problems.push(r.problem);
    else value[key] = r.value;
  }
  if (creating)
    for (const field of options.fields)
      if (field.required && !touched.has(field.key) && !problems.some((p) => p.field === field.key))
        problems.push(problem(field.key, 'required'));

  // Rules over several fields, judged on the result.
  const result = (key: string): unknown => (key in value ? value[key] : options.current?.[key]);
  const failed = new Set(problems.map((p) => p.field));
  for (const [levelKey, reasonKey] of Object.entries(LEVEL_REASONS)) {
    if (!byKey.has(levelKey) || !byKey.has(reasonKey)) continue;
    if (!(touched.has(levelKey) || touched.has(reasonKey)) || failed.has(levelKey) || failed.has(reasonKey)) continue;
    const level = result(levelKey);
    if (typeof level === 'number' && level >= REASON_FROM_LEVEL && isEmpty(result(reasonKey)))
      problems.push(problem(reasonKey, 'reasonRequired', { level }));
  }
  if (byKey.has('societallyCritical') && byKey.has('societallyCriticalReason')) {
    const t = touched.has('societallyCritical') || touched.has('societallyCriticalReason');
    if (
      t &&
      !failed.has('societallyCriticalReason') &&
      result('societallyCritical') === true &&
      isEmpty(result('societallyCriticalReason'))
    )
      problems.push({ ...problem('societallyCriticalReason', 'required'), message: 'Motivera varför systemet är samhällsviktigt.' });
  }
  const selfId = options.current?.id;
  if (selfId !== undefined && Array.isArray(value.dependsOn) && (value.dependsOn as { id: number }[]).some((r) => r.id === selfId))
    problems.push(problem('dependsOn', 'dependsOnItself'));

  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}

/** Problems as `{ field: message }` (the first per field), as the API sends them and forms show them. */
export function problemsByField(problems: readonly SystemProblem[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problems) if (!(p.field in out)) out[p.field] = p.message;
  return out;
}
