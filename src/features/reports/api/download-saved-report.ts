import { useMutation } from '@tanstack/react-query';
import { useSession, type Session } from '../../../shared/ui/session.js';
import { saveDownload } from './export-report.js';
import type { SavedReport } from './saved-reports.js';

/** A file saved in Rapporter, downloaded through the API (GET reports/library/file). */
export async function downloadSavedReport(session: Session, file: Pick<SavedReport, 'folder' | 'name'>): Promise<string> {
  const q = new URLSearchParams({ folder: file.folder, name: file.name });
  saveDownload(await session.api.get<Blob>(`reports/library/file?${q}`, { binary: true }), file.name);
  return file.name;
}

export function useDownloadSavedReport() {
  const session = useSession();
  return useMutation({ mutationFn: (file: Pick<SavedReport, 'folder' | 'name'>) => downloadSavedReport(session, file) });
}
