/**
 * Completions from an LMS export into Genomförda utbildningar: a dry run with a row-by-row report,
 * then the commit; idempotent (a completion is keyed by person, course and date — the same key the
 * coordinators' manual entry and the course module use, so a re-import or a retry changes nothing).
 * People are resolved to directory users (unknown ones reported, never invented); courses by name.
 * Written with source 'import' as the caller: only admins may write the list directly (the trust
 * model), coordinators are refused by SharePoint with a Swedish message.
 */
import { inBatch, where, type Repositories } from '../shared/data/index.js';
import type { SPFI } from '@pnp/sp';
import { stockholmDate, type CalendarDate } from '../domain/calendar.js';
import { normaliseKey } from '../domain/register-import/normalise.js';
import { completionColumns, completionExpiry, missingColumns, readCompletionRow } from '../domain/training/index.js';
import { DataError, createRepositories } from '../shared/data/index.js';
import type { Table } from './read-table.js';

export type CompletionRowStatus = 'created' | 'unchanged' | 'error';

export interface CompletionRowReport {
  row: number;
  person: string;
  course: string;
  status: CompletionRowStatus;
  messages: string[];
}

export interface CompletionImportReport {
  created: number;
  updated: number;
  unchanged: number;
  warnings: number;
  errors: number;
  rows: CompletionRowReport[];
  dryRun: boolean;
}

/** Keys asked for in one query (an OR of the unique, indexed CompletionKey). */
const KEYS_PER_QUERY = 20;

export async function importCompletions(options: {
  sp: SPFI;
  table: Table;
  dryRun?: boolean;
  now?: Date;
}): Promise<CompletionImportReport> {
  const repos: Repositories = createRepositories(options.sp);
  const dryRun = options.dryRun === true;
  const today: CalendarDate = stockholmDate(options.now ?? new Date());
  const { table } = options;
  const report: CompletionImportReport = { created: 0, updated: 0, unchanged: 0, warnings: 0, errors: 0, rows: [], dryRun };
  const columns = completionColumns(table.headers);
  const missing = missingColumns(columns, table.headers);
  if (missing) {
    report.errors = 1;
    report.rows.push({ row: 1, person: '', course: '', status: 'error', messages: [missing] });
    return report;
  }
  const [courses, values] = await Promise.all([repos.trainingCourses.all(), repos.settings.values()]);
  const leadDays = Number(values.trainingWarningDays ?? 30) || 30;
  const courseByName = new Map(courses.map((c) => [normaliseKey(c.title), c]));

  // Read every row; resolve people to directory users.
  const parsed = table.rows.map((r) => ({ row: r.row, read: readCompletionRow(r.cells, columns, table.headers, today) }));
  const emails = [...new Set(parsed.flatMap((p) => (p.read.ok ? [p.read.value.email] : [])))];
  const people = await ensurePeople(repos, emails);

  const ready: CompletionToWrite[] = [];
  const seen = new Set<string>();
  for (const p of parsed) {
    if (!p.read.ok) {
      report.rows.push({ row: p.row, person: '', course: '', status: 'error', messages: p.read.messages });
      continue;
    }
    const v = p.read.value;
    const messages: string[] = [];
    const person = people.get(v.email);
    if (!person) messages.push(`Personen ${v.email} finns inte i kommunens katalog.`);
    const course = courseByName.get(normaliseKey(v.course));
    if (!course) messages.push(`Kursen "${v.course}" finns inte i Utbildningar. Lägg till den där eller rätta namnet.`);
    if (!person || !course) {
      report.rows.push({ row: p.row, person: v.email, course: v.course, status: 'error', messages });
      continue;
    }
    const key = `${person.id}:${course.id}:${v.completedAt}`;
    if (seen.has(key)) {
      report.rows.push({
        row: p.row,
        person: v.email,
        course: course.title,
        status: 'unchanged',
        messages: ['Samma genomförande finns redan på en tidigare rad i filen.'],
      });
      continue;
    }
    seen.add(key);
    const expiresAt = completionExpiry(course, v.completedAt, null, leadDays);
    ready.push({
      row: p.row,
      person: v.email,
      personId: person.id,
      personTitle: person.title,
      courseId: course.id,
      courseTitle: course.title,
      completedAt: v.completedAt,
      expiresAt,
      score: v.score,
      key,
    });
  }
  report.rows.push(...(await writeCompletions(options.sp, ready, dryRun)));
  report.rows.sort((a, b) => a.row - b.row);
  for (const r of report.rows) {
    if (r.status === 'created') report.created++;
    else if (r.status === 'unchanged') report.unchanged++;
    else report.errors++;
  }
  return report;
}

/** A completion ready to be written: person and course resolved, key and expiry computed. */
export interface CompletionToWrite {
  row: number;
  /** The person as the report names them (the address). */
  person: string;
  personId: number;
  personTitle: string;
  courseId: number;
  courseTitle: string;
  completedAt: CalendarDate;
  expiresAt: CalendarDate | null;
  score: number | null;
  /** personId:courseId:completedAt — the unique CompletionKey every source uses. */
  key: string;
}

/**
 * Site users for the addresses (ensureUser), 100 per batch, one by one where SharePoint refuses a
 * batch; an address the directory does not know is left out (the caller reports it).
 */
export async function ensurePeople(repos: Repositories, emails: readonly string[]): Promise<Map<string, { id: number; title: string }>> {
  const people = new Map<string, { id: number; title: string }>();
  for (let i = 0; i < emails.length; i += 100) {
    const chunk = emails.slice(i, i + 100);
    try {
      for (const [k, v] of await repos.users.ensureMany(chunk)) people.set(k, v);
    } catch {
      for (const e of chunk) {
        try {
          people.set(e, await repos.users.ensure(e));
        } catch {
          // Not in the directory: reported on the row.
        }
      }
    }
  }
  return people;
}

/**
 * The one writer of imported completions (the LMS file and Defender): the keys the list already
 * holds are read first (the unique, indexed CompletionKey), the rest added with source 'import'
 * unless it is a dry run. A row per completion: created or unchanged.
 */
export async function writeCompletions(sp: SPFI, ready: readonly CompletionToWrite[], dryRun: boolean): Promise<CompletionRowReport[]> {
  const repos = createRepositories(sp);
  const rows: CompletionRowReport[] = [];
  // Which keys the list already holds: the unique index, a few keys per query, all in one $batch per 100.
  const stored = new Set<string>();
  const c = where('trainingCompletions');
  for (let i = 0; i < ready.length; i += KEYS_PER_QUERY * 100) {
    const slice = ready.slice(i, i + KEYS_PER_QUERY * 100);
    const found = await inBatch(sp, (r) => {
      const queries = [];
      for (let j = 0; j < slice.length; j += KEYS_PER_QUERY)
        queries.push(
          r.trainingCompletions.list({
            filter: c.or(...slice.slice(j, j + KEYS_PER_QUERY).map((x) => c.eq('completionKey', x.key))),
            fields: ['completionKey'],
          }),
        );
      return Promise.all(queries);
    });
    for (const row of found.flat()) if (row.completionKey) stored.add(row.completionKey);
  }

  for (const x of ready) {
    const base = { row: x.row, person: x.person, course: x.courseTitle };
    if (stored.has(x.key)) {
      rows.push({ ...base, status: 'unchanged', messages: [] });
      continue;
    }
    if (!dryRun) {
      try {
        await repos.trainingCompletions.add({
          title: `${x.personTitle} – ${x.courseTitle}`.slice(0, 255),
          person: { id: x.personId },
          course: { id: x.courseId },
          completedAt: x.completedAt,
          ...(x.expiresAt ? { expiresAt: x.expiresAt } : {}),
          source: 'import',
          ...(x.score !== null ? { score: x.score } : {}),
          completionKey: x.key,
        });
      } catch (error) {
        // A retry after a lost reply meets its own first write: the completion is there.
        if (error instanceof DataError && error.kind === 'duplicate') {
          rows.push({ ...base, status: 'unchanged', messages: [] });
          continue;
        }
        if (error instanceof DataError && error.kind === 'forbidden')
          throw new Error('Du får inte registrera genomförd utbildning i SharePoint. Importen görs av en administratör.');
        throw error;
      }
    }
    rows.push({ ...base, status: 'created', messages: [] });
  }
  return rows;
}
