import { queryOptions, useQuery } from '@tanstack/react-query';
import { useSession, type Session } from '../../../shared/ui/session.js';

/** A file in the document library Rapporter (GET reports/library). */
export interface SavedReport {
  folder: string;
  name: string;
  /** Server-relative URL in SharePoint. */
  url: string;
  length: number;
  modified: string;
  version: string;
}

/** What Rapporter holds: every year folder's files, newest year first. */
export async function getSavedReports(session: Session, signal?: AbortSignal): Promise<SavedReport[]> {
  return (await session.api.get<{ files: SavedReport[] }>('reports/library', signal ? { signal } : {})).files;
}

export const savedReportsKey = (session: Session) => [session.key, 'reports', 'library'] as const;

export function savedReportsQueryOptions(session: Session) {
  return queryOptions({
    queryKey: savedReportsKey(session),
    queryFn: ({ signal }) => getSavedReports(session, signal),
    staleTime: 60_000,
  });
}

export function useSavedReports() {
  return useQuery(savedReportsQueryOptions(useSession()));
}
