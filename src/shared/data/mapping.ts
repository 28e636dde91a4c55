import type { FieldSpec, ListKey, ListSpec } from '../schema/index.js';
import { listSpec } from '../schema/index.js';
import { calendarDateToStored, stockholmDate } from '../../domain/calendar.js';

/**
 * Item ↔ domain mapping for every list, derived from the schema: the one place that knows how a
 * SharePoint item's JSON (JSON light, minimal metadata) becomes a domain record and back.
 */

type Json = Record<string, unknown>;

function isPersonOrLookup(f: FieldSpec): f is Extract<FieldSpec, { type: 'user' | 'userMulti' | 'lookup' | 'lookupMulti' }> {
  return f.type === 'user' || f.type === 'userMulti' || f.type === 'lookup' || f.type === 'lookupMulti';
}

function isMulti(f: FieldSpec): boolean {
  return f.type === 'userMulti' || f.type === 'lookupMulti';
}

/** $select and $expand for reading full records; persons/lookups are expanded for their names. */
export function selectFor(list: ListKey): { select: string[]; expand: string[] } {
  const spec = listSpec(list);
  const select = ['Id', 'Created', 'Modified', 'AuthorId', 'EditorId'];
  const expand: string[] = [];
  for (const f of spec.fields) {
    if (isPersonOrLookup(f)) {
      const n = f.internalName;
      select.push(`${n}Id`, `${n}/Id`, `${n}/Title`);
      if (f.type === 'user' || f.type === 'userMulti') select.push(`${n}/EMail`);
      expand.push(n);
    } else {
      select.push(f.internalName);
    }
  }
  return { select, expand };
}

function personFrom(raw: unknown, id: unknown): { id: number; title?: string; email?: string } | null {
  if (raw && typeof raw === 'object' && typeof (raw as Json).Id === 'number') {
    const r = raw as Json;
    return {
      id: r.Id as number,
      ...(typeof r.Title === 'string' ? { title: r.Title } : {}),
      ...(typeof r.EMail === 'string' && r.EMail ? { email: r.EMail } : {}),
    };
  }
  return typeof id === 'number' ? { id } : null;
}

function idsOf(value: unknown): number[] {
  if (Array.isArray(value)) return value.filter((v): v is number => typeof v === 'number');
  // Verbose-style replies wrap arrays as { results: [...] }.
  if (value && typeof value === 'object' && Array.isArray((value as Json).results)) return idsOf((value as Json).results);
  return [];
}

function fieldFromItem(f: FieldSpec, item: Json): unknown {
  const n = f.internalName;
  switch (f.type) {
    case 'user':
    case 'lookup': {
      const ref = personFrom(item[n], item[`${n}Id`]);
      if (ref && f.type === 'lookup') delete ref.email;
      return ref;
    }
    case 'userMulti':
    case 'lookupMulti': {
      const expanded = Array.isArray(item[n]) ? (item[n] as unknown[]) : [];
      if (expanded.length > 0) return expanded.map((e) => personFrom(e, undefined)).filter((x) => x !== null);
      return idsOf(item[`${n}Id`]).map((id) => ({ id }));
    }
    case 'dateTime': {
      const v = item[n];
      if (typeof v !== 'string' || !v) return null;
      return f.dateOnly ? stockholmDate(v) : v;
    }
    case 'boolean':
      return typeof item[n] === 'boolean' ? item[n] : null;
    case 'number':
    case 'currency':
      return typeof item[n] === 'number' ? item[n] : null;
    default: {
      const v = item[n];
      return v === undefined || v === '' ? null : v;
    }
  }
}

export function fromItem<T>(list: ListKey, item: Json): T {
  const spec = listSpec(list);
  const record: Json = {
    id: item.Id ?? item.ID,
    etag: (item['odata.etag'] as string | undefined) ?? '*',
    created: item.Created ?? null,
    modified: item.Modified ?? null,
    authorId: item.AuthorId ?? null,
    editorId: item.EditorId ?? null,
  };
  for (const f of spec.fields) record[f.key] = fieldFromItem(f, item);
  return record as T;
}

function refId(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'object' && typeof (value as Json).id === 'number') return (value as Json).id as number;
  throw new TypeError('Förväntade en referens med id.');
}

/** Domain values → the JSON body SharePoint expects. Keys not in the schema are rejected. */
export function toItem(list: ListKey, values: Json): Json {
  const spec: ListSpec = listSpec(list);
  const body: Json = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const f = spec.fields.find((x) => x.key === key);
    if (!f) throw new TypeError(`Okänt fält '${key}' för listan '${list}'.`);
    const n = f.internalName;
    if (isPersonOrLookup(f)) {
      if (isMulti(f)) body[`${n}Id`] = ((value as unknown[] | null) ?? []).map((v) => refId(v));
      else body[`${n}Id`] = refId(value);
    } else if (f.type === 'dateTime') {
      body[n] = value === null ? null : f.dateOnly ? dateOnlyToSharePoint(value as string) : value;
    } else {
      body[n] = value;
    }
  }
  return body;
}

/**
 * Calendar dates are written at 12:00 UTC: whatever time zone the site uses, the stored instant
 * falls on the same calendar day, and reading converts back through Europe/Stockholm.
 */
export function dateOnlyToSharePoint(date: string): string {
  return calendarDateToStored(date);
}
