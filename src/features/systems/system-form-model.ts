/**
 * The system form's model, kept pure: what a field looks like as typed (strings), how typed input
 * becomes a patch of only what changed (checked with the register's rules, the same the API runs),
 * and which fields two versions of a system differ in (a conflict shows the other person's change).
 */
import { checkField, validateSystem, type SystemProblem } from '../../domain/system-validation.js';
import type { SystemRecord } from '../../shared/schema/index.js';
import { systemField } from './system-sections.js';

/** A chosen person or system in a picker field (the title only for showing it). */
export interface FormRef {
  id: number;
  title?: string;
  email?: string;
}

/**
 * What the user typed, per field (booleans as 'true'/'false', empty string for nothing); the picker
 * fields (people and the dependencies) hold what was chosen, at most one for a single person.
 */
export type SystemForm = Record<string, string | readonly FormRef[]>;

/** Fields the form edits with a picker: people from the directory and systems from the register. */
export function isPickerField(key: string): boolean {
  const t = systemField(key).type;
  return t === 'user' || t === 'userMulti' || t === 'lookupMulti';
}

function refsOf(value: unknown): FormRef[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return (list as FormRef[])
    .filter((r) => r && typeof r.id === 'number')
    .map((r) => ({ id: r.id, ...(r.title ? { title: r.title } : {}), ...(r.email ? { email: r.email } : {}) }));
}

type Loose = Record<string, unknown>;

/** A stored value as the form shows it. */
export function formValue(key: string, value: unknown): string | FormRef[] {
  if (isPickerField(key)) return refsOf(value);
  if (value === null || value === undefined) return '';
  const f = systemField(key);
  if (f.type === 'lookup') return String((value as { id: number }).id);
  if (f.type === 'boolean') return value ? 'true' : 'false';
  if (f.type === 'number' || f.type === 'currency') return String(value).replace('.', ',');
  return String(value);
}

export function formFromSystem(system: Partial<SystemRecord> | null, keys: readonly string[]): SystemForm {
  const s = (system ?? {}) as Loose;
  return Object.fromEntries(keys.map((k) => [k, formValue(k, s[k])]));
}

/**
 * Input as the value the rules check and the API takes: a lookup or person by id (`{ id }`, null for
 * nobody), several as a list of `{ id }`, booleans as booleans.
 */
export function rawValue(key: string, input: string | readonly FormRef[]): unknown {
  const f = systemField(key);
  if (typeof input !== 'string') {
    const ids = input.map((r) => ({ id: r.id }));
    if (f.type === 'user') return ids[0] ?? null;
    return ids;
  }
  if (input.trim() === '') return null;
  if (f.type === 'boolean') return input === 'true';
  if (f.type === 'lookup' || f.type === 'user') return { id: Number(input) };
  return input;
}

function comparable(key: string, value: unknown): string {
  const f = systemField(key);
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return '';
  if (f.type === 'lookup' || f.type === 'user') return String((value as { id: number }).id);
  if (f.type === 'lookupMulti' || f.type === 'userMulti')
    return (value as { id: number }[])
      .map((r) => r.id)
      .sort((a, b) => a - b)
      .join(',');
  if (typeof value === 'string') return value.trim();
  return String(value);
}

/** True when a field holds the same in both (trimmed text, ids of people and lookups). */
export function sameValue(key: string, a: unknown, b: unknown): boolean {
  return comparable(key, a) === comparable(key, b);
}

export type FormResult = { ok: true; patch: Record<string, unknown> } | { ok: false; errors: Record<string, string> };

/**
 * The fields the user changed compared with `base` (the version the form started from), checked
 * with the register's rules against `base`; errors keyed by field, the first message per field.
 * Without `base` (a new system) every filled-in field is sent.
 */
export function patchFromForm(form: SystemForm, base: (Partial<SystemRecord> & { id?: number }) | null): FormResult {
  const errors: Record<string, string> = {};
  const changed: Record<string, unknown> = {};
  const b = (base ?? {}) as Loose;
  for (const [key, text] of Object.entries(form)) {
    const raw = rawValue(key, text);
    const r = checkField(systemField(key), raw);
    if ('problem' in r) {
      errors[key] = r.problem.message;
      continue;
    }
    const empty = r.value === null || (Array.isArray(r.value) && r.value.length === 0);
    if (base ? !sameValue(key, r.value, b[key]) : !empty) changed[key] = raw;
  }
  const checked = validateSystem(changed, { fields: [...Object.keys(form).map(systemField)], ...(base ? { current: b } : {}) });
  if (!checked.ok) for (const p of checked.problems as SystemProblem[]) if (!(p.field in errors)) errors[p.field] = p.message;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, patch: checked.ok ? checked.value : {} };
}

/** The fields (of `keys`) in which two versions of a system differ. */
export function changedFields(a: Partial<SystemRecord>, b: Partial<SystemRecord>, keys: readonly string[]): string[] {
  return keys.filter((k) => !sameValue(k, (a as Loose)[k], (b as Loose)[k]));
}
