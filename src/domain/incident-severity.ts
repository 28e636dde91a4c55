/**
 * The incident severity model: what a coordinator's first assessment would say, computed from the
 * facts so that two coordinators reach the same starting point and can see why.
 *
 * The model, as a coordinator checks it: the severity is the HIGHEST of these floors —
 * (1) the affected systems' highest K, R or T level: 4 → kritisk, 3 → hög, 2 → medel, 1 or
 * unclassified → låg; (2) a verksamhetskritisk or samhällsviktig affected system → at least medel;
 * (3) the scope: en förvaltning → at least medel, flera förvaltningar or hela kommunen → at least hög,
 * invånare eller andra utanför kommunen → at least hög, and kritisk when a samhällsviktig system is
 * affected; (4) personal data involved ("ja") → at least medel. Then ONE step up (at most kritisk)
 * when the incident is still ongoing and the hours since the municipality became aware have reached
 * the smallest accepted downtime among the affected systems. Priority follows the severity:
 * kritisk → P1, hög → P2, medel → P3, låg → P4. A coordinator may set another severity or priority
 * with a written justification (applySeverityOverride); the model's result and reasons stay visible.
 *
 * Pure: the time since awareness is computed from `now`, which the caller passes.
 */
import { toInstant, type Instant } from './calendar.js';

export type IncidentSeverity = 'kritisk' | 'hög' | 'medel' | 'låg';
export type IncidentPriority = 'P1' | 'P2' | 'P3' | 'P4';

export const SEVERITIES: readonly IncidentSeverity[] = ['låg', 'medel', 'hög', 'kritisk'];
export const PRIORITY_OF: Record<IncidentSeverity, IncidentPriority> = { kritisk: 'P1', hög: 'P2', medel: 'P3', låg: 'P4' };

export type IncidentScope =
  'en person' | 'en enhet' | 'en förvaltning' | 'flera förvaltningar' | 'hela kommunen' | 'invånare eller andra utanför kommunen';

export interface SeveritySystem {
  title?: string | null;
  confidentiality?: number | null;
  integrity?: number | null;
  availability?: number | null;
  criticality?: string | null;
  societallyCritical?: boolean | null;
  acceptedDowntimeHours?: number | null;
}

export interface SeverityInput {
  systems: readonly SeveritySystem[];
  scope?: IncidentScope | string | null;
  personalDataInvolved?: 'ja' | 'nej' | 'vet ej' | string | null;
  /** Still ongoing; unknown (null) counts as ongoing — nobody has said it is over. */
  ongoing?: boolean | null;
  /** When the municipality became aware (the legal clocks run from here). */
  awareAt?: Instant | null;
  now: Instant;
}

export interface Reason {
  sv: string;
  en: string;
}

export interface SeverityAssessment {
  severity: IncidentSeverity;
  priority: IncidentPriority;
  reasons: Reason[];
  /** Hours since awareness (null when unknown), and the smallest accepted downtime it is held against. */
  elapsedHours: number | null;
  acceptedDowntimeHours: number | null;
}

const rank = (s: IncidentSeverity) => SEVERITIES.indexOf(s);
const LEVEL_SEVERITY: Record<number, IncidentSeverity> = { 4: 'kritisk', 3: 'hög', 2: 'medel', 1: 'låg' };

const SCOPE_FLOOR: Record<IncidentScope, IncidentSeverity> = {
  'en person': 'låg',
  'en enhet': 'låg',
  'en förvaltning': 'medel',
  'flera förvaltningar': 'hög',
  'hela kommunen': 'hög',
  'invånare eller andra utanför kommunen': 'hög',
};

const SCOPE_EN: Record<IncidentScope, string> = {
  'en person': 'one person',
  'en enhet': 'one unit',
  'en förvaltning': 'one department',
  'flera förvaltningar': 'several departments',
  'hela kommunen': 'the whole municipality',
  'invånare eller andra utanför kommunen': 'residents or others outside the municipality',
};

const SEVERITY_EN: Record<IncidentSeverity, string> = { kritisk: 'critical', hög: 'high', medel: 'medium', låg: 'low' };

const isLevel = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 4;
const named = (s: SeveritySystem) => s.title?.trim() || 'okänt system';

/** The model's severity, priority and reasons (see the file comment for the rules). */
export function assessIncidentSeverity(input: SeverityInput): SeverityAssessment {
  const reasons: Reason[] = [];
  let severity: IncidentSeverity = 'låg';
  const raise = (to: IncidentSeverity, reason: Reason) => {
    reasons.push(reason);
    if (rank(to) > rank(severity)) severity = to;
  };

  // (1) Classification: the highest K/R/T level of any affected system.
  let top: { level: number; system: SeveritySystem; aspect: string } | null = null;
  for (const s of input.systems)
    for (const [aspect, level] of [
      ['K', s.confidentiality],
      ['R', s.integrity],
      ['T', s.availability],
    ] as const)
      if (isLevel(level) && (!top || level > top.level)) top = { level, system: s, aspect };
  if (top) {
    const to = LEVEL_SEVERITY[top.level]!;
    raise(to, {
      sv: `Högsta klassning bland berörda system: ${top.aspect}${top.level} (${named(top.system)}) → minst ${to}.`,
      en: `Highest classification among affected systems: ${top.aspect}${top.level} (${named(top.system)}) → at least ${SEVERITY_EN[to]}.`,
    });
  } else
    reasons.push(
      input.systems.length === 0
        ? { sv: 'Inget berört system angivet: klassningen ger låg.', en: 'No affected system given: classification gives low.' }
        : { sv: 'De berörda systemen saknar klassning: klassningen ger låg.', en: 'The affected systems are unclassified: low.' },
    );

  // (2) Criticality.
  const critical = input.systems.find((s) => s.criticality === 'verksamhetskritisk' || s.societallyCritical === true);
  if (critical)
    raise('medel', {
      sv: `${named(critical)} är ${critical.societallyCritical ? 'samhällsviktigt' : 'verksamhetskritiskt'} → minst medel.`,
      en: `${named(critical)} is ${critical.societallyCritical ? 'societally critical' : 'business critical'} → at least medium.`,
    });

  // (3) Scope.
  const scope = input.scope && input.scope in SCOPE_FLOOR ? (input.scope as IncidentScope) : null;
  if (scope) {
    const societal = input.systems.find((s) => s.societallyCritical === true);
    const to: IncidentSeverity = scope === 'invånare eller andra utanför kommunen' && societal ? 'kritisk' : SCOPE_FLOOR[scope];
    raise(to, {
      sv: `Omfattning: ${scope}${to === 'kritisk' ? ' och ett samhällsviktigt system berörs' : ''} → minst ${to}.`,
      en: `Scope: ${SCOPE_EN[scope]}${to === 'kritisk' ? ' and a societally critical system is affected' : ''} → at least ${SEVERITY_EN[to]}.`,
    });
  } else reasons.push({ sv: 'Omfattningen är inte bedömd.', en: 'The scope has not been assessed.' });

  // (4) Personal data.
  if (input.personalDataInvolved === 'ja')
    raise('medel', { sv: 'Personuppgifter berörs → minst medel.', en: 'Personal data involved → at least medium.' });
  else if (input.personalDataInvolved !== 'nej')
    reasons.push({
      sv: 'Om personuppgifter berörs är inte klarlagt: ta ställning (72-timmarsfristen till IMY kan gälla).',
      en: 'Whether personal data is involved is not settled: decide (the 72 h IMY deadline may apply).',
    });

  // Elapsed time against the smallest accepted downtime.
  const downtimes = input.systems.map((s) => s.acceptedDowntimeHours).filter((h): h is number => typeof h === 'number' && h >= 0);
  const acceptedDowntimeHours = downtimes.length > 0 ? Math.min(...downtimes) : null;
  const aware = toInstant(input.awareAt ?? null);
  const now = toInstant(input.now);
  const elapsedHours = aware && now ? Math.max(0, (now.getTime() - aware.getTime()) / 3_600_000) : null;
  const ongoing = input.ongoing !== false;
  if (ongoing && elapsedHours !== null && acceptedDowntimeHours !== null && elapsedHours >= acceptedDowntimeHours) {
    const from = severity;
    severity = SEVERITIES[Math.min(rank(severity) + 1, SEVERITIES.length - 1)]!;
    reasons.push({
      sv: `Pågår fortfarande efter ${Math.floor(elapsedHours)} h, vilket når den accepterade avbrottstiden ${acceptedDowntimeHours} h → ett steg upp (${from} → ${severity}).`,
      en: `Still ongoing after ${Math.floor(elapsedHours)} h, reaching the accepted downtime of ${acceptedDowntimeHours} h → one step up (${SEVERITY_EN[from]} → ${SEVERITY_EN[severity]}).`,
    });
  }
  reasons.push({
    sv: `Resultat: ${severity}, prioritet ${PRIORITY_OF[severity]}.`,
    en: `Result: ${SEVERITY_EN[severity]}, priority ${PRIORITY_OF[severity]}.`,
  });
  return { severity, priority: PRIORITY_OF[severity], reasons, elapsedHours, acceptedDowntimeHours };
}

export type OverrideResult =
  | { ok: true; severity: IncidentSeverity; priority: IncidentPriority; overridden: boolean }
  | { ok: false; problem: 'justificationMissing' };

/**
 * The severity and priority to store: the model's, or the coordinator's when they differ from it —
 * then only with a non-empty written justification.
 */
export function applySeverityOverride(
  model: Pick<SeverityAssessment, 'severity' | 'priority'>,
  chosen: { severity?: IncidentSeverity | null; priority?: IncidentPriority | null; justification?: string | null },
): OverrideResult {
  const severity = chosen.severity ?? model.severity;
  const priority = chosen.priority ?? model.priority;
  const overridden = severity !== model.severity || priority !== model.priority;
  if (overridden && !(chosen.justification ?? '').trim()) return { ok: false, problem: 'justificationMissing' };
  return { ok: true, severity, priority, overridden };
}
