import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessmentPlan } from '../../src/domain/security-requirements.js';
import { generateDemoMunicipality, type DemoData } from '../../src/demo/municipality.js';
import { seedSite } from '../../src/demo/seed.js';
import { seedSelfAssessments } from '../../src/demo/self-assessments.js';
import { ADMIN, startTestSite, type TestSite } from '../support/local-site.js';

let site: TestSite;
let data: DemoData;

beforeAll(async () => {
  site = await startTestSite();
  data = generateDemoMunicipality({ seed: 1, now: new Date('2026-05-10T10:00:00Z') });
  site.store.addDirectoryUsers(data.people);
  site.store.setPersonas(data.personas);
  expect((await seedSite(site.reposAs(ADMIN), data)).failures).toEqual([]);
});
afterAll(() => site?.close());

describe('demo self-assessments', () => {
  it('assesses applicable requirements of most systems by their owner, leaving a handlingsplan and some unassessed', async () => {
    const r = site.reposAs(ADMIN);
    const [systems, catalogue, assessments] = await Promise.all([r.systems.all(), r.securityRequirements.list(), r.selfAssessments.all()]);
    expect(assessments.length).toBeGreaterThan(20);
    expect(new Set(assessments.map((a) => a.assessmentKey)).size).toBe(assessments.length);
    const byId = new Map(systems.map((s) => [s.id, s]));
    for (const a of assessments) {
      const system = byId.get(a.system.id)!;
      expect(a.assessedBy?.id).toBe(system.systemOwner?.id);
      const plan = assessmentPlan(catalogue, system, [{ requirementId: a.requirement.id, status: a.status }]);
      expect(plan.some((p) => p.requirement.id === a.requirement.id)).toBe(true);
    }
    const statuses = new Set(assessments.map((a) => a.status));
    expect([...statuses].sort()).toEqual(['delvis', 'ej tillämpligt', 'ej uppfyllt', 'uppfyllt']);
    const assessedSystems = new Set(assessments.map((a) => a.system.id));
    expect(systems.some((s) => s.systemOwner && s.confidentiality && !assessedSystems.has(s.id))).toBe(true);
  });

  it('finds what is stored when run again (a resumed seed adds nothing)', async () => {
    const r = site.reposAs(ADMIN);
    const before = (await r.selfAssessments.all()).length;
    const systemIds = new Map((await r.systems.all()).map((s) => [s.title, s.id]));
    const users = await r.users.ensureMany([...new Set(data.systems.flatMap((s) => (s.systemOwner ? [String(s.systemOwner)] : [])))]);
    const again = await seedSelfAssessments(r, data, systemIds, new Map([...users].map(([upn, u]) => [upn, u.id])));
    expect([again.written, again.found, again.failures]).toEqual([0, before, []]);
    expect((await r.selfAssessments.all()).length).toBe(before);
  });
});
