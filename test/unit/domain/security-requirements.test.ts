import { describe, expect, it } from 'vitest';
import {
  validateRequirement,
  BASELINE_REQUIREMENTS,
  applicableRequirements,
  assessmentKey,
  assessmentPlan,
  requirementApplies,
  type RequirementAspect,
} from '../../../src/domain/security-requirements.js';

const levels = (k: number | null, r: number | null, t: number | null, s: number | null) => ({
  confidentiality: k,
  integrity: r,
  availability: t,
  traceability: s,
});
const req = (id: number, aspect: RequirementAspect, fromLevel: number, active = true) => ({ id, aspect, fromLevel, active });

describe('which security requirements apply', () => {
  it.each([
    ['K', 3, levels(2, 4, 4, 4), false],
    ['K', 3, levels(3, 1, 1, 1), true],
    ['K', 3, levels(4, 1, 1, 1), true],
    ['R', 2, levels(4, 1, 4, 4), false],
    ['R', 2, levels(1, 2, 1, 1), true],
    ['T', 3, levels(4, 4, 2, 4), false],
    ['T', 3, levels(1, 1, 3, 1), true],
    ['S', 3, levels(4, 4, 4, 2), false],
    ['S', 3, levels(1, 1, 1, 3), true],
    ['T', 1, levels(1, 1, 1, 1), true],
    ['T', 4, levels(1, 1, 3, 1), false],
    ['T', 4, levels(1, 1, 4, 1), true],
  ] as const)('%s ≥ %i with %o → %s', (aspect, from, l, expected) => {
    expect(requirementApplies(req(1, aspect, from), l)).toBe(expected);
  });

  it('applies nothing for an unclassified aspect, an inactive or incomplete requirement', () => {
    expect(requirementApplies(req(1, 'T', 1), levels(4, 4, null, 4))).toBe(false);
    expect(requirementApplies(req(1, 'T', 1, false), levels(4, 4, 4, 4))).toBe(false);
    expect(requirementApplies({ id: 1, aspect: null, fromLevel: 1, active: true }, levels(4, 4, 4, 4))).toBe(false);
    expect(requirementApplies({ id: 1, aspect: 'K', fromLevel: null, active: null }, levels(4, 4, 4, 4))).toBe(false);
    // A requirement whose "active" is unset (an item created before the default) applies.
    expect(requirementApplies({ id: 1, aspect: 'K', fromLevel: 2, active: null }, levels(2, 1, 1, 1))).toBe(true);
  });

  it('changes with the classification', () => {
    const all = [req(1, 'K', 2), req(2, 'K', 3), req(3, 'T', 3)];
    expect(applicableRequirements(all, levels(2, 1, 1, 1)).map((r) => r.id)).toEqual([1]);
    expect(applicableRequirements(all, levels(3, 1, 3, 1)).map((r) => r.id)).toEqual([1, 2, 3]);
    expect(applicableRequirements(all, levels(1, 1, 1, 1))).toEqual([]);
  });

  it('makes unmet, partly met and unassessed requirements the handlingsplan', () => {
    const all = [req(1, 'K', 2), req(2, 'K', 3), req(3, 'T', 3), req(4, 'T', 2), req(5, 'S', 4)];
    const plan = assessmentPlan(all, levels(3, 1, 3, 1), [
      { requirementId: 1, status: 'uppfyllt' as const },
      { requirementId: 2, status: 'delvis' as const },
      { requirementId: 3, status: 'ej tillämpligt' as const },
      { requirementId: 5, status: 'ej uppfyllt' as const },
    ]);
    expect(plan.map((p) => [p.requirement.id, p.assessment?.status ?? null, p.open])).toEqual([
      [1, 'uppfyllt', false],
      [2, 'delvis', true],
      [3, 'ej tillämpligt', false],
      [4, null, true],
    ]);
  });

  it('has a baseline of 10–15 requirements with unique codes that fit the schema', () => {
    expect(BASELINE_REQUIREMENTS.length).toBeGreaterThanOrEqual(10);
    expect(BASELINE_REQUIREMENTS.length).toBeLessThanOrEqual(15);
    expect(new Set(BASELINE_REQUIREMENTS.map((r) => r.code)).size).toBe(BASELINE_REQUIREMENTS.length);
    for (const r of BASELINE_REQUIREMENTS) {
      expect(r.code.length).toBeLessThanOrEqual(50);
      expect(r.title.length).toBeLessThanOrEqual(255);
    }
    const has = (a: RequirementAspect, from: number, text: RegExp) =>
      BASELINE_REQUIREMENTS.some((r) => r.aspect === a && r.fromLevel === from && text.test(r.title));
    expect(has('T', 3, /kontinuitetsplan/i) && has('T', 3, /reservrutin/i)).toBe(true);
    expect(has('K', 3, /flerfaktor/i) && has('K', 3, /logg/i)).toBe(true);
    expect(has('S', 3, /logg/i)).toBe(true);
    expect(has('R', 3, /ändringshantering/i) && has('R', 3, /återläsning/i)).toBe(true);
    expect(has('K', 2, /behörighet/i)).toBe(true);
  });

  it('keys an assessment by system and requirement', () => {
    expect(assessmentKey(12, 3)).toBe('12:3');
  });
});

describe('validateRequirement — the catalogue editor’s rules', () => {
  const good = {
    code: 'k3-mfa2',
    title: ' MFA för administratörer ',
    description: '',
    aspect: 'K',
    fromLevel: '3',
    area: 'Behörighet',
    active: true,
  };
  it('normalises a good entry: code in capitals, text trimmed, empty description as null', () => {
    expect(validateRequirement(good, ['K3-MFA'])).toEqual({
      ok: true,
      value: {
        code: 'K3-MFA2',
        title: 'MFA för administratörer',
        description: null,
        aspect: 'K',
        fromLevel: 3,
        area: 'Behörighet',
        active: true,
      },
    });
  });
  it('says what is wrong next to each field, in Swedish', () => {
    const checked = validateRequirement({ ...good, code: 'k3 mfa', title: '', aspect: 'X', fromLevel: 5 }, []);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems.map((p) => p.field)).toEqual(['code', 'title', 'aspect', 'fromLevel']);
    expect(checked.problems[0]!.message).toContain('bindestreck');
  });
  it('refuses a code another requirement already has, whatever its case', () => {
    const checked = validateRequirement(good, ['k3-MFA2']);
    expect(checked.ok === false && checked.problems[0]).toMatchObject({
      field: 'code',
      message: 'Koden K3-MFA2 används redan av ett annat krav.',
    });
  });
});
