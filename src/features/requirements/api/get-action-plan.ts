import { queryOptions, useQuery } from '@tanstack/react-query';
import { inBatch } from '../../../shared/data/index.js';
import type { SystemRecord } from '../../../shared/schema/index.js';
import { useSession, type Session } from '../../../shared/ui/session.js';
import { assessmentPlan } from '../../../domain/security-requirements.js';
import { catalogueOrder, type SecurityRequirement, type SelfAssessment } from './get-system-requirements.js';

export interface OpenItem {
  system: SystemRecord;
  requirement: SecurityRequirement;
  assessment: SelfAssessment;
}

export interface ActionPlanData {
  /** Assessed as not met or partly met, and still applicable. */
  open: OpenItem[];
  /** Systems with applicable requirements nobody has assessed yet, and how many. */
  unassessed: { system: SystemRecord; count: number }[];
  catalogue: SecurityRequirement[];
}

/**
 * Every system's handlingsplan for coordinators: the register, the catalogue and the first 5,000
 * assessments in one $batch (further assessments paged on), the rules from src/domain.
 */
export async function getActionPlan(session: Session): Promise<ActionPlanData> {
  const [systems, catalogue, firstPage] = await inBatch(session.sp, (r) =>
    Promise.all([
      r.systems.list({ orderBy: [{ key: 'title' }] }),
      r.securityRequirements.list(),
      r.selfAssessments.page({ orderBy: [{ key: 'id' }] }),
    ]),
  );
  // Past one page (5,000 assessments: some 350 systems fully assessed) the rest follows with
  // SharePoint's paging token, never cut off and never the first page again.
  const assessments = [...firstPage.records];
  for (let next = firstPage.next; next;) {
    const page = await session.repos.selfAssessments.page({ orderBy: [{ key: 'id' }] }, next);
    assessments.push(...page.records);
    next = page.next;
  }
  catalogue.sort(catalogueOrder);
  const bySystem = new Map<number, (SelfAssessment & { requirementId: number })[]>();
  for (const a of assessments) {
    const list = bySystem.get(a.system.id) ?? [];
    list.push({ ...a, requirementId: a.requirement.id });
    bySystem.set(a.system.id, list);
  }
  const open: OpenItem[] = [];
  const unassessed: ActionPlanData['unassessed'] = [];
  for (const system of systems) {
    if (system.lifecycleStatus === 'avvecklad') continue;
    const plan = assessmentPlan(catalogue, system, bySystem.get(system.id) ?? []);
    let count = 0;
    for (const row of plan) {
      if (!row.open) continue;
      if (row.assessment) open.push({ system, requirement: row.requirement, assessment: row.assessment });
      else count++;
    }
    if (count > 0) unassessed.push({ system, count });
  }
  return { open, unassessed, catalogue };
}

export function getActionPlanQueryOptions(session: Session) {
  return queryOptions({
    queryKey: [session.key, 'action-plan'] as const,
    queryFn: () => getActionPlan(session),
    staleTime: 30_000,
  });
}

export function useActionPlan(enabled: boolean) {
  return useQuery({ ...getActionPlanQueryOptions(useSession()), enabled });
}
