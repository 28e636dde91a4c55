import { describe, expect, it } from 'vitest';
import { addMonths, DAY, generateDemoMunicipality, HOUR } from '../../src/demo/municipality.js';
import { validateDemoData } from './validate.js';
import { parseModuleContent } from '../../src/domain/course-module.js';

const NOW = new Date('2026-05-10T10:00:00Z');
const TODAY = '2026-05-10';
const data = generateDemoMunicipality({ seed: 1, now: NOW });
const monthsAgo = (m: number) => addMonths(TODAY, -m);
const inDrift = data.systems.filter((s) => s.lifecycleStatus === 'i drift');
const critical = inDrift.filter((s) => s.societallyCritical || s.criticality === 'verksamhetskritisk');

function unique(values: unknown[]): boolean {
  return new Set(values).size === values.length;
}

describe('generateDemoMunicipality', () => {
  it('is deterministic for the same seed and now, and varies with the seed', () => {
    const again = generateDemoMunicipality({ seed: 1, now: NOW });
    expect(JSON.stringify(again)).toBe(JSON.stringify(data));
    const other = generateDemoMunicipality({ seed: 2, now: NOW });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(data));
    expect(validateDemoData(other)).toEqual([]);
  });

  it('produces counts in the asked ranges', () => {
    expect(data.municipality).toMatchObject({ name: 'Exempelkommun', domain: 'exempelkommun.se' });
    expect(data.departments.length).toBeGreaterThanOrEqual(8);
    expect(data.staff.length).toBeGreaterThanOrEqual(280);
    expect(data.staff.length).toBeLessThanOrEqual(340);
    expect(data.systems.length).toBeGreaterThanOrEqual(55);
    expect(data.systems.length).toBeLessThanOrEqual(75);
    expect(data.incidents.length).toBeGreaterThanOrEqual(80);
    expect(data.incidents.length).toBeLessThanOrEqual(150);
    expect(data.timeline.length).toBeGreaterThan(data.incidents.length);
    expect(data.actions.length).toBeGreaterThan(150);
    expect(data.trainingCourses.length).toBeGreaterThanOrEqual(4);
    expect(data.trainingCompletions.length).toBeGreaterThan(data.staff.length);
    // Every incident has a timeline.
    const withTimeline = new Set(data.timeline.map((t) => t.incident));
    expect(data.incidents.every((i) => withTimeline.has(i.referenceNumber as string))).toBe(true);
  });

  it('uses only schema fields, valid choices and values, known people and lookups', () => {
    expect(validateDemoData(data)).toEqual([]);
  });

  it('has unique, well-formed keys', () => {
    const upns = data.people.map((p) => p.upn);
    expect(unique(upns)).toBe(true);
    for (const upn of upns) expect(upn).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)*@exempelkommun\.se$/);
    expect(unique(data.staff.map((s) => s.email))).toBe(true);
    expect(unique(data.departments.map((d) => d.code))).toBe(true);
    expect(unique(data.systems.map((s) => s.title))).toBe(true);
    expect(unique(data.trainingCourses.map((c) => c.title))).toBe(true);
    const refs = data.incidents.map((i) => i.referenceNumber);
    expect(unique(refs)).toBe(true);
    for (const ref of refs) expect(ref).toMatch(/^INC-\d{4}-\d{4}$/);
    expect(unique(data.incidents.map((i) => i.submissionKey))).toBe(true);
    expect(unique(data.trainingCompletions.map((c) => c.completionKey))).toBe(true);
    // Numbered per year in report order, so ids assigned later never collide with INC-<year>-<id>.
    const ordered = [...data.incidents].sort((a, b) => (a.reportedAt as string).localeCompare(b.reportedAt as string));
    expect(ordered.map((i) => i.referenceNumber)).toEqual(refs);
  });

  it('folds Swedish letters in UPNs and keeps them in display names', () => {
    const folded = data.people.filter((p) => /[åäöÅÄÖ]/.test(p.displayName));
    expect(folded.length).toBeGreaterThan(0);
    for (const p of folded) expect(p.upn).not.toMatch(/[åäö]/);
  });

  it('has external, inactive, leaving and newly hired staff', () => {
    expect(data.staff.filter((s) => s.external).length).toBeGreaterThan(5);
    expect(data.staff.filter((s) => s.active === false && s.endDate && s.endDate < TODAY).length).toBeGreaterThan(0);
    expect(data.staff.filter((s) => s.active && s.endDate && s.endDate > TODAY).length).toBeGreaterThan(0);
    expect(data.staff.filter((s) => s.startDate && s.startDate > addMonths(TODAY, -1)).length).toBeGreaterThan(0);
    for (const d of data.departments) expect(data.staff.filter((s) => s.department === d.code).length).toBeGreaterThan(5);
  });

  it('lays history over two years and nothing that happened lies in the future', () => {
    const now = NOW.getTime();
    const twoYears = now - 731 * DAY;
    for (const i of data.incidents) {
      const reported = Date.parse(i.reportedAt as string);
      expect(reported).toBeLessThanOrEqual(now);
      expect(reported).toBeGreaterThanOrEqual(twoYears);
      expect(Date.parse(i.detectedAt as string)).toBeLessThanOrEqual(Date.parse(i.awareAt as string));
      if (i.closedAt) expect(Date.parse(i.closedAt)).toBeLessThanOrEqual(now);
    }
    const reportedAt = new Map(data.incidents.map((i) => [i.referenceNumber, Date.parse(i.reportedAt as string)]));
    for (const t of data.timeline) {
      expect(Date.parse(t.at)).toBeLessThanOrEqual(now);
      expect(Date.parse(t.at)).toBeGreaterThanOrEqual(reportedAt.get(t.incident) as number);
    }
    for (const a of data.actions) expect(a.date <= TODAY).toBe(true);
    for (const c of data.trainingCompletions) expect(c.completedAt <= TODAY).toBe(true);
    const years = new Set(data.incidents.map((i) => (i.reportedAt as string).slice(0, 4)));
    expect(years.size).toBeGreaterThanOrEqual(2);
  });

  it('contains the deliberate register gaps that derived tasks are made from', () => {
    const gaps = {
      noOwner: inDrift.filter((s) => !s.systemOwner),
      noAdministrator: inDrift.filter((s) => !s.systemAdministrator),
      noClassification: inDrift.filter((s) => !s.classificationDate || s.confidentiality == null),
      staleClassification: inDrift.filter((s) => s.classificationDate && s.classificationDate < monthsAgo(36)),
      criticalWithoutPlan: critical.filter((s) => !s.continuityPlanUrl),
      planNotTested: critical.filter(
        (s) => s.continuityPlanUrl && (!s.continuityPlanTestedDate || s.continuityPlanTestedDate < monthsAgo(12)),
      ),
      criticalWithoutDowntime: critical.filter((s) => s.acceptedDowntimeHours == null),
      criticalWithoutRestorePriority: critical.filter((s) => s.restorePriority == null),
      contractEndingSoon: inDrift.filter(
        (s) => s.contractEndDate && s.contractEndDate >= TODAY && s.contractEndDate <= addMonths(TODAY, 3),
      ),
      noSecurityRequirements: inDrift.filter((s) => s.contractSecurityRequirements === 'nej'),
      reviewOverdue: inDrift.filter((s) => !s.lastReviewDate || s.lastReviewDate < monthsAgo(12)),
    };
    for (const [kind, systems] of Object.entries(gaps)) expect(systems.length, kind).toBeGreaterThan(0);
    // …but most of the register is in order.
    expect(gaps.reviewOverdue.length).toBeLessThan(inDrift.length / 4);
    expect(data.systems.filter((s) => s.societallyCritical).length).toBeGreaterThanOrEqual(3);
    expect(new Set(data.systems.map((s) => s.lifecycleStatus))).toEqual(new Set(['planerad', 'i drift', 'under avveckling', 'avvecklad']));
  });

  it('records actions of every kind, consistent with the register', () => {
    const kinds = new Set(data.actions.map((a) => a.kind));
    expect(kinds).toEqual(new Set(['årlig genomgång', 'informationsklassning', 'test av kontinuitetsplan', 'åtgärd']));
    for (const s of inDrift.filter((x) => x.lastReviewDate && x.lastReviewDate >= monthsAgo(24))) {
      expect(
        data.actions.some((a) => a.kind === 'årlig genomgång' && a.system === s.title && a.date === s.lastReviewDate),
        s.title,
      ).toBe(true);
    }
    expect(data.actions.some((a) => a.incident)).toBe(true);
    expect(data.actions.every((a) => (a.hours ?? 0) >= 0 && (a.cost ?? 0) >= 0)).toBe(true);
  });

  it('has open incidents, every type, and legal reports within the deadlines', () => {
    expect(data.incidents.filter((i) => i.status !== 'avslutad').length).toBeGreaterThanOrEqual(5);
    expect(new Set(data.incidents.map((i) => i.type))).toEqual(new Set(['händelse', 'möjlig incident', 'incident', 'brist']));
    expect(new Set(data.incidents.map((i) => i.status))).toEqual(new Set(['ny', 'under bedömning', 'pågående', 'avslutad']));
    for (const i of data.incidents.filter((x) => x.status === 'avslutad')) {
      expect(i.closedAt).toBeTruthy();
      if (i.type === 'brist') expect(i.rootCause).toBeTruthy();
    }
    const reportsOf = (ref: string) => data.timeline.filter((t) => t.incident === ref && t.kind === 'myndighetsrapport');
    const hoursAfterAware = (i: (typeof data.incidents)[number], at: string) => (Date.parse(at) - Date.parse(i.awareAt as string)) / HOUR;

    const nis2 = data.incidents.filter((i) => i.nis2Significant === 'ja');
    expect(nis2.length).toBeGreaterThanOrEqual(2);
    const nis2Closed = nis2.filter((i) => i.status === 'avslutad');
    expect(nis2Closed.length).toBeGreaterThanOrEqual(2);
    for (const i of nis2Closed) {
      const reports = reportsOf(i.referenceNumber as string);
      const early = reports.find((r) => r.legalReport === 'NIS2 tidig varning');
      const notification = reports.find((r) => r.legalReport === 'NIS2 incidentanmälan');
      const final = reports.find((r) => r.legalReport === 'NIS2 slutrapport');
      expect(early && hoursAfterAware(i, early.at)).toBeLessThanOrEqual(24);
      expect(notification && hoursAfterAware(i, notification.at)).toBeLessThanOrEqual(72);
      expect(final && notification && Date.parse(final.at) <= Date.parse(addMonths(notification.at.slice(0, 10), 1))).toBe(true);
      for (const r of reports) expect(r.externalReference).toBeTruthy();
    }
    // An open significant incident whose early warning is still due: the deadline task.
    expect(nis2.some((i) => i.status !== 'avslutad' && reportsOf(i.referenceNumber as string).length === 0)).toBe(true);

    const breaches = data.incidents.filter((i) => i.personalDataInvolved === 'ja');
    expect(breaches.length).toBeGreaterThanOrEqual(2);
    for (const i of breaches.filter((x) => x.status === 'avslutad')) {
      const imy = reportsOf(i.referenceNumber as string).find((r) => r.legalReport === 'GDPR anmälan till IMY');
      expect(imy && hoursAfterAware(i, imy.at), i.referenceNumber as string).toBeLessThanOrEqual(72);
    }
    expect(
      breaches.some(
        (i) => i.status !== 'avslutad' && !reportsOf(i.referenceNumber as string).some((r) => r.legalReport === 'GDPR anmälan till IMY'),
      ),
    ).toBe(true);
  });

  it('seeds the built-in course with its module, which validates, and completions from the module', () => {
    const [module] = data.courseModules;
    expect(data.courseModules).toHaveLength(1);
    expect(module).toMatchObject({ course: 'Grundkurs i informationssäkerhet', passMark: 80, active: true });
    expect(parseModuleContent(module!.content).ok).toBe(true);
    expect(data.trainingCourses.find((c) => c.title === module!.course)?.courseUrl).toBeUndefined();
    const fromModule = data.trainingCompletions.filter((c) => c.course === module!.course && c.source === 'Teams-modul');
    expect(fromModule.length).toBeGreaterThan(100);
  });

  it('has mostly compliant staff, with some expired and some never trained', () => {
    const course = 'Grundkurs i informationssäkerhet';
    const mandatory = data.trainingCourses.find((c) => c.title === course);
    expect(mandatory).toMatchObject({ mandatory: true, recertificationMonths: 12, audience: 'alla' });
    expect(data.trainingCourses.map((c) => c.title)).toEqual(
      expect.arrayContaining(['DISA – Distansutbildning i informationssäkerhet', 'Säker hantering av personuppgifter', 'Phishing-övning']),
    );
    const activeStaff = data.staff.filter((s) => s.active);
    const latest = new Map<string, string>();
    for (const c of data.trainingCompletions.filter((x) => x.course === course)) {
      const prev = latest.get(c.person);
      if (!c.expiresAt) continue;
      if (!prev || c.expiresAt > prev) latest.set(c.person, c.expiresAt);
    }
    const compliant = activeStaff.filter((s) => (latest.get(s.person as string) ?? '') >= TODAY);
    const expired = activeStaff.filter((s) => latest.has(s.person as string) && (latest.get(s.person as string) as string) < TODAY);
    const never = activeStaff.filter((s) => !latest.has(s.person as string));
    expect(compliant.length / activeStaff.length).toBeGreaterThan(0.75);
    expect(expired.length).toBeGreaterThan(0);
    expect(never.length).toBeGreaterThan(0);
    // Completions span two years and every completion with recertification expires after it was done.
    const dates = data.trainingCompletions.map((c) => c.completedAt).sort();
    expect(dates[0]! < monthsAgo(20)).toBe(true);
    for (const c of data.trainingCompletions) if (c.expiresAt) expect(c.expiresAt > c.completedAt).toBe(true);
  });

  it('has four personas covering the roles, each in the right group', () => {
    expect(data.personas.map((p) => p.role).sort()).toEqual(['admin', 'employee', 'securityCoordinator', 'systemOwner']);
    const upns = new Set(data.people.map((p) => p.upn));
    for (const p of data.personas) {
      expect(upns.has(p.upn)).toBe(true);
      expect(p.title).toMatch(/ – /);
    }
    const persona = (role: string) => data.personas.find((p) => p.role === role)!;
    expect(persona('admin').upn).toBe('admin@exempelkommun.se');
    expect(data.groups.admins).toContain('admin@exempelkommun.se');
    expect(data.groups.securityCoordinators).toContain(persona('securityCoordinator').upn);
    expect(data.groups.systemOwners).toContain(persona('systemOwner').upn);
    expect(data.groups.employees).toContain(persona('employee').upn);
    expect(data.groups.employees).toContain(persona('systemOwner').upn);
    expect(data.groups.employees.length).toBe(data.staff.filter((s) => s.active).length);
    for (const owner of data.systems.map((s) => s.systemOwner).filter(Boolean)) {
      if (data.staff.find((s) => s.person === owner)?.active) expect(data.groups.systemOwners).toContain(owner);
    }
    // The system owner has systems with something to do; the employee has own reports and an expired course.
    const owned = data.systems.filter((s) => s.systemOwner === persona('systemOwner').upn);
    expect(owned.length).toBeGreaterThanOrEqual(3);
    expect(owned.some((s) => s.lastReviewDate && s.lastReviewDate < monthsAgo(12))).toBe(true);
    const mine = data.incidents.filter((i) => i.reporter === persona('employee').upn);
    expect(mine.length).toBeGreaterThanOrEqual(2);
    expect(mine.some((i) => i.status !== 'avslutad')).toBe(true);
    expect(data.incidents.filter((i) => i.assignee === persona('securityCoordinator').upn).length).toBeGreaterThan(10);
  });

  it('hands the directory and personas to the local store', () => {
    for (const p of data.people) expect(p).toEqual({ upn: p.upn, displayName: expect.any(String), email: p.upn });
    const people = new Set(data.people.map((p) => p.upn));
    for (const s of data.staff) expect(people.has(s.person as string)).toBe(true);
    for (const role of Object.values(data.groups)) for (const upn of role) expect(people.has(upn)).toBe(true);
  });

  it('defaults now to the current time', () => {
    const fresh = generateDemoMunicipality();
    expect(Date.parse(fresh.municipality.generatedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(validateDemoData(fresh)).toEqual([]);
  });
});

describe('generateDemoMunicipality for other seeds and dates', () => {
  // Local starts use the current time; the story must hold whenever and with whatever seed it runs.
  const cases = [
    [2, '2025-03-30T01:30:00Z'], // the night Sweden moves to summer time
    [3, '2025-10-26T00:30:00Z'], // …and back
    [7, '2026-01-01T00:00:00Z'],
    [11, '2027-07-15T14:00:00Z'],
  ] as const;
  it.each(cases)('seed %i at %s: valid, with gaps, open incidents and personas', (seed, iso) => {
    const now = new Date(iso);
    const today = now.toISOString().slice(0, 10);
    const d = generateDemoMunicipality({ seed, now });
    expect(validateDemoData(d)).toEqual([]);
    const running = d.systems.filter((s) => s.lifecycleStatus === 'i drift');
    expect(running.filter((s) => !s.systemOwner).length).toBeGreaterThan(0);
    expect(running.filter((s) => s.classificationDate && s.classificationDate < addMonths(today, -36)).length).toBeGreaterThan(0);
    expect(
      running.filter((s) => s.contractEndDate && s.contractEndDate >= today && s.contractEndDate <= addMonths(today, 3)).length,
    ).toBeGreaterThan(0);
    expect(new Set(d.incidents.map((i) => i.status)).size).toBe(4);
    expect(new Set(d.incidents.map((i) => i.type)).size).toBe(4);
    expect(new Set(d.incidents.map((i) => i.referenceNumber)).size).toBe(d.incidents.length);
    expect(new Set(d.trainingCompletions.map((c) => c.completionKey)).size).toBe(d.trainingCompletions.length);
    for (const t of d.timeline) expect(Date.parse(t.at)).toBeLessThanOrEqual(now.getTime());
    expect(d.personas).toHaveLength(4);
  });
});
