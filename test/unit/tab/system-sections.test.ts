import { describe, expect, it } from 'vitest';
import { listSpec } from '../../../src/shared/schema/index.js';
import { SYSTEM_SECTIONS, RECORDED_FIELDS, CLASSIFICATION_FIELDS } from '../../../src/features/systems/system-sections.js';
import { changedFields, formFromSystem, isPickerField, patchFromForm, rawValue } from '../../../src/features/systems/system-form-model.js';
import type { SystemRecord } from '../../../src/shared/schema/index.js';

const schemaKeys = listSpec('systems').fields.map((f) => f.key);

describe('the system page sections', () => {
  it('place every field of the systems list in exactly one section', () => {
    const placed = SYSTEM_SECTIONS.flatMap((s) => s.fields as readonly string[]);
    const counts = new Map<string, number>();
    for (const k of placed) counts.set(k, (counts.get(k) ?? 0) + 1);
    expect(schemaKeys.filter((k) => counts.get(k) !== 1)).toEqual([]);
    expect(placed.filter((k) => !schemaKeys.includes(k))).toEqual([]);
    expect(placed.length).toBe(schemaKeys.length);
  });
  it('name only real fields in the form lists', () => {
    for (const k of [...RECORDED_FIELDS, ...CLASSIFICATION_FIELDS]) expect(schemaKeys).toContain(k);
  });
});

const base = {
  id: 5,
  title: 'Procapita',
  supplier: 'Tieto',
  confidentiality: 3,
  confidentialityReason: 'Sekretess',
  costLicences: 12500.5,
  societallyCritical: false,
  department: { id: 2, title: 'Soc' },
  contractEndDate: '2027-06-30',
} as unknown as SystemRecord;
const keys = [
  'title',
  'supplier',
  'confidentiality',
  'confidentialityReason',
  'costLicences',
  'societallyCritical',
  'department',
  'contractEndDate',
];

describe('the system form model', () => {
  it('shows stored values as typed and sends only what changed', () => {
    const form = formFromSystem(base, keys);
    expect(form).toMatchObject({ costLicences: '12500,5', societallyCritical: 'false', department: '2', confidentiality: '3' });
    expect(patchFromForm(form, base)).toEqual({ ok: true, patch: {} });
    expect(patchFromForm({ ...form, supplier: ' CGI ', costLicences: '13 000' }, base)).toEqual({
      ok: true,
      patch: { supplier: 'CGI', costLicences: 13000 },
    });
    expect(patchFromForm({ ...form, contractEndDate: '' }, base)).toEqual({ ok: true, patch: { contractEndDate: null } });
  });
  it('keys the rules’ messages by field and keeps what was typed', () => {
    const form = { ...formFromSystem(base, keys), title: '', confidentialityReason: '', costLicences: '-5' };
    const r = patchFromForm(form, base);
    expect(r).toEqual({
      ok: false,
      errors: {
        title: 'Fältet måste fyllas i.',
        costLicences: 'Ange minst 0.',
        confidentialityReason: 'Motivera nivå 3 (krävs från nivå 3).',
      },
    });
    expect(form.costLicences).toBe('-5');
  });
  it('a new system sends what is filled in and needs a name', () => {
    expect(patchFromForm({ title: '', supplier: 'CGI' }, null)).toEqual({ ok: false, errors: { title: 'Fältet måste fyllas i.' } });
    expect(patchFromForm({ title: 'Nytt', supplier: '' }, null)).toEqual({ ok: true, patch: { title: 'Nytt' } });
  });
  it('names the fields two versions differ in', () => {
    const theirs = { ...base, supplier: 'CGI', department: { id: 2 }, costLicences: 12500.5 } as SystemRecord;
    expect(changedFields(base, theirs, keys)).toEqual(['supplier']);
  });
});

describe('the picker fields (people and dependencies)', () => {
  const people = {
    ...base,
    systemOwner: { id: 7, title: 'Ola Ägare', email: 'ola@x.se' },
    systemAdministrator: null,
    administrators: [{ id: 8, title: 'Fia Förvaltare' }],
    dependsOn: [{ id: 3, title: 'AD' }],
  } as unknown as SystemRecord;
  const pickerKeys = ['systemOwner', 'systemAdministrator', 'administrators', 'dependsOn'];

  it('are the person fields and the multi-lookup, not the department', () => {
    expect(['systemOwner', 'informationOwner', 'technicalContact', 'administrators', 'dependsOn'].every(isPickerField)).toBe(true);
    expect(isPickerField('department')).toBe(false);
    expect(isPickerField('title')).toBe(false);
  });
  it('hold what is chosen (with names for showing it) and send ids the API takes', () => {
    const form = formFromSystem(people, pickerKeys);
    expect(form).toEqual({
      systemOwner: [{ id: 7, title: 'Ola Ägare', email: 'ola@x.se' }],
      systemAdministrator: [],
      administrators: [{ id: 8, title: 'Fia Förvaltare' }],
      dependsOn: [{ id: 3, title: 'AD' }],
    });
    expect(patchFromForm(form, people)).toEqual({ ok: true, patch: {} });
    const changed = {
      ...form,
      systemOwner: [{ id: 9, title: 'Ny Ägare' }],
      systemAdministrator: [{ id: 8, title: 'Fia Förvaltare' }],
      administrators: [{ id: 10 }, { id: 8 }],
      dependsOn: [],
    };
    expect(patchFromForm(changed, people)).toEqual({
      ok: true,
      patch: { systemOwner: { id: 9 }, systemAdministrator: { id: 8 }, administrators: [{ id: 10 }, { id: 8 }], dependsOn: [] },
    });
    // the same people in another order is no change
    expect(patchFromForm({ ...form, administrators: [{ id: 8, title: 'x' }] }, people)).toEqual({ ok: true, patch: {} });
    expect(patchFromForm({ ...form, systemOwner: [] }, people)).toEqual({ ok: true, patch: { systemOwner: null } });
  });
  it('single person: the first chosen, or nobody', () => {
    expect(rawValue('systemOwner', [{ id: 4 }])).toEqual({ id: 4 });
    expect(rawValue('systemOwner', [])).toBeNull();
    expect(rawValue('administrators', [])).toEqual([]);
  });
  it('a dependency on the system itself is named next to the field', () => {
    const form = { ...formFromSystem(people, pickerKeys), dependsOn: [{ id: 5, title: 'Procapita' }] };
    expect(patchFromForm(form, people)).toEqual({ ok: false, errors: { dependsOn: 'Ett system kan inte vara beroende av sig självt.' } });
  });
  it('a new system sends no empty people or dependencies', () => {
    expect(patchFromForm({ title: 'Nytt', administrators: [], dependsOn: [], systemOwner: [{ id: 2 }] }, null)).toEqual({
      ok: true,
      patch: { title: 'Nytt', systemOwner: { id: 2 } },
    });
  });
});

describe('field-keyed refusals from the API', () => {
  it('keeps details.fields of a 400 for the form, and nothing for other errors', async () => {
    const { apiError, apiFieldErrors } = await import('../../../src/shared/api/client.js');
    const error = apiError(
      400,
      { code: 'invalidSystem', message: 'Uppgifterna godtogs inte', details: { fields: { title: 'Fältet måste fyllas i.', bad: 3 } } },
      { method: 'PATCH', path: 'systems/1' },
    );
    expect(apiFieldErrors(error)).toEqual({ title: 'Fältet måste fyllas i.' });
    expect(apiFieldErrors(apiError(412, { code: 'conflict', message: 'x' }, { method: 'PATCH', path: 'systems/1' }))).toBeNull();
    expect(apiFieldErrors(new Error('x'))).toBeNull();
  });
});
