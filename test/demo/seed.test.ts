import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoMunicipality, type DemoData } from '../../src/demo/municipality.js';
import { seedSite, type SeedOutcome } from '../../src/demo/seed.js';
import { where } from '../../src/shared/data/index.js';
import { restoreOrder } from '../../src/domain/restore-order.js';
import { buildReport } from '../../src/server/reports/run.js';
import { ADMIN, startTestSite, type TestSite } from '../support/local-site.js';

let site: TestSite;
let data: DemoData;
let outcome: SeedOutcome;
const progress: string[] = [];

beforeAll(async () => {
  site = await startTestSite();
  data = generateDemoMunicipality({ seed: 1, now: new Date('2026-05-10T10:00:00Z') });
  site.store.addDirectoryUsers(data.people);
  site.store.setPersonas(data.personas);
  outcome = await seedSite(site.reposAs(ADMIN), data, { onProgress: (line) => progress.push(line) });
});
afterAll(() => site?.close());

describe('seedSite on the local store', () => {
  it('writes every list completely, reporting progress', () => {
    expect(outcome.failures).toEqual([]);
    expect(outcome.seeded).toBe(true);
    expect(outcome.counts).toEqual({
      departments: data.departments.length,
      staff: data.staff.length,
      trainingCourses: data.trainingCourses.length,
      courseModules: data.courseModules.length,
      systems: data.systems.length,
      incidents: data.incidents.length,
      timeline: data.timeline.length,
      actions: data.actions.length,
      trainingCompletions: data.trainingCompletions.length,
      devices: data.devices.length,
    });
    expect(progress).toContain(`systems: ${data.systems.length} av ${data.systems.length} (Systemförteckning)`);
  });

  it('resolves people and lookups to what SharePoint stores', async () => {
    const r = site.reposAs(ADMIN);
    const sys = data.systems.find((s) => s.systemOwner && s.department && s.lifecycleStatus === 'i drift')!;
    const [stored] = await r.systems.list({ filter: where('systems').eq('title', sys.title) });
    expect(stored?.systemOwner?.email).toBe(sys.systemOwner);
    const dept = data.departments.find((d) => d.code === sys.department)!;
    expect(stored?.department?.title).toBe(dept.title);
    expect(stored?.classificationDate).toBe(sys.classificationDate ?? null);

    const inc = data.incidents.find((i) => (i.affectedSystems?.length ?? 0) > 1)!;
    const [storedInc] = await r.incidents.list({ filter: where('incidents').eq('referenceNumber', inc.referenceNumber!) });
    expect(storedInc?.affectedSystems.map((s) => s.title).sort()).toEqual([...inc.affectedSystems!].sort());
    expect(storedInc?.reporter?.email).toBe(inc.reporter);
    const entries = await r.timeline.list({ filter: where('timeline').eq('incident', { id: storedInc!.id }) });
    expect(entries).toHaveLength(data.timeline.filter((t) => t.incident === inc.referenceNumber).length);
    expect((await r.trainingCompletions.all()).length).toBe(data.trainingCompletions.length);
  });

  it('links systems to what they depend on, and orders their restore after it', async () => {
    const systems = await site.reposAs(ADMIN).systems.all();
    const byTitle = new Map(systems.map((s) => [s.title, s]));
    const payroll = byTitle.get('Lönesystem')!;
    expect(payroll.dependsOn.map((d) => d.title).sort()).toEqual([
      'HR-system',
      'Identitetshantering och katalogtjänst',
      'Nätverk och brandvägg',
      'Virtualiseringsplattform',
    ]);
    expect(byTitle.get('Nätverk och brandvägg')?.systemType).toBe('gemensam infrastruktur');
    const critical = systems.filter(
      (s) => s.lifecycleStatus === 'i drift' && (s.societallyCritical || s.criticality === 'verksamhetskritisk'),
    );
    const order = restoreOrder(critical.map((s) => ({ ...s, priority: s.restorePriority })));
    expect(order.issues.filter((i) => i.kind === 'priorityBeforeDependency' || i.kind === 'cycle')).toEqual([]);
    // The network comes back first: everything else needs it.
    expect(order.entries[0]?.system.title).toBe('Nätverk och brandvägg');
  });

  it('puts the personas in their role groups', async () => {
    for (const persona of data.personas) {
      const me = await site.reposAs(persona.upn).me.current();
      expect(me.roles, persona.title).toContain(persona.role);
    }
  });

  it('sets the municipality name and budgets for last year and this year, which the reports read', async () => {
    const sp = site.spAs(ADMIN);
    for (const year of [2025, 2026]) {
      const { report } = await buildReport(sp, { kind: 'yearly', year }, new Date('2026-05-10T10:00:00Z'));
      if (report.kind !== 'yearly') throw new Error('yearly expected');
      expect(report.municipality).toBe(data.municipality.name);
      const { budget } = report.sections;
      expect(budget.budget.every((b) => typeof b.budget === 'number' && b.budget > 0)).toBe(true);
      expect(budget.budgetTotal.difference).toBe(budget.budgetTotal.actual - budget.budgetTotal.budget!);
      // Near the data, not far from it: each category's budget within half of the actual or 200 000 kr.
      for (const b of budget.budget) expect(Math.abs(b.difference!)).toBeLessThanOrEqual(Math.max(b.actual / 2, 200_000));
    }
  });

  it('detects an already seeded site and writes nothing', async () => {
    const before = (await site.reposAs(ADMIN).systems.all()).length;
    const again = await seedSite(site.reposAs(ADMIN), data);
    expect(again.seeded).toBe(false);
    expect((await site.reposAs(ADMIN).systems.all()).length).toBe(before);
  });
});
