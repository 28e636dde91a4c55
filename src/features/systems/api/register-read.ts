/**
 * The register list's read: exactly the SharePoint request(s) the page makes, without React, so the
 * benchmark and the tests run the same code.
 */
import type { SPFI } from '@pnp/sp';
import { MAX_PAGE, inBatch, type Repositories } from '../../../shared/data/index.js';
import type { Department } from '../../../shared/schema/index.js';
import {
  REGISTER_FIELDS,
  emptyFilters,
  matchesClientSide,
  serverFilter,
  type RegisterFilters,
  type RegisterRow,
} from './register-query.js';

export interface RegisterQueryInput {
  filters: Omit<RegisterFilters, 'sort' | 'descending'>;
  /** Today in Stockholm (YYYY-MM-DD). */
  today: string;
  /** The signed-in person's site user id, needed for owner = 'me'. */
  meId: number | null;
}

/** The repository query for filters, given the departments (for a department code). */
export function registerQuery(input: RegisterQueryInput, departments: readonly Department[]) {
  const byCode = new Map(departments.map((d) => [d.code?.toLowerCase(), d.id]));
  return {
    filter: serverFilter(
      { ...emptyFilters, ...input.filters },
      { today: input.today, meId: input.meId, departmentId: (code) => byCode.get(code.toLowerCase()) ?? null },
    ),
    // Title is indexed: a valid sort past the threshold. Other sorts are done on the loaded rows.
    orderBy: [{ key: 'title' as const }],
    fields: REGISTER_FIELDS,
  };
}

/** Rows on the first screen (and per "show more" step): the register is never read whole for it. */
export const FIRST_PAGE = 100;

export interface RegisterPage {
  /** Rows matching every filter (the client-side ones applied), in name order. */
  rows: RegisterRow[];
  /** Every matching row is in `rows` (false: more follow in name order, see moreRegister). */
  complete: boolean;
  /** Rows in the register (all of them, unfiltered); null when not asked. */
  total: number | null;
  departments: Department[];
}

async function withDepartments<T>(
  data: { sp: SPFI; repos: Repositories },
  input: RegisterQueryInput,
  knownDepartments: Department[] | undefined,
  read: (repos: Repositories, departments: readonly Department[]) => Promise<T>,
): Promise<{ departments: Department[]; result: T }> {
  // Each read is one $batch, however many requests it makes (the first screen and the count).
  if (knownDepartments) return { departments: knownDepartments, result: await inBatch(data.sp, (b) => read(b, knownDepartments)) };
  if (input.filters.dept) {
    // The department code must become an id before the systems can be asked for.
    const departments = await data.repos.departments.list({ orderBy: [{ key: 'title' }] });
    return { departments, result: await inBatch(data.sp, (b) => read(b, departments)) };
  }
  const [departments, result] = await inBatch(data.sp, (b) =>
    Promise.all([b.departments.list({ orderBy: [{ key: 'title' }] }), read(b, [])]),
  );
  return { departments, result };
}

/**
 * The first screen of the list in name order: the first FIRST_PAGE rows of the narrow columns,
 * filtered by SharePoint on indexed columns, and the register's size — with the departments for
 * the filter, one $batch round trip. A department code in the filters needs the department ids
 * first (departments, then systems); with `knownDepartments`, one request. Only for filters that
 * SharePoint answers whole (no classification level): see readRegister otherwise.
 */
export async function readRegisterStart(
  data: { sp: SPFI; repos: Repositories },
  input: RegisterQueryInput,
  knownDepartments?: Department[],
): Promise<RegisterPage> {
  const { departments, result } = await withDepartments(data, input, knownDepartments, (repos, depts) =>
    Promise.all([repos.systems.list({ ...registerQuery(input, depts), top: FIRST_PAGE + 1 }), repos.systems.count()]),
  );
  const [rows, total] = result;
  const complete = rows.length <= FIRST_PAGE;
  return { rows: (complete ? rows : rows.slice(0, FIRST_PAGE)) as RegisterRow[], complete, total, departments };
}

/**
 * The rest of the list in name order after the first screen, by SharePoint's skiptoken
 * (ListRepository.pages): pages of `pageSize`, the first of which repeats the first screen.
 */
export async function* moreRegister(
  data: { repos: Repositories },
  input: RegisterQueryInput,
  departments: readonly Department[],
  pageSize = 500,
): AsyncGenerator<RegisterRow[]> {
  for await (const page of data.repos.systems.pages({ ...registerQuery(input, departments), pageSize })) yield page as RegisterRow[];
}

/**
 * Every matching row (narrow columns), filtered by SharePoint on indexed columns, read in pages of
 * 5,000 with SharePoint's skiptoken past the first: for a client-side filter (classification
 * level) or a sort SharePoint cannot do past the threshold (department or owner by name, level).
 * Round trips as readRegisterStart when one page holds every match.
 */
export async function readRegister(
  data: { sp: SPFI; repos: Repositories },
  input: RegisterQueryInput,
  knownDepartments?: Department[],
): Promise<RegisterPage> {
  const { departments, result: first } = await withDepartments(data, input, knownDepartments, (repos, depts) =>
    repos.systems.list(registerQuery(input, depts)),
  );
  let all = first;
  if (first.length >= MAX_PAGE) {
    // More than one page matches (a register past 5,000 systems): every page, by skiptoken.
    all = [];
    for await (const page of data.repos.systems.pages({ ...registerQuery(input, departments), pageSize: MAX_PAGE })) all.push(...page);
  }
  // The classification level is not indexed: filtered here, on the narrow rows already loaded. The
  // tasks filter is the page's (the tasks come from the Systemkoll API, not from this read).
  const rows = (all as RegisterRow[]).filter((r) => matchesClientSide(r, { ...emptyFilters, ...input.filters, openTasks: false }));
  return { rows, complete: true, total: null, departments };
}
