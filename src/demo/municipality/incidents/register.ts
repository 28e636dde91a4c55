import { stockholmYear } from '../../../domain/calendar.js';
import { formatIncidentReference } from '../../../domain/incident-reference.js';
import type { DemoContext, IncidentDraft, SystemDraft, TimelineDraft } from '../context.js';
import type { Cast } from '../people.js';
import { genericIncidents } from './generic.js';
import { specialIncidents } from './special.js';
import type { IncidentStory } from './story.js';

export interface IncidentRegister {
  /** Numbered, in report order. */
  incidents: IncidentDraft[];
  timeline: TimelineDraft[];
  /** The same incidents with their first affected system. */
  stories: IncidentStory[];
}

/**
 * Everyday and hand-made incidents, a few of them reported by the employee persona, numbered per
 * year in report order (so ids assigned later never collide) and each with its timeline.
 */
export function generateIncidents(ctx: DemoContext, cast: Cast, systems: readonly SystemDraft[]): IncidentRegister {
  const { rng } = ctx;
  const { employeePersona } = cast;
  const stories = genericIncidents(ctx, cast, systems);
  stories.push(...specialIncidents(ctx, cast));

  // The employee persona has reported a few things: one still open.
  const employeeReports = stories.filter(
    (d) => d.incident.status !== 'ny' && d.incident.source !== 'telefon' && d.incident.reporter !== employeePersona.upn,
  );
  const openOne = stories.find(
    (d) => d.incident.status === 'under bedömning' && d.incident.personalDataInvolved === 'nej' && d.incident.nis2Significant === 'nej',
  );
  for (const d of [...(openOne ? [openOne] : []), ...employeeReports.filter((d) => d.incident.status === 'avslutad').slice(0, 2)])
    d.incident.reporter = employeePersona.upn;

  stories.sort((a, b) => (a.incident.reportedAt ?? '').localeCompare(b.incident.reportedAt ?? ''));
  const perYear = new Map<number, number>();
  const incidents: IncidentDraft[] = [];
  const timeline: TimelineDraft[] = [];
  for (const d of stories) {
    // Numbered per Stockholm calendar year, like every reference number.
    const year = stockholmYear(d.incident.reportedAt as string);
    const n = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, n);
    const ref = formatIncidentReference(year, n);
    d.incident.referenceNumber = ref;
    d.incident.submissionKey = `demo-${ref.toLowerCase()}-${rng.hex(8)}`;
    incidents.push(d.incident);
    // A reporter's own first line is written as them; the entries' `person` keeps who did what.
    timeline.push(...d.timeline(ref));
  }
  return { incidents, timeline, stories };
}
