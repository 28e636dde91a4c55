/**
 * Incident handling use cases of the Systemkoll API (coordinators and admins): triage, the status
 * workflow, the severity model with overrides, the timeline with its automatic entries, and the legal
 * reports with their clocks. The rules are the pure functions of src/domain (incident-workflow,
 * incident-severity, legal-clocks); this file reads, checks, writes app-only and stamps the caller.
 * service.ts wires it in with the caller resolution and read checks it shares with everything else.
 */
import { toInstant } from '../../domain/calendar.js';
import { assessIncidentSeverity, PRIORITY_OF, type SeverityAssessment } from '../../domain/incident-severity.js';
import { canTransition, closeProblems, isReopening, nextStatuses, type IncidentStatus } from '../../domain/incident-workflow.js';
import {
  isLateReport,
  legalClocks,
  legalDeadlinesFrom,
  outstandingClocks,
  type LegalClock,
  type LegalDeadlineRule,
} from '../../domain/legal-clocks.js';
import { DataError, where, type Repositories } from '../../shared/data/index.js';
import { listSpec, siteSchema, type Incident, type PatchOf, type SystemRecord, type TimelineEntry } from '../../shared/schema/index.js';
import type { Actor } from '../../domain/authorization.js';
import type { Caller } from './caller.js';
import { ApiError, type ResolvedActor } from './service.js';

export interface IncidentChange {
  status?: string;
  severity?: string | null;
  priority?: string | null;
  /** Why the severity or priority differs from the model's; required when it does. */
  severityJustification?: string | null;
  /** UPN of the new assignee, or null to clear. */
  assigneeUpn?: string | null;
  type?: string | null;
  category?: string | null;
  cause?: string | null;
  scope?: string | null;
  /** The affected systems; the first is the main system (the indexed lookup). */
  affectedSystemIds?: number[];
  rootCause?: string | null;
  actionsTaken?: string | null;
  lessonsLearned?: string | null;
  effortHours?: number | null;
  cost?: number | null;
  nis2Significant?: string | null;
  personalDataInvolved?: string | null;
  ongoing?: boolean | null;
  /** When the municipality became aware (ISO 8601); the legal clocks run from here. */
  awareAt?: string | null;
  awareJustification?: string | null;
  /** Why an incident no longer counts as NIS2-significant or involving personal data ("ja" → other); required then. */
  factJustification?: string | null;
}

export interface TimelineInput {
  title: string;
  kind: string;
  details?: string;
  legalReport?: string | null;
  externalReference?: string;
  /** Who the legal report went to; default: the regime's recipient in the legalDeadlines setting. */
  recipient?: string;
  /** When the legal report was sent (ISO 8601, not in the future); default now. */
  sentAt?: string;
}

/** The incident as coordinators see it: with its legal clocks, the model's assessment and where it may go. */
export type IncidentDetail = Incident & {
  clocks?: LegalClock[];
  assessment?: SeverityAssessment;
  nextStatuses?: IncidentStatus[];
};

export interface HandlingDeps {
  repos: Repositories;
  now: () => Date;
  actorFor(caller: Caller): Promise<ResolvedActor>;
  incidentFor(actor: Actor, id: number): Promise<Incident>;
  requireHandler(actor: Actor): void;
  canHandle(actor: Actor): boolean;
  /** Drops the shared task cache (a write changed what tasks come from). */
  changed(): void;
  /** Tells the people concerned (queued before it returns; failures are the callee's to log). */
  incidentChanged(before: Incident, after: Incident, actorUpn: string): Promise<void>;
}

const MAX_TEXT = 20_000;
/** Kinds only the API writes (the audit trail of the workflow and of the report itself). */
const AUTOMATIC_KINDS = new Set(['rapporterad', 'statusändring']);
/** Recipients of legal reports the legalDeadlines setting has no clock for. */
const OTHER_RECIPIENTS: Record<string, string> = {
  'NIS2 mellanrapport': 'CSIRT (CERT-SE)',
  Säkerhetspolisen: 'Säkerhetspolisen',
};
const SYSTEM_FIELDS = [
  'title',
  'confidentiality',
  'integrity',
  'availability',
  'criticality',
  'societallyCritical',
  'acceptedDowntimeHours',
  'lifecycleStatus',
] as const;

function choicesOf(list: 'incidents' | 'timeline', key: string): readonly string[] {
  const f = listSpec(list).fields.find((x) => x.key === key);
  return f && f.type === 'choice' ? f.choices : [];
}

function fieldTitle(key: string): string {
  return listSpec('incidents').fields.find((f) => f.key === key)?.title.sv ?? key;
}

const bad = (code: string, message: string, details?: unknown) => new ApiError(400, code, message, details);
const text = (v: string | null | undefined) => (v ?? '').trim();

export function createIncidentHandling(deps: HandlingDeps) {
  const { repos, now } = deps;

  async function legalDeadlines(): Promise<LegalDeadlineRule[]> {
    const values = await repos.settings.values();
    return legalDeadlinesFrom(values.legalDeadlines ?? siteSchema.settings.find((s) => s.key === 'legalDeadlines')?.value);
  }

  function entriesOf(id: number): Promise<TimelineEntry[]> {
    return repos.timeline.all({ filter: where('timeline').eq('incident', id), orderBy: [{ key: 'at', ascending: true }] });
  }

  async function systemsByIds(ids: readonly number[]): Promise<SystemRecord[]> {
    if (ids.length === 0) return [];
    const s = where('systems');
    const rows = await repos.systems.list({ filter: s.or(...ids.map((id) => s.eq('id', id))), fields: SYSTEM_FIELDS, top: ids.length });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)).filter((r): r is SystemRecord => r !== undefined);
  }

  const factsOf = (i: Incident) => ({
    awareAt: i.awareAt ?? i.reportedAt ?? i.created,
    nis2Significant: i.nis2Significant,
    personalDataInvolved: i.personalDataInvolved,
  });

  function assessmentOf(i: Incident, systems: readonly SystemRecord[], at: Date): SeverityAssessment {
    return assessIncidentSeverity({
      systems,
      scope: i.scope ?? null,
      personalDataInvolved: i.personalDataInvolved ?? null,
      ongoing: i.ongoing ?? null,
      awareAt: i.awareAt ?? i.reportedAt ?? i.created,
      now: at,
    });
  }

  const conflict = () =>
    new ApiError(412, 'conflict', 'Någon annan har ändrat incidenten sedan du läste den. Läs in den igen och gör om ändringen.');

  function choice(key: string, value: string | null | undefined, list: 'incidents' | 'timeline' = 'incidents'): string | null {
    if (value === null || value === undefined || value === '') return null;
    if (!choicesOf(list, key).includes(value))
      throw bad('invalidIncident', `${fieldTitle(key)}: okänt värde ”${value}”.`, { fields: { [key]: 'Välj ett värde från listan.' } });
    return value;
  }

  function longText(key: string, value: string | null | undefined): string | null {
    const v = text(value);
    if (v.length > MAX_TEXT)
      throw bad('invalidIncident', `${fieldTitle(key)} är för lång (högst 20 000 tecken).`, { fields: { [key]: 'För lång.' } });
    return v || null;
  }

  function amount(key: string, value: number | null | undefined): number | null {
    if (value === null || value === undefined) return null;
    if (!Number.isFinite(value) || value < 0 || value > 1e9)
      throw bad('invalidIncident', `${fieldTitle(key)} ska vara ett tal som inte är negativt.`, { fields: { [key]: 'Ange 0 eller mer.' } });
    return Math.round(value * 10) / 10;
  }

  return {
    /** The incident, and for coordinators and admins its clocks, the model's assessment and the next statuses. */
    async detail(caller: Caller, id: number): Promise<IncidentDetail> {
      const actor = await deps.actorFor(caller);
      const incident = await deps.incidentFor(actor, id);
      if (!deps.canHandle(actor)) return incident;
      const at = now();
      const [rules, entries, systems] = await Promise.all([
        legalDeadlines(),
        entriesOf(id),
        systemsByIds(incident.affectedSystems.map((s) => s.id)),
      ]);
      return {
        ...incident,
        clocks: legalClocks(rules, factsOf(incident), entries, at),
        assessment: assessmentOf(incident, systems, at),
        nextStatuses: nextStatuses((incident.status ?? 'ny') as IncidentStatus),
      };
    },

    /** The timeline, oldest first: coordinators and admins (a reporter or owner sees the incident, not its log). */
    async timeline(caller: Caller, id: number): Promise<TimelineEntry[]> {
      const actor = await deps.actorFor(caller);
      deps.requireHandler(actor);
      await deps.incidentFor(actor, id);
      return entriesOf(id);
    },

    /**
     * Triage and handling: coordinators and admins, `If-Match` required. Status follows the workflow;
     * a severity or priority other than the model's needs a justification; every change of status,
     * severity/priority, assignee and of the facts the legal clocks read is logged on the timeline
     * as the caller.
     */
    async update(caller: Caller, id: number, change: IncidentChange, etag: string): Promise<Incident> {
      const actor = await deps.actorFor(caller);
      deps.requireHandler(actor);
      if (!etag)
        throw new ApiError(412, 'etagRequired', 'Ändringen saknar versionsuppgift (etag). Läs incidenten igen och försök på nytt.');
      const incident = await deps.incidentFor(actor, id);
      const at = now();
      const patch: PatchOf<'incidents'> = {};
      const log: { kind: 'statusändring' | 'bedömning'; title: string; details?: string }[] = [];

      // Triage fields.
      for (const key of ['type', 'category', 'cause', 'scope', 'nis2Significant', 'personalDataInvolved'] as const)
        if (change[key] !== undefined) {
          const v = choice(key, change[key]);
          if (v !== (incident[key] ?? null)) (patch as Record<string, unknown>)[key] = v;
        }
      for (const key of ['rootCause', 'actionsTaken', 'lessonsLearned', 'awareJustification'] as const)
        if (change[key] !== undefined) {
          const v = longText(key, change[key]);
          if (v !== (incident[key] ?? null)) patch[key] = v;
        }
      for (const key of ['effortHours', 'cost'] as const)
        if (change[key] !== undefined) {
          const v = amount(key, change[key]);
          if (v !== (incident[key] ?? null)) patch[key] = v;
        }
      if (change.ongoing !== undefined && change.ongoing !== (incident.ongoing ?? null)) patch.ongoing = change.ongoing;

      let systems: SystemRecord[] | null = null;
      if (change.affectedSystemIds !== undefined) {
        const ids = [...new Set(change.affectedSystemIds)];
        if (ids.length > 100 || ids.some((x) => !Number.isInteger(x) || x <= 0))
          throw bad('invalidIncident', 'Ange högst 100 berörda system med giltiga id.', {
            fields: { affectedSystems: 'Ogiltiga system.' },
          });
        systems = await systemsByIds(ids);
        if (systems.length !== ids.length)
          throw bad('invalidIncident', 'Ett valt system finns inte i systemförteckningen.', {
            fields: { affectedSystems: 'Okänt system.' },
          });
        const before = incident.affectedSystems.map((s) => s.id).join(',');
        if (ids.join(',') !== before) {
          patch.affectedSystems = ids.map((x) => ({ id: x }));
          patch.mainSystem = ids.length > 0 ? { id: ids[0]! } : null;
        }
      }

      if (change.awareAt !== undefined) {
        const aware = change.awareAt === null || change.awareAt === '' ? null : toInstant(change.awareAt);
        if (change.awareAt && !aware)
          throw bad('invalidIncident', 'Ange tidpunkten för kännedom som datum och klockslag.', {
            fields: { awareAt: 'Ogiltig tidpunkt.' },
          });
        if (aware && aware.getTime() > at.getTime())
          throw bad('invalidIncident', 'Tidpunkten för kännedom ligger i framtiden.', { fields: { awareAt: 'Ligger i framtiden.' } });
        const iso = aware ? aware.toISOString() : null;
        if (iso !== (toInstant(incident.awareAt ?? null)?.toISOString() ?? null)) {
          // The clocks run from awareness: moving it away from the detection time must be explained.
          const detected = toInstant(incident.detectedAt ?? null);
          const justification = patch.awareJustification !== undefined ? patch.awareJustification : (incident.awareJustification ?? null);
          if (aware && detected && aware.getTime() !== detected.getTime() && !text(justification))
            throw bad('awareJustificationMissing', 'Motivera varför kännedom räknas från en annan tidpunkt än upptäckten.', {
              fields: { awareJustification: 'Skriv en motivering.' },
            });
          patch.awareAt = iso;
        }
      }

      // Assignee.
      if (change.assigneeUpn !== undefined) {
        let assignee: { id: number; title: string } | null = null;
        if (change.assigneeUpn !== null) {
          const a = await deps.actorFor({ upn: change.assigneeUpn });
          if (!deps.canHandle(a)) throw bad('badRequest', `${a.user.title} hanterar inte incidenter och kan inte bli handläggare.`);
          assignee = { id: a.userId, title: a.user.title };
        }
        if ((assignee?.id ?? null) !== (incident.assignee?.id ?? null)) {
          patch.assignee = assignee ? { id: assignee.id } : null;
          log.push({
            kind: 'statusändring',
            title: `Handläggare: ${incident.assignee?.title ?? '–'} → ${assignee?.title ?? '–'}`,
          });
        }
      }

      const merged = { ...incident, ...patch } as Incident;
      if (patch.affectedSystems !== undefined) merged.affectedSystems = (systems ?? []).map((s) => ({ id: s.id, title: s.title }));

      // Severity and priority against the model (computed on the facts as they will be).
      if (change.severity !== undefined || change.priority !== undefined) {
        const severity = change.severity === undefined ? (incident.severity ?? null) : choice('severity', change.severity);
        const priority = change.priority === undefined ? (incident.priority ?? null) : choice('priority', change.priority);
        if (severity !== (incident.severity ?? null) || priority !== (incident.priority ?? null)) {
          const model = assessmentOf(merged, systems ?? (await systemsByIds(merged.affectedSystems.map((s) => s.id))), at);
          const differs = (severity !== null && severity !== model.severity) || (priority !== null && priority !== model.priority);
          const justification = text(change.severityJustification);
          if (differs && !justification)
            throw bad(
              'severityJustificationMissing',
              `Modellen ger ${model.severity} (${model.priority}). Motivera varför incidenten bedöms annorlunda.`,
              { fields: { severityJustification: 'Skriv en motivering.' }, assessment: model },
            );
          patch.severity = severity as PatchOf<'incidents'>['severity'];
          patch.priority = priority as PatchOf<'incidents'>['priority'];
          patch.severityJustification = differs ? justification.slice(0, MAX_TEXT) : null;
          log.push({
            kind: 'bedömning',
            title: `Allvarlighetsgrad: ${incident.severity ?? '–'} → ${severity ?? '–'}, prioritet: ${incident.priority ?? '–'} → ${priority ?? '–'}`,
            details: differs
              ? `Avviker från modellen (${model.severity}, ${model.priority}). Motivering: ${justification}`
              : `Enligt modellen (${model.severity}, ${PRIORITY_OF[model.severity]}).`,
          });
        }
      }

      const factJustification = text(change.factJustification);
      for (const key of ['nis2Significant', 'personalDataInvolved', 'awareAt'] as const) {
        if (patch[key] === undefined) continue;
        // Leaving "ja" ends the reporting duty it started: like "not required", it must be explained.
        const leavesYes = key !== 'awareAt' && incident[key] === 'ja';
        if (leavesYes && !factJustification)
          throw bad('factJustificationMissing', `Motivera varför ${fieldTitle(key).toLowerCase()} inte längre gäller (”ja” ändras).`, {
            fields: { factJustification: 'Skriv en motivering.' },
          });
        log.push({
          kind: 'bedömning',
          title: `${fieldTitle(key)}: ${incident[key] ?? '–'} → ${patch[key] ?? '–'}`.slice(0, 255),
          ...(leavesYes ? { details: `Motivering: ${factJustification}` } : {}),
        });
      }

      // Status last: closing checks the incident as it will be.
      if (change.status !== undefined && change.status !== (incident.status ?? 'ny')) {
        const to = choice('status', change.status) as IncidentStatus | null;
        if (!to) throw bad('badRequest', 'Ange en status.');
        const from = (incident.status ?? 'ny') as IncidentStatus;
        if (!canTransition(from, to))
          throw new ApiError(
            409,
            'invalidTransition',
            `Status kan inte ändras från ${from} till ${to}. Möjligt nu: ${nextStatuses(from).join(', ') || 'inget'}.`,
            { allowed: nextStatuses(from) },
          );
        if (to === 'avslutad') {
          const owed = outstandingClocks(legalClocks(await legalDeadlines(), factsOf(merged), await entriesOf(id), at));
          const problems = closeProblems(merged, owed.length);
          if (problems.includes('rootCauseMissing'))
            throw bad('rootCauseMissing', 'En brist kan inte avslutas utan grundorsak. Fyll i grundorsaken först.', {
              fields: { rootCause: 'Fyll i grundorsaken.' },
            });
          if (problems.includes('legalReportsOutstanding'))
            throw new ApiError(
              409,
              'legalReportsOutstanding',
              `Incidenten kan inte avslutas förrän rapporterna till myndigheter är skickade eller bedömda som ej rapporteringspliktiga: ${owed
                .map((c) => c.regime)
                .join(', ')}.`,
              { outstanding: owed.map((c) => c.regime) },
            );
          patch.closedAt = at.toISOString();
        } else if (incident.closedAt) patch.closedAt = null;
        patch.status = to;
        log.push({
          kind: 'statusändring',
          title: `Status: ${from} → ${to}`,
          ...(isReopening(from, to) ? { details: 'Incidenten har öppnats igen.' } : {}),
        });
      }

      if (Object.keys(patch).length === 0) return incident;
      try {
        await repos.incidents.update(id, patch, etag);
        deps.changed();
      } catch (error) {
        if (error instanceof DataError && error.kind === 'conflict') throw conflict();
        if (error instanceof DataError && error.kind === 'invalid') throw bad('badRequest', error.message);
        throw error;
      }
      for (const entry of log)
        await repos.timeline.add({
          title: entry.title.slice(0, 255),
          incident: { id },
          at: at.toISOString(),
          kind: entry.kind,
          ...(entry.details ? { details: entry.details.slice(0, MAX_TEXT) } : {}),
          person: { id: actor.userId },
        });
      const updated = await repos.incidents.get(id);
      await deps.incidentChanged(incident, updated, actor.user.upn);
      return updated;
    },

    /**
     * A note, measure or legal report on the timeline, authored by the caller. A report to an
     * authority ('myndighetsrapport') names the report, its recipient (default: the setting's) and
     * when it was sent; a late one needs the reasons for the delay. "Not required" ('ej
     * rapporteringspliktig') names the report and needs a justification.
     */
    async addEntry(caller: Caller, id: number, input: TimelineInput): Promise<TimelineEntry> {
      const actor = await deps.actorFor(caller);
      deps.requireHandler(actor);
      const incident = await deps.incidentFor(actor, id);
      const title = text(input.title);
      if (!title) throw bad('badRequest', 'Skriv en sammanfattning av händelsen i tidslinjen.');
      if (!choicesOf('timeline', 'kind').includes(input.kind)) throw bad('badRequest', `Okänt slag: ${String(input.kind)}.`);
      if (AUTOMATIC_KINDS.has(input.kind)) throw bad('automaticKind', `Slaget ”${input.kind}” skrivs automatiskt av Systemkoll.`);
      const legalReport = input.legalReport ? choice('legalReport', input.legalReport, 'timeline') : null;
      // A legal report named without a kind of its own has always meant "sent".
      const kind = legalReport && input.kind !== 'ej rapporteringspliktig' ? 'myndighetsrapport' : input.kind;
      const details = text(input.details);
      if (details.length > MAX_TEXT) throw bad('badRequest', 'Detaljerna är för långa (högst 20 000 tecken).');
      const at = now();
      let when = at;
      let body = details;
      if (kind === 'myndighetsrapport' || kind === 'ej rapporteringspliktig') {
        if (!legalReport)
          throw bad('legalReportMissing', 'Ange vilken rapport till myndighet det gäller.', { fields: { legalReport: 'Välj rapport.' } });
        const rules = await legalDeadlines();
        if (kind === 'ej rapporteringspliktig') {
          if (!details)
            throw bad('justificationMissing', 'Motivera varför rapporten inte behövs.', { fields: { details: 'Skriv en motivering.' } });
        } else {
          if (input.sentAt) {
            const sent = toInstant(input.sentAt);
            if (!sent)
              throw bad('badRequest', 'Ange när rapporten skickades som datum och klockslag.', { fields: { sentAt: 'Ogiltig tidpunkt.' } });
            if (sent.getTime() > at.getTime())
              throw bad('badRequest', 'Tidpunkten då rapporten skickades ligger i framtiden.', {
                fields: { sentAt: 'Ligger i framtiden.' },
              });
            when = sent;
          }
          const recipient = text(input.recipient) || rules.find((r) => r.regime === legalReport)?.to || OTHER_RECIPIENTS[legalReport] || '';
          if (!recipient) throw bad('recipientMissing', 'Ange vem rapporten skickades till.', { fields: { recipient: 'Ange mottagare.' } });
          if (recipient.length > 255) throw bad('badRequest', 'Mottagaren är för lång.');
          const clock = legalClocks(rules, factsOf(incident), await entriesOf(id), at).find((c) => c.regime === legalReport);
          const alreadySent = clock?.state === 'skickad' || clock?.state === 'skickad för sent';
          if (!alreadySent && isLateReport(clock, when) && !details)
            throw bad('lateReasonMissing', `Rapporten skickades efter fristen (${clock?.due ?? ''}): ange skälen till förseningen.`, {
              fields: { details: 'Ange skälen till förseningen.' },
            });
          body = `Mottagare: ${recipient}${details ? `\n${details}` : ''}`;
        }
      }
      const entry = await repos.timeline.add({
        title: title.slice(0, 255),
        incident: { id },
        at: when.toISOString(),
        kind: kind as TimelineEntry['kind'] & string,
        ...(body ? { details: body } : {}),
        ...(legalReport ? { legalReport: legalReport as TimelineEntry['legalReport'] & string } : {}),
        ...(input.externalReference?.trim() ? { externalReference: input.externalReference.trim().slice(0, 100) } : {}),
        person: { id: actor.userId },
      });
      deps.changed();
      return entry;
    },
  };
}
