/**
 * The reports use cases of the Systemkoll API (the tab's Rapporter): the yearly report as the JSON
 * `npm run report -- yearly --format json` writes, and its .docx or .xlsx with the free text typed
 * per section in the tab. The report reads every list, so it is read app-only after
 * src/domain/authorization.ts has said the caller is a coordinator or an admin. The free texts are
 * redacted by the composition like every text the report shows (names of the people the data
 * mentions, which the browser never has) — the reason the documents are rendered here. One year's
 * data is read once and shared for a short while: the preview and the export that follows it.
 */
import type { SPFI } from '@pnp/sp';
import { canComposeReports, type Actor } from '../../domain/authorization.js';
import { stockholmYear } from '../../domain/calendar.js';
import { composeYearlyReport, YEARLY_SECTIONS, yearlyDocument, type SectionTexts, type YearlyReport } from '../../domain/reports/index.js';
import { loadReportData, type ReportLoad } from '../reports/load.js';
import { renderReport, reportFileName } from '../reports/run.js';
import type { Caller } from './caller.js';
import { ApiError } from './service.js';

export const REPORT_EXPORT_FORMATS = ['docx', 'xlsx'] as const;
export type ReportExportFormat = (typeof REPORT_EXPORT_FORMATS)[number];

/** The earliest year a report is composed for. */
export const FIRST_REPORT_YEAR = 2000;

export interface ReportExportInput {
  year: number;
  format: ReportExportFormat;
  /** Free text per section key (actions, incidents, status, budget); other keys are ignored. */
  texts?: SectionTexts;
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
  const loads = new Map<number, { at: number; load: Promise<ReportLoad> }>();

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

  function load(year: number, now: Date): Promise<ReportLoad> {
    if (!deps.sp) throw new Error('Rapporterna kräver SharePoint-pipelinen (ServiceOptions.sp).');
    const t = now.getTime();
    const hit = loads.get(year);
    if (hit && t - hit.at < ttl) return hit.load;
    const entry = { at: t, load: loadReportData(deps.sp, year, year, now) };
    entry.load.catch(() => {
      if (loads.get(year) === entry) loads.delete(year);
    });
    loads.set(year, entry);
    return entry.load;
  }

  async function compose(caller: Caller, year: number, texts: SectionTexts = {}): Promise<YearlyReport> {
    await authorise(caller);
    const now = deps.now();
    const { data, settings } = await load(validYear(year, now), now);
    return composeYearlyReport(data, settings, year, now, texts);
  }

  return {
    /** GET reports/yearly?year=: the report as data, every figure the documents show. */
    yearly: (caller: Caller, year: number): Promise<YearlyReport> => compose(caller, year),

    /** The yearly report as a file, with the sections' free texts (redacted) before the computed sentences. */
    async yearlyExport(caller: Caller, input: ReportExportInput): Promise<ReportFile> {
      const texts: SectionTexts = {};
      for (const key of YEARLY_SECTIONS) if (input.texts?.[key]?.trim()) texts[key] = input.texts[key];
      const report = await compose(caller, input.year, texts);
      const bytes = await renderReport({ report, document: yearlyDocument(report) }, input.format);
      return {
        fileName: reportFileName({ kind: 'yearly', year: input.year }, input.format),
        contentType: CONTENT_TYPES[input.format],
        bytes,
      };
    },

    /** Drops what was read (a write through the API changed the data). */
    changed(): void {
      loads.clear();
    },
  };
}
