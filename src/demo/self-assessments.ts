import type { DraftOf, RecordOf } from '../shared/schema/index.js';
import { ASSESSMENT_STATUSES, applicableRequirements, assessmentKey, type AssessmentStatus } from '../domain/security-requirements.js';
import type { DemoData } from './common.js';

/** What the assessment stage needs of the repositories (ListRepository fits). */
export interface AssessmentSeedRepositories {
  securityRequirements: { list(query?: { top?: number }): Promise<RecordOf<'securityRequirements'>[]> };
  selfAssessments: {
    all(): Promise<RecordOf<'selfAssessments'>[]>;
    addMany(drafts: DraftOf<'selfAssessments'>[]): Promise<({ ok: true } | { ok: false; error: Error })[]>;
  };
}

const COMMENTS: Record<AssessmentStatus, string> = {
  uppfyllt: 'Kontrollerat vid årets genomgång.',
  delvis: 'Gäller inte alla användare ännu – åtgärd planerad under året.',
  'ej uppfyllt': 'Saknas idag. Tas upp med leverantören.',
  'ej tillämpligt': 'Hanteras av leverantören enligt avtal.',
};

/** A stable small number from a text (FNV-1a), so the same data gives the same assessments. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * Self-assessments for two of three classified systems with an owner, by the owner, against the
 * catalogue provisioning seeded: mostly met, some partly or not met (the handlingsplan), the rest
 * left unassessed. Idempotent by the unique assessment key, so an interrupted seed resumes.
 */
export async function seedSelfAssessments(
  repos: AssessmentSeedRepositories,
  data: Pick<DemoData, 'systems' | 'municipality'>,
  systemIds: ReadonlyMap<string, number>,
  userIds: ReadonlyMap<string, number>,
): Promise<{ written: number; found: number; failures: { key: string; message: string }[] }> {
  const catalogue = (await repos.securityRequirements.list()).filter((r) => r.code);
  const stored = new Set((await repos.selfAssessments.all()).map((a) => a.assessmentKey));
  const drafts: DraftOf<'selfAssessments'>[] = [];
  let found = 0;
  data.systems.forEach((system, index) => {
    const systemId = systemIds.get(system.title);
    const ownerId = system.systemOwner ? userIds.get(String(system.systemOwner).toLowerCase()) : undefined;
    if (systemId === undefined || ownerId === undefined || index % 3 === 2 || system.lifecycleStatus === 'avvecklad') return;
    const levels = {
      confidentiality: system.confidentiality ?? null,
      integrity: system.integrity ?? null,
      availability: system.availability ?? null,
      traceability: system.traceability ?? null,
    };
    for (const requirement of applicableRequirements(catalogue, levels)) {
      const key = assessmentKey(systemId, requirement.id);
      if (stored.has(key)) {
        found++;
        continue;
      }
      const roll = hash(`${data.municipality.seed}:${system.title}:${requirement.code}`) % 10;
      const status: AssessmentStatus = roll < 6 ? 'uppfyllt' : roll < 8 ? 'delvis' : roll < 9 ? 'ej uppfyllt' : ASSESSMENT_STATUSES[3]!;
      drafts.push({
        title: `${system.title} – ${requirement.title}`.slice(0, 255),
        system: { id: systemId },
        requirement: { id: requirement.id },
        status,
        comment: COMMENTS[status],
        assessedBy: { id: ownerId },
        assessedAt: data.municipality.generatedAt,
        assessmentKey: key,
      });
    }
  });
  const results = drafts.length > 0 ? await repos.selfAssessments.addMany(drafts) : [];
  const failures = results.flatMap((r, i) => (r.ok ? [] : [{ key: drafts[i]!.assessmentKey ?? '', message: r.error.message }]));
  return { written: results.length - failures.length, found, failures };
}
