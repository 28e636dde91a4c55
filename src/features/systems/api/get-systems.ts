import { useRef, useState } from 'react';
import { keepPreviousData, queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { stockholmDate } from '../../../domain/calendar.js';
import type { Department, SystemRecord } from '../../../shared/schema/index.js';
import type { TaskOverview } from '../../../domain/tasks/index.js';
import { getMyTasksQueryOptions, getTaskOverviewQueryOptions, type MyTasks } from '../../../shared/api/task-queries.js';
import { hasRole, useMe, useSession, type Session } from '../../../shared/ui/session.js';
import type { RegisterFilters, RegisterRow } from './register-query.js';
import { moreRegister, readRegister, readRegisterStart, type RegisterPage, type RegisterQueryInput } from './register-read.js';

/** Every full record of the register, sorted by name (one request; the system page's fallback). */
export function getSystems(session: Session): Promise<SystemRecord[]> {
  return session.repos.systems.list({ orderBy: [{ key: 'title' }] });
}

export function getSystemsQueryOptions(session: Session) {
  return queryOptions({
    queryKey: [session.key, 'systems'] as const,
    queryFn: () => getSystems(session),
    staleTime: 60_000,
  });
}

const departmentsKey = (session: Session) => [session.key, 'departments', 'all'] as const;

type Read = typeof readRegister;

/** A register read; the departments read with it are kept for the next filter change. */
async function withCache(read: Read, session: Session, client: QueryClient, input: RegisterQueryInput): Promise<RegisterPage> {
  const page = await read(session, input, client.getQueryData<Department[]>(departmentsKey(session)));
  client.setQueryData(departmentsKey(session), page.departments);
  return page;
}

/** The first screen in name order (one round trip on a cold load); the classification level is the page's. */
export function getRegisterStartQueryOptions(session: Session, client: QueryClient, input: RegisterQueryInput) {
  return queryOptions({
    queryKey: [session.key, 'systems', 'register', 'start', input] as const,
    queryFn: () => withCache(readRegisterStart, session, client, input),
    staleTime: 60_000,
    // A filter change keeps showing the previous rows until the new ones arrive (no flashing).
    placeholderData: keepPreviousData,
  });
}

/** Every matching row: for a sort other than by name, or a classification level, on a long result. */
export function getRegisterAllQueryOptions(session: Session, client: QueryClient, input: RegisterQueryInput) {
  return queryOptions({
    queryKey: [session.key, 'systems', 'register', 'all', input] as const,
    queryFn: () => withCache(readRegister, session, client, input),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

/**
 * The register list for these filters. By name (the default) the first screen is read and more in
 * pages by skiptoken (useRegisterMore); a sort by another column or a classification level needs
 * every match — unless the first screen already holds all of them, then nothing is read again.
 */
export function useRegister(filters: RegisterFilters) {
  const session = useSession();
  const client = useQueryClient();
  const me = useMe();
  const input = registerInput(filters, me.data?.id ?? null);
  const { minLevel: _level, ...startFilters } = input.filters;
  const startInput = { ...input, filters: { ...startFilters, minLevel: null } };
  const startOptions = getRegisterStartQueryOptions(session, client, startInput);
  // A client-side filter (level, open tasks) or sort needs every match, not the first screen.
  const needsAll = filters.sort !== 'name' || filters.minLevel !== null || filters.openTasks;
  const useStart = !needsAll || client.getQueryData(startOptions.queryKey)?.complete === true;
  const ready = filters.owner !== 'me' || !!me.data;
  const start = useQuery({ ...startOptions, enabled: ready && useStart });
  const all = useQuery({ ...getRegisterAllQueryOptions(session, client, input), enabled: ready && !useStart });
  return { query: useStart ? start : all, input: startInput };
}

/** The read's input: the tasks filter is left out (applied by the page; it reads the same rows). */
export function registerInput(filters: RegisterFilters, meId: number | null): RegisterQueryInput {
  const { sort: _sort, descending: _descending, ...rest } = filters;
  return { filters: { ...rest, openTasks: false }, today: stockholmDate(new Date()), meId: filters.owner === 'me' ? meId : null };
}

// Module-level, so the sets are derived once per answer (not per render).
const overviewSystems = (d: TaskOverview) => new Set(d.systemsWithTasks);
const mySystems = (d: MyTasks) => new Set(d.tasks.filter((t) => t.subject.list === 'systems').map((t) => t.subject.id));

/**
 * The ids of the systems with open tasks the caller can see, from the queries the navigation's
 * counts already made (no request of its own when they are loaded): every task for coordinators
 * and admins (Översikt), one's own for everyone else (Mina uppgifter). `all` says which it is.
 */
export function useSystemsWithTasks() {
  const session = useSession();
  const me = useMe();
  const all = hasRole(me.data, 'securityCoordinator', 'admin');
  const overview = useQuery({
    ...getTaskOverviewQueryOptions(session),
    enabled: all,
    select: overviewSystems,
  });
  const mine = useQuery({
    ...getMyTasksQueryOptions(session),
    enabled: !!me.data && !all,
    select: mySystems,
  });
  const query = all ? overview : mine;
  return { all, ids: query.data ?? null, error: query.error, refetch: query.refetch };
}

/** "Show more" on a long list by name: SharePoint's pages (skiptoken), one round trip each. */
export function useRegisterMore(input: RegisterQueryInput, departments: readonly Department[]) {
  const session = useSession();
  const key = JSON.stringify(input);
  const [state, setState] = useState<{ key: string; rows: RegisterRow[]; done: boolean; loading: boolean; error: unknown }>({
    key,
    rows: [],
    done: false,
    loading: false,
    error: null,
  });
  const pages = useRef<{ key: string; iterator: AsyncGenerator<RegisterRow[]> } | null>(null);
  const current = state.key === key ? state : { key, rows: [], done: false, loading: false, error: null };
  const next = async () => {
    if (pages.current?.key !== key) pages.current = { key, iterator: moreRegister(session, input, departments) };
    const { iterator } = pages.current;
    setState({ ...current, loading: true, error: null });
    try {
      const r = await iterator.next();
      if (pages.current?.key !== key) return;
      setState((s) => ({ key, rows: [...(s.key === key ? s.rows : []), ...(r.value ?? [])], done: !!r.done, loading: false, error: null }));
    } catch (error) {
      setState((s) => ({ ...s, loading: false, error }));
    }
  };
  return { ...current, next };
}
