import { describe, expect, it } from 'vitest';
import { checkField, problemsByField, validateSystem, NOTE_MAX_LENGTH } from '../../../src/domain/system-validation.js';
import { listSpec } from '../../../src/shared/schema/index.js';

const fields = listSpec('systems').fields;
const current = { id: 7, title: 'Procapita', confidentiality: 2, confidentialityReason: null, societallyCritical: false };

/** The problem for one field of a patch, or null when the patch is accepted. */
function edit(patch: Record<string, unknown>, base: Record<string, unknown> = current): string | null {
  const r = validateSystem(patch, { fields, current: base });
  return r.ok ? null : r.problems.map((p) => `${p.field}:${p.code}`).join(' ');
}

describe('validateSystem: a new system', () => {
  it('requires a name and accepts a name alone', () => {
    expect(validateSystem({}, { fields })).toEqual({
      ok: false,
      problems: [{ field: 'title', code: 'required', message: 'Fältet måste fyllas i.' }],
    });
    expect(validateSystem({ title: '   ' }, { fields }).ok).toBe(false);
    expect(validateSystem({ title: ' Lifecare ' }, { fields })).toEqual({ ok: true, value: { title: 'Lifecare' } });
  });

  it('reports every problem at once, one per field', () => {
    const r = validateSystem({ title: '', contractNoticeMonths: 121, confidentiality: 5, riskAnalysisUrl: 'http://x.se' }, { fields });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(problemsByField(r.problems)).toEqual({
        title: 'Fältet måste fyllas i.',
        contractNoticeMonths: 'Ange högst 120.',
        confidentiality: 'Ange högst 4.',
        riskAnalysisUrl: 'Ange en fullständig webbadress som börjar med https://.',
      });
  });
});

describe('validateSystem: text lengths from the schema', () => {
  it('name at most 255 characters, after trimming', () => {
    expect(edit({ title: 'a'.repeat(255) })).toBeNull();
    expect(edit({ title: ` ${'a'.repeat(255)} ` })).toBeNull();
    expect(edit({ title: 'a'.repeat(256) })).toBe('title:tooLong');
  });
  it('external id 100, organisation number 20, version 100', () => {
    expect(edit({ externalId: 'x'.repeat(100) })).toBeNull();
    expect(edit({ externalId: 'x'.repeat(101) })).toBe('externalId:tooLong');
    expect(edit({ supplierOrgNumber: '5'.repeat(20) })).toBeNull();
    expect(edit({ supplierOrgNumber: '5'.repeat(21) })).toBe('supplierOrgNumber:tooLong');
    expect(edit({ systemVersion: 'v'.repeat(101) })).toBe('systemVersion:tooLong');
  });
  it('notes at most NOTE_MAX_LENGTH', () => {
    expect(edit({ description: 'd'.repeat(NOTE_MAX_LENGTH) })).toBeNull();
    expect(edit({ description: 'd'.repeat(NOTE_MAX_LENGTH + 1) })).toBe('description:tooLong');
  });
  it('an empty optional text becomes null, a number where text belongs is refused', () => {
    const r = validateSystem({ supplier: '  ' }, { fields, current });
    expect(r).toEqual({ ok: true, value: { supplier: null } });
    expect(edit({ supplier: 12 })).toBe('supplier:notText');
  });
});

describe('validateSystem: links are https', () => {
  it.each(['continuityPlanUrl', 'securityPlanUrl', 'riskAnalysisUrl', 'documentationUrl'])('%s', (key) => {
    expect(edit({ [key]: 'https://intranat.exempelkommun.se/plan.pdf' })).toBeNull();
    expect(edit({ [key]: 'http://intranat.exempelkommun.se/plan.pdf' })).toBe(`${key}:notHttps`);
    expect(edit({ [key]: 'intranat/plan.pdf' })).toBe(`${key}:notHttps`);
    expect(edit({ [key]: 'javascript:alert(1)' })).toBe(`${key}:notHttps`);
    expect(edit({ [key]: 'https://a b.se' })).toBe(`${key}:notHttps`);
    expect(edit({ [key]: '' })).toBeNull();
  });
});

describe('validateSystem: numbers within the schema', () => {
  it.each(['confidentiality', 'integrity', 'availability', 'traceability'])('%s is 1–4, whole', (key) => {
    expect(edit({ [key]: 1 })).toBeNull();
    expect(edit({ [key]: 2, [`${key}Reason`]: 'x' })).toBeNull();
    expect(edit({ [key]: 0 })).toBe(`${key}:tooSmall`);
    expect(edit({ [key]: 5 })).toBe(`${key}:tooLarge`);
    expect(edit({ [key]: 2.5 })).toBe(`${key}:notInteger`);
    expect(edit({ [key]: null })).toBeNull();
  });
  it('notice period 0–120 whole months', () => {
    expect(edit({ contractNoticeMonths: 0 })).toBeNull();
    expect(edit({ contractNoticeMonths: 120 })).toBeNull();
    expect(edit({ contractNoticeMonths: -1 })).toBe('contractNoticeMonths:tooSmall');
    expect(edit({ contractNoticeMonths: 121 })).toBe('contractNoticeMonths:tooLarge');
    expect(edit({ contractNoticeMonths: 3.5 })).toBe('contractNoticeMonths:notInteger');
  });
  it('accepted downtime, data loss and restore objective are non-negative', () => {
    for (const key of ['acceptedDowntimeHours', 'acceptableDataLossHours', 'restoreTimeObjectiveHours']) {
      expect(edit({ [key]: 0 })).toBeNull();
      expect(edit({ [key]: 2.5 })).toBeNull();
      expect(edit({ [key]: -0.5 })).toBe(`${key}:tooSmall`);
    }
    expect(edit({ acceptedDowntimeHours: 1.25 })).toBe('acceptedDowntimeHours:tooManyDecimals');
  });
  it('restore priority is 1 or more, whole', () => {
    expect(edit({ restorePriority: 1 })).toBeNull();
    expect(edit({ restorePriority: 0 })).toBe('restorePriority:tooSmall');
  });
  it('costs are non-negative kronor with at most two decimals; text as typed is read (Swedish comma)', () => {
    expect(edit({ costLicences: 0 })).toBeNull();
    expect(edit({ costLicences: -1 })).toBe('costLicences:tooSmall');
    expect(edit({ costOther: 10.555 })).toBe('costOther:tooManyDecimals');
    expect(validateSystem({ costOperation: '12 500,50' }, { fields, current })).toEqual({ ok: true, value: { costOperation: 12500.5 } });
    expect(edit({ costOperation: 'mycket' })).toBe('costOperation:notNumber');
    expect(edit({ costOperation: Number.POSITIVE_INFINITY })).toBe('costOperation:notNumber');
  });
});

describe('validateSystem: justifications', () => {
  it('a level of 3 or more needs its justification; 2 does not', () => {
    expect(edit({ confidentiality: 2 })).toBeNull();
    expect(edit({ confidentiality: 3 })).toBe('confidentialityReason:reasonRequired');
    expect(edit({ integrity: 4, integrityReason: '  ' })).toBe('integrityReason:reasonRequired');
    expect(edit({ availability: 3, availabilityReason: 'Hemtjänsten stannar.' })).toBeNull();
    // Clearing the justification of a stored level 3 is caught too.
    expect(edit({ traceabilityReason: '' }, { ...current, traceability: 3, traceabilityReason: 'Loggkrav' })).toBe(
      'traceabilityReason:reasonRequired',
    );
    const r = validateSystem({ confidentiality: 3 }, { fields, current });
    expect(!r.ok && r.problems[0]!.message).toBe('Motivera nivå 3 (krävs från nivå 3).');
  });
  it('an old gap does not block an unrelated edit', () => {
    expect(edit({ supplier: 'Tieto' }, { ...current, confidentiality: 4, confidentialityReason: null })).toBeNull();
  });
  it('samhällsviktig needs a justification', () => {
    expect(edit({ societallyCritical: true })).toBe('societallyCriticalReason:required');
    expect(edit({ societallyCritical: true, societallyCriticalReason: 'Vattenförsörjning' })).toBeNull();
    expect(edit({ societallyCritical: false })).toBeNull();
    expect(edit({ societallyCritical: 'ja' })).toBe('societallyCritical:notBoolean');
  });
});

describe('validateSystem: dates, choices, people, lookups', () => {
  it('dates are real calendar dates', () => {
    expect(edit({ contractEndDate: '2027-02-28' })).toBeNull();
    expect(edit({ contractEndDate: '2027-02-29' })).toBe('contractEndDate:notDate');
    expect(edit({ contractEndDate: '2028-02-29' })).toBeNull();
    expect(edit({ riskAnalysisDate: '31/12/2026' })).toBe('riskAnalysisDate:notDate');
    expect(edit({ lastRestoreTestDate: null })).toBeNull();
  });
  it('choices from the schema', () => {
    expect(edit({ lifecycleStatus: 'i drift' })).toBeNull();
    expect(edit({ lifecycleStatus: 'I drift' })).toBe('lifecycleStatus:notChoice');
    expect(edit({ hosting: 'SaaS' })).toBeNull();
    expect(edit({ criticality: 'samhällsviktig' })).toBe('criticality:notChoice');
  });
  it('people and lookups by site id; duplicates removed; a system does not depend on itself', () => {
    expect(validateSystem({ administrators: [{ id: 3 }, { id: 3, title: 'x' }] }, { fields, current })).toEqual({
      ok: true,
      value: { administrators: [{ id: 3 }] },
    });
    expect(edit({ systemOwner: { id: 0 } })).toBe('systemOwner:notPerson');
    expect(edit({ department: 'Socialförvaltningen' })).toBe('department:notLookup');
    expect(edit({ dependsOn: [{ id: 8 }] })).toBeNull();
    expect(edit({ dependsOn: [{ id: 7 }] })).toBe('dependsOn:dependsOnItself');
    expect(validateSystem({ dependsOn: null }, { fields, current })).toEqual({ ok: true, value: { dependsOn: [] } });
  });
  it('refuses stamped and unknown fields', () => {
    expect(edit({ lastReviewedBy: { id: 3 } })).toBe('lastReviewedBy:readOnly');
    expect(edit({ classifiedBy: { id: 3 } })).toBe('classifiedBy:readOnly');
    expect(edit({ reporter: 1 })).toBe('reporter:unknownField');
  });
});

describe('checkField on other lists', () => {
  it("an action's hours are non-negative with one decimal", () => {
    const hours = listSpec('actions').fields.find((f) => f.key === 'hours')!;
    expect(checkField(hours, 1.5)).toEqual({ value: 1.5 });
    expect(checkField(hours, -1)).toMatchObject({ problem: { code: 'tooSmall' } });
    expect(checkField(hours, 1.25)).toMatchObject({ problem: { code: 'tooManyDecimals' } });
  });
});
