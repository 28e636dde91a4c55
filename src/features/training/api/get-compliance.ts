import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { ComplianceBody } from '../../../shared/api/training-types.js';
import { useSession, type Session } from '../../../shared/ui/session.js';

/** The dashboard's filters (kept in the URL): a förvaltning's id and an audience group. */
export interface ComplianceFilter {
  department: number | null;
  audience: string | null;
}

/** `training/compliance?department=&audience=` (and `gaps=all` for the export). */
export function compliancePath(filter: ComplianceFilter, allGaps = false): string {
  const q = new URLSearchParams();
  if (filter.department !== null) q.set('department', String(filter.department));
  if (filter.audience) q.set('audience', filter.audience);
  if (allGaps) q.set('gaps', 'all');
  const s = q.toString();
  return s ? `training/compliance?${s}` : 'training/compliance';
}

/** The compliance dashboard: coordinators and admins everyone, managers their own staff. */
export function getCompliance(session: Session, filter: ComplianceFilter, signal?: AbortSignal): Promise<ComplianceBody> {
  return session.api.get<ComplianceBody>(compliancePath(filter), signal ? { signal } : {});
}

export function complianceQueryOptions(session: Session, filter: ComplianceFilter) {
  return queryOptions({
    queryKey: [session.key, 'training', 'compliance', filter.department, filter.audience] as const,
    queryFn: ({ signal }) => getCompliance(session, filter, signal),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

export function useCompliance(filter: ComplianceFilter) {
  return useQuery(complianceQueryOptions(useSession(), filter));
}
