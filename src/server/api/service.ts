/**
 * The Systemkoll API's use cases: every write that must be trusted (incident reports and handling,
 * timeline and legal-report entries, training completions, register edits) and the reads staff and
 * owners may not make directly ("my reports", "incidents on my systems"). Each call takes the
 * authenticated caller, resolves them to a site user and roles from SharePoint group membership,
 * asks src/domain/authorization, stamps who did it and writes app-only. The bot and the HTTP API both
 * call this; nothing here trusts an identity the client chose.
 */
import { createHmac } from 'node:crypto';
import {
  canCreateOrDeleteSystem,
  canEditSystem,
  canHandleIncidents,
  canReadIncident,
  canRecordCompletionFor,
  type Actor,
} from '../../domain/authorization.js';
import {
  incidentFromReport,
  validateReportInput,
  type ReportInput,
  type ReportProblem,
  type ReportSource,
} from '../../domain/incident-report.js';
import { addCalendarMonths, isCalendarDate } from '../../domain/calendar.js';
import type { Role } from '../../domain/roles.js';
import { DataError, where, type Repositories, type SiteUser } from '../../shared/data/index.js';
import type { Fields, Incident, PatchOf, SystemRecord, TimelineEntry, TrainingCompletion } from '../../shared/schema/index.js';
import { listSpec } from '../../shared/schema/index.js';
import type { Caller } from './caller.js';

/** A refusal or a bad request, with a Swedish message for the user and a stable code for clients. */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 412 | 413 | 503,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ResolvedActor extends Actor {
  user: SiteUser;
}

export interface ServiceOptions {
  /** App-only repositories (certificate in production, the local app token locally). */
  repos: Repositories;
  /** Secret for submission keys (HMAC): nobody can compute another person's key. */
  submissionSecret: string;
  now?: () => Date;
  /** How long a caller's site user and roles are remembered (ms). Default 60 s. */
  actorTtlMs?: number;
}

const HANDLER_STATUSES = ['ny', 'under utredning', 'åtgärdas', 'stängd'] as const;

type Choices<K extends 'incidents' | 'timeline', F extends string> =
  Extract<(typeof import('../../../manifest/site-schema.js'))['siteSchema']['lists'][K]['fields'][number], { key: F }> extends {
    choices: readonly (infer C)[];
  }
    ? C
    : never;

function choicesOf(list: 'incidents' | 'timeline', key: string): readonly string[] {
  const f = listSpec(list).fields.find((x) => x.key === key);
  return f && f.type === 'choice' ? f.choices : [];
}

export interface IncidentChange {
  status?: Choices<'incidents', 'status'>;
  severity?: Choices<'incidents', 'severity'> | null;
  priority?: Choices<'incidents', 'priority'> | null;
  /** UPN of the new assignee, or null to clear. */
  assigneeUpn?: string | null;
}

export interface TimelineInput {
  title: string;
  kind: Choices<'timeline', 'kind'>;
  details?: string;
  legalReport?: Choices<'timeline', 'legalReport'> | null;
  externalReference?: string;
}

/** A report as the tab or the bot sends it: what the user typed plus an idempotency key. */
export type ReportRequest = ReportInput & { clientKey: string; source?: ReportSource; channel: 'teams' | 'tab' };

export interface CompletionInput {
  personUpn: string;
  courseId: number;
  /** 'YYYY-MM-DD' (Stockholm). */
  completedAt: string;
  score?: number | null;
  source?: 'import' | 'manuell';
}

/** Messages for report problems (the same rules the bot words). */
const PROBLEM_TEXT: Record<ReportProblem['code'], string> = {
  titleMissing: 'Skriv en rubrik.',
  titleTooLong: 'Rubriken är för lång.',
  descriptionMissing: 'Beskriv vad som har hänt.',
  descriptionTooLong: 'Beskrivningen är för lång.',
  personalDataMissing: 'Välj om personuppgifter berörs (ja, nej eller vet ej).',
  systemUnknown: 'Det valda systemet finns inte i systemförteckningen.',
};

export function createSystemkollService(options: ServiceOptions) {
  const { repos } = options;
  const now = options.now ?? (() => new Date());
  const ttl = options.actorTtlMs ?? 60_000;
  const actors = new Map<string, { at: number; actor: Promise<ResolvedActor> }>();

  /** The caller as a site user with roles; remembered briefly (a report is one open and one submit). */
  function actorFor(caller: Caller): Promise<ResolvedActor> {
    const key = caller.upn.toLowerCase();
    const hit = actors.get(key);
    const t = now().getTime();
    if (hit && t - hit.at < ttl) return hit.actor;
    const actor = (async (): Promise<ResolvedActor> => {
      let user: SiteUser;
      try {
        user = await repos.users.ensure(caller.upn);
      } catch (error) {
        // SharePoint answers ensureUser for someone outside the directory with a 500 that says so;
        // anything else (throttling, network) is transient and is not taken as "unknown".
        const absent =
          error instanceof DataError &&
          (error.kind === 'notFound' ||
            error.kind === 'invalid' ||
            (error.status === 500 && /could not be found/i.test(error.detail ?? '')));
        if (absent)
          throw new ApiError(403, 'unknownUser', `Kontot ${caller.upn} finns inte i kommunens katalog och kan inte använda Systemkoll.`);
        throw error;
      }
      const roles: Role[] = await repos.users.rolesOf(user);
      // Everyone in the tenant may report; roles add what they may handle.
      return { user, userId: user.id, roles: roles.length > 0 ? roles : ['employee'] };
    })();
    actor.catch(() => actors.delete(key));
    if (actors.size > 5000) actors.clear();
    actors.set(key, { at: t, actor });
    return actor;
  }

  function requireHandler(actor: Actor): void {
    if (!canHandleIncidents(actor))
      throw new ApiError(403, 'forbidden', 'Bara informationssäkerhetssamordnare och administratörer får hantera incidenter.');
  }

  async function systemsOf(actor: Actor): Promise<SystemRecord[]> {
    const s = where('systems');
    return repos.systems.list({ filter: s.or(s.eq('systemOwner', actor.userId), s.eq('systemAdministrator', actor.userId)), top: 500 });
  }

  async function incidentFor(actor: Actor, id: number): Promise<Incident> {
    let incident: Incident;
    try {
      incident = await repos.incidents.get(id);
    } catch (error) {
      if (error instanceof DataError && error.kind === 'notFound') throw notFound();
      throw error;
    }
    const mine = canHandleIncidents(actor) ? new Set<number>() : new Set((await systemsOf(actor)).map((s) => s.id));
    const access = { reporterId: incident.reporter?.id ?? null, affectedSystemIds: incident.affectedSystems.map((x) => x.id) };
    // The same answer for "does not exist" and "not yours": ids reveal nothing.
    if (!canReadIncident(actor, access, mine)) throw notFound();
    return incident;
  }

  async function store(
    input: ReportRequest,
    who: { key: string; reporterId: number; reporter: Parameters<typeof incidentFromReport>[0]['reporter'] },
  ): Promise<{ incident: Incident; created: boolean }> {
    const clientKey = input.clientKey.trim();
    if (!clientKey || clientKey.length > 200)
      throw new ApiError(400, 'badRequest', 'Rapporten saknar en giltig inskickningsnyckel (clientKey).');
    const systemId = Number(input.systemId.trim());
    const systems =
      input.systemId.trim() && Number.isInteger(systemId) && systemId > 0
        ? await repos.systems.list({ filter: where('systems').eq('id', systemId), top: 1 })
        : [];
    const checked = validateReportInput(input, new Set(systems.filter((s) => s.lifecycleStatus !== 'avvecklad').map((s) => s.id)));
    if (!checked.ok)
      throw new ApiError(
        400,
        'invalidReport',
        checked.problems.map((p) => PROBLEM_TEXT[p.code]).join(' '),
        checked.problems.map((p) => p.code),
      );
    const mac = createHmac('sha256', options.submissionSecret).update(`${who.key}|${input.channel}:${clientKey}`).digest('hex');
    const draft = incidentFromReport({
      report: checked.value,
      ...(input.source ? { source: input.source } : {}),
      reporter: who.reporter,
      submissionKey: `sk-${mac.slice(0, 48)}`,
      now: now(),
    });
    if (input.channel === 'tab') draft.source = 'flik';
    return repos.incidents.report(draft, who.reporterId);
  }

  function reportsOf(actor: Actor): Promise<Incident[]> {
    return repos.incidents.list({
      filter: where('incidents').eq('reporter', actor.userId),
      orderBy: [{ key: 'reportedAt', ascending: false }],
      top: 200,
    });
  }

  async function incidentsOn(systems: SystemRecord[]): Promise<Incident[]> {
    if (systems.length === 0) return [];
    const pages = await Promise.all(
      systems.map((s) =>
        repos.incidents.list({
          filter: where('incidents').eq('mainSystem', s.id),
          orderBy: [{ key: 'reportedAt', ascending: false }],
          top: 200,
        }),
      ),
    );
    const seen = new Set<number>();
    return pages
      .flat()
      .filter((i) => (seen.has(i.id) ? false : (seen.add(i.id), true)))
      .sort((a, b) => (b.reportedAt ?? '').localeCompare(a.reportedAt ?? ''));
  }

  const notFound = () => new ApiError(404, 'notFound', 'Incidenten finns inte, eller så får du inte se den.');

  return {
    actorFor,

    /**
     * A report from the bot or the tab. The reporter is the caller, the status "ny", no assignee or
     * severity — whatever the client sent. `clientKey` (message id or dialog/form nonce) makes it
     * idempotent per person: a retry returns the same incident and reference.
     */
    async report(caller: Caller, input: ReportRequest): Promise<{ incident: Incident; created: boolean }> {
      const actor = await actorFor(caller);
      return store(input, {
        key: `${actor.userId}`,
        reporterId: actor.userId,
        reporter: { siteUserId: actor.userId, upn: actor.user.upn, name: actor.user.title, fallbackId: actor.user.upn },
      });
    },

    /**
     * A report from someone Teams knows but the municipality's directory does not (a consultant's
     * own tenant): stored without a SharePoint reporter, `note` saying who it was. Only the bot
     * calls this, with the identity Teams vouched for; the HTTP API never does.
     */
    async reportUnidentified(
      who: { key: string; name?: string; upn?: string },
      input: ReportRequest,
    ): Promise<{ incident: Incident; created: boolean }> {
      const reporter = {
        siteUserId: null,
        fallbackId: who.key,
        ...(who.name ? { name: who.name } : {}),
        ...(who.upn ? { upn: who.upn } : {}),
      };
      return store(input, { key: `teams:${who.key}`, reporterId: 0, reporter });
    },

    /** The caller's own reports, newest first (Reporter is indexed). */
    async myReports(caller: Caller): Promise<Incident[]> {
      return reportsOf(await actorFor(caller));
    },

    /** Incidents whose main system the caller owns or administers (indexed lookup per system). */
    async incidentsOnMySystems(caller: Caller): Promise<Incident[]> {
      return incidentsOn(await systemsOf(await actorFor(caller)));
    },

    /**
     * What "Mina uppgifter" and a non-coordinator's Incidenter page show, in one call: the systems I
     * own or administer, my reports, and the incidents on my systems.
     */
    async overview(caller: Caller): Promise<{ systems: SystemRecord[]; reports: Incident[]; systemIncidents: Incident[] }> {
      const actor = await actorFor(caller);
      const [systems, reports] = await Promise.all([systemsOf(actor), reportsOf(actor)]);
      return { systems, reports, systemIncidents: await incidentsOn(systems) };
    },

    /** One incident, if the caller may read it (404 otherwise, whether or not it exists). */
    async incident(caller: Caller, id: number): Promise<Incident> {
      return incidentFor(await actorFor(caller), id);
    },

    /** Status, severity, priority, assignee: coordinators and admins; logged on the timeline as the caller. */
    async updateIncident(caller: Caller, id: number, change: IncidentChange, etag: string): Promise<Incident> {
      const actor = await actorFor(caller);
      requireHandler(actor);
      if (!etag)
        throw new ApiError(412, 'etagRequired', 'Ändringen saknar versionsuppgift (etag). Läs incidenten igen och försök på nytt.');
      const incident = await incidentFor(actor, id);
      const patch: PatchOf<'incidents'> = {};
      const changes: string[] = [];
      if (change.status !== undefined) {
        if (!HANDLER_STATUSES.includes(change.status)) throw new ApiError(400, 'badRequest', `Okänd status: ${String(change.status)}.`);
        patch.status = change.status;
        if (change.status === 'stängd' && !incident.closedAt) patch.closedAt = now().toISOString();
        if (change.status !== 'stängd' && incident.closedAt) patch.closedAt = null;
        changes.push(`status ${incident.status ?? '–'} → ${change.status}`);
      }
      if (change.severity !== undefined) {
        if (change.severity !== null && !choicesOf('incidents', 'severity').includes(change.severity))
          throw new ApiError(400, 'badRequest', `Okänd allvarlighetsgrad: ${String(change.severity)}.`);
        patch.severity = change.severity;
        changes.push(`allvarlighetsgrad → ${change.severity ?? '–'}`);
      }
      if (change.priority !== undefined) {
        if (change.priority !== null && !choicesOf('incidents', 'priority').includes(change.priority))
          throw new ApiError(400, 'badRequest', `Okänd prioritet: ${String(change.priority)}.`);
        patch.priority = change.priority;
        changes.push(`prioritet → ${change.priority ?? '–'}`);
      }
      if (change.assigneeUpn !== undefined) {
        if (change.assigneeUpn === null) patch.assignee = null;
        else {
          const assignee = await actorFor({ upn: change.assigneeUpn });
          if (!canHandleIncidents(assignee))
            throw new ApiError(400, 'badRequest', `${assignee.user.title} hanterar inte incidenter och kan inte bli handläggare.`);
          patch.assignee = { id: assignee.userId };
        }
        changes.push(`handläggare → ${change.assigneeUpn ?? '–'}`);
      }
      if (changes.length === 0) return incident;
      try {
        await repos.incidents.update(id, patch, etag);
      } catch (error) {
        if (error instanceof DataError && error.kind === 'conflict')
          throw new ApiError(
            412,
            'conflict',
            'Någon annan har ändrat incidenten sedan du läste den. Läs in den igen och gör om ändringen.',
          );
        throw error;
      }
      await repos.timeline.add({
        title: `Ändrad: ${changes.join(', ')}`.slice(0, 255),
        incident: { id },
        at: now().toISOString(),
        kind: 'statusändring',
        person: { id: actor.userId },
      });
      return repos.incidents.get(id);
    },

    /** A note, measure or legal report on an incident's timeline, authored by the caller. */
    async addTimelineEntry(caller: Caller, id: number, input: TimelineInput): Promise<TimelineEntry> {
      const actor = await actorFor(caller);
      requireHandler(actor);
      await incidentFor(actor, id);
      const title = (input.title ?? '').trim();
      if (!title) throw new ApiError(400, 'badRequest', 'Skriv en sammanfattning av händelsen i tidslinjen.');
      if (!choicesOf('timeline', 'kind').includes(input.kind)) throw new ApiError(400, 'badRequest', `Okänt slag: ${String(input.kind)}.`);
      if (input.legalReport && !choicesOf('timeline', 'legalReport').includes(input.legalReport))
        throw new ApiError(400, 'badRequest', `Okänd myndighetsrapport: ${String(input.legalReport)}.`);
      return repos.timeline.add({
        title: title.slice(0, 255),
        incident: { id },
        at: now().toISOString(),
        kind: input.legalReport ? 'myndighetsrapport' : input.kind,
        ...(input.details ? { details: input.details } : {}),
        ...(input.legalReport ? { legalReport: input.legalReport } : {}),
        ...(input.externalReference ? { externalReference: input.externalReference.slice(0, 100) } : {}),
        person: { id: actor.userId },
      });
    },

    /** A completion recorded for someone by a coordinator (manual entry or import). */
    async recordCompletion(caller: Caller, input: CompletionInput): Promise<TrainingCompletion> {
      const actor = await actorFor(caller);
      const person = await actorFor({ upn: input.personUpn });
      if (!canRecordCompletionFor(actor, person.userId))
        throw new ApiError(
          403,
          'forbidden',
          'Bara informationssäkerhetssamordnare och administratörer får registrera genomförd utbildning. Din egen registreras när du klarar kursen.',
        );
      if (!isCalendarDate(input.completedAt))
        throw new ApiError(400, 'badRequest', 'Ange datumet då utbildningen genomfördes som ÅÅÅÅ-MM-DD.');
      if (input.score !== undefined && input.score !== null && !(input.score >= 0 && input.score <= 100))
        throw new ApiError(400, 'badRequest', 'Resultatet ska vara mellan 0 och 100 %.');
      let course;
      try {
        course = await repos.trainingCourses.get(input.courseId);
      } catch {
        throw new ApiError(400, 'badRequest', 'Utbildningen finns inte.');
      }
      const months = course.recertificationMonths ?? 0;
      const draft = {
        title: `${person.user.title} – ${course.title}`.slice(0, 255),
        person: { id: person.userId },
        course: { id: course.id },
        completedAt: input.completedAt,
        ...(months > 0 ? { expiresAt: addCalendarMonths(input.completedAt as never, months) } : {}),
        source: input.source ?? 'manuell',
        ...(input.score !== undefined && input.score !== null ? { score: input.score } : {}),
        completionKey: `${person.userId}:${course.id}:${input.completedAt}`,
      } satisfies Partial<Fields<'trainingCompletions'>>;
      try {
        return await repos.trainingCompletions.add(draft);
      } catch (error) {
        if (error instanceof DataError && error.kind === 'duplicate') {
          const existing = await repos.trainingCompletions.first(where('trainingCompletions').eq('completionKey', draft.completionKey));
          if (existing) return existing;
        }
        throw error;
      }
    },

    /** Register edits: owners and administrators their own systems, coordinators and admins all. */
    async updateSystem(caller: Caller, id: number, patch: PatchOf<'systems'>, etag: string): Promise<SystemRecord> {
      const actor = await actorFor(caller);
      if (!etag) throw new ApiError(412, 'etagRequired', 'Ändringen saknar versionsuppgift (etag). Läs systemet igen och försök på nytt.');
      let system: SystemRecord;
      try {
        system = await repos.systems.get(id);
      } catch (error) {
        if (error instanceof DataError && error.kind === 'notFound') throw new ApiError(404, 'notFound', 'Systemet finns inte.');
        throw error;
      }
      const ownership = {
        id,
        ownerId: system.systemOwner?.id ?? null,
        administratorId: system.systemAdministrator?.id ?? null,
        teamIds: (system.administrators ?? []).map((p) => p.id),
      };
      if (!canEditSystem(actor, ownership))
        throw new ApiError(403, 'forbidden', 'Du får bara ändra system där du är systemägare eller systemförvaltare.');
      if ('systemOwner' in patch && !canCreateOrDeleteSystem(actor) && patch.systemOwner?.id !== ownership.ownerId)
        throw new ApiError(403, 'forbidden', 'Byte av systemägare görs av informationssäkerhetssamordnaren.');
      const known = new Set(listSpec('systems').fields.map((f) => f.key as string));
      const unknown = Object.keys(patch).filter((k) => !known.has(k));
      if (unknown.length > 0) throw new ApiError(400, 'badRequest', `Okända fält: ${unknown.join(', ')}.`);
      try {
        await repos.systems.update(id, patch, etag);
      } catch (error) {
        if (error instanceof DataError && error.kind === 'conflict')
          throw new ApiError(412, 'conflict', 'Någon annan har ändrat systemet sedan du läste det. Läs in det igen och gör om ändringen.');
        if (error instanceof DataError && error.kind === 'invalid') throw new ApiError(400, 'badRequest', error.message);
        throw error;
      }
      return repos.systems.get(id);
    },

    /** Removing a system from the register: coordinators and admins. */
    async deleteSystem(caller: Caller, id: number, etag: string): Promise<void> {
      const actor = await actorFor(caller);
      if (!canCreateOrDeleteSystem(actor))
        throw new ApiError(403, 'forbidden', 'Bara informationssäkerhetssamordnare och administratörer får ta bort system.');
      await repos.systems.remove(id, etag || '*');
    },
  };
}

export type SystemkollService = ReturnType<typeof createSystemkollService>;
