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
  MAX_REPORT_SYSTEMS,
  incidentFromReport,
  reportedSystemIds,
  validateReportInput,
  type ReportInput,
  type ReportProblem,
  type ReportSource,
} from '../../domain/incident-report.js';
import { addCalendarMonths, calendarDaysBetween, isCalendarDate, stockholmDate } from '../../domain/calendar.js';
import { checkField, problemsByField, validateSystem, type SystemProblem } from '../../domain/system-validation.js';
import type { Role } from '../../domain/roles.js';
import { DataError, where, type Repositories, type SiteUser } from '../../shared/data/index.js';
import type { ActionRecord, Fields, Incident, PatchOf, SystemRecord, TrainingCompletion } from '../../shared/schema/index.js';
import { listSpec } from '../../shared/schema/index.js';
import type { Caller } from './caller.js';
import { createIncidentHandling } from './incident-handling.js';
import { createIncidentAttachments } from './attachments.js';
import { createDevices } from './devices.js';
import { createCourseModules } from './course-module.js';
import { createTrainingApi } from './training.js';
import { createReportsApi } from './reports.js';
import type { IncidentNotifier } from '../notifications/events.js';
import type { SPFI } from '@pnp/sp';
import { allTasks, tasksForPerson } from '../tasks/load.js';
import { ruleLabel, summariseTasks, tasksOf, type Task, type TaskFilter, type TaskOverview } from '../../domain/tasks/index.js';
import type { RecordOf } from '../../shared/schema/index.js';
import { ASSESSMENT_STATUSES, assessmentKey, requirementApplies, type AssessmentStatus } from '../../domain/security-requirements.js';

/** A refusal or a bad request, with a Swedish message for the user and a stable code for clients. */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 412 | 413 | 500 | 503,
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
  /** The pipeline `repos` was made from: one person's tasks are read with two $batch round trips on it. */
  sp?: SPFI;
  /** Secret for submission keys (HMAC): nobody can compute another person's key. */
  submissionSecret: string;
  now?: () => Date;
  /** How long a caller's site user and roles are remembered (ms). Default 60 s. */
  actorTtlMs?: number;
  /** How long everyone's tasks are shared between Översikt requests (ms). Default 60 s; 0 = always fresh. */
  tasksTtlMs?: number;
  /** Tells the people concerned about incident events (events.ts); absent: nobody is told. */
  incidentNotifier?: IncidentNotifier;
  /** Where failures that must not fail the request are written (default console.error). */
  log?: (line: string) => void;
}

export type { IncidentChange, IncidentDetail, TimelineInput } from './incident-handling.js';

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

/** What is recorded on a system with an action in Insatser: the yearly review, a classification, a test. */
export type SystemEventKind = 'review' | 'classification' | 'continuityTest' | 'restoreTest';

export interface SystemEventInput {
  /** Corrections made while confirming (the same fields and rules as an edit). */
  changes?: Record<string, unknown>;
  hours?: number | null;
  cost?: number | null;
  notes?: string | null;
  /** When the test was made ('YYYY-MM-DD', Stockholm; not in the future). Default today. Tests only. */
  date?: string | null;
}

/** The action kind (Insatser) and the system's date field per event. */
const SYSTEM_EVENTS: Record<
  SystemEventKind,
  { kind: Fields<'actions'>['kind']; title: string; date: keyof Fields<'systems'>; by?: keyof Fields<'systems'> }
> = {
  review: { kind: 'årlig genomgång', title: 'Årlig genomgång', date: 'lastReviewDate', by: 'lastReviewedBy' },
  classification: { kind: 'informationsklassning', title: 'Informationsklassning', date: 'classificationDate', by: 'classifiedBy' },
  continuityTest: { kind: 'test av kontinuitetsplan', title: 'Test av kontinuitetsplan', date: 'continuityPlanTestedDate' },
  // No choice of its own in Insatser: recorded as an 'åtgärd' whose title says what it was.
  restoreTest: { kind: 'åtgärd', title: 'Återläsningstest', date: 'lastRestoreTestDate' },
};

/** A refusal naming each field's problem (the same messages the form shows). */
function invalidSystem(problems: readonly SystemProblem[]): ApiError {
  const fields = problemsByField(problems);
  return new ApiError(
    400,
    'invalidSystem',
    `Uppgifterna godtogs inte: ${Object.entries(fields)
      .map(([k, m]) => `${listSpec('systems').fields.find((f) => f.key === k)?.title.sv ?? k}: ${m}`)
      .join(' ')}`,
    { fields },
  );
}

/** A self-assessment as the tab sends it (assessedBy is always the caller). */
export interface AssessmentInput {
  requirementId: number;
  status: string;
  comment?: string | null;
}

type SelfAssessment = RecordOf<'selfAssessments'>;

/** Messages for report problems (the same rules the bot words). */
const PROBLEM_TEXT: Record<ReportProblem['code'], string> = {
  titleMissing: 'Skriv en rubrik.',
  titleTooLong: 'Rubriken är för lång.',
  descriptionMissing: 'Beskriv vad som har hänt.',
  descriptionTooLong: 'Beskrivningen är för lång.',
  personalDataMissing: 'Välj om personuppgifter berörs (ja, nej eller vet ej).',
  systemUnknown: 'Ett valt system finns inte i systemförteckningen, eller är avvecklat.',
  tooManySystems: `Välj högst ${MAX_REPORT_SYSTEMS} berörda system.`,
  occurredInvalid: 'Ange när det inträffade som datum, gärna med klockslag.',
  occurredInFuture: 'Tidpunkten då det inträffade ligger i framtiden.',
  detectedInvalid: 'Ange när det upptäcktes som datum, gärna med klockslag.',
  detectedInFuture: 'Tidpunkten då det upptäcktes ligger i framtiden.',
  detectedBeforeOccurred: 'Det kan inte ha upptäckts innan det inträffade: kontrollera tidpunkterna.',
  typeUnknown: 'Välj typ: händelse, incident eller brist.',
  categoryUnknown: 'Välj en kategori från listan, eller Vet ej.',
};

export function createSystemkollService(options: ServiceOptions) {
  const { repos } = options;
  const now = options.now ?? (() => new Date());
  const ttl = options.actorTtlMs ?? 60_000;
  const actors = new Map<string, { at: number; actor: Promise<ResolvedActor> }>();
  // Everyone's tasks (Översikt, the navigation's count for coordinators) read every list: computed
  // once and shared for a short while, and dropped when a write through this service changes the
  // data they come from. Writes made straight in SharePoint show within TASKS_TTL_MS.
  const tasksTtl = options.tasksTtlMs ?? 60_000;
  let tasksCache: { at: number; run: Promise<Task[]> } | null = null;
  const changed = <T>(result: T): T => {
    tasksCache = null;
    training.changed();
    reports.changed();
    return result;
  };
  const log = options.log ?? ((line: string) => console.error(line));
  /**
   * Queues what an incident change tells people. The change itself is stored by then: a failure
   * here is logged, never reported to the caller as a failed write (the caller would send again).
   */
  const incidentChanged = async (before: Incident | null, after: Incident, actorUpn: string): Promise<void> => {
    if (!options.incidentNotifier) return;
    try {
      await options.incidentNotifier.incidentChanged(before, after, actorUpn);
    } catch (error) {
      log(
        `Aviseringar om incident ${after.referenceNumber ?? after.id} kunde inte köas: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  function everyonesTasks(at: Date): Promise<Task[]> {
    if (tasksCache && at.getTime() - tasksCache.at < tasksTtl) return tasksCache.run;
    const run = allTasks(repos, at).then((r) => r.tasks);
    const entry = { at: at.getTime(), run };
    run.catch(() => {
      if (tasksCache === entry) tasksCache = null;
    });
    tasksCache = entry;
    return run;
  }

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
    // Only the named systems are read (one request), and only as many as a report may name.
    const ids = reportedSystemIds(input).slice(0, MAX_REPORT_SYSTEMS);
    const s = where('systems');
    const systems = ids.length > 0 ? await repos.systems.list({ filter: s.or(...ids.map((id) => s.eq('id', id))), top: ids.length }) : [];
    const at = now();
    const checked = validateReportInput(input, new Set(systems.filter((x) => x.lifecycleStatus !== 'avvecklad').map((x) => x.id)), at);
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
      now: at,
    });
    if (input.channel === 'tab') draft.source = 'flik';
    const stored = changed(await repos.incidents.report(draft, who.reporterId));
    // Also on a retry: what a lost reply's first attempt did not queue is queued now (keys are unique).
    if (stored.incident.status === 'ny') await incidentChanged(null, stored.incident, who.reporter.upn ?? who.key);
    return stored;
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

  async function systemById(id: number): Promise<SystemRecord> {
    try {
      return await repos.systems.get(id);
    } catch (error) {
      if (error instanceof DataError && error.kind === 'notFound') throw new ApiError(404, 'notFound', 'Systemet finns inte.');
      throw error;
    }
  }

  function ownershipOf(system: SystemRecord) {
    return {
      id: system.id,
      ownerId: system.systemOwner?.id ?? null,
      administratorId: system.systemAdministrator?.id ?? null,
      teamIds: (system.administrators ?? []).map((p) => p.id),
    };
  }

  /** The system, if the caller may change it (owner, administrator, team; coordinators and admins all). */
  async function editableSystem(actor: Actor, id: number): Promise<SystemRecord> {
    const system = await systemById(id);
    if (!canEditSystem(actor, ownershipOf(system)))
      throw new ApiError(403, 'forbidden', 'Du får bara ändra system där du är systemägare eller systemförvaltare.');
    return system;
  }

  /** An edit checked with the register's rules (the same the form uses); the owner is changed by coordinators. */
  function checkedSystemPatch(actor: Actor, system: SystemRecord, patch: Record<string, unknown>): PatchOf<'systems'> {
    if ('systemOwner' in patch && !canCreateOrDeleteSystem(actor)) {
      const wanted = patch.systemOwner as { id?: unknown } | null;
      if ((wanted?.id ?? null) !== (system.systemOwner?.id ?? null))
        throw new ApiError(403, 'forbidden', 'Byte av systemägare görs av informationssäkerhetssamordnaren.');
    }
    const checked = validateSystem(patch, { fields: listSpec('systems').fields, current: system as unknown as Record<string, unknown> });
    if (!checked.ok) throw invalidSystem(checked.problems);
    return checked.value as PatchOf<'systems'>;
  }

  const handling = createIncidentHandling({
    repos,
    now,
    actorFor,
    incidentFor,
    requireHandler,
    canHandle: canHandleIncidents,
    changed: () => changed(null),
    incidentChanged,
  });

  const attachments = createIncidentAttachments({ repos, now, actorFor, incidentFor });
  const devices = createDevices({ repos, now, actorFor, changed: () => changed(null) });
  const courses = createCourseModules({
    repos,
    now,
    submissionSecret: options.submissionSecret,
    actorFor,
    changed: () => changed(null),
  });

  const training = createTrainingApi({ repos, sp: options.sp, now, actorFor });
  const reports = createReportsApi({ sp: options.sp, now, actorFor });

  const conflictOnSystem = () =>
    new ApiError(412, 'conflict', 'Någon annan har ändrat systemet sedan du läste det. Läs in det igen och gör om ändringen.');

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

    /** The caller's tasks, derived now from the data (two SharePoint round trips). */
    async myTasks(caller: Caller): Promise<{ generatedAt: string; tasks: Task[] }> {
      const actor = await actorFor(caller);
      const at = now();
      const upn = (actor.user.email || actor.user.upn || caller.upn).toLowerCase();
      const run = options.sp
        ? await tasksForPerson(options.sp, { userId: actor.userId, upn, roles: actor.roles }, at)
        : { tasks: tasksOf(await everyonesTasks(at), upn) };
      return { generatedAt: at.toISOString(), tasks: run.tasks };
    },

    /** Översikt: every task counted per förvaltning and rule, filtered (coordinators and admins). */
    async taskOverview(caller: Caller, filter: TaskFilter): Promise<TaskOverview> {
      const actor = await actorFor(caller);
      if (!canHandleIncidents(actor))
        throw new ApiError(
          403,
          'forbidden',
          'Översikten över alla uppgifter är till för informationssäkerhetssamordnare och administratörer.',
        );
      const at = now();
      const tasks = await everyonesTasks(at);
      return summariseTasks(tasks, at, { filter, ruleLabel: (r) => ruleLabel(r) });
    },

    /** One incident, if the caller may read it (404 otherwise, whether or not it exists). */
    async incident(caller: Caller, id: number): Promise<Incident> {
      return incidentFor(await actorFor(caller), id);
    },

    /** One incident as GET incidents/:id answers: coordinators and admins also get clocks, assessment, nextStatuses. */
    incidentDetail: handling.detail,

    /** Triage, workflow, severity with justification, assignee (incident-handling.ts); coordinators and admins. */
    updateIncident: handling.update,

    /** A note, measure or legal report on an incident's timeline, authored by the caller (incident-handling.ts). */
    addTimelineEntry: handling.addEntry,

    /** An incident's timeline, oldest first: coordinators and admins. */
    incidentTimeline: handling.timeline,

    /** Devices of the people the caller answers for (devices.ts); one person's; a decision recorded as the caller. */
    teamDevices: devices.team,
    personDevices: devices.person,
    decideDevice: devices.decide,
    /** A device or subscription entered or corrected by IT (admins, coordinators), entered by = the caller. */
    createDevice: devices.create,
    updateDevice: devices.update,

    /** An incident's attachments (attachments.ts): listed and downloaded by who may read it. */
    incidentAttachments: attachments.list,
    incidentAttachment: attachments.download,
    /** Attaches a file: the reporter (own report, while new or within 24 h), coordinators and admins. */
    addIncidentAttachment: attachments.add,

    /** A course module's lessons and questions, without the answers (course-module.ts); any signed-in person. */
    courseModule: courses.module,
    /** An attempt at a course module, scored server-side; a pass records the caller's completion ('Teams-modul'). */
    courseAttempt: courses.attempt,

    /** Min utbildning: my standing per course and where to take it (training.ts; one round trip). */
    myTraining: training.mine,
    /** The compliance dashboard: coordinators and admins everyone, managers their own staff (training.ts). */
    trainingCompliance: training.compliance,

    /** The yearly report to the board as data and as .docx/.xlsx with the tab's free texts (reports.ts); coordinators and admins. */
    yearlyReport: reports.yearly,
    yearlyReportExport: reports.yearlyExport,
    /** The end-of-term report, saving either report to Rapporter and what Rapporter holds (reports.ts); coordinators and admins. */
    termReport: reports.term,
    termReportExport: reports.termExport,
    saveReport: reports.save,
    savedReports: reports.saved,
    savedReportFile: reports.savedFile,

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
      const system = await editableSystem(actor, id);
      const checked = checkedSystemPatch(actor, system, patch as Record<string, unknown>);
      try {
        await repos.systems.update(id, checked, etag);
        changed(null);
      } catch (error) {
        if (error instanceof DataError && error.kind === 'conflict')
          throw new ApiError(412, 'conflict', 'Någon annan har ändrat systemet sedan du läste det. Läs in det igen och gör om ändringen.');
        if (error instanceof DataError && error.kind === 'invalid') throw new ApiError(400, 'badRequest', error.message);
        throw error;
      }
      return repos.systems.get(id);
    },

    /**
     * A directory person made a site user app-only, so a person field can name them: SharePoint lets
     * only site managers call ensureUser, and owners edit through this API. For those who edit the
     * register — coordinators, admins, and whoever owns or administers a system.
     */
    async ensurePerson(caller: Caller, key: string): Promise<{ id: number; title: string; email: string }> {
      const actor = await actorFor(caller);
      if (!canCreateOrDeleteSystem(actor) && (await systemsOf(actor)).length === 0)
        throw new ApiError(403, 'forbidden', 'Bara den som ansvarar för ett system kan välja personer till förteckningen.');
      const login = key.trim();
      if (!login || login.length > 300) throw new ApiError(400, 'badRequest', 'Ange vilken person som ska läggas till.');
      try {
        const user = await repos.users.ensure(login);
        return { id: user.id, title: user.title, email: user.email };
      } catch (error) {
        if (error instanceof DataError && (error.kind === 'notFound' || error.kind === 'invalid'))
          throw new ApiError(404, 'personNotFound', 'Personen finns inte i kommunens katalog.');
        throw error;
      }
    },

    /** A new system in the register: coordinators and admins; checked with the register's rules. */
    async createSystem(caller: Caller, input: Record<string, unknown>): Promise<SystemRecord> {
      const actor = await actorFor(caller);
      if (!canCreateOrDeleteSystem(actor))
        throw new ApiError(403, 'forbidden', 'Bara informationssäkerhetssamordnare och administratörer får lägga till system.');
      const checked = validateSystem(input, { fields: listSpec('systems').fields });
      if (!checked.ok) throw invalidSystem(checked.problems);
      try {
        return changed(await repos.systems.add(checked.value as never));
      } catch (error) {
        if (error instanceof DataError && error.kind === 'duplicate')
          throw new ApiError(409, 'duplicate', 'Det finns redan ett system med samma externa id.', {
            fields: { externalId: 'Används redan.' },
          });
        if (error instanceof DataError && error.kind === 'invalid') throw new ApiError(400, 'badRequest', error.message);
        throw error;
      }
    },

    /**
     * The yearly review, a classification, a continuity-plan test or a restore test: the corrections
     * applied (the edit's rules), the date set to today in Stockholm and — for a review or
     * classification — the caller stamped as who did it; then an action in Insatser with the caller
     * as person. Who may: whoever may edit the system. `If-Match` required (412 when stale).
     */
    async recordSystemEvent(
      caller: Caller,
      id: number,
      event: SystemEventKind,
      input: SystemEventInput,
      etag: string,
    ): Promise<{ system: SystemRecord; action: ActionRecord }> {
      const actor = await actorFor(caller);
      if (!etag) throw new ApiError(412, 'etagRequired', 'Ändringen saknar versionsuppgift (etag). Läs systemet igen och försök på nytt.');
      const system = await editableSystem(actor, id);
      const spec = SYSTEM_EVENTS[event];
      const today = stockholmDate(now());
      let date = today;
      if (input.date !== undefined && input.date !== null && input.date !== '') {
        if (!isCalendarDate(input.date) || calendarDaysBetween(input.date, today) < 0)
          throw new ApiError(400, 'invalidSystem', 'Ange ett datum som inte ligger i framtiden (ÅÅÅÅ-MM-DD).', {
            fields: { date: 'Ange ett datum som inte ligger i framtiden.' },
          });
        date = input.date;
      }
      let changes: Record<string, unknown> = { ...(input.changes ?? {}) };
      if (event === 'classification') {
        // A classification states all four levels and their justifications: all are checked.
        const s = system as unknown as Record<string, unknown>;
        const base: Record<string, unknown> = {};
        for (const k of ['confidentiality', 'integrity', 'availability', 'traceability'])
          for (const key of [k, `${k}Reason`]) base[key] = s[key] ?? null;
        changes = { ...base, ...changes };
        const missing = ['confidentiality', 'integrity', 'availability', 'traceability'].filter(
          (k) => changes[k] === null || changes[k] === undefined || changes[k] === '',
        );
        if (missing.length > 0)
          throw new ApiError(400, 'invalidSystem', 'Ange alla fyra nivåerna (K, R, T och S) för att registrera en klassning.', {
            fields: Object.fromEntries(missing.map((k) => [k, 'Välj en nivå 1–4.'])),
          });
      }
      for (const key of [spec.date, ...(spec.by ? [spec.by] : [])]) delete changes[key];
      const patch = checkedSystemPatch(actor, system, changes);
      const actionFields = listSpec('actions').fields;
      const action: Record<string, unknown> = {};
      const problems: Record<string, string> = {};
      for (const key of ['hours', 'cost', 'notes'] as const) {
        const field = actionFields.find((f) => f.key === key)!;
        const r = checkField(field, input[key]);
        if ('problem' in r) problems[key] = r.problem.message;
        else if (r.value !== null) action[key] = r.value;
      }
      if (Object.keys(problems).length > 0)
        throw new ApiError(400, 'invalidSystem', `Uppgifterna godtogs inte: ${Object.values(problems).join(' ')}`, { fields: problems });
      const stamped: PatchOf<'systems'> = { ...patch, [spec.date]: date, ...(spec.by ? { [spec.by]: { id: actor.userId } } : {}) };
      try {
        await repos.systems.update(id, stamped, etag);
        changed(null);
      } catch (error) {
        if (error instanceof DataError && error.kind === 'conflict') throw conflictOnSystem();
        if (error instanceof DataError && error.kind === 'invalid') throw new ApiError(400, 'badRequest', error.message);
        throw error;
      }
      const corrected = Object.keys(patch);
      const recorded = await repos.actions.add({
        title: `${spec.title}: ${system.title}`.slice(0, 255),
        kind: spec.kind,
        system: { id },
        date,
        person: { id: actor.userId },
        ...action,
        ...(corrected.length > 0 && !action.notes
          ? {
              notes: `Ändrade uppgifter: ${corrected
                .map((k) => listSpec('systems').fields.find((f) => f.key === k)?.title.sv ?? k)
                .join(', ')}.`,
            }
          : {}),
      } as never);
      return { system: await repos.systems.get(id), action: recorded };
    },

    /**
     * A system's history: its actions (for those who may read Insatser: owners, coordinators,
     * admins; an action's incident only for incident handlers, as SharePoint trims it) and its
     * incidents (for handlers and the system's owner and administrator). Staff: 403.
     */
    async systemHistory(caller: Caller, id: number): Promise<{ actions: ActionRecord[]; incidents: Incident[] | null }> {
      const actor = await actorFor(caller);
      if (!actor.roles.some((r) => r === 'systemOwner' || r === 'securityCoordinator' || r === 'admin'))
        throw new ApiError(403, 'forbidden', 'Historiken visas för systemägare, förvaltare och informationssäkerhetssamordnare.');
      const system = await systemById(id);
      const handler = canHandleIncidents(actor);
      const own = system.systemOwner?.id === actor.userId || system.systemAdministrator?.id === actor.userId;
      const [actions, incidents] = await Promise.all([
        repos.actions.list({
          filter: where('actions').eq('system', id),
          orderBy: [{ key: 'date', ascending: false }],
          top: 500,
        }),
        handler || own
          ? repos.incidents.list({
              filter: where('incidents').eq('mainSystem', id),
              orderBy: [{ key: 'reportedAt', ascending: false }],
              top: 200,
            })
          : Promise.resolve(null),
      ]);
      return { actions: handler ? actions : actions.map((a) => ({ ...a, incident: null })), incidents };
    },

    /**
     * A self-assessment of one security requirement on one system (owners, administrators and the
     * team of that system; coordinators and admins all). The requirement must apply to the system's
     * current classification. One item per system and requirement (unique key): sending the same
     * assessment again changes it, never adds a second. assessedBy and assessedAt are the caller and now.
     */
    async assessRequirement(caller: Caller, systemId: number, input: AssessmentInput): Promise<SelfAssessment> {
      const actor = await actorFor(caller);
      let system: SystemRecord;
      try {
        system = await repos.systems.get(systemId);
      } catch (error) {
        if (error instanceof DataError && error.kind === 'notFound') throw new ApiError(404, 'notFound', 'Systemet finns inte.');
        throw error;
      }
      const ownership = {
        id: systemId,
        ownerId: system.systemOwner?.id ?? null,
        administratorId: system.systemAdministrator?.id ?? null,
        teamIds: (system.administrators ?? []).map((p) => p.id),
      };
      if (!canEditSystem(actor, ownership))
        throw new ApiError(
          403,
          'forbidden',
          'Du får bara bedöma säkerhetskrav för system där du är systemägare, systemförvaltare eller med i förvaltningsteamet.',
        );
      if (!ASSESSMENT_STATUSES.includes(input.status as AssessmentStatus))
        throw new ApiError(400, 'badRequest', `Okänd bedömning: ${String(input.status)}.`);
      const comment = (input.comment ?? '').trim();
      if (comment.length > 4000) throw new ApiError(400, 'badRequest', 'Kommentaren är för lång (högst 4 000 tecken).');
      let requirement: RecordOf<'securityRequirements'>;
      try {
        requirement = await repos.securityRequirements.get(input.requirementId);
      } catch (error) {
        if (error instanceof DataError && error.kind === 'notFound') throw new ApiError(400, 'badRequest', 'Säkerhetskravet finns inte.');
        throw error;
      }
      if (!requirementApplies(requirement, system))
        throw new ApiError(400, 'notApplicable', 'Kravet gäller inte systemet med dess nuvarande informationsklassning.');
      const key = assessmentKey(systemId, requirement.id);
      const fields = {
        title: `${system.title} – ${requirement.title}`.slice(0, 255),
        status: input.status as AssessmentStatus,
        comment: comment || null,
        assessedBy: { id: actor.userId },
        assessedAt: now().toISOString(),
      } satisfies PatchOf<'selfAssessments'>;
      const sa = where('selfAssessments');
      const existing = await repos.selfAssessments.first(sa.eq('assessmentKey', key));
      if (existing) {
        await repos.selfAssessments.update(existing.id, fields, '*');
        changed(null);
        return repos.selfAssessments.get(existing.id);
      }
      try {
        changed(null);
        const added = await repos.selfAssessments.add({
          ...fields,
          system: { id: systemId },
          requirement: { id: requirement.id },
          assessmentKey: key,
        });
        // Read back: the stored item with the assessor's name (an add returns ids only).
        return await repos.selfAssessments.get(added.id);
      } catch (error) {
        // Two saves at once: the other one stored the item; this one changes it.
        const stored = await repos.selfAssessments.first(sa.eq('assessmentKey', key));
        if (!stored) throw error;
        await repos.selfAssessments.update(stored.id, fields, '*');
        changed(null);
        return repos.selfAssessments.get(stored.id);
      }
    },

    /** Removing a system from the register: coordinators and admins. */
    async deleteSystem(caller: Caller, id: number, etag: string): Promise<void> {
      const actor = await actorFor(caller);
      if (!canCreateOrDeleteSystem(actor))
        throw new ApiError(403, 'forbidden', 'Bara informationssäkerhetssamordnare och administratörer får ta bort system.');
      await repos.systems.remove(id, etag || '*');
      changed(null);
    },
  };
}

export type SystemkollService = ReturnType<typeof createSystemkollService>;
