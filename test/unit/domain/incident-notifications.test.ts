import { describe, expect, it } from 'vitest';
import { planIncidentNotifications, type IncidentFacts } from '../../../src/domain/incident-notifications.js';

const base: IncidentFacts = {
  id: 7,
  reference: 'INC-2026-0007',
  title: 'Driftstopp',
  status: 'ny',
  severity: 'medel',
  nis2Significant: null,
  personalDataInvolved: null,
  assigneeUpn: null,
  actionsTaken: null,
  closedAt: null,
  systems: ['Procapita'],
};
const people = {
  actor: 'rapportor@kommun.se',
  systemPeople: ['agare@kommun.se', 'forvaltare@kommun.se', 'AGARE@kommun.se'],
  coordinators: ['samordnare@kommun.se'],
  reporter: 'rapportor@kommun.se',
  otherNames: ['Anna Andersson'],
};

describe('planIncidentNotifications', () => {
  it('tells owners and administrators of a new report once each, never the reporter', () => {
    const out = planIncidentNotifications(null, base, { ...people, systemPeople: [...people.systemPeople, 'rapportor@kommun.se'] });
    expect(out.map((n) => [n.recipient, n.activityType])).toEqual([
      ['agare@kommun.se', 'incidentReported'],
      ['forvaltare@kommun.se', 'incidentReported'],
    ]);
    expect(out[0]!.key).toBe('incident|7|reported|agare@kommun.se|ny');
    expect(out[0]!.route).toBe('/incidents/7');
  });

  it('tells coordinators when severity is raised to hög, not when it stays serious or drops', () => {
    const handler = { ...people, actor: 'samordnare2@kommun.se' };
    const raised = planIncidentNotifications(base, { ...base, severity: 'hög' }, handler);
    expect(raised.map((n) => [n.recipient, n.event])).toEqual([['samordnare@kommun.se', 'escalated']]);
    expect(planIncidentNotifications({ ...base, severity: 'kritisk' }, { ...base, severity: 'hög' }, handler)).toEqual([]);
    expect(planIncidentNotifications({ ...base, severity: 'hög' }, { ...base, severity: 'kritisk' }, handler)).toHaveLength(1);
  });

  it('tells the new assignee and coordinators of a legal clock, not the actor', () => {
    const out = planIncidentNotifications(
      base,
      { ...base, assigneeUpn: 'handlaggare@kommun.se', nis2Significant: 'ja' },
      {
        ...people,
        actor: 'samordnare@kommun.se',
        coordinators: ['samordnare@kommun.se', 'annan@kommun.se'],
      },
    );
    expect(out.map((n) => [n.recipient, n.activityType])).toEqual([
      ['handlaggare@kommun.se', 'incidentAssigned'],
      ['annan@kommun.se', 'legalDeadline'],
    ]);
  });

  it('tells the reporter on close what was done, clipped, without other names', () => {
    const actions = `Anna Andersson bytte lösenord och spärrade kontot. ${'Mer text. '.repeat(30)}`;
    const out = planIncidentNotifications(
      { ...base, status: 'åtgärdad' },
      { ...base, status: 'avslutad', actionsTaken: actions, closedAt: '2026-05-10T08:00:00Z' },
      { ...people, actor: 'samordnare@kommun.se' },
    );
    expect(out).toHaveLength(1);
    expect(out[0]!.activityType).toBe('incidentClosed');
    expect(out[0]!.recipient).toBe('rapportor@kommun.se');
    expect(out[0]!.message).toMatch(/^Din rapport INC-2026-0007 är avslutad\. Åtgärdat: – bytte lösenord/);
    expect(out[0]!.message).not.toMatch(/Anna|Andersson/);
    expect(out[0]!.message.length).toBeLessThanOrEqual(150);
    expect(out[0]!.key).toBe('incident|7|closed|rapportor@kommun.se|2026-05-10T08:00:00Z');
  });
});
