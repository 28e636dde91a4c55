import { INCIDENT_TEMPLATES, type IncidentTemplate } from '../../catalog.js';
import { DAY, HOUR, instant, MINUTE } from '../../common.js';
import type { DemoContext, IncidentDraft, SystemDraft, TimelineDraft } from '../context.js';
import type { Cast } from '../people.js';
import { externalReference, PRIORITIES, SEVERITIES, type IncidentStory, type Priority, type Status } from './story.js';

/**
 * Two years of everyday incidents from the catalogue's templates, with a timeline that follows the
 * status, plus one report in each open state so the inbox always shows them.
 */
export function genericIncidents(
  { rng, nowMs }: DemoContext,
  { active, coordinator, securityTeam, itTechs }: Cast,
  systems: readonly SystemDraft[],
): IncidentStory[] {
  const inDrift = systems.filter((s) => s.lifecycleStatus === 'i drift');
  const systemByTitle = new Map(systems.map((s) => [s.title, s]));
  const assigneeOf = () => (rng.chance(0.6) ? coordinator : rng.pick([...securityTeam, ...itTechs]));
  const staffIn = (dept: string | undefined) => {
    const local = dept ? active.filter((p) => p.dept === dept && !p.newHire) : [];
    return local.length > 0 && rng.chance(0.6) ? rng.pick(local) : rng.pick(active.filter((p) => !p.newHire));
  };
  const shift = <T>(values: readonly T[], value: T, p: number): T => {
    const i = values.indexOf(value);
    if (!rng.chance(p)) return value;
    const j = Math.min(values.length - 1, Math.max(0, i + (rng.chance(0.5) ? 1 : -1)));
    return values[j] as T;
  };
  const pickTemplate = () => rng.weighted(INCIDENT_TEMPLATES.map((t) => [t, t.weight] as const));

  const stories: IncidentStory[] = [];
  for (let i = 0, n = rng.int(100, 115); i < n; i++) stories.push(genericIncident(pickTemplate()));
  // Whatever the dice say, the inbox always shows each open state, including an untriaged report.
  stories.push(genericIncident(pickTemplate(), { ageDays: 2, status: 'ny', possible: true }));
  stories.push(genericIncident(pickTemplate(), { ageDays: 5, status: 'under bedömning' }));
  stories.push(genericIncident(pickTemplate(), { ageDays: 12, status: 'pågående' }));
  return stories;

  function genericIncident(t: IncidentTemplate, forced?: { ageDays: number; status: Status; possible?: boolean }): IncidentStory {
    const ageDays = forced?.ageDays ?? (rng.chance(0.12) ? rng.int(2, 45) : rng.int(2, 728));
    const reportedMs = Math.floor((nowMs - ageDays * DAY) / DAY) * DAY + rng.int(6 * 60, 16 * 60) * MINUTE;
    const detectedMs = reportedMs - rng.int(0, 120) * MINUTE;
    const occurredMs = detectedMs - rng.int(0, 48 * 60) * MINUTE;
    const awareMs = reportedMs + rng.int(5, 180) * MINUTE;
    const titles = t.systems.map((s) => (s === '*' ? rng.pick(inDrift).title : s)).filter((s) => systemByTitle.has(s));
    const firstSystem = titles[0] ? systemByTitle.get(titles[0]) : undefined;
    const reporter = staffIn(firstSystem?.department ?? undefined);
    const source = rng.weighted([
      ['Teams-chatt', 45],
      ['flik', 25],
      ['e-post', 15],
      ['telefon', 10],
      ['övrigt', 5],
    ] as const);
    let status: Status;
    if (forced) status = forced.status;
    else if (ageDays > 45) status = t.type === 'brist' && rng.chance(0.15) ? 'pågående' : 'avslutad';
    else
      status = rng.weighted([
        ['ny', 25],
        ['under bedömning', 30],
        ['pågående', 20],
        ['avslutad', 25],
      ] as const);
    let type = t.type;
    if (status === 'ny' && (forced?.possible || rng.chance(0.5))) type = 'möjlig incident';
    if (status === 'avslutad' && type === 'möjlig incident') type = 'händelse';
    const severity = shift(SEVERITIES, t.severity, 0.2);
    const priority = shift(PRIORITIES, PRIORITIES[SEVERITIES.indexOf(severity)] as Priority, 0.15);
    const personalData = status === 'ny' && t.personalData === 'ja' && rng.chance(0.5) ? 'vet ej' : t.personalData;
    const assignee = status === 'ny' ? null : assigneeOf();
    const closedMs = status === 'avslutad' ? Math.min(awareMs + rng.int(personalData === 'ja' ? 4 : 1, 30) * DAY, nowMs - HOUR) : null;
    const effort = severity === 'kritisk' ? rng.float(20, 120) : severity === 'hög' ? rng.float(6, 40) : rng.float(0.5, 8);
    const incident: IncidentDraft = {
      title: t.title,
      reporter: reporter.upn,
      reportedAt: instant(reportedMs),
      occurredAt: instant(occurredMs),
      detectedAt: instant(detectedMs),
      awareAt: instant(awareMs),
      source,
      description: t.description,
      affectedSystems: titles,
      ...(titles[0] ? { mainSystem: titles[0] } : {}),
      type,
      category: t.category,
      cause: t.cause,
      personalDataInvolved: personalData,
      nis2Significant: status === 'ny' ? 'vet ej' : 'nej',
      severity,
      priority,
      status,
    };
    if (awareMs - detectedMs > HOUR) {
      incident.awareJustification =
        'Händelsen upptäcktes av medarbetaren före rapporten; kommunen fick kännedom när rapporten kom in och lästes av informationssäkerhetssamordnaren.';
    }
    if (source === 'Teams-chatt')
      incident.sourceMessageUrl = `https://teams.microsoft.com/l/message/19:${rng.hex(24)}@thread.v2/${reportedMs}`;
    if (assignee) incident.assignee = assignee.upn;
    if (status === 'pågående' || status === 'avslutad') {
      incident.rootCause = t.rootCause;
      incident.actionsTaken = t.actionsTaken;
    }
    if (closedMs !== null) {
      incident.lessonsLearned = t.lessonsLearned;
      incident.effortHours = Math.round(effort * 2) / 2;
      incident.cost = severity === 'kritisk' || severity === 'hög' ? rng.int(0, 60) * 1000 : 0;
      incident.closedAt = instant(closedMs);
    }
    const reportImy = personalData === 'ja' && (closedMs !== null || nowMs - awareMs > 48 * HOUR);
    return {
      incident,
      ...(titles[0] ? { system: titles[0] } : {}),
      timeline: (ref) => {
        const out: TimelineDraft[] = [
          {
            title: `Rapporterad via ${source}`,
            incident: ref,
            at: instant(reportedMs),
            kind: 'rapporterad',
            person: incident.reporter ?? reporter.upn,
            details: t.description,
          },
        ];
        if (!assignee) return out;
        const triageMs = awareMs + rng.int(10, 6 * 60) * MINUTE;
        out.push({
          title: 'Status: ny → under bedömning',
          incident: ref,
          at: instant(triageMs),
          kind: 'statusändring',
          person: assignee.upn,
        });
        out.push({
          title: `Bedömd som ${type}, prioritet ${priority}`,
          incident: ref,
          at: instant(triageMs + 5 * MINUTE),
          kind: 'anteckning',
          person: assignee.upn,
          details: `Allvarlighetsgrad ${severity}. Personuppgifter: ${personalData}. Inte en betydande incident enligt cybersäkerhetslagen.`,
        });
        if (reportImy) {
          const at = Math.min(awareMs + rng.int(20, 66) * HOUR, closedMs ?? nowMs - HOUR);
          out.push({
            title: 'Personuppgiftsincident anmäld till IMY',
            incident: ref,
            at: instant(at),
            kind: 'myndighetsrapport',
            legalReport: 'GDPR anmälan till IMY',
            externalReference: externalReference(rng, 'GDPR anmälan till IMY', at),
            person: coordinator.upn,
            details: 'Anmälan enligt artikel 33 i dataskyddsförordningen, i samråd med dataskyddsombudet.',
          });
        }
        if (status === 'pågående' || status === 'avslutad') {
          const fixMs = Math.min(triageMs + rng.int(2, 72) * HOUR, closedMs ?? nowMs - HOUR);
          out.push({
            title: 'Status: under bedömning → pågående',
            incident: ref,
            at: instant(fixMs),
            kind: 'statusändring',
            person: assignee.upn,
          });
          out.push({
            title: 'Åtgärd',
            incident: ref,
            at: instant(fixMs + 30 * MINUTE),
            kind: 'åtgärd',
            person: assignee.upn,
            details: t.actionsTaken,
          });
        }
        if (severity === 'kritisk' || severity === 'hög') {
          out.push({
            title: 'Information till berörd förvaltning',
            incident: ref,
            at: instant(triageMs + rng.int(30, 240) * MINUTE),
            kind: 'kommunikation',
            person: assignee.upn,
            details: 'Förvaltningsledningen informerad om läget och fortsatt hantering.',
          });
        }
        if (closedMs !== null) {
          out.push({
            title: 'Status: pågående → avslutad',
            incident: ref,
            at: instant(closedMs),
            kind: 'statusändring',
            person: assignee.upn,
            details: t.lessonsLearned,
          });
        }
        return out;
      },
    };
  }
}
