import { queryOptions, useQuery } from '@tanstack/react-query';
import { DataError, inBatch, where } from '../../../shared/data/index.js';
import type { RecordOf, SystemRecord } from '../../../shared/schema/index.js';
import { useSession, type Session } from '../../../shared/ui/session.js';

export type SecurityRequirement = RecordOf<'securityRequirements'>;
export type SelfAssessment = RecordOf<'selfAssessments'>;

export interface SystemRequirementsData {
  system: SystemRecord;
  requirements: SecurityRequirement[];
  /** null when the signed-in person may not read assessments (staff outside the owners' group). */
  assessments: SelfAssessment[] | null;
}

/** The catalogue in a stable order: aspect K R T S, level, code. */
export function catalogueOrder(a: SecurityRequirement, b: SecurityRequirement): number {
  const aspects = ['K', 'R', 'T', 'S'];
  return (
    aspects.indexOf(a.aspect) - aspects.indexOf(b.aspect) || a.fromLevel - b.fromLevel || (a.code ?? '').localeCompare(b.code ?? '', 'sv')
  );
}

/** The system, the catalogue and the system's assessments: one $batch round trip. */
export async function getSystemRequirements(session: Session, systemId: number): Promise<SystemRequirementsData> {
  return inBatch(session.sp, (r) => {
    const system = r.systems.get(systemId);
    const requirements = r.securityRequirements.list({ filter: where('securityRequirements').eq('active', true) });
    const assessments = r.selfAssessments.list({ filter: where('selfAssessments').eq('system', systemId) }).catch((error: unknown) => {
      // Lists a person holds nothing on are refused like missing ones.
      if (error instanceof DataError && (error.kind === 'forbidden' || error.kind === 'notFound')) return null;
      throw error;
    });
    return Promise.all([system, requirements, assessments]).then(([s, reqs, a]) => ({
      system: s,
      requirements: [...reqs].sort(catalogueOrder),
      assessments: a,
    }));
  });
}

export function getSystemRequirementsQueryOptions(session: Session, systemId: number) {
  return queryOptions({
    queryKey: [session.key, 'system-requirements', systemId] as const,
    queryFn: () => getSystemRequirements(session, systemId),
    staleTime: 30_000,
  });
}

export function useSystemRequirements(systemId: number) {
  return useQuery(getSystemRequirementsQueryOptions(useSession(), systemId));
}
