/**
 * Training rules (issue 11): my mandatory training expired, expiring or never done; an external person
 * with access but without the introduction for externals (to the coordinators); a system owner or
 * administrator whose own training has lapsed (to them, on the system, so it shows in the register).
 *
 * Never spammy: one task per person for all their courses (the id does not change as courses come and
 * go), one per system and person, and the digest repeats training tasks at most weekly
 * (src/domain/notifications.ts). Everything comes from the training model (src/domain/training).
 */
import { addCalendarDays, type CalendarDate } from '../calendar.js';
import {
  employedOn,
  mandatoryFor,
  standingFrom,
  trainingModel,
  type CourseInfo,
  type CourseStanding,
  type RosterPerson,
  type TrainingModel,
} from '../training/index.js';
import { normaliseUpn } from './engine.js';
import type { RuleContext, TaskDraft, TaskRule } from './types.js';

/** The rule ids; they start with "training." (the digest's weekly rhythm keys on it). */
export const TRAINING_RULE_PREFIX = 'training.';

/** Where a person takes their courses, and the coordinators' follow-up. */
export const MY_TRAINING_ROUTE = '/training';
export const COMPLIANCE_ROUTE = '/training#uppfoljning';

const models = new WeakMap<object, TrainingModel>();

/** The model of this run's data (built once and shared by the three rules). */
function modelOf(ctx: RuleContext): TrainingModel {
  let m = models.get(ctx.data);
  if (!m) {
    m = trainingModel({
      courses: ctx.data.courses ?? [],
      staff: ctx.data.staff,
      completions: ctx.data.completions ?? [],
      departments: ctx.data.departments,
      systems: ctx.data.systems,
      leadDays: ctx.settings.trainingWarningDays,
    });
    models.set(ctx.data, m);
  }
  return m;
}

interface Gap {
  course: CourseInfo;
  standing: CourseStanding;
  due: CalendarDate;
}

/** Someone on the roster, working today, who has not left. */
function working(ctx: RuleContext, p: RosterPerson): p is RosterPerson & { email: string } {
  return p.email !== null && !ctx.leavers.has(p.email) && employedOn(p, ctx.today, ctx.today);
}

/**
 * A person's mandatory courses that are not simply valid. Due: the expiry day; for a course never
 * done, the later of their start and the course's creation plus the grace period (externals: no grace,
 * they must be trained before they get access).
 */
function gapsOf(ctx: RuleContext, m: TrainingModel, p: RosterPerson, courses = mandatoryFor(m.courses, p, m.facts)): Gap[] {
  const soonUntil = addCalendarDays(ctx.today, ctx.settings.trainingWarningDays);
  return courses.flatMap((course): Gap[] => {
    const standing = standingFrom(m.held(p, course.id), ctx.today, soonUntil);
    if (standing.status === 'giltig') return [];
    const from =
      [p.startDate, course.created]
        .filter((d): d is string => d !== null)
        .sort()
        .pop() ?? ctx.today;
    const due = standing.expires ?? (p.external ? from : addCalendarDays(from, ctx.settings.completionGraceDays));
    return [{ course, standing, due }];
  });
}

const earliest = (gaps: readonly Gap[]) => gaps.map((g) => g.due).sort()[0] as CalendarDate;

function describe(g: Gap): { sv: string; en: string } {
  const t = g.course.title;
  switch (g.standing.status) {
    case 'utgången':
      return { sv: `${t} gick ut ${g.standing.expires}`, en: `${t} expired ${g.standing.expires}` };
    case 'går ut snart':
      return { sv: `${t} går ut ${g.standing.expires}`, en: `${t} expires ${g.standing.expires}` };
    default:
      return { sv: `${t} är inte genomförd`, en: `${t} not completed` };
  }
}

const joined = (gaps: readonly Gap[], lang: 'sv' | 'en') => gaps.map((g) => describe(g)[lang]).join('; ');
const lapsed = (g: Gap, today: CalendarDate) => g.standing.status === 'utgången' || (g.standing.status === 'ej genomförd' && g.due < today);
const departmentOf = (p: RosterPerson) => (p.departmentId === null ? null : { id: p.departmentId, title: p.department ?? '' });

export const myMandatoryTraining: TaskRule = {
  id: 'training.mandatory',
  evaluate(ctx) {
    const m = modelOf(ctx);
    return m.roster
      .filter((p) => working(ctx, p))
      .flatMap((p): TaskDraft[] => {
        const gaps = gapsOf(ctx, m, p);
        if (gaps.length === 0) return [];
        return [
          {
            subject: { list: 'staff', id: p.id, title: p.name },
            assignees: [p.email],
            due: earliest(gaps),
            severity: gaps.some((g) => lapsed(g, ctx.today)) ? 'medel' : 'låg',
            reason: {
              sv: `Din obligatoriska utbildning: ${joined(gaps, 'sv')}. Gå utbildningen under Min utbildning.`,
              en: `Your mandatory training: ${joined(gaps, 'en')}. Take it under My training.`,
            },
            link: MY_TRAINING_ROUTE,
            department: departmentOf(p),
          },
        ];
      });
  },
};

export const externalWithoutTraining: TaskRule = {
  id: 'training.external',
  evaluate(ctx) {
    const m = modelOf(ctx);
    return m.roster
      .filter((p) => p.external && working(ctx, p))
      .flatMap((p): TaskDraft[] => {
        // The introduction externals need before access: the mandatory courses for externa or förtroendevalda.
        const intro = mandatoryFor(m.courses, p, m.facts).filter((c) => c.audience === 'externa' || c.audience === 'förtroendevalda');
        const gaps = gapsOf(ctx, m, p, intro).filter((g) => g.standing.status !== 'går ut snart');
        if (gaps.length === 0) return [];
        return [
          {
            subject: { list: 'staff', id: p.id, title: p.name },
            assignees: ctx.data.coordinators,
            due: earliest(gaps),
            severity: 'hög',
            reason: {
              sv: `${p.name} (${p.jobTitle ?? 'extern'}) har tillgång men saknar giltig utbildning: ${joined(gaps, 'sv')}. Se till att utbildningen görs eller att behörigheten tas bort.`,
              en: `${p.name} (${p.jobTitle ?? 'external'}) has access but no valid training: ${joined(gaps, 'en')}. Have it done or remove the access.`,
            },
            link: COMPLIANCE_ROUTE,
            department: departmentOf(p),
          },
        ];
      });
  },
};

export const systemPeopleTraining: TaskRule = {
  id: 'training.system-people',
  evaluate(ctx) {
    const m = modelOf(ctx);
    const byEmail = new Map(m.roster.filter((p) => working(ctx, p)).map((p) => [p.email, p]));
    return ctx.data.systems
      .filter((s) => s.lifecycleStatus !== 'avvecklad')
      .flatMap((s) => {
        const people = [...new Set([s.systemOwner?.email, s.systemAdministrator?.email].map(normaliseUpn))];
        return people.flatMap((email): TaskDraft[] => {
          const p = email ? byEmail.get(email) : undefined;
          if (!p) return [];
          const gaps = gapsOf(ctx, m, p).filter((g) => lapsed(g, ctx.today));
          if (gaps.length === 0) return [];
          const role = normaliseUpn(s.systemOwner?.email) === email ? 'systemägare' : 'systemförvaltare';
          return [
            {
              subject: { list: 'systems', id: s.id, title: s.title },
              part: p.email,
              assignees: [p.email],
              due: earliest(gaps),
              severity: 'medel',
              reason: {
                sv: `Som ${role} för ${s.title} ska du ha giltig säkerhetsutbildning: ${joined(gaps, 'sv')}.`,
                en: `As ${role === 'systemägare' ? 'owner' : 'administrator'} of ${s.title} you need valid security training: ${joined(gaps, 'en')}.`,
              },
              link: MY_TRAINING_ROUTE,
              department: ctx.departmentOf(s),
            },
          ];
        });
      });
  },
};

export const TRAINING_RULES: readonly TaskRule[] = [myMandatoryTraining, externalWithoutTraining, systemPeopleTraining];
