/**
 * Reads what "Min utbildning" and the compliance dashboard need, at the scale of a large
 * municipality (10,000 staff, 100,000 completions) without list-view-threshold errors:
 * - everyone's (compliance, `npm run report -- compliance`): each list once, paged 5,000 at a time
 *   on the list's own order (no filter, so no threshold applies), only the columns training uses;
 * - one person's (Min utbildning): one $batch round trip of indexed queries — my roster row, my
 *   completions, whether I manage anyone, the systems I answer for, the catalogue and settings.
 * Both feed the pure model of src/domain/training.
 */
import type { SPFI } from '@pnp/sp';
import { inBatch, where, type Repositories } from '../../shared/data/index.js';
import type { Department, StaffMember, TrainingCompletion } from '../../shared/schema/index.js';
import { stockholmDate, type CalendarDate } from '../../domain/calendar.js';
import { rosterPerson, trainingModel, type RosterPerson, type TrainingModel } from '../../domain/training/index.js';
import { AUDIENCE_SYSTEM_FIELDS, COMPLETION_FIELDS, myCompletionsFilter, myStaffFilter, STAFF_TRAINING_FIELDS } from './fields.js';

const DEFAULT_LEAD_DAYS = 30;

/** The setting trainingWarningDays as whole days (0–365), else 30. */
export function leadDaysFrom(values: Readonly<Record<string, unknown>>): number {
  const v = values.trainingWarningDays;
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 365 ? Math.round(n) : DEFAULT_LEAD_DAYS;
}

export interface TrainingSite {
  model: TrainingModel;
  leadDays: number;
  /** Lower-case e-mail of each head of förvaltning → the förvaltningar they head. */
  heads: ReadonlyMap<string, readonly number[]>;
  departments: readonly Department[];
}

function headsOf(departments: readonly Department[]): Map<string, number[]> {
  const heads = new Map<string, number[]>();
  for (const d of departments) {
    const e = d.manager?.email?.trim().toLowerCase();
    if (e) heads.set(e, [...(heads.get(e) ?? []), d.id]);
  }
  return heads;
}

/** Everyone's training: each list read once, paged. */
export async function loadTrainingSite(repos: Repositories): Promise<TrainingSite> {
  return (await readTrainingSite(repos, null)).site;
}

/**
 * The completions already read and the highest id among them: a later read asks SharePoint only for
 * completions added since (`ID gt …`, always indexed), since completions are only ever added.
 */
export interface HeldCompletions {
  completions: readonly TrainingCompletion[];
  maxId: number;
}

async function readTrainingSite(
  repos: Repositories,
  held: HeldCompletions | null,
): Promise<{ site: TrainingSite; held: HeldCompletions; completionsRead: number }> {
  const c = where('trainingCompletions');
  const [values, courses, departments, staff, newer, systems] = await Promise.all([
    repos.settings.values(),
    repos.trainingCourses.all(),
    repos.departments.all(),
    repos.staff.all({ fields: STAFF_TRAINING_FIELDS }),
    held
      ? repos.trainingCompletions.all({ fields: COMPLETION_FIELDS, filter: c.gt('id', held.maxId), orderBy: [{ key: 'id' }] })
      : repos.trainingCompletions.all({ fields: COMPLETION_FIELDS }),
    repos.systems.all({ fields: AUDIENCE_SYSTEM_FIELDS }),
  ]);
  const completions = held ? [...held.completions, ...newer] : newer;
  const maxId = newer.reduce((m, x) => Math.max(m, x.id), held?.maxId ?? 0);
  const leadDays = leadDaysFrom(values);
  const model = trainingModel({ courses, staff, completions, departments, systems, leadDays });
  return {
    site: { model, leadDays, heads: headsOf(departments), departments },
    held: { completions, maxId },
    completionsRead: newer.length,
  };
}

/**
 * Everyone's training, read again on each call but with only the completions added since the last
 * read: 100,000 completions are 20 pages of 5,000 from SharePoint, a few new ones are one request.
 * Everything else (roster, courses, förvaltningar, systems: a few pages) is read whole each time. A
 * full read every `fullAfterMs` (default 30 minutes) picks up what was changed or removed in
 * SharePoint itself.
 */
export function trainingSiteReader(repos: Repositories, options: { now: () => Date; fullAfterMs?: number }) {
  const fullAfter = options.fullAfterMs ?? 30 * 60_000;
  let held: { at: number; completions: HeldCompletions } | null = null;
  return async function read(): Promise<TrainingSite & { completionsRead: number }> {
    const t = options.now().getTime();
    const previous = held && t - held.at < fullAfter && t >= held.at ? held : null;
    const result = await readTrainingSite(repos, previous?.completions ?? null);
    held = { at: previous?.at ?? t, completions: result.held };
    return { ...result.site, completionsRead: result.completionsRead };
  };
}

/** Whom a manager follows up: staff rows naming them as manager, and the förvaltningar they head. */
export function managerScope(site: TrainingSite, email: string): ((p: RosterPerson) => boolean) | null {
  const me = email.toLowerCase();
  const headed = new Set(site.heads.get(me) ?? []);
  const manages = headed.size > 0 || site.model.roster.some((p) => p.managerEmail === me);
  if (!manages) return null;
  return (p) => p.managerEmail === me || (p.departmentId !== null && headed.has(p.departmentId));
}

export interface MyTrainingSite {
  model: TrainingModel;
  leadDays: number;
  /** My roster row, or a row of my own when the roster does not have me (the courses for everyone apply). */
  me: RosterPerson;
  onRoster: boolean;
  /** Course ids that have a module to take in Teams (the built-in course player). */
  builtIn: ReadonlySet<number>;
  /** I manage staff rows or head a förvaltning: I may follow up my staff's compliance. */
  managesStaff: boolean;
  today: CalendarDate;
}

/** One person's training in one $batch round trip (indexed filters only). */
export async function loadMyTraining(sp: SPFI, user: { id: number; email: string; title: string }, now: Date): Promise<MyTrainingSite> {
  const email = user.email.toLowerCase();
  const s = where('systems');
  const [settingRows, courses, departments, mine, completions, managed, systems, modules] = await inBatch(sp, (r) =>
    Promise.all([
      r.settings.list(),
      r.trainingCourses.list({ filter: where('trainingCourses').eq('active', true) }),
      r.departments.list(),
      r.staff.list({ filter: myStaffFilter(user.id, email), fields: STAFF_TRAINING_FIELDS }),
      r.trainingCompletions.list({ filter: myCompletionsFilter(user.id), fields: COMPLETION_FIELDS }),
      r.staff.list({ filter: where('staff').eq('manager', user.id), fields: ['manager'], top: 1 }),
      r.systems.list({
        filter: s.or(s.eq('systemOwner', user.id), s.eq('systemAdministrator', user.id)),
        fields: AUDIENCE_SYSTEM_FIELDS,
      }),
      r.courseModules.list({ filter: where('courseModules').eq('active', true), fields: ['course'] }),
    ]),
  );
  const values: Record<string, unknown> = {};
  for (const row of settingRows) {
    try {
      values[row.title] = row.value ? JSON.parse(row.value) : null;
    } catch {
      values[row.title] = row.value;
    }
  }
  const leadDays = leadDaysFrom(values);
  const row = (mine as StaffMember[]).find((x) => x.active !== false) ?? (mine as StaffMember[])[0];
  const self: StaffMember =
    row ??
    ({
      id: 0,
      title: user.title,
      email,
      person: { id: user.id, email },
      department: null,
      external: false,
      active: true,
    } as unknown as StaffMember);
  const model = trainingModel({
    courses,
    staff: [self, ...(managed as StaffMember[])],
    completions,
    departments,
    systems,
    leadDays,
  });
  const departmentsById = new Map(departments.map((d) => [d.id, d]));
  const headsSome = departments.some((d) => d.manager?.email?.toLowerCase() === email);
  return {
    model,
    leadDays,
    me: rosterPerson(self, departmentsById),
    onRoster: row !== undefined,
    builtIn: new Set(modules.map((m) => m.course?.id).filter((id): id is number => typeof id === 'number')),
    managesStaff: headsSome || managed.length > 0,
    today: stockholmDate(now),
  };
}
