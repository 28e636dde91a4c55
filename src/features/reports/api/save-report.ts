import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useSession, type Session } from '../../../shared/ui/session.js';
import type { ReportPeriod } from './export-report.js';
import { savedReportsKey, type SavedReport } from './saved-reports.js';

export interface SaveReportInput {
  period: ReportPeriod;
  texts: Record<string, string>;
}

/**
 * Saves the report's .docx and .xlsx (with the texts, redacted by the API) in the document library
 * Rapporter, Rapporter/<year>/ (POST reports/save); saving again makes a new version of each file.
 */
export async function saveReport(session: Session, input: SaveReportInput): Promise<SavedReport[]> {
  const body = { ...input.period, texts: input.texts };
  return (await session.api.send<{ files: SavedReport[] }>('POST', 'reports/save', body)).files;
}

export function useSaveReport() {
  const session = useSession();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SaveReportInput) => saveReport(session, input),
    onSuccess: () => client.invalidateQueries({ queryKey: savedReportsKey(session) }),
  });
}
