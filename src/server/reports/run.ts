/**
 * One report from the site to a file's bytes: load (load.ts), compose (src/domain/reports), render
 * (.docx, .xlsx or the JSON with every figure the documents show). Shared by `npm run report` and
 * the API.
 */
import type { SPFI } from '@pnp/sp';
import ExcelJS from 'exceljs';
import {
  composeTermReport,
  composeYearlyReport,
  termCharts,
  termDocument,
  yearlyCharts,
  yearlyDocument,
  type ReportDocument,
  type SectionTexts,
  type TermReport,
  type YearlyReport,
} from '../../domain/reports/index.js';
import { translator } from '../../shared/i18n/catalogue.js';
import { reportDocxBytes } from '../../shared/reports/docx.js';
import { reportXlsxBytes } from '../../shared/reports/xlsx.js';
import { chartImages } from './chart-png.js';
import { loadReportData, type LoadStats } from './load.js';

export const REPORT_FORMATS = ['docx', 'xlsx', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export type ReportSpec = { kind: 'yearly'; year: number } | { kind: 'term'; from: number; to: number };

export interface BuiltReport {
  report: YearlyReport | TermReport;
  document: ReportDocument;
  stats: LoadStats;
}

export async function buildReport(sp: SPFI, spec: ReportSpec, now: Date, texts: SectionTexts = {}): Promise<BuiltReport> {
  const [from, to] = spec.kind === 'yearly' ? [spec.year, spec.year] : [spec.from, spec.to];
  const { data, settings, stats } = await loadReportData(sp, from, to, now);
  if (spec.kind === 'yearly') {
    const report = composeYearlyReport(data, settings, spec.year, now, texts);
    return { report, document: yearlyDocument(report), stats };
  }
  const report = composeTermReport(data, settings, spec.from, spec.to, now, texts);
  return { report, document: termDocument(report), stats };
}

export async function renderReport(built: Pick<BuiltReport, 'report' | 'document'>, format: ReportFormat): Promise<Uint8Array> {
  if (format === 'json') return new TextEncoder().encode(`${JSON.stringify(built.report, null, 2)}\n`);
  if (format === 'xlsx') return reportXlsxBytes(ExcelJS, built.document);
  const t = translator('sv');
  const charts = built.report.kind === 'yearly' ? yearlyCharts(built.report, t, { locale: 'sv-SE' }) : termCharts(built.report, t);
  return reportDocxBytes(built.document, chartImages(charts));
}

/** The file name the library and the tab use: arlig-aterrapportering-2025.docx, aterrapportering-mandatperiod-2023-2026.xlsx. */
export function reportFileName(spec: ReportSpec, format: ReportFormat): string {
  return spec.kind === 'yearly'
    ? `arlig-aterrapportering-${spec.year}.${format}`
    : `aterrapportering-mandatperiod-${spec.from}-${spec.to}.${format}`;
}
