import { useMutation } from '@tanstack/react-query';
import { useSession, type Session } from '../../../shared/ui/session.js';

export type ReportExportFormat = 'docx' | 'xlsx';

export interface ExportYearlyReportInput {
  year: number;
  format: ReportExportFormat;
  /** Free text per section key, typed in the preview. */
  texts: Record<string, string>;
}

/** The file name the CLI and the API use. */
export const yearlyReportFileName = (year: number, format: ReportExportFormat) => `arlig-aterrapportering-${year}.${format}`;

/**
 * The yearly report as .docx or .xlsx (POST reports/yearly/export), rendered by the API with the
 * texts (which it redacts), saved as a download: the API needs the bearer token, so no plain link.
 */
export async function exportYearlyReport(session: Session, input: ExportYearlyReportInput): Promise<string> {
  const blob = await session.api.send<Blob>('POST', 'reports/yearly/export', input, { binary: true });
  const name = yearlyReportFileName(input.year, input.format);
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
  return name;
}

export function useExportYearlyReport() {
  const session = useSession();
  return useMutation({ mutationFn: (input: ExportYearlyReportInput) => exportYearlyReport(session, input) });
}
