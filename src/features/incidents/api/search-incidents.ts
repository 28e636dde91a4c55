/**
 * The coordinators' incident list: every clause SharePoint is asked on an indexed column (status,
 * type, priority, main system, assignee, reference number or title start), sorted on the indexed
 * reportedAt, read 100 at a time. "Visa fler" continues with SharePoint's own paging token
 * ($skiptoken from odata.nextLink), and the period is where paging starts or stops, never a filter:
 * a filter on reportedAt (or a cursor written as one) matches more than 5,000 items once a year
 * has 20,000 incidents and SharePoint refuses it, while paging on the sorted index is what its own
 * views do. What SharePoint cannot be asked on an indexed column (category; förvaltning when it
 * has many systems; overdue legal reports, which are derived from the timeline) narrows the rows
 * already loaded, and the page says so.
 */
import { keepPreviousData, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { legalClocks, legalDeadlinesFrom } from '../../../domain/legal-clocks.js';
import { inBatch, where, type Filter } from '../../../shared/data/index.js';
import { siteSchema, type Incident, type RecordOf } from '../../../shared/schema/index.js';
import { useSession, type Session } from '../../../shared/ui/session.js';

export const PAGE_SIZE = 100;
/** Förvaltningar with at most this many systems are filtered by SharePoint (an `or` over the main system). */
const MAX_SERVER_SYSTEMS = 40;

export type Period = '30' | '90' | '365' | 'all';
export type Sort = 'newest' | 'oldest';
export type View = 'list' | 'board';

export interface IncidentFilters {
  q: string;
  status: string | null;
  type: string | null;
  priority: string | null;
  system: number | null;
  systemName: string | null;
  department: number | null;
  category: string | null;
  /** 'me', 'none' or null (everyone). */
  assignee: 'me' | 'none' | null;
  overdue: boolean;
  period: Period;
  sort: Sort;
  view: View;
}

const PERIODS: readonly Period[] = ['30', '90', '365', 'all'];

export function filtersFromSearch(p: URLSearchParams): IncidentFilters {
  const num = (k: string) => (/^\d+$/.test(p.get(k) ?? '') ? Number(p.get(k)) : null);
  const period = p.get('period') as Period | null;
  const assignee = p.get('assignee');
  return {
    q: p.get('q') ?? '',
    status: p.get('status') || null,
    type: p.get('type') || null,
    priority: p.get('priority') || null,
    system: num('system'),
    systemName: p.get('systemName') || null,
    department: num('dept'),
    category: p.get('category') || null,
    assignee: assignee === 'me' || assignee === 'none' ? assignee : null,
    overdue: p.get('overdue') === '1',
    period: period && PERIODS.includes(period) ? period : '365',
    sort: p.get('sort') === 'oldest' ? 'oldest' : 'newest',
    view: p.get('view') === 'board' ? 'board' : 'list',
  };
}

export function searchFromFilters(f: IncidentFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q.trim()) p.set('q', f.q.trim());
  if (f.status) p.set('status', f.status);
  if (f.type) p.set('type', f.type);
  if (f.priority) p.set('priority', f.priority);
  if (f.system !== null) {
    p.set('system', String(f.system));
    if (f.systemName) p.set('systemName', f.systemName);
  }
  if (f.department !== null) p.set('dept', String(f.department));
  if (f.category) p.set('category', f.category);
  if (f.assignee) p.set('assignee', f.assignee);
  if (f.overdue) p.set('overdue', '1');
  if (f.period !== '365') p.set('period', f.period);
  if (f.sort !== 'newest') p.set('sort', f.sort);
  if (f.view !== 'list') p.set('view', f.view);
  return p;
}

/** SharePoint's paging token for the next page (opaque; from odata.nextLink). */
type Cursor = string;

interface Context {
  meId: number;
  /** The main-system ids of the chosen förvaltning, when SharePoint is asked; null otherwise. */
  departmentSystems: number[] | null;
  now: Date;
}

const REFERENCE_LIKE = /^inc-/i;

/** Where the chosen period starts, or null for "all". */
export function periodStart(f: IncidentFilters, now: Date): Date | null {
  return f.period === 'all' ? null : new Date(now.getTime() - Number(f.period) * 86_400_000);
}

/** The SharePoint $filter: every clause on an indexed column (the period is paging, not a clause). */
export function serverFilter(f: IncidentFilters, ctx: Context): Filter {
  const w = where('incidents');
  const q = f.q.trim();
  return w.and(
    f.status !== null && w.eq('status', f.status),
    f.type !== null && w.eq('type', f.type),
    f.priority !== null && w.eq('priority', f.priority),
    f.system !== null && w.eq('mainSystem', { id: f.system }),
    ctx.departmentSystems !== null &&
      (ctx.departmentSystems.length === 0
        ? w.eq('mainSystem', { id: 0 })
        : w.or(...ctx.departmentSystems.map((id) => w.eq('mainSystem', { id })))),
    f.assignee === 'me' && w.eq('assignee', { id: ctx.meId }),
    f.assignee === 'none' && w.isNull('assignee'),
    !!q && (REFERENCE_LIKE.test(q) ? w.startsWith('referenceNumber', q.toUpperCase()) : w.startsWith('title', q)),
  );
}

export interface IncidentPage {
  incidents: Incident[];
  next: Cursor | null;
  /** The förvaltningar for the filter, read with the first page (same $batch). */
  departments: RecordOf<'departments'>[];
}

async function departmentSystems(
  session: Session,
  department: number | null,
): Promise<{ server: number[] | null; all: Set<number> | null }> {
  if (department === null) return { server: null, all: null };
  const rows = await session.repos.systems.list({
    filter: where('systems').eq('department', { id: department }),
    fields: ['title'],
    top: 5000,
  });
  const ids = rows.map((r) => r.id);
  return { server: ids.length <= MAX_SERVER_SYSTEMS ? ids : null, all: new Set(ids) };
}

export async function searchIncidents(session: Session, f: IncidentFilters, meId: number, cursor: Cursor | null): Promise<IncidentPage> {
  const dept = await departmentSystems(session, f.department);
  const now = new Date();
  const since = periodStart(f, now);
  const oldest = f.sort === 'oldest';
  const query = {
    filter: serverFilter(f, { meId, departmentSystems: dept.server, now }),
    orderBy: [
      { key: 'reportedAt' as const, ascending: oldest },
      { key: 'id' as const, ascending: oldest },
    ],
    top: PAGE_SIZE,
  };
  // Oldest first starts paging at the period's start; newest first stops where the period ends.
  const start = cursor ?? (oldest && since ? session.repos.incidents.tokenAt('reportedAt', since) : null);
  // The first page and the förvaltningar in one round trip; later pages alone.
  const [departments, read] =
    cursor === null
      ? await inBatch(session.sp, (r) =>
          Promise.all([r.departments.list({ fields: ['title'], orderBy: [{ key: 'title' }] }), r.incidents.page(query, start)]),
        )
      : [[], await session.repos.incidents.page(query, start)];
  const inPeriod = (i: Incident) => oldest || since === null || (i.reportedAt !== null && new Date(i.reportedAt) >= since);
  const page = read.records.filter(inPeriod);
  const next = page.length === read.records.length ? read.next : null;
  const incidents = page.filter(
    (i) =>
      (f.category === null || i.category === f.category) &&
      (dept.all === null || dept.server !== null || (i.mainSystem !== null && dept.all.has(i.mainSystem.id))),
  );
  return { incidents, next, departments };
}

const serverKey = (f: IncidentFilters) => {
  const rest: Partial<IncidentFilters> = { ...f };
  delete rest.view;
  delete rest.overdue;
  delete rest.systemName;
  return rest;
};

export function useIncidentSearch(f: IncidentFilters, meId: number | undefined) {
  const session = useSession();
  return useInfiniteQuery({
    queryKey: [session.key, 'incidents', 'search', serverKey(f), meId] as const,
    queryFn: ({ pageParam }) => searchIncidents(session, f, meId ?? 0, pageParam),
    initialPageParam: null as Cursor | null,
    getNextPageParam: (last) => last.next,
    enabled: meId !== undefined,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/**
 * Which of the loaded incidents owe a report to an authority past its deadline: the legal clocks
 * (src/domain/legal-clocks.ts) over the legalDeadlines setting and the loaded incidents' legal
 * entries on the timeline (one query, on the indexed incident lookup).
 */
export async function overdueIds(session: Session, incidents: readonly Incident[]): Promise<number[]> {
  const candidates = incidents.filter((i) => i.personalDataInvolved === 'ja' || i.nis2Significant === 'ja');
  if (candidates.length === 0) return [];
  const t = where('timeline');
  const [settings, entries] = await inBatch(session.sp, (r) =>
    Promise.all([
      r.settings.values(),
      r.timeline.list({
        filter: t.and(
          t.or(...candidates.map((i) => t.eq('incident', i.id))),
          t.or(t.eq('kind', 'myndighetsrapport'), t.eq('kind', 'ej rapporteringspliktig')),
        ),
        fields: ['incident', 'kind', 'legalReport', 'at'],
        top: 5000,
      }),
    ]),
  );
  const rules = legalDeadlinesFrom(settings.legalDeadlines ?? siteSchema.settings.find((s) => s.key === 'legalDeadlines')?.value);
  const now = new Date();
  return candidates
    .filter((i) =>
      legalClocks(
        rules,
        {
          awareAt: i.awareAt ?? i.reportedAt ?? i.created,
          nis2Significant: i.nis2Significant,
          personalDataInvolved: i.personalDataInvolved,
        },
        entries.filter((e) => e.incident?.id === i.id),
        now,
      ).some((c) => c.state === 'försenad'),
    )
    .map((i) => i.id);
}

export function overdueQueryOptions(session: Session, incidents: readonly Incident[]) {
  return queryOptions({
    queryKey: [session.key, 'incidents', 'overdue', incidents.map((i) => i.id).join(',')] as const,
    queryFn: () => overdueIds(session, incidents),
    staleTime: 60_000,
  });
}

/** Only while the "försenad rapportering" filter is on: it costs a round trip of its own (the timeline). */
export function useOverdueIds(incidents: readonly Incident[], enabled: boolean) {
  const session = useSession();
  return useQuery({
    ...overdueQueryOptions(session, incidents),
    enabled: enabled && incidents.length > 0,
    placeholderData: keepPreviousData,
  });
}
