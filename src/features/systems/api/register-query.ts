/**
 * The register list's filters: URL query ↔ filter state ↔ the SharePoint query the page sends.
 * Pure (no I/O, "today" is a parameter), so the mapping is unit-tested on its own.
 *
 * Every server-side clause is on an indexed column of Systemregister (Title, Supplier, Department,
 * LifecycleStatus, Criticality, SocietallyCritical, SystemOwner, SystemAdministrator,
 * ContractEndDate), so the query stays valid past SharePoint's 5,000-item list view threshold; the
 * most selective clause comes first. The classification level (Confidentiality, Integrity,
 * Availability, Traceability) is not indexed and is therefore never sent to SharePoint: it is
 * applied client-side to the already-loaded narrow rows (see `matchesClientSide`).
 */
import { addCalendarDays } from '../../../domain/calendar.js';
import { highestLevel } from '../../../domain/classification.js';
import { where, type Filter } from '../../../shared/data/filter.js';
import type { FieldKey, SystemRecord } from '../../../shared/schema/index.js';

export const LIFECYCLE = ['planerad', 'i drift', 'under avveckling', 'avvecklad'] as const;
export const CRITICALITY = ['verksamhetskritisk', 'övrig'] as const;
export const SORT_KEYS = ['name', 'department', 'owner', 'supplier', 'criticality', 'classification', 'contract'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface RegisterFilters {
  /** Name or supplier starts with (case-insensitive in SharePoint). */
  q: string;
  /** Department code (Avdelningar.DepartmentCode), e.g. "SOC". */
  dept: string | null;
  lifecycle: (typeof LIFECYCLE)[number] | null;
  criticality: (typeof CRITICALITY)[number] | null;
  /** Samhällsviktig yes/no. */
  societal: boolean | null;
  /** Any of K/R/T/S at least this level (2–4). */
  minLevel: 2 | 3 | 4 | null;
  /** 'me' or a site user id. */
  owner: 'me' | number | null;
  /** Missing system owner or system administrator. */
  missingOwner: boolean;
  /** Contract ends within this many days from today (today included). */
  contractDays: number | null;
  /**
   * Only systems with at least one open task the caller can see (all tasks for coordinators and
   * admins, one's own for everyone else). Applied client-side: the tasks come from the Systemkoll
   * API, not from SharePoint (see `matchesClientSide`).
   */
  openTasks: boolean;
  sort: SortKey;
  descending: boolean;
}

export const emptyFilters: RegisterFilters = {
  q: '',
  dept: null,
  lifecycle: null,
  criticality: null,
  societal: null,
  minLevel: null,
  owner: null,
  missingOwner: false,
  contractDays: null,
  openTasks: false,
  sort: 'name',
  descending: false,
};

/** URL parameter names (Swedish, short, stable: they are deep links). */
const P = {
  q: 'q',
  dept: 'dept',
  lifecycle: 'livscykel',
  criticality: 'krit',
  societal: 'samhallsviktig',
  minLevel: 'klass',
  owner: 'agare',
  missingOwner: 'saknarAgare',
  contractDays: 'avtalInom',
  openTasks: 'uppgifter',
  sort: 'sort',
  descending: 'fallande',
} as const;

/** Every URL parameter the register reads (others, such as lang and theme, are left alone). */
export const REGISTER_PARAMS: ReadonlySet<string> = new Set(Object.values(P));

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;
}

/** Filters from the URL; unknown or malformed values are ignored rather than failing the page. */
export function filtersFromParams(params: URLSearchParams): RegisterFilters {
  const level = Number(params.get(P.minLevel));
  const days = Number(params.get(P.contractDays));
  const owner = params.get(P.owner);
  const yesNo = params.get(P.societal);
  return {
    q: (params.get(P.q) ?? '').slice(0, 100),
    dept: params.get(P.dept)?.trim() || null,
    lifecycle: oneOf(LIFECYCLE, params.get(P.lifecycle)),
    criticality: oneOf(CRITICALITY, params.get(P.criticality)),
    societal: yesNo === 'ja' ? true : yesNo === 'nej' ? false : null,
    minLevel: level === 2 || level === 3 || level === 4 ? level : null,
    owner: owner === 'me' ? 'me' : owner && /^\d{1,9}$/.test(owner) && Number(owner) > 0 ? Number(owner) : null,
    missingOwner: params.get(P.missingOwner) === 'ja',
    contractDays: Number.isInteger(days) && days > 0 && days <= 3650 ? days : null,
    openTasks: params.get(P.openTasks) === 'ja',
    sort: oneOf(SORT_KEYS, params.get(P.sort)) ?? 'name',
    descending: params.get(P.descending) === 'ja',
  };
}

/** The URL query for filters: only what differs from the default, in a stable order. */
export function filtersToParams(f: RegisterFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q.trim()) p.set(P.q, f.q.trim());
  if (f.dept) p.set(P.dept, f.dept);
  if (f.lifecycle) p.set(P.lifecycle, f.lifecycle);
  if (f.criticality) p.set(P.criticality, f.criticality);
  if (f.societal !== null) p.set(P.societal, f.societal ? 'ja' : 'nej');
  if (f.minLevel) p.set(P.minLevel, String(f.minLevel));
  if (f.owner !== null) p.set(P.owner, String(f.owner));
  if (f.missingOwner) p.set(P.missingOwner, 'ja');
  if (f.contractDays) p.set(P.contractDays, String(f.contractDays));
  if (f.openTasks) p.set(P.openTasks, 'ja');
  if (f.sort !== 'name') p.set(P.sort, f.sort);
  if (f.descending) p.set(P.descending, 'ja');
  return p;
}

/** True when any filter (not sorting) is set: the empty message then offers to clear them. */
export function hasFilters(f: RegisterFilters): boolean {
  return filtersToParams({ ...f, sort: 'name', descending: false }).size > 0;
}

/** The columns the list shows: a narrow $select/$expand instead of the record's ~80 columns. */
export const REGISTER_FIELDS = [
  'title',
  'department',
  'systemOwner',
  'supplier',
  'lifecycleStatus',
  'criticality',
  'societallyCritical',
  'confidentiality',
  'integrity',
  'availability',
  'traceability',
  'contractEndDate',
] as const satisfies readonly FieldKey<'systems'>[];

export type RegisterRow = Pick<SystemRecord, 'id' | 'etag' | (typeof REGISTER_FIELDS)[number]>;

export interface ServerQueryContext {
  /** Today in Stockholm (YYYY-MM-DD). */
  today: string;
  /** The signed-in person's site user id (for owner = 'me'). */
  meId: number | null;
  /** Department code → list item id; a code that is not there matches nothing. */
  departmentId: (code: string) => number | null;
}

/**
 * The SharePoint $filter for the filters; every clause on an indexed column, the most selective
 * first. Empty odata = no filter (then the list is read in Title order, which is indexed too).
 */
export function serverFilter(f: RegisterFilters, ctx: ServerQueryContext): Filter {
  const w = where('systems');
  const q = f.q.trim();
  const ownerId = f.owner === 'me' ? ctx.meId : f.owner;
  const deptId = f.dept ? ctx.departmentId(f.dept) : null;
  return w.and(
    // Ownership: one person's systems (indexed person column). Unknown "me" matches nothing (Id 0).
    f.owner !== null && w.eq('systemOwner', { id: ownerId ?? 0 }),
    // Both sides of the `or` are indexed, as SharePoint requires for an `or` past the threshold.
    !!q && w.or(w.startsWith('title', q), w.startsWith('supplier', q)),
    f.dept !== null && w.eq('department', { id: deptId ?? 0 }),
    f.contractDays !== null &&
      w.and(w.ge('contractEndDate', ctx.today), w.le('contractEndDate', addCalendarDays(ctx.today, f.contractDays))),
    f.missingOwner && w.or(w.isNull('systemOwner'), w.isNull('systemAdministrator')),
    f.societal !== null && w.eq('societallyCritical', f.societal),
    f.criticality !== null && w.eq('criticality', f.criticality),
    f.lifecycle !== null && w.eq('lifecycleStatus', f.lifecycle),
  );
}

/**
 * What SharePoint cannot be asked (non-indexed classification columns past the threshold, and the
 * tasks, which the Systemkoll API derives), applied to the narrow rows already loaded.
 * `withTasks`: the ids of the systems with open tasks; null while unknown (then the task filter,
 * if on, matches nothing rather than everything).
 */
export function matchesClientSide(row: RegisterRow, f: RegisterFilters, withTasks: ReadonlySet<number> | null = null): boolean {
  if (f.minLevel !== null) {
    const top = highestLevel(row);
    if (top === null || top < f.minLevel) return false;
  }
  if (f.openTasks && !withTasks?.has(row.id)) return false;
  return true;
}

const criticalityRank = (r: RegisterRow) => (r.societallyCritical ? 0 : r.criticality === 'verksamhetskritisk' ? 1 : r.criticality ? 2 : 3);

/** Sorts the loaded rows by a shown column (Swedish collation); blanks last in both directions. */
export function sortRows(rows: readonly RegisterRow[], sort: SortKey, descending: boolean, locale = 'sv'): RegisterRow[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const value = (r: RegisterRow): string | number | null => {
    switch (sort) {
      case 'name':
        return r.title || null;
      case 'department':
        return r.department?.title ?? null;
      case 'owner':
        return r.systemOwner?.title ?? null;
      case 'supplier':
        return r.supplier ?? null;
      case 'criticality':
        return criticalityRank(r);
      case 'classification':
        return highestLevel(r);
      case 'contract':
        return r.contractEndDate ?? null;
    }
  };
  const sign = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1;
    } else {
      const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : collator.compare(String(va), String(vb));
      if (c !== 0) return sign * c;
    }
    return collator.compare(a.title ?? '', b.title ?? '') || a.id - b.id;
  });
}
