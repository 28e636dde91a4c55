/**
 * The reports use cases of the Systemkoll API (the tab's Rapporter): the yearly and the end-of-term
 * report as the JSON `npm run report -- yearly|term --format json` writes, their .docx or .xlsx with
 * the free text typed per section in the tab, saving both files to the document library Rapporter
 * (Rapporter/<year>/<file name>, as `--save`; saving again adds a version of the same file, which
 * the library keeps, 50 at most) and the list of what the library holds. The report reads every list, so it is read app-only after
 * src/domain/authorization.ts has said the caller is a coordinator or an admin. The free texts are
 * redacted by the composition like every text the report shows (names of the people the data
 * mentions, which the browser never has) — the reason the documents are rendered here. One year's
 * data is read once and shared for a short while: the preview and the export that follows it.
 */
import type { SPFI } from '@pnp/sp';
import { canComposeReports, type Actor } from '../../domain/authorization.js';
import { stockholmYear } from '../../domain/calendar.js';
import {
  composeTermReport,
  composeYearlyReport,
  termDocument,
  TERM_SECTIONS,
  validTerm,
  YEARLY_SECTIONS,
  yearlyDocument,
  type SectionTexts,
  type TermReport,
  type YearlyReport,
} from '../../domain/reports/index.js';
import { DocumentLibrary, type LibraryFile } from '../../shared/data/index.js';
import { loadReportData, type ReportLoad } from '../reports/load.js';
import { renderReport, reportFileName, type ReportSpec } from '../reports/run.js';
import type { Caller } from './caller.js';
import { ApiError } from './service.js';

export const REPORT_EXPORT_FORMATS = ['docx', 'xlsx'] as const;
export type ReportExportFormat = (typeof REPORT_EXPORT_FORMATS)[number];

/** The earliest year a report is composed for. */
export const FIRST_REPORT_YEAR = 2000;

/** Which report: a year, or a span of years (the end of a term). */
export type ReportPeriod = { kind: 'yearly'; year: number } | { kind: 'term'; from: number; to: number };

export interface ReportExportInput {
  year: number;
  format: ReportExportFormat;
  /** Free text per section key (actions, incidents, status, budget); other keys are ignored. */
  texts?: SectionTexts;
}

export interface TermExportInput {
  from: number;
  to: number;
  format: ReportExportFormat;
  /** Free text per section key (work, risks, incidents, conclusions, budget). */
  texts?: SectionTexts;
}

/** A file in Rapporter as the tab lists it: the year folder, and the file. */
export interface SavedReport extends LibraryFile {
  folder: string;
}

export interface ReportFile {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

const CONTENT_TYPES: Record<ReportExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

interface Deps {
  sp?: SPFI | undefined;
  now: () => Date;
  actorFor(caller: Caller): Promise<Actor>;
  ttlMs?: number;
}

export function createReportsApi(deps: Deps) {
  const ttl = deps.ttlMs ?? 60_000;
  const loads = new Map<string, { at: number; load: Promise<ReportLoad> }>();

  async function authorise(caller: Caller): Promise<void> {
    if (!canComposeReports(await deps.actorFor(caller)))
      throw new ApiError(
        403,
        'forbidden',
        'Rapporterna till kommunstyrelsen tas fram av informationssäkerhetssamordnare och administratörer.',
      );
  }

  function validYear(year: number, now: Date): number {
    if (!Number.isInteger(year) || year < FIRST_REPORT_YEAR || year > stockholmYear(now))
      throw new ApiError(400, 'badRequest', `Välj ett år mellan ${FIRST_REPORT_YEAR} och ${stockholmYear(now)}.`);
    return year;
  }

  function load(from: number, to: number, now: Date): Promise<ReportLoad> {
    if (!deps.sp) throw new Error('Rapporterna kräver SharePoint-pipelinen (ServiceOptions.sp).');
    const t = now.getTime();
    const key = `${from}-${to}`;
    const hit = loads.get(key);
    if (hit && t - hit.at < ttl) return hit.load;
    const entry = { at: t, load: loadReportData(deps.sp, from, to, now) };
    entry.load.catch(() => {
      if (loads.get(key) === entry) loads.delete(key);
    });
    loads.set(key, entry);
    return entry.load;
  }

  function validTermSpan(from: number, to: number, now: Date): void {
    if (!validTerm(from, to) || from < FIRST_REPORT_YEAR || to > stockholmYear(now))
      throw new ApiError(
        400,
        'badRequest',
        `Välj en period på högst åtta år mellan ${FIRST_REPORT_YEAR} och ${stockholmYear(now)}, med första året före eller lika med det sista.`,
      );
  }

  const kept = (keys: readonly string[], texts: SectionTexts | undefined): SectionTexts => {
    const out: SectionTexts = {};
    for (const key of keys) if (texts?.[key]?.trim()) out[key] = texts[key];
    return out;
  };

  async function compose(caller: Caller, year: number, texts: SectionTexts = {}): Promise<YearlyReport> {
    await authorise(caller);
    const now = deps.now();
    const { data, settings } = await load(validYear(year, now), year, now);
    return composeYearlyReport(data, settings, year, now, texts);
  }

  async function composeTerm(caller: Caller, from: number, to: number, texts: SectionTexts = {}): Promise<TermReport> {
    await authorise(caller);
    const now = deps.now();
    validTermSpan(from, to, now);
    const { data, settings } = await load(from, to, now);
    return composeTermReport(data, settings, from, to, now, texts);
  }

  async function file(period: ReportPeriod, format: ReportExportFormat, report: YearlyReport | TermReport): Promise<ReportFile> {
    const document = report.kind === 'yearly' ? yearlyDocument(report) : termDocument(report);
    return {
      fileName: reportFileName(period as ReportSpec, format),
      contentType: CONTENT_TYPES[format],
      bytes: await renderReport({ report, document }, format),
    };
  }

  function library(): DocumentLibrary {
    if (!deps.sp) throw new Error('Rapporterna kräver SharePoint-pipelinen (ServiceOptions.sp).');
    return new DocumentLibrary(deps.sp, 'reports');
  }

  return {
    /** GET reports/yearly?year=: the report as data, every figure the documents show. */
    yearly: (caller: Caller, year: number): Promise<YearlyReport> => compose(caller, year),

    /** The yearly report as a file, with the sections' free texts (redacted) before the computed sentences. */
    async yearlyExport(caller: Caller, input: ReportExportInput): Promise<ReportFile> {
      const report = await compose(caller, input.year, kept(YEARLY_SECTIONS, input.texts));
      return file({ kind: 'yearly', year: input.year }, input.format, report);
    },

    /** GET reports/term?from=&to=: the end-of-term report as data. */
    term: (caller: Caller, from: number, to: number): Promise<TermReport> => composeTerm(caller, from, to),

    /** The end-of-term report as a file, with the sections' free texts. */
    async termExport(caller: Caller, input: TermExportInput): Promise<ReportFile> {
      const report = await composeTerm(caller, input.from, input.to, kept(TERM_SECTIONS, input.texts));
      return file({ kind: 'term', from: input.from, to: input.to }, input.format, report);
    },

    /**
     * POST reports/save: the report's .docx and .xlsx (with the free texts) into Rapporter/<year>/
     * (a term under its last year) under the file names the CLI uses; a file saved before becomes a
     * new version of itself.
     */
    async save(caller: Caller, period: ReportPeriod, texts?: SectionTexts): Promise<SavedReport[]> {
      const report =
        period.kind === 'yearly'
          ? await compose(caller, period.year, kept(YEARLY_SECTIONS, texts))
          : await composeTerm(caller, period.from, period.to, kept(TERM_SECTIONS, texts));
      const folder = String(period.kind === 'yearly' ? period.year : period.to);
      const reports = library();
      const saved: SavedReport[] = [];
      for (const format of REPORT_EXPORT_FORMATS) {
        const f = await file(period, format, report);
        saved.push({ ...(await reports.upload(folder, f.fileName, f.bytes)), folder });
      }
      return saved;
    },

    /** GET reports/library: every file in Rapporter's year folders, newest year first, then by name. */
    async saved(caller: Caller): Promise<SavedReport[]> {
      await authorise(caller);
      const reports = library();
      const folders = (await reports.folders()).sort((a, b) => b.localeCompare(a));
      const lists = await Promise.all(folders.map(async (folder) => (await reports.list(folder)).map((f) => ({ ...f, folder }))));
      return lists.flat().sort((a, b) => b.folder.localeCompare(a.folder) || a.name.localeCompare(b.name, 'sv'));
    },

    /** GET reports/library/file?folder=&name=: a saved file's bytes (the tab's download). */
    async savedFile(caller: Caller, folder: string, name: string): Promise<ReportFile> {
      await authorise(caller);
      if (!/^\d{4}$/.test(folder) || !/^[^/\\]+\.(docx|xlsx)$/.test(name))
        throw new ApiError(400, 'badRequest', 'Ange mappen (årtal) och filens namn (.docx eller .xlsx).');
      const bytes = await library()
        .download(folder, name)
        .catch((error: unknown) => {
          if (error instanceof Error && 'kind' in error && error.kind === 'notFound')
            throw new ApiError(404, 'notFound', `Filen ${name} finns inte i Rapporter/${folder}.`);
          throw error;
        });
      return { fileName: name, contentType: CONTENT_TYPES[name.endsWith('.xlsx') ? 'xlsx' : 'docx'], bytes };
    },

    /** Drops what was read (a write through the API changed the data). */
    changed(): void {
      loads.clear();
    },
  };
}
