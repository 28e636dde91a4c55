/**
 * Register rules: what the guidelines demand of each system in the systemförteckning (seeds 001 §8,
 * 003, 004). One pure function per rule. Running systems ("i drift", "under avveckling") get every
 * rule; planned ones only need an owner and an administrator; decommissioned ones none.
 */
import { addCalendarDays, addCalendarMonths, type CalendarDate } from '../calendar.js';
import { assessmentPlan } from '../security-requirements.js';
import type { SystemRecord } from '../../shared/schema/index.js';
import { calendarDateOf, normaliseUpn } from './engine.js';
import type { RuleContext, TaskDraft, TaskRule, TaskSeverity } from './types.js';

const running = (s: SystemRecord) => s.lifecycleStatus === 'i drift' || s.lifecycleStatus === 'under avveckling';
const notRetired = (s: SystemRecord) => s.lifecycleStatus !== 'avvecklad';

/** Verksamhetskritisk or samhällsviktig: the systems continuity rules are about. */
export const isCritical = (s: SystemRecord) => s.criticality === 'verksamhetskritisk' || s.societallyCritical === true;

/** Owner and administrator of a system who have not left. */
function accountable(ctx: RuleContext, s: SystemRecord): string[] {
  return [s.systemOwner?.email, s.systemAdministrator?.email]
    .map(normaliseUpn)
    .filter((p): p is string => p !== null && !ctx.leavers.has(p));
}

/** Who answers for a system's gaps: its owner and administrator, or else who escalates. */
function responsible(ctx: RuleContext, s: SystemRecord): string[] {
  const people = accountable(ctx, s);
  return people.length > 0 ? people : ctx.escalationFor(s);
}

function subject(s: SystemRecord) {
  return { list: 'systems' as const, id: s.id, title: s.title };
}

/** When a "missing X" gap should have been closed: the system's creation + the grace period. */
function graceDue(ctx: RuleContext, s: SystemRecord): CalendarDate {
  return addCalendarDays(calendarDateOf(s.created) ?? ctx.today, ctx.settings.completionGraceDays);
}

/** A dated duty: shown from `lead` days before `due`; null when it is not yet time to show it. */
function dated(ctx: RuleContext, due: CalendarDate): { due: CalendarDate; overdue: boolean } | null {
  if (addCalendarDays(due, -ctx.settings.taskLeadDays) > ctx.today) return null;
  return { due, overdue: due < ctx.today };
}

function draft(
  ctx: RuleContext,
  s: SystemRecord,
  fields: Omit<TaskDraft, 'subject' | 'assignees' | 'department' | 'link'> & { link?: string; assignees?: string[] },
): TaskDraft {
  return {
    subject: subject(s),
    assignees: fields.assignees ?? responsible(ctx, s),
    department: ctx.departmentOf(s),
    link: fields.link ?? `/systems/${s.id}`,
    ...fields,
  };
}

function forSystems(
  id: string,
  applies: (s: SystemRecord) => boolean,
  evaluate: (ctx: RuleContext, s: SystemRecord) => TaskDraft | TaskDraft[] | null,
): TaskRule {
  return {
    id,
    evaluate: (ctx) => ctx.data.systems.filter(applies).flatMap((s) => evaluate(ctx, s) ?? []),
  };
}

export const reviewDue = forSystems('register.review', running, (ctx, s) => {
  const last = calendarDateOf(s.lastReviewDate);
  if (!last) {
    return draft(ctx, s, {
      due: graceDue(ctx, s),
      severity: isCritical(s) ? 'hög' : 'medel',
      reason: {
        sv: `${s.title} har aldrig gåtts igenom. Gör den årliga genomgången och bekräfta uppgifterna.`,
        en: `${s.title} has never been reviewed. Do the yearly review and confirm the entry.`,
      },
      link: `/systems/${s.id}?action=review`,
    });
  }
  const when = dated(ctx, addCalendarMonths(last, ctx.settings.reviewIntervalMonths));
  if (!when) return null;
  return draft(ctx, s, {
    due: when.due,
    severity: when.overdue ? (isCritical(s) ? 'hög' : 'medel') : 'låg',
    reason: when.overdue
      ? {
          sv: `Den årliga genomgången av ${s.title} skulle ha gjorts senast ${when.due} (senast genomgången ${last}).`,
          en: `The yearly review of ${s.title} was due by ${when.due} (last reviewed ${last}).`,
        }
      : {
          sv: `Den årliga genomgången av ${s.title} ska göras senast ${when.due}.`,
          en: `The yearly review of ${s.title} is due by ${when.due}.`,
        },
    link: `/systems/${s.id}?action=review`,
  });
});

const levels = (s: SystemRecord) => [s.confidentiality, s.integrity, s.availability, s.traceability];

export const classificationMissing = forSystems('register.classification-missing', running, (ctx, s) => {
  if (levels(s).every((l) => l !== null && l !== undefined)) return null;
  const none = levels(s).every((l) => l === null || l === undefined);
  return draft(ctx, s, {
    due: graceDue(ctx, s),
    severity: isCritical(s) ? 'hög' : 'medel',
    reason: none
      ? {
          sv: `${s.title} är inte informationsklassat (K, R, T och S saknas).`,
          en: `${s.title} has no information classification (C, I, A and T missing).`,
        }
      : {
          sv: `Informationsklassningen av ${s.title} är ofullständig: alla fyra aspekter K, R, T och S ska ha en nivå.`,
          en: `The classification of ${s.title} is incomplete: all four aspects need a level.`,
        },
    link: `/systems/${s.id}?action=classify`,
  });
});

export const classificationStale = forSystems('register.classification-stale', running, (ctx, s) => {
  if (levels(s).every((l) => l === null || l === undefined)) return null;
  const date = calendarDateOf(s.classificationDate);
  if (!date) {
    return draft(ctx, s, {
      due: graceDue(ctx, s),
      severity: 'medel',
      reason: {
        sv: `Det saknas datum för när ${s.title} klassades; gör om eller bekräfta klassningen.`,
        en: `The date ${s.title} was classified is missing; redo or confirm the classification.`,
      },
      link: `/systems/${s.id}?action=classify`,
    });
  }
  const when = dated(ctx, addCalendarMonths(date, ctx.settings.classificationMaxAgeMonths));
  if (!when) return null;
  return draft(ctx, s, {
    due: when.due,
    severity: when.overdue ? 'medel' : 'låg',
    reason: {
      sv: `Informationsklassningen av ${s.title} från ${date} ska göras om senast ${when.due}.`,
      en: `The classification of ${s.title} from ${date} must be redone by ${when.due}.`,
    },
    link: `/systems/${s.id}?action=classify`,
  });
});

const ASPECTS = [
  ['confidentiality', 'confidentialityReason', 'K', 'konfidentialitet', 'confidentiality'],
  ['integrity', 'integrityReason', 'R', 'riktighet', 'integrity'],
  ['availability', 'availabilityReason', 'T', 'tillgänglighet', 'availability'],
  ['traceability', 'traceabilityReason', 'S', 'spårbarhet', 'traceability'],
] as const;

export const classificationJustification = forSystems('register.classification-justification', running, (ctx, s) => {
  const missing = ASPECTS.filter(([level, reason]) => (s[level] ?? 0) >= 3 && !s[reason]?.trim());
  if (missing.length === 0) return null;
  return draft(ctx, s, {
    due: graceDue(ctx, s),
    severity: 'medel',
    reason: {
      sv: `Motivering saknas för ${missing.map(([l, , k, name]) => `${k}${s[l]} (${name})`).join(', ')} i ${s.title}; nivå 3 och 4 ska motiveras.`,
      en: `Justification missing for ${missing.map(([l, , , , name]) => `${name} ${s[l]}`).join(', ')} in ${s.title}; levels 3 and 4 must be justified.`,
    },
    link: `/systems/${s.id}?action=classify`,
  });
});

export const continuityPlan = forSystems(
  'register.continuity',
  (s) => running(s) && isCritical(s),
  (ctx, s) => {
    if (!s.continuityPlanUrl?.trim()) {
      return draft(ctx, s, {
        due: graceDue(ctx, s),
        severity: 'hög',
        reason: {
          sv: `${s.title} är kritiskt men saknar kontinuitetsplan (reservrutin vid avbrott).`,
          en: `${s.title} is critical but has no continuity plan (manual fallback routine).`,
        },
      });
    }
    const tested = calendarDateOf(s.continuityPlanTestedDate);
    if (!tested) {
      return draft(ctx, s, {
        due: graceDue(ctx, s),
        severity: 'hög',
        reason: {
          sv: `Kontinuitetsplanen för ${s.title} har aldrig testats; den ska testas minst en gång om året.`,
          en: `The continuity plan of ${s.title} has never been tested; it must be tested at least yearly.`,
        },
        link: `/systems/${s.id}?action=continuity-test`,
      });
    }
    const when = dated(ctx, addCalendarMonths(tested, ctx.settings.continuityTestIntervalMonths));
    if (!when) return null;
    return draft(ctx, s, {
      due: when.due,
      severity: when.overdue ? 'hög' : 'låg',
      reason: {
        sv: `Kontinuitetsplanen för ${s.title} testades ${tested} och ska testas igen senast ${when.due}.`,
        en: `The continuity plan of ${s.title} was tested ${tested} and must be tested again by ${when.due}.`,
      },
      link: `/systems/${s.id}?action=continuity-test`,
    });
  },
);

export const downtimeAndPriority = forSystems(
  'register.downtime-priority',
  (s) => running(s) && isCritical(s),
  (ctx, s) => {
    const missing: { sv: string; en: string }[] = [];
    if (s.acceptedDowntimeHours === null || s.acceptedDowntimeHours === undefined)
      missing.push({ sv: 'accepterad avbrottstid', en: 'accepted downtime' });
    if (s.restorePriority === null || s.restorePriority === undefined)
      missing.push({ sv: 'återställningsprioritet', en: 'restore priority' });
    if (missing.length === 0) return null;
    return draft(ctx, s, {
      due: graceDue(ctx, s),
      severity: s.societallyCritical ? 'hög' : 'medel',
      reason: {
        sv: `${s.title} är kritiskt men saknar ${missing.map((m) => m.sv).join(' och ')}.`,
        en: `${s.title} is critical but has no ${missing.map((m) => m.en).join(' or ')}.`,
      },
      link: `/systems/${s.id}?edit=kontinuitet`,
    });
  },
);

export const restoreTest = forSystems(
  'register.restore-test',
  (s) => running(s) && isCritical(s),
  (ctx, s) => {
    const tested = calendarDateOf(s.lastRestoreTestDate);
    const when = tested
      ? dated(ctx, addCalendarMonths(tested, ctx.settings.restoreTestIntervalMonths))
      : { due: graceDue(ctx, s), overdue: graceDue(ctx, s) < ctx.today };
    if (!when) return null;
    return draft(ctx, s, {
      due: when.due,
      severity: when.overdue ? 'medel' : 'låg',
      reason: tested
        ? {
            sv: `Återläsning från säkerhetskopia av ${s.title} testades ${tested} och ska testas igen senast ${when.due}.`,
            en: `Restoring ${s.title} from backup was tested ${tested} and must be tested again by ${when.due}.`,
          }
        : {
            sv: `Återläsning från säkerhetskopia av ${s.title} har aldrig testats.`,
            en: `Restoring ${s.title} from backup has never been tested.`,
          },
      link: `/systems/${s.id}?action=restore-test`,
    });
  },
);

export const contractEnding = forSystems('register.contract-ending', running, (ctx, s) => {
  const end = calendarDateOf(s.contractEndDate);
  if (!end) return null;
  const notice = Math.max(0, s.contractNoticeMonths ?? 0);
  const lastNotice = addCalendarMonths(end, -notice);
  if (addCalendarDays(lastNotice, -ctx.settings.contractWarningDays) > ctx.today) return null;
  const ended = end < ctx.today;
  const severity: TaskSeverity = ended || lastNotice < ctx.today ? 'hög' : 'medel';
  const supplier = s.supplier?.trim() ? ` med ${s.supplier.trim()}` : '';
  const supplierEn = s.supplier?.trim() ? ` with ${s.supplier.trim()}` : '';
  return draft(ctx, s, {
    due: ended ? end : lastNotice,
    severity,
    reason: ended
      ? {
          sv: `Avtalet${supplier} för ${s.title} löpte ut ${end}. Förnya, upphandla eller avveckla systemet.`,
          en: `The contract${supplierEn} for ${s.title} ended ${end}. Renew, procure or retire the system.`,
        }
      : notice > 0
        ? {
            sv: `Avtalet${supplier} för ${s.title} löper ut ${end}; med ${notice} månaders uppsägningstid ska beslut om förlängning tas senast ${lastNotice}.`,
            en: `The contract${supplierEn} for ${s.title} ends ${end}; with ${notice} months' notice, decide on renewal by ${lastNotice}.`,
          }
        : {
            sv: `Avtalet${supplier} för ${s.title} löper ut ${end}.`,
            en: `The contract${supplierEn} for ${s.title} ends ${end}.`,
          },
    link: `/systems/${s.id}#avtal`,
  });
});

export const contractSecurity = forSystems('register.contract-security', running, (ctx, s) => {
  const hasContract = Boolean(s.supplier?.trim() || s.contractReference?.trim() || s.contractEndDate);
  if (!hasContract || s.contractSecurityRequirements === 'ja') return null;
  return draft(ctx, s, {
    due: graceDue(ctx, s),
    severity: isCritical(s) ? 'medel' : 'låg',
    reason:
      s.contractSecurityRequirements === 'nej'
        ? {
            sv: `Avtalet för ${s.title} saknar säkerhetskrav. Ställ krav vid nästa förlängning eller komplettera avtalet.`,
            en: `The contract for ${s.title} has no security requirements. Add them at renewal or amend the contract.`,
          }
        : {
            sv: `Det är inte angivet om avtalet för ${s.title} innehåller säkerhetskrav.`,
            en: `It is not recorded whether the contract for ${s.title} has security requirements.`,
          },
    link: `/systems/${s.id}?edit=avtal`,
  });
});

export const ownerMissing = forSystems('register.owner', notRetired, (ctx, s) => {
  const owner = normaliseUpn(s.systemOwner?.email);
  if (owner && !ctx.leavers.has(owner)) return null;
  const left = owner !== null;
  return draft(ctx, s, {
    assignees: ctx.escalationFor(s),
    due: graceDue(ctx, s),
    severity: 'hög',
    reason: left
      ? {
          sv: `Systemägaren för ${s.title} (${s.systemOwner?.title ?? owner}) har slutat. Utse en ny systemägare.`,
          en: `The owner of ${s.title} (${s.systemOwner?.title ?? owner}) has left. Appoint a new system owner.`,
        }
      : { sv: `${s.title} saknar systemägare. Utse en systemägare.`, en: `${s.title} has no system owner. Appoint one.` },
    link: `/systems/${s.id}?edit=ansvar`,
  });
});

export const administratorMissing = forSystems('register.administrator', notRetired, (ctx, s) => {
  const admin = normaliseUpn(s.systemAdministrator?.email);
  if (admin && !ctx.leavers.has(admin)) return null;
  const left = admin !== null;
  const owner = normaliseUpn(s.systemOwner?.email);
  return draft(ctx, s, {
    assignees: owner && !ctx.leavers.has(owner) ? [owner] : ctx.escalationFor(s),
    due: graceDue(ctx, s),
    severity: 'medel',
    reason: left
      ? {
          sv: `Systemförvaltaren för ${s.title} (${s.systemAdministrator?.title ?? admin}) har slutat. Utse en ny systemförvaltare.`,
          en: `The administrator of ${s.title} (${s.systemAdministrator?.title ?? admin}) has left. Appoint a new one.`,
        }
      : { sv: `${s.title} saknar systemförvaltare. Utse en systemförvaltare.`, en: `${s.title} has no system administrator. Appoint one.` },
    link: `/systems/${s.id}?edit=ansvar`,
  });
});

export const requirementsUnmet: TaskRule = {
  id: 'register.requirements',
  evaluate(ctx) {
    const bySystem = new Map<number, { requirementId: number; status: (typeof ctx.data.assessments)[number]['status'] }[]>();
    for (const a of ctx.data.assessments) {
      const list = bySystem.get(a.system.id) ?? [];
      list.push({ requirementId: a.requirement.id, status: a.status });
      bySystem.set(a.system.id, list);
    }
    const catalogue = ctx.data.requirements.map((r) => ({ ...r, aspect: r.aspect, fromLevel: r.fromLevel, active: r.active }));
    return ctx.data.systems.filter(running).flatMap((s) => {
      const plan = assessmentPlan(catalogue, s, bySystem.get(s.id) ?? []).filter((row) => row.open);
      // The handlingsplan is the owner's and administrator's: it does not escalate (without them,
      // "appoint an owner" is the task), so one person's view needs only their own systems' assessments.
      const people = accountable(ctx, s);
      if (plan.length === 0 || people.length === 0) return [];
      const unmet = plan.filter((row) => row.assessment?.status === 'ej uppfyllt').length;
      const partly = plan.filter((row) => row.assessment?.status === 'delvis').length;
      const unassessed = plan.length - unmet - partly;
      const classified = calendarDateOf(s.classificationDate) ?? calendarDateOf(s.created) ?? ctx.today;
      const parts = [
        unmet ? { sv: `${unmet} ej ${unmet === 1 ? 'uppfyllt' : 'uppfyllda'}`, en: `${unmet} not met` } : null,
        partly ? { sv: `${partly} delvis ${partly === 1 ? 'uppfyllt' : 'uppfyllda'}`, en: `${partly} partly met` } : null,
        unassessed ? { sv: `${unassessed} inte ${unassessed === 1 ? 'bedömt' : 'bedömda'}`, en: `${unassessed} not assessed` } : null,
      ].filter((p): p is { sv: string; en: string } => p !== null);
      return [
        draft(ctx, s, {
          assignees: people,
          due: addCalendarDays(classified, 90),
          severity: unmet > 0 && isCritical(s) ? 'hög' : unmet > 0 ? 'medel' : 'låg',
          reason: {
            sv: `Handlingsplanen för ${s.title} har ${plan.length} ${plan.length === 1 ? 'öppet säkerhetskrav' : 'öppna säkerhetskrav'} (${parts.map((p) => p.sv).join(', ')}).`,
            en: `The action plan of ${s.title} has ${plan.length} open security requirement${plan.length === 1 ? '' : 's'} (${parts.map((p) => p.en).join(', ')}).`,
          },
          link: `/systems/${s.id}/requirements`,
        }),
      ];
    });
  },
};

const CLOSED = new Set(['avslutad', 'åtgärdad']);
const INCIDENT_SEVERITY: Record<string, TaskSeverity> = { kritisk: 'hög', hög: 'hög', medel: 'medel', låg: 'låg' };

export const openIncidents: TaskRule = {
  id: 'register.open-incident',
  evaluate(ctx) {
    const systems = new Map(ctx.data.systems.map((s) => [s.id, s]));
    return ctx.data.incidents.flatMap((i): TaskDraft[] => {
      if (CLOSED.has(i.status ?? '') || i.closedAt) return [];
      const system = i.mainSystem ? systems.get(i.mainSystem.id) : undefined;
      if (!system) return [];
      const people = accountable(ctx, system);
      if (people.length === 0) return [];
      const reported = i.reportedAt ? new Date(i.reportedAt) : new Date(i.created);
      const ref = i.referenceNumber ?? `#${i.id}`;
      return [
        {
          subject: { list: 'incidents', id: i.id, title: i.title },
          assignees: people,
          department: ctx.departmentOf(system),
          // The owner should know and help within a week; the handling itself is the coordinators'.
          due: addCalendarDays(calendarDateOf(reported.toISOString()) ?? ctx.today, 7),
          severity: INCIDENT_SEVERITY[i.severity ?? ''] ?? 'medel',
          reason: {
            sv: `Incident ${ref} på ${system.title} är öppen (${i.status ?? 'ny'}): ${i.title}.`,
            en: `Incident ${ref} on ${system.title} is open (${i.status ?? 'new'}): ${i.title}.`,
          },
          link: `/incidents/${i.id}`,
        },
      ];
    });
  },
};

export const REGISTER_RULES: readonly TaskRule[] = [
  ownerMissing,
  administratorMissing,
  reviewDue,
  classificationMissing,
  classificationStale,
  classificationJustification,
  continuityPlan,
  downtimeAndPriority,
  restoreTest,
  contractEnding,
  contractSecurity,
  requirementsUnmet,
  openIncidents,
];
