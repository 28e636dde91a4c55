/**
 * Training use cases of the Systemkoll API: "Min utbildning" (anyone: my standing per course) and
 * the compliance dashboard (coordinators and admins everyone, managers their own staff). Completions
 * are not readable by staff or managers in SharePoint, so both are served here, app-only, after
 * src/domain/authorization.ts has said who may see what. Everyone's data is read once and shared for
 * a short while, then read again with only the completions added since (10,000 staff and 100,000
 * completions take seconds to read whole).
 */
import type { SPFI } from '@pnp/sp';
import { complianceScope } from '../../domain/authorization.js';
import { stockholmDate } from '../../domain/calendar.js';
import { AUDIENCE_GROUPS, computeCompliance, myTraining, type AudienceGroup } from '../../domain/training/index.js';
import type { ComplianceBody, MyCourse, MyTrainingBody } from '../../shared/api/training-types.js';
import type { Repositories } from '../../shared/data/index.js';
import { loadMyTraining, managerScope, trainingSiteReader, type TrainingSite } from '../training/load.js';
import type { Caller } from './caller.js';
import { ApiError, type ResolvedActor } from './service.js';

/** The route of the built-in course player in the tab. */
export const COURSE_ROUTE = (id: number) => `/training/courses/${id}`;

export interface ComplianceQuery {
  department?: number | null;
  audience?: string | null;
  /** Every gap instead of the first GAP_LIMIT (the export). */
  allGaps?: boolean;
}

/** Gaps sent to the dashboard by default; the export asks for all. */
export const GAP_LIMIT = 500;

interface Deps {
  repos: Repositories;
  sp?: SPFI | undefined;
  now: () => Date;
  actorFor(caller: Caller): Promise<ResolvedActor>;
  ttlMs?: number;
}

const isHttpUrl = (u: string) => /^https?:\/\//i.test(u);

export function createTrainingApi(deps: Deps) {
  const ttl = deps.ttlMs ?? 60_000;
  let cache: { at: number; site: Promise<{ site: TrainingSite; target: number | null }> } | null = null;
  // Past the cache's minute, a new read fetches only the completions added since the last one.
  const readSite = trainingSiteReader(deps.repos, { now: deps.now });

  function everyone(): Promise<{ site: TrainingSite; target: number | null }> {
    const t = deps.now().getTime();
    if (cache && t - cache.at < ttl) return cache.site;
    const site = Promise.all([readSite(), deps.repos.settings.values()]).then(([s, values]) => {
      const v = values.trainingComplianceTarget;
      return { site: s, target: typeof v === 'number' && v >= 0 && v <= 1 ? v : null };
    });
    const entry = { at: t, site };
    site.catch(() => {
      if (cache === entry) cache = null;
    });
    cache = entry;
    return site;
  }

  async function mine(caller: Caller): Promise<MyTrainingBody> {
    const actor = await deps.actorFor(caller);
    const email = (actor.user.email || actor.user.upn || caller.upn).toLowerCase();
    if (!deps.sp) throw new Error('Min utbildning kräver SharePoint-pipelinen (ServiceOptions.sp).');
    const me = await loadMyTraining(deps.sp, { id: actor.userId, email, title: actor.user.title }, deps.now());
    const courses = myTraining(me.model, me.me, me.today, me.leadDays).map(({ course, status, lastCompleted, expires }): MyCourse => ({
      id: course.id,
      title: course.title,
      description: course.description,
      mandatory: course.mandatory,
      status,
      lastCompleted,
      expires,
      recertificationMonths: course.recertificationMonths ?? null,
      recertificationFixedDate: course.recertificationFixedDate ?? null,
      take: me.builtIn.has(course.id)
        ? { kind: 'builtIn', path: COURSE_ROUTE(course.id) }
        : course.courseUrl && isHttpUrl(course.courseUrl)
          ? { kind: 'external', url: course.courseUrl }
          : null,
    }));
    return {
      at: me.today,
      onRoster: me.onRoster,
      department: me.me.department,
      courses,
      compliance: complianceScope(actor, me.managesStaff),
    };
  }

  async function compliance(caller: Caller, query: ComplianceQuery): Promise<ComplianceBody> {
    const actor = await deps.actorFor(caller);
    const email = (actor.user.email || actor.user.upn || caller.upn).toLowerCase();
    const audience = query.audience ? query.audience : null;
    if (audience !== null && !(AUDIENCE_GROUPS as readonly string[]).includes(audience))
      throw new ApiError(400, 'badRequest', `Okänd målgrupp "${audience}". Välj en av: ${AUDIENCE_GROUPS.join(', ')}.`);
    const { site, target } = await everyone();
    const ownStaff = managerScope(site, email);
    const scope = complianceScope(actor, ownStaff !== null);
    if (scope === null)
      throw new ApiError(
        403,
        'forbidden',
        'Uppföljningen av utbildning är till för informationssäkerhetssamordnare, administratörer och chefer (för sina medarbetare).',
      );
    const report = computeCompliance(site.model, {
      today: stockholmDate(deps.now()),
      leadDays: site.leadDays,
      ...(scope === 'ownStaff' && ownStaff ? { scope: ownStaff } : {}),
      departmentId: query.department ?? null,
      audience: audience as AudienceGroup | null,
    });
    const inScope = scope === 'all' ? null : site.model.roster.filter((p) => ownStaff?.(p)).map((p) => p.departmentId);
    const departmentOptions = site.departments
      .filter((d) => inScope === null || inScope.includes(d.id))
      .map((d) => ({ id: d.id, title: d.title }))
      .sort((a, b) => a.title.localeCompare(b.title, 'sv'));
    return {
      ...report,
      scope,
      gaps: query.allGaps ? report.gaps : report.gaps.slice(0, GAP_LIMIT),
      gapsTotal: report.gaps.length,
      departmentOptions,
      target,
    };
  }

  return {
    mine,
    compliance,
    /** After a completion is recorded through the API: the next read is fresh. */
    changed() {
      cache = null;
    },
  };
}
