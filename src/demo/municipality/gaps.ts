import type { DemoContext, SystemDraft } from './context.js';
import type { Cast } from './people.js';

/**
 * Deliberate gaps in the system register, the source of derived tasks: missing owners,
 * administrators and classifications, overdue reviews and continuity tests, contracts about to end.
 * The system-owner persona always has something to do.
 */
export function introduceGaps({ rng, daysAgo }: DemoContext, { ownerPersona }: Cast, systems: SystemDraft[]): void {
  const inDrift = systems.filter((s) => s.lifecycleStatus === 'i drift');
  const criticalInDrift = inDrift.filter((s) => s.criticality !== 'övrig');
  const take = (from: SystemDraft[], n: number, exclude: (s: SystemDraft) => boolean = () => false) =>
    rng.shuffle(from.filter((s) => !exclude(s))).slice(0, n);
  const ownedByPersona = (s: SystemDraft) => s.systemOwner === ownerPersona.upn;
  for (const s of take(inDrift, 2, ownedByPersona)) {
    delete s.systemOwner;
    delete s.lastReviewedBy;
  }
  for (const s of take(inDrift, 2)) delete s.systemAdministrator;
  for (const s of take(inDrift, 3, ownedByPersona)) {
    for (const k of [
      'confidentiality',
      'integrity',
      'availability',
      'traceability',
      'classificationDate',
      'classifiedBy',
      'klassaReference',
    ] as const)
      delete s[k];
    for (const k of ['confidentialityReason', 'integrityReason', 'availabilityReason', 'traceabilityReason'] as const) delete s[k];
  }
  for (const s of take(inDrift, 3, (x) => !x.classificationDate)) s.classificationDate = daysAgo(rng.int(1200, 2100));
  for (const s of take(criticalInDrift, 2, ownedByPersona)) {
    delete s.continuityPlanUrl;
    delete s.continuityPlanTestedDate;
  }
  for (const s of take(criticalInDrift, 3, (x) => !x.continuityPlanUrl)) s.continuityPlanTestedDate = daysAgo(rng.int(400, 900));
  for (const s of take(criticalInDrift, 1, (x) => !x.continuityPlanUrl)) delete s.continuityPlanTestedDate;
  for (const s of take(criticalInDrift, 2)) delete s.acceptedDowntimeHours;
  for (const s of take(criticalInDrift, 2)) delete s.restorePriority;
  for (const s of take(inDrift, 4)) s.contractEndDate = daysAgo(-rng.int(10, 85));
  for (const s of take(inDrift, 5)) s.contractSecurityRequirements = 'nej';
  for (const s of take(inDrift, 7, ownedByPersona)) s.lastReviewDate = daysAgo(rng.int(380, 800));
  for (const s of take(inDrift, 1, (x) => !x.lastReviewDate || ownedByPersona(x))) {
    delete s.lastReviewDate;
    delete s.lastReviewedBy;
  }
  // The system-owner persona always has something to do.
  const personaSystem = (title: string) => systems.find((s) => s.title === title) as SystemDraft;
  personaSystem('Digitala lås för hemtjänsten').contractEndDate = daysAgo(-45);
  personaSystem('Planering och tidsregistrering hemtjänst').lastReviewDate = daysAgo(410);
  personaSystem('Trygghetslarm').continuityPlanTestedDate = daysAgo(450);
}
