/**
 * Incident deadlines as tasks: each report an incident owes an authority (the legal clocks of
 * src/domain/legal-clocks.ts) is a task for the security coordinators and the incident's assignee,
 * due at the exact deadline, until it is recorded as sent or as not required. One rule per
 * obligation so that the rule name says which report it is.
 */
import { legalClocks, NIS2_NOTIFICATION_REGIME, type LegalClock } from '../legal-clocks.js';
import type { RuleContext, TaskDraft, TaskRule } from './types.js';

/** Rule id per regime of the legalDeadlines setting; a regime configured later gets the generic rule. */
export const LEGAL_REPORT_RULES: Readonly<Record<string, string>> = {
  'GDPR anmälan till IMY': 'incident.gdpr-imy',
  'NIS2 tidig varning': 'incident.nis2-early-warning',
  [NIS2_NOTIFICATION_REGIME]: 'incident.nis2-notification',
  'NIS2 slutrapport': 'incident.nis2-final-report',
};
export const OTHER_LEGAL_REPORT_RULE = 'incident.legal-report';

const REASON: Record<string, { sv: string; en: string }> = {
  'incident.gdpr-imy': {
    sv: 'Anmäl personuppgiftsincidenten till IMY (GDPR art. 33, 72 timmar)',
    en: 'Notify IMY of the personal data breach (GDPR art. 33, 72 h)',
  },
  'incident.nis2-early-warning': {
    sv: 'Skicka tidig varning till CSIRT (NIS2, 24 timmar)',
    en: 'Send the early warning to the CSIRT (NIS2, 24 h)',
  },
  'incident.nis2-notification': {
    sv: 'Skicka incidentanmälan till CSIRT (NIS2, 72 timmar)',
    en: 'Send the incident notification to the CSIRT (NIS2, 72 h)',
  },
  'incident.nis2-final-report': {
    sv: 'Skicka slutrapport till CSIRT (NIS2, en månad efter anmälan)',
    en: 'Send the final report to the CSIRT (NIS2, one month after the notification)',
  },
};

const ruleFor = (regime: string) => LEGAL_REPORT_RULES[regime] ?? OTHER_LEGAL_REPORT_RULE;

function drafts(ctx: RuleContext, ruleId: string): TaskDraft[] {
  const rules = (ctx.data.legalDeadlines ?? []).filter((r) => ruleFor(r.regime) === ruleId);
  if (rules.length === 0) return [];
  const byIncident = new Map<number, NonNullable<typeof ctx.data.timeline>[number][]>();
  for (const e of ctx.data.timeline ?? []) {
    const id = e.incident?.id;
    if (id === undefined) continue;
    const list = byIncident.get(id) ?? [];
    list.push(e);
    byIncident.set(id, list);
  }
  const systems = new Map(ctx.data.systems.map((s) => [s.id, s]));
  return ctx.data.incidents.flatMap((i): TaskDraft[] => {
    if (i.status === 'avslutad') return [];
    const facts = {
      awareAt: i.awareAt ?? i.reportedAt ?? i.created,
      nis2Significant: i.nis2Significant,
      personalDataInvolved: i.personalDataInvolved,
    };
    const clocks = legalClocks(rules, facts, byIncident.get(i.id) ?? [], ctx.now).filter(
      (c): c is LegalClock & { due: string } => (c.state === 'kommande' || c.state === 'försenad') && c.due !== null,
    );
    const system = i.mainSystem ? systems.get(i.mainSystem.id) : undefined;
    const ref = i.referenceNumber ?? `#${i.id}`;
    return clocks.map((c) => {
      const what = REASON[ruleId] ?? { sv: `Skicka ${c.regime} till ${c.to}`, en: `Send ${c.regime} to ${c.to}` };
      const late = c.state === 'försenad';
      return {
        subject: { list: 'incidents', id: i.id, title: i.title },
        ...(ruleId === OTHER_LEGAL_REPORT_RULE ? { part: c.regime } : {}),
        assignees: [...ctx.data.coordinators, i.assignee?.email],
        due: new Date(c.due),
        severity: 'hög',
        reason: {
          sv: `${what.sv} för incident ${ref}: ${i.title}. ${late ? 'Fristen har gått ut – skicka nu och ange skälen till förseningen.' : `Senast ${c.due}.`}`,
          en: `${what.en} for incident ${ref}: ${i.title}. ${late ? 'The deadline has passed – send it now and give the reasons for the delay.' : `Due ${c.due}.`}`,
        },
        link: `/incidents/${i.id}`,
        department: system ? ctx.departmentOf(system) : null,
      };
    });
  });
}

const legalRule = (id: string): TaskRule => ({ id, evaluate: (ctx) => drafts(ctx, id) });

export const INCIDENT_RULES: readonly TaskRule[] = [
  legalRule('incident.gdpr-imy'),
  legalRule('incident.nis2-early-warning'),
  legalRule('incident.nis2-notification'),
  legalRule('incident.nis2-final-report'),
  legalRule(OTHER_LEGAL_REPORT_RULE),
];
