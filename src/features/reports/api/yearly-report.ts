import { queryOptions, useQuery } from '@tanstack/react-query';
import type { YearlyReport } from '../../../domain/reports/index.js';
import { useSession, type Session } from '../../../shared/ui/session.js';

/** The yearly report to the board as data (GET reports/yearly): the same JSON `npm run report -- yearly --format json` writes. */
export function getYearlyReport(session: Session, year: number, signal?: AbortSignal): Promise<YearlyReport> {
  return session.api.get<YearlyReport>(`reports/yearly?year=${year}`, signal ? { signal } : {});
}

export function yearlyReportQueryOptions(session: Session, year: number, enabled = true) {
  return queryOptions({
    queryKey: [session.key, 'reports', 'yearly', year] as const,
    queryFn: ({ signal }) => getYearlyReport(session, year, signal),
    staleTime: 60_000,
    enabled,
  });
}

/** `enabled` false for people without the role: they are told why instead of being refused. */
export function useYearlyReport(year: number, enabled = true) {
  return useQuery(yearlyReportQueryOptions(useSession(), year, enabled));
}
