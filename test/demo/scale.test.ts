import { describe, expect, it } from 'vitest';
import { generateScaleData } from '../../src/demo/scale.js';
import { validateDemoData } from './validate.js';

const NOW = new Date('2026-11-21T12:00:00Z');

describe('generateScaleData', () => {
  // How fast it is belongs to `npm run bench` ("scale data generated"), not to a test.
  it('yields exactly the requested counts at full scale', () => {
    const data = generateScaleData({ seed: 7, now: NOW });
    expect(data.systems).toHaveLength(2_000);
    expect(data.incidents).toHaveLength(20_000);
    expect(data.trainingCompletions).toHaveLength(100_000);
    expect(data.staff).toHaveLength(10_000);
    expect(data.people).toHaveLength(10_001); // + the site admin
    // Keys that must be unique on the site.
    expect(new Set(data.people.map((p) => p.upn)).size).toBe(data.people.length);
    expect(new Set(data.systems.map((s) => s.title)).size).toBe(2_000);
    expect(new Set(data.incidents.map((i) => i.referenceNumber)).size).toBe(20_000);
    expect(new Set(data.incidents.map((i) => i.submissionKey)).size).toBe(20_000);
    expect(new Set(data.trainingCompletions.map((c) => c.completionKey)).size).toBe(100_000);
    // A sample is schema-valid (the validator is the slow part).
    expect(validateDemoData(data, 97)).toEqual([]);
    expect(data.personas.map((p) => p.role).sort()).toEqual(['admin', 'employee', 'securityCoordinator', 'systemOwner']);
  });

  it('honours small sizes, is deterministic and fully valid', () => {
    const options = { seed: 3, now: NOW, systems: 30, incidents: 200, completions: 900, staff: 120 };
    const a = generateScaleData(options);
    expect(JSON.stringify(generateScaleData(options))).toBe(JSON.stringify(a));
    expect([a.systems.length, a.incidents.length, a.trainingCompletions.length, a.staff.length]).toEqual([30, 200, 900, 120]);
    expect(validateDemoData(a)).toEqual([]);
    expect(a.incidents.some((i) => i.status !== 'avslutad')).toBe(true);
  });
});
