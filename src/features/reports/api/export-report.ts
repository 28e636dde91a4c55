import { useMutation } from '@tanstack/react-query';
import { useSession, type Session } from '../../../shared/ui/session.js';

export type ReportExportFormat = 'docx' | 'xlsx';

/** Which report: a year, or a span of years (the end of a term). */
export type ReportPeriod = { kind: 'yearly'; year: number } | { kind: 'term'; from: number; to: number };

export interface ExportReportInput {
  period: ReportPeriod;
  format: ReportExportFormat;
  /** Free text per section key, typed in the preview. */
  texts: Record<string, string>;
}

/** The file name the CLI, the API and the library use. */
export const reportFileName = (period: ReportPeriod, format: ReportExportFormat) =>
  period.kind === 'yearly'
    ? `arlig-aterrapportering-${period.year}.${format}`
    : `aterrapportering-mandatperiod-${period.from}-${period.to}.${format}`;

/** Hands a file the API sent to the browser as a download (the API needs the bearer token, so no plain link). */
export function saveDownload(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.rel = 'noopener';
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

/**
 * The yearly or end-of-term report as .docx or .xlsx (POST reports/yearly/export or
 * reports/term/export), rendered by the API with the texts (which it redacts), saved as a download.
 */
export async function exportReport(session: Session, input: ExportReportInput): Promise<string> {
  const { period, format, texts } = input;
  const blob =
    period.kind === 'yearly'
      ? await session.api.send<Blob>('POST', 'reports/yearly/export', { year: period.year, format, texts }, { binary: true })
      : await session.api.send<Blob>('POST', 'reports/term/export', { from: period.from, to: period.to, format, texts }, { binary: true });
  const name = reportFileName(period, format);
  saveDownload(blob, name);
  return name;
}

export function useExportReport() {
  const session = useSession();
  return useMutation({ mutationFn: (input: ExportReportInput) => exportReport(session, input) });
}
