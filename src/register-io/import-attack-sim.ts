/**
 * Defender attack-simulation training status into Genomförda utbildningar, with the completions
 * import's dry run, row report and writer (import-completions.ts): Graph's training coverage is read
 * (src/server/defender/training-coverage.ts), mapped by src/domain/training/attack-sim-import.ts to
 * Personal and Utbildningar, and each completed training written once with source 'import' and the
 * course's expiry. Nothing is ever deleted: a training Defender no longer reports keeps its
 * completion. Written as the caller, so (as for the LMS import) only admins may run it.
 */
import type { SPFI } from '@pnp/sp';
import { stockholmDate } from '../domain/calendar.js';
import { planAttackSimImport, readDefenderCourseSettings, type StaffRef } from '../domain/training/index.js';
import { createRepositories } from '../shared/data/index.js';
import type { TrainingCoverageRead } from '../server/defender/training-coverage.js';
import { ensurePeople, writeCompletions, type CompletionRowStatus, type CompletionToWrite } from './import-completions.js';

export interface AttackSimRowReport {
  row: number;
  person: string;
  /** The training's name in Defender. */
  training: string;
  course: string;
  status: CompletionRowStatus | 'skipped';
  messages: string[];
}

export interface AttackSimImportReport {
  created: number;
  updated: number;
  unchanged: number;
  /** Trainings not completed, not counting towards a course, or of people not in Personal. */
  skipped: number;
  /** Skipped rows someone should look at: people Defender knows and Personal does not. */
  warnings: number;
  errors: number;
  /** Graph pages read and throttled answers waited out. */
  pages: number;
  throttled: number;
  rows: AttackSimRowReport[];
  dryRun: boolean;
}

export async function importAttackSim(options: {
  sp: SPFI;
  /** Graph's training coverage (every page). */
  readCoverage: () => Promise<TrainingCoverageRead>;
  dryRun?: boolean;
  now?: Date;
}): Promise<AttackSimImportReport> {
  const dryRun = options.dryRun === true;
  const repos = createRepositories(options.sp);
  const [coverage, staff, courses, values] = await Promise.all([
    options.readCoverage(),
    repos.staff.all(),
    repos.trainingCourses.all(),
    repos.settings.values(),
  ]);
  const report: AttackSimImportReport = {
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    warnings: 0,
    errors: 0,
    pages: coverage.pages,
    throttled: coverage.throttled,
    rows: [],
    dryRun,
  };
  const settings = readDefenderCourseSettings(values);
  if (!settings.ok) {
    report.errors = 1;
    report.rows.push({ row: 0, person: '', training: '', course: '', status: 'error', messages: [settings.message] });
    return report;
  }
  const roster: StaffRef[] = staff.map((s) => ({ id: s.id, entraId: s.entraId ?? null, email: s.email ?? null, title: s.title }));
  const planned = planAttackSimImport(coverage.users, {
    roster,
    courses,
    settings: settings.value,
    leadDays: Number(values.trainingWarningDays ?? 30) || 30,
    today: stockholmDate(options.now ?? new Date()),
  });

  // The site user of each roster row: its person field, else ensureUser on its address.
  const userOfStaff = new Map(staff.map((s) => [s.id, s.person?.id ?? null]));
  const missing = [
    ...new Set(
      planned.flatMap((p) => (p.status === 'ready' && !userOfStaff.get(p.staff.id) && p.staff.email ? [p.staff.email.toLowerCase()] : [])),
    ),
  ];
  const ensured = await ensurePeople(repos, missing);

  const ready: CompletionToWrite[] = [];
  const training = new Map<number, string>();
  for (const p of planned) {
    if (p.status !== 'ready') {
      report.rows.push({ row: p.row, person: p.person, training: p.training, course: p.course, status: p.status, messages: p.messages });
      continue;
    }
    const personId = userOfStaff.get(p.staff.id) ?? (p.staff.email ? ensured.get(p.staff.email.toLowerCase())?.id : undefined);
    if (!personId) {
      report.rows.push({
        row: p.row,
        person: p.person,
        training: p.training,
        course: p.course,
        status: 'error',
        messages: [`Personen ${p.person} finns i Personal men inte i kommunens katalog i SharePoint.`],
      });
      continue;
    }
    training.set(p.row, p.training);
    ready.push({
      row: p.row,
      person: p.person,
      personId,
      personTitle: p.staff.title,
      courseId: p.courseRef.id,
      courseTitle: p.courseRef.title,
      completedAt: p.completedAt,
      expiresAt: p.expiresAt,
      score: null,
      key: `${personId}:${p.courseRef.id}:${p.completedAt}`,
    });
  }
  for (const r of await writeCompletions(options.sp, ready, dryRun))
    report.rows.push({
      row: r.row,
      person: r.person,
      training: training.get(r.row) ?? '',
      course: r.course,
      status: r.status,
      messages: r.messages,
    });
  report.rows.sort((a, b) => a.row - b.row);
  for (const r of report.rows) {
    if (r.status === 'created') report.created++;
    else if (r.status === 'unchanged') report.unchanged++;
    else if (r.status === 'skipped') report.skipped++;
    else report.errors++;
  }
  report.warnings = planned.filter((p) => p.status === 'skipped' && p.warning).length;
  return report;
}
