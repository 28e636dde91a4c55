import { queryOptions, useQuery } from '@tanstack/react-query';
import type { TermReport } from '../../../domain/reports/index.js';
import { useSession, type Session } from '../../../shared/ui/session.js';

/** The end-of-term report as data (GET reports/term): the same JSON `npm run report -- term --format json` writes. */
export function getTermReport(session: Session, from: number, to: number, signal?: AbortSignal): Promise<TermReport> {
  return session.api.get<TermReport>(`reports/term?from=${from}&to=${to}`, signal ? { signal } : {});
}

export function termReportQueryOptions(session: Session, from: number, to: number, enabled = true) {
  return queryOptions({
    queryKey: [session.key, 'reports', 'term', from, to] as const,
    queryFn: ({ signal }) => getTermReport(session, from, to, signal),
    staleTime: 60_000,
    enabled,
  });
}

export function useTermReport(from: number, to: number, enabled = true) {
  return useQuery(termReportQueryOptions(useSession(), from, to, enabled));
}
