import { addMonths, DAY, dateMs, dateOnly } from '../common.js';
import type { ActionDraft, DemoContext, SystemDraft } from './context.js';
import type { IncidentStory } from './incidents/story.js';
import type { Cast } from './people.js';

/**
 * Two years of the work that keeps the register alive: yearly reviews, classifications and
 * continuity tests matching the systems' dates, improvement measures, and the follow-up of
 * serious closed incidents. In date order.
 */
export function generateActions(
  { rng, nowMs, daysAgo }: DemoContext,
  { coordinator, itTechs }: Cast,
  systems: readonly SystemDraft[],
  stories: readonly IncidentStory[],
): ActionDraft[] {
  const inDrift = systems.filter((s) => s.lifecycleStatus === 'i drift');
  const actions: ActionDraft[] = [];
  const since = nowMs - 730 * DAY;
  const inWindow = (date: string | null | undefined): date is string => !!date && dateMs(date) >= since && dateMs(date) <= nowMs;
  for (const s of systems) {
    if (s.lifecycleStatus === 'planerad' || s.lifecycleStatus === 'avvecklad') continue;
    const admin = s.systemAdministrator ?? s.systemOwner ?? coordinator.upn;
    if (inWindow(s.lastReviewDate)) {
      const by = s.lastReviewedBy ?? admin;
      actions.push({
        title: `Årlig genomgång av ${s.title}`,
        kind: 'årlig genomgång',
        system: s.title,
        date: s.lastReviewDate,
        person: by,
        hours: rng.int(2, 6),
        cost: 0,
        notes: 'Uppgifterna i systemförteckningen kontrollerade med systemförvaltaren.',
      });
      const previous = addMonths(s.lastReviewDate, -12);
      if (inWindow(previous))
        actions.push({
          title: `Årlig genomgång av ${s.title}`,
          kind: 'årlig genomgång',
          system: s.title,
          date: previous,
          person: by,
          hours: rng.int(2, 6),
          cost: 0,
        });
    }
    if (inWindow(s.classificationDate)) {
      actions.push({
        title: `Informationsklassning av ${s.title}`,
        kind: 'informationsklassning',
        system: s.title,
        date: s.classificationDate,
        person: s.classifiedBy ?? admin,
        hours: rng.int(4, 12),
        cost: 0,
        notes: `Klassad med KLASSA: K${s.confidentiality ?? '-'} R${s.integrity ?? '-'} T${s.availability ?? '-'} S${s.traceability ?? '-'}.`,
      });
    }
    if (inWindow(s.continuityPlanTestedDate)) {
      const tests = [s.continuityPlanTestedDate, addMonths(s.continuityPlanTestedDate, -12)].filter(inWindow);
      for (const date of tests) {
        actions.push({
          title: `Test av kontinuitetsplan för ${s.title}`,
          kind: 'test av kontinuitetsplan',
          system: s.title,
          date,
          person: admin,
          hours: rng.int(3, 16),
          cost: rng.chance(0.3) ? rng.int(5, 40) * 1000 : 0,
          notes: `Reservrutinen övades och återställning från säkerhetskopia tog ${rng.int(1, 12)} timmar.`,
        });
      }
    }
  }
  const measures = [
    'Uppgradering till ny huvudversion',
    'Införande av tvåfaktorsautentisering',
    'Genomgång och rensning av behörigheter',
    'Säkerhetsuppdatering av servrar',
    'Ny integration med identitetshanteringen',
    'Penetrationstest genomfört',
    'Loggning kopplad till säkerhetsövervakningen',
    'Personuppgiftsbiträdesavtal uppdaterat',
    'Risk- och sårbarhetsanalys',
    'Utbildning av nya användare',
    'Byte av krypteringscertifikat',
    'Migrering till ny driftmiljö',
  ];
  for (let i = 0, n = rng.int(40, 50); i < n; i++) {
    const s = rng.pick(inDrift);
    actions.push({
      title: `${rng.pick(measures)} – ${s.title}`,
      kind: 'åtgärd',
      system: s.title,
      date: daysAgo(rng.int(1, 728)),
      person: rng.chance(0.5) && s.systemAdministrator ? s.systemAdministrator : rng.pick(itTechs).upn,
      hours: rng.int(2, 80),
      cost: rng.chance(0.5) ? rng.int(5, 250) * 1000 : 0,
    });
  }
  for (const d of stories) {
    const inc = d.incident;
    if (inc.status !== 'avslutad' || (inc.severity !== 'kritisk' && inc.severity !== 'hög') || !inc.closedAt) continue;
    actions.push({
      title: `Åtgärd efter ${inc.referenceNumber}: ${inc.title}`.slice(0, 255),
      kind: 'åtgärd',
      ...(d.system ? { system: d.system } : {}),
      incident: inc.referenceNumber as string,
      date: dateOnly(Date.parse(inc.closedAt)),
      person: inc.assignee ?? coordinator.upn,
      hours: inc.effortHours ?? 1,
      cost: inc.cost ?? 0,
      notes: inc.actionsTaken ?? '',
    });
  }
  actions.sort((a, b) => a.date.localeCompare(b.date));
  return actions;
}
