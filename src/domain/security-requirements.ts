/**
 * Security requirements from information classification (KLASSA's action plan), as pure rules:
 * a requirement applies to a system when the system's level of its aspect (K, R, T or S) is at least
 * the requirement's "from" level. Changing the classification therefore changes which requirements
 * apply. The owner self-assesses each applicable requirement; what is neither met nor "not
 * applicable" (including what is not yet assessed) is the system's handlingsplan.
 */
import type { ClassificationAspect, ClassificationLevels } from './classification.js';

export type RequirementAspect = 'K' | 'R' | 'T' | 'S';
export type AssessmentStatus = 'uppfyllt' | 'delvis' | 'ej uppfyllt' | 'ej tillämpligt';

export const ASSESSMENT_STATUSES: readonly AssessmentStatus[] = ['uppfyllt', 'delvis', 'ej uppfyllt', 'ej tillämpligt'];

export const ASPECT_FIELD: Record<RequirementAspect, ClassificationAspect> = {
  K: 'confidentiality',
  R: 'integrity',
  T: 'availability',
  S: 'traceability',
};

/** What the rules need of a catalogue entry. */
export interface RequirementRule {
  id: number;
  aspect: RequirementAspect | null;
  fromLevel: number | null;
  active: boolean | null;
}

/** What the rules need of a stored assessment. */
export interface AssessmentFact {
  requirementId: number;
  status: AssessmentStatus | null;
}

function levelOf(levels: ClassificationLevels, aspect: RequirementAspect): number | null {
  const v = levels[ASPECT_FIELD[aspect]];
  return v === 1 || v === 2 || v === 3 || v === 4 ? v : null;
}

/**
 * True when the requirement applies to a system with these levels: active, with a known aspect and
 * level, and the system's level of that aspect ≥ the requirement's level. An unclassified aspect
 * makes nothing apply (the classification is the missing task, not the requirements).
 */
export function requirementApplies(requirement: RequirementRule, levels: ClassificationLevels): boolean {
  if (requirement.active === false || !requirement.aspect || requirement.fromLevel === null) return false;
  const level = levelOf(levels, requirement.aspect);
  return level !== null && level >= requirement.fromLevel;
}

export function applicableRequirements<R extends RequirementRule>(requirements: readonly R[], levels: ClassificationLevels): R[] {
  return requirements.filter((r) => requirementApplies(r, levels));
}

/** Met or deliberately not applicable: nothing to do. */
export function isSettled(status: AssessmentStatus | null | undefined): boolean {
  return status === 'uppfyllt' || status === 'ej tillämpligt';
}

export interface PlanRow<R extends RequirementRule, A extends AssessmentFact> {
  requirement: R;
  assessment: A | null;
  /** Part of the handlingsplan: not met, partly met or not yet assessed. */
  open: boolean;
}

/**
 * Every applicable requirement with its assessment (if any), in catalogue order. Assessments of
 * requirements that no longer apply (the classification was lowered) are kept in the list but not
 * shown here.
 */
export function assessmentPlan<R extends RequirementRule, A extends AssessmentFact>(
  requirements: readonly R[],
  levels: ClassificationLevels,
  assessments: readonly A[],
): PlanRow<R, A>[] {
  const byRequirement = new Map(assessments.map((a) => [a.requirementId, a]));
  return applicableRequirements(requirements, levels).map((requirement) => {
    const assessment = byRequirement.get(requirement.id) ?? null;
    return { requirement, assessment, open: !isSettled(assessment?.status) };
  });
}

/** The natural key of an assessment: one per system and requirement. */
export function assessmentKey(systemId: number, requirementId: number): string {
  return `${systemId}:${requirementId}`;
}

/** A baseline requirement: what provisioning seeds once into the catalogue. */
export interface BaselineRequirement {
  code: string;
  title: string;
  description: string;
  aspect: RequirementAspect;
  fromLevel: 1 | 2 | 3 | 4;
  area: string;
}

/**
 * A sensible Swedish baseline, after KLASSA's and MSB's (MCF) recommendations for the levels
 * "betydande" (2) and "allvarlig" (3) and up. Coordinators adapt it in the list afterwards.
 */
export const BASELINE_REQUIREMENTS: readonly BaselineRequirement[] = [
  {
    code: 'K2-BEHORIGHETSGENOMGANG',
    title: 'Behörigheter gås igenom minst en gång per år',
    description: 'Systemägaren låter gå igenom vilka som har behörighet och tar bort det som inte längre behövs.',
    aspect: 'K',
    fromLevel: 2,
    area: 'Behörighet',
  },
  {
    code: 'K2-ROLLBASERAD',
    title: 'Behörighet tilldelas efter roll och behov',
    description: 'Åtkomst ges utifrån arbetsuppgift (minsta möjliga behörighet) och avslutas när uppdraget upphör.',
    aspect: 'K',
    fromLevel: 2,
    area: 'Behörighet',
  },
  {
    code: 'K3-MFA',
    title: 'Inloggning med flerfaktorsautentisering',
    description: 'Alla användare loggar in med minst två faktorer, t.ex. Microsoft Authenticator eller e-legitimation.',
    aspect: 'K',
    fromLevel: 3,
    area: 'Behörighet',
  },
  {
    code: 'K3-LOGGGRANSKNING',
    title: 'Åtkomstloggar granskas regelbundet',
    description: 'Loggar över vem som tagit del av informationen följs upp, minst stickprovsvis varje kvartal.',
    aspect: 'K',
    fromLevel: 3,
    area: 'Loggning',
  },
  {
    code: 'K3-KRYPTERING',
    title: 'Informationen krypteras vid överföring och lagring',
    description: 'TLS vid överföring; lagrad information och säkerhetskopior krypteras.',
    aspect: 'K',
    fromLevel: 3,
    area: 'Kryptering',
  },
  {
    code: 'R2-SAKERHETSKOPIERING',
    title: 'Säkerhetskopiering enligt fastställd rutin',
    description: 'Informationen säkerhetskopieras så att högst den accepterade dataförlusten kan uppstå.',
    aspect: 'R',
    fromLevel: 2,
    area: 'Säkerhetskopiering',
  },
  {
    code: 'R3-ANDRINGSHANTERING',
    title: 'Ändringar görs enligt en dokumenterad ändringshantering',
    description: 'Ändringar i system och konfiguration beslutas, testas och dokumenteras innan de införs.',
    aspect: 'R',
    fromLevel: 3,
    area: 'Ändringshantering',
  },
  {
    code: 'R3-ATERLASNINGSTEST',
    title: 'Återläsning av säkerhetskopior testas minst en gång per år',
    description: 'Ett återläsningstest visar att säkerhetskopian går att använda; datum förs in i systemförteckningen.',
    aspect: 'R',
    fromLevel: 3,
    area: 'Säkerhetskopiering',
  },
  {
    code: 'T2-KONTINUITETSPLAN',
    title: 'Det finns en kontinuitetsplan',
    description: 'Planen beskriver vad verksamheten gör när systemet inte fungerar och vem som gör vad.',
    aspect: 'T',
    fromLevel: 2,
    area: 'Kontinuitet',
  },
  {
    code: 'T3-TESTAD-PLAN',
    title: 'Kontinuitetsplanen är testad det senaste året',
    description: 'Planen har övats eller testats och lärdomarna har förts in i den.',
    aspect: 'T',
    fromLevel: 3,
    area: 'Kontinuitet',
  },
  {
    code: 'T3-RESERVRUTIN',
    title: 'Manuell reservrutin finns och är känd',
    description: 'Verksamheten kan fortsätta med en manuell rutin (papper, telefon) under den accepterade avbrottstiden.',
    aspect: 'T',
    fromLevel: 3,
    area: 'Kontinuitet',
  },
  {
    code: 'T4-REDUNDANS',
    title: 'Redundant drift utan gemensam felpunkt',
    description: 'Driften är dubblerad (el, nät, servrar eller leverantörens motsvarighet) så att ett enskilt fel inte stoppar systemet.',
    aspect: 'T',
    fromLevel: 4,
    area: 'Drift',
  },
  {
    code: 'S2-ANVANDARLOGG',
    title: 'Händelser loggas per användare',
    description: 'Inloggningar och ändringar loggas så att det går att se vem som gjorde vad och när.',
    aspect: 'S',
    fromLevel: 2,
    area: 'Loggning',
  },
  {
    code: 'S3-LOGGLAGRING',
    title: 'Loggar sparas skyddat i minst 12 månader',
    description: 'Loggarna lagras så att de inte kan ändras av den som loggas och sparas i minst ett år.',
    aspect: 'S',
    fromLevel: 3,
    area: 'Loggning',
  },
];

/** A catalogue entry as a coordinator edits it. */
export interface RequirementInput {
  code: string;
  title: string;
  description: string;
  aspect: string;
  fromLevel: number | string | null;
  area: string;
  active: boolean;
}

export type RequirementProblem = { field: 'code' | 'title' | 'aspect' | 'fromLevel' | 'area'; message: string };

/**
 * The catalogue's rules, in Swedish next to each field: a code (unique, letters, digits and -), a
 * title, which aspect and from which level the requirement applies. `others` are the other entries'
 * codes (the list's unique index says the same, later and less kindly).
 */
export function validateRequirement(
  input: RequirementInput,
  others: readonly string[],
):
  | {
      ok: true;
      value: {
        code: string;
        title: string;
        description: string | null;
        aspect: RequirementAspect;
        fromLevel: 1 | 2 | 3 | 4;
        area: string | null;
        active: boolean;
      };
    }
  | { ok: false; problems: RequirementProblem[] } {
  const problems: RequirementProblem[] = [];
  const code = input.code.trim().toUpperCase();
  const title = input.title.trim();
  const area = input.area.trim();
  const level = typeof input.fromLevel === 'string' ? Number(input.fromLevel) : input.fromLevel;
  if (!code) problems.push({ field: 'code', message: 'Ange en kod, t.ex. K3-MFA.' });
  else if (!/^[A-ZÅÄÖ0-9][A-ZÅÄÖ0-9-]{0,49}$/.test(code))
    problems.push({ field: 'code', message: 'Koden får bara innehålla bokstäver, siffror och bindestreck (högst 50 tecken).' });
  else if (others.some((o) => o.trim().toUpperCase() === code))
    problems.push({ field: 'code', message: `Koden ${code} används redan av ett annat krav.` });
  if (!title) problems.push({ field: 'title', message: 'Skriv vad kravet innebär.' });
  else if (title.length > 255) problems.push({ field: 'title', message: 'Rubriken får vara högst 255 tecken.' });
  if (!['K', 'R', 'T', 'S'].includes(input.aspect))
    problems.push({ field: 'aspect', message: 'Välj vilken aspekt kravet gäller: K, R, T eller S.' });
  if (level !== 1 && level !== 2 && level !== 3 && level !== 4)
    problems.push({ field: 'fromLevel', message: 'Välj från vilken nivå (1–4) kravet gäller.' });
  if (area.length > 100) problems.push({ field: 'area', message: 'Området får vara högst 100 tecken.' });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      code,
      title,
      description: input.description.trim() || null,
      aspect: input.aspect as RequirementAspect,
      fromLevel: level as 1 | 2 | 3 | 4,
      area: area || null,
      active: input.active,
    },
  };
}
