/**
 * Reads what the reports need from SharePoint, each list once, within SharePoint's limits at
 * municipal scale (2,000 systems, 20,000 incidents a year):
 * - the dated lists (Incidenter by ReportedAt, Incidentlogg by EntryTime and kind, Insatser by
 *   ActionDate — all indexed) are read in time windows — a month, half a month for the timeline —
 *   each well under the 5,000-item list view threshold, all windows in one $batch; a window that
 *   still meets the threshold (or fills a page) is split in half and read again;
 * - the rest (register, förvaltningar, catalogue, assessments, courses, roster, completions, settings)
 *   whole, with SharePoint's paging;
 * - only the columns the composition uses: incident titles and descriptions are never read.
 * The timeline is read to three months past the span, so reports sent to authorities early the
 * next year (the NIS2 final report) count.
 */
import type { SPFI } from '@pnp/sp';
import '@pnp/sp/webs';
import { createRepositories, inBatch, MAX_BATCH, MAX_PAGE, toDataError, where, type Repositories } from '../../shared/data/index.js';
import { siteSchema, type FieldKey, type RecordOf } from '../../shared/schema/index.js';
import { stockholmInstant } from '../../domain/calendar.js';
import { reportSettingsFrom, type ReportData, type ReportSettings } from '../../domain/reports/index.js';

const SYSTEM_FIELDS = [
  'title',
  'department',
  'lifecycleStatus',
  'systemOwner',
  'systemAdministrator',
  'informationOwner',
  'technicalContact',
  'classifiedBy',
  'lastReviewedBy',
  'administrators',
  'criticality',
  'societallyCritical',
  'confidentiality',
  'integrity',
  'availability',
  'traceability',
  'classificationDate',
  'lastReviewDate',
  'acceptedDowntimeHours',
  'restorePriority',
  'continuityPlanUrl',
  'continuityPlanTestedDate',
  'lastRestoreTestDate',
  'contractReference',
  'contractEndDate',
  'contractSecurityRequirements',
  'costLicences',
  'costOperation',
  'costOther',
] as const satisfies readonly FieldKey<'systems'>[];

/** Never the title, description or actions taken: the report summarises from structured fields. */
const INCIDENT_FIELDS = [
  'referenceNumber',
  'reporter',
  'assignee',
  'reportedAt',
  'awareAt',
  'type',
  'category',
  'cause',
  'scope',
  'severity',
  'nis2Significant',
  'personalDataInvolved',
  'status',
  'closedAt',
  'effortHours',
  'cost',
  // Read only to tell whether the root cause and lessons are documented; never shown.
  'rootCause',
  'lessonsLearned',
] as const satisfies readonly FieldKey<'incidents'>[];

const TIMELINE_FIELDS = ['incident', 'at', 'kind', 'legalReport', 'details', 'person'] as const satisfies readonly FieldKey<'timeline'>[];
const TIMELINE_KINDS = ['statusändring', 'myndighetsrapport', 'ej rapporteringspliktig'] as const;
const ACTION_FIELDS = [
  'title',
  'kind',
  'system',
  'incident',
  'date',
  'person',
  'hours',
  'cost',
  'requirements',
  'risk',
  'unbudgeted',
] as const satisfies readonly FieldKey<'actions'>[];
const ASSESSMENT_FIELDS = ['system', 'requirement', 'status'] as const satisfies readonly FieldKey<'selfAssessments'>[];
const STAFF_FIELDS = [
  'title',
  'person',
  'email',
  'department',
  'jobTitle',
  'external',
  'active',
  'startDate',
  'endDate',
  'manager',
] as const satisfies readonly FieldKey<'staff'>[];
const COMPLETION_FIELDS = ['person', 'course', 'completedAt', 'expiresAt'] as const satisfies readonly FieldKey<'trainingCompletions'>[];

interface Window {
  from: Date;
  to: Date;
}

/** Calendar windows of `perMonth` parts per month from January of `from` to (excl.) `untilMonth` months later. */
function windows(fromYear: number, months: number, perMonth: 1 | 2): Window[] {
  const out: Window[] = [];
  for (let m = 0; m < months; m++) {
    const y = fromYear + Math.floor(m / 12);
    const month = (m % 12) + 1;
    const start = stockholmInstant(y, month, 1);
    const end = stockholmInstant(month === 12 ? y + 1 : y, month === 12 ? 1 : month + 1, 1);
    if (perMonth === 1) out.push({ from: start, to: end });
    else {
      const mid = stockholmInstant(y, month, 16);
      out.push({ from: start, to: mid }, { from: mid, to: end });
    }
  }
  return out;
}

function halves(w: Window): Window[] {
  const mid = new Date(Math.floor((w.from.getTime() + w.to.getTime()) / 2));
  return [
    { from: w.from, to: mid },
    { from: mid, to: w.to },
  ];
}

/** Counts what the loader asked SharePoint for (the bench's "round trips"). */
export interface LoadStats {
  batches: number;
  windows: number;
  splits: number;
}

interface WindowedRead {
  key: string;
  windows: Window[];
  query: (r: Repositories, w: Window) => Promise<unknown[]>;
}

/**
 * Every record of the windows, in as few $batch round trips as the windows allow (≤ 100 per batch).
 * A window whose indexed part SharePoint refuses (list view threshold) or that fills a whole page is
 * split in two and read again.
 */
async function readWindowed(sp: SPFI, requests: WindowedRead[], stats: LoadStats): Promise<Map<string, unknown[]>> {
  const out = new Map<string, unknown[]>(requests.map((r) => [r.key, []]));
  let pending = requests.flatMap((r) => r.windows.map((w) => ({ r, w })));
  while (pending.length > 0) {
    const chunk = pending.slice(0, MAX_BATCH);
    pending = pending.slice(MAX_BATCH);
    stats.batches++;
    stats.windows += chunk.length;
    const results = await inBatch(sp, (repos) =>
      Promise.all(
        chunk.map(({ r, w }) =>
          r.query(repos, w).then(
            (rows) => ({ r, w, rows, error: null as unknown }),
            (error: unknown) => ({ r, w, rows: null, error }),
          ),
        ),
      ),
    );
    for (const { r, w, rows, error } of results) {
      const tooMany = rows ? rows.length >= MAX_PAGE : toDataError(error).kind === 'threshold';
      if (tooMany && w.to.getTime() - w.from.getTime() > 60_000) {
        stats.splits++;
        pending.push(...halves(w).map((h) => ({ r, w: h })));
      } else if (rows) out.get(r.key)!.push(...rows);
      else throw toDataError(error);
    }
  }
  return out;
}

const iso = (d: Date) => d.toISOString();

/** The names of everyone the data mentions: kept out of every free text the reports show. */
function personNames(data: Omit<ReportData, 'personNames'>, departments: readonly RecordOf<'departments'>[]): string[] {
  const names = new Set<string>();
  const add = (p: { title?: string | null } | null | undefined) => {
    if (p?.title) names.add(p.title);
  };
  for (const s of data.systems) {
    [s.systemOwner, s.systemAdministrator, s.informationOwner, s.technicalContact, s.classifiedBy, s.lastReviewedBy].forEach(add);
    s.administrators.forEach(add);
  }
  for (const i of data.incidents) [i.reporter, i.assignee].forEach(add);
  for (const e of data.timeline) add(e.person);
  for (const a of data.actions) add(a.person);
  for (const d of departments) add(d.manager);
  for (const s of data.training?.staff ?? []) {
    names.add(s.title);
    add(s.manager);
  }
  return [...names];
}

export interface ReportLoad {
  data: ReportData;
  settings: ReportSettings;
  stats: LoadStats;
}

/** Everything the yearly (from = to) or term report for these Stockholm years needs. */
export async function loadReportData(sp: SPFI, from: number, to: number, now: Date): Promise<ReportLoad> {
  const repos = createRepositories(sp);
  const stats: LoadStats = { batches: 0, windows: 0, splits: 0 };
  const months = (to - from + 1) * 12;
  // Up to three months past the span, never past now.
  const timelineMonths = Math.min(
    months + 3,
    Math.max(1, Math.ceil((now.getTime() - stockholmInstant(from, 1, 1).getTime()) / (30 * 86_400_000)) + 1),
  );
  const t = where('timeline');
  const first = inBatch(sp, (r) =>
    Promise.all([
      r.settings.list(),
      r.departments.list(),
      r.securityRequirements.list(),
      r.trainingCourses.list(),
      // The site's title: the municipality's name when the setting is empty.
      (sp.web.select('Title')() as Promise<{ Title?: string }>).catch(() => ({ Title: '' })),
    ]),
  ).then((x) => (stats.batches++, x));
  const windowed = readWindowed(
    sp,
    [
      {
        key: 'incidents',
        windows: windows(from, months, 1),
        query: (r, w) => {
          const i = where('incidents');
          return r.incidents.list({
            filter: i.and(i.ge('reportedAt', iso(w.from)), i.lt('reportedAt', iso(w.to))),
            fields: INCIDENT_FIELDS,
          });
        },
      },
      {
        key: 'actions',
        windows: windows(from, months, 1),
        query: (r, w) => {
          const a = where('actions');
          return r.actions.list({ filter: a.and(a.ge('date', iso(w.from)), a.lt('date', iso(w.to))), fields: ACTION_FIELDS });
        },
      },
      {
        key: 'timeline',
        windows: windows(from, timelineMonths, 2),
        query: (r, w) =>
          r.timeline.list({
            filter: t.and(t.ge('at', iso(w.from)), t.lt('at', iso(w.to)), t.or(...TIMELINE_KINDS.map((k) => t.eq('kind', k)))),
            fields: TIMELINE_FIELDS,
          }),
      },
    ],
    stats,
  );
  const paged = Promise.all([
    repos.systems.all({ fields: SYSTEM_FIELDS }),
    repos.selfAssessments.all({ fields: ASSESSMENT_FIELDS }),
    repos.staff.all({ fields: STAFF_FIELDS }),
    repos.trainingCompletions.all({ fields: COMPLETION_FIELDS }),
  ]);
  const [[settingRows, departments, requirements, courses, web], dated, [systems, assessments, staff, completions]] = await Promise.all([
    first,
    windowed,
    paged,
  ]);
  const values: Record<string, unknown> = {};
  for (const row of settingRows) {
    try {
      values[row.title] = row.value ? JSON.parse(row.value) : null;
    } catch {
      values[row.title] = row.value;
    }
  }
  for (const s of siteSchema.settings) if (values[s.key] === undefined || values[s.key] === null) values[s.key] = s.value;
  const settings = reportSettingsFrom(values, web.Title?.trim() || 'Kommunen');
  const leadDays = typeof values.trainingWarningDays === 'number' ? values.trainingWarningDays : 30;
  const base: Omit<ReportData, 'personNames'> = {
    systems,
    departments,
    incidents: dated.get('incidents') as RecordOf<'incidents'>[],
    timeline: dated.get('timeline') as RecordOf<'timeline'>[],
    actions: dated.get('actions') as RecordOf<'actions'>[],
    requirements,
    assessments,
    training: { courses, staff, completions, leadDays },
  };
  return { data: { ...base, personNames: personNames(base, departments) }, settings, stats };
}
