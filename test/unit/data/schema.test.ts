import { describe, expect, expectTypeOf, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  listKeys,
  listSpec,
  listsInDependencyOrder,
  siteSchema,
  type SystemRecord,
  type Incident,
  type DraftOf,
  type PersonRef,
  type LookupRef,
} from '../../../src/shared/schema/index.js';
import { selectFor } from '../../../src/shared/data/mapping.js';
import { renderSchemaDoc } from '../../../src/provisioning/schema-doc.js';

const indexable = new Set(['text', 'number', 'currency', 'dateTime', 'choice', 'boolean', 'lookup', 'user']);

describe('site schema (manifest/site-schema.ts)', () => {
  it.each(listKeys)('%s stays within SharePoint limits', (key) => {
    const spec = listSpec(key);
    const indexed = spec.fields.filter((f) => f.indexed || f.unique);
    expect(indexed.length).toBeLessThanOrEqual(20);
    for (const f of indexed) expect(indexable.has(f.type), `${key}.${f.key} (${f.type}) cannot be indexed`).toBe(true);
    // 12 lookup joins per query: every person/lookup we expand plus Author and Editor.
    const joins = spec.fields.filter((f) => ['user', 'userMulti', 'lookup', 'lookupMulti'].includes(f.type)).length + 2;
    expect(joins).toBeLessThanOrEqual(12);
    expect(selectFor(key).expand.length + 2).toBeLessThanOrEqual(12);
  });

  it.each(listKeys)('%s has unique ASCII internal names and keys, and sv/en titles', (key) => {
    const spec = listSpec(key);
    expect(spec.title).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
    const names = spec.fields.map((f) => f.internalName);
    const keys = spec.fields.map((f) => f.key);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(keys).size).toBe(keys.length);
    for (const f of spec.fields) {
      expect(f.internalName).toMatch(/^[A-Za-z][A-Za-z0-9]{0,31}$/);
      expect(f.title.sv.length).toBeGreaterThan(0);
      expect(f.title.en.length).toBeGreaterThan(0);
      if (f.type === 'choice' && f.default !== undefined) expect(f.choices).toContain(f.default);
      if (f.type === 'lookup' || f.type === 'lookupMulti') expect(listKeys).toContain(f.list);
    }
    expect(spec.fields[0]?.internalName).toBe('Title');
  });

  it('orders lists so lookup targets come first', () => {
    const order = listsInDependencyOrder();
    expect(order).toHaveLength(listKeys.length);
    for (const key of order) {
      for (const f of listSpec(key).fields) {
        // A lookup to its own list (a system's dependencies) needs only the list itself.
        if ((f.type === 'lookup' || f.type === 'lookupMulti') && f.list !== key)
          expect(order.indexOf(f.list as never)).toBeLessThan(order.indexOf(key));
      }
    }
  });

  it('covers the register, incident and training facts the guidelines demand', () => {
    const keys = (k: (typeof listKeys)[number]) => listSpec(k).fields.map((f) => f.key);
    expect(keys('systems')).toEqual(
      expect.arrayContaining([
        'systemOwner',
        'systemAdministrator',
        'department',
        'supplier',
        'subSuppliers',
        'contractEndDate',
        'contractSecurityRequirements',
        'costLicences',
        'confidentiality',
        'integrity',
        'availability',
        'traceability',
        'criticality',
        'acceptedDowntimeHours',
        'restorePriority',
        'continuityPlanTestedDate',
        'lastReviewDate',
        'lifecycleStatus',
      ]),
    );
    expect(keys('incidents')).toEqual(
      expect.arrayContaining([
        'submissionKey',
        'referenceNumber',
        'detectedAt',
        'awareAt',
        'affectedSystems',
        'nis2Significant',
        'personalDataInvolved',
        'rootCause',
        'lessonsLearned',
      ]),
    );
    const key = listSpec('incidents').fields.find((f) => f.key === 'submissionKey')!;
    expect(key.unique && key.indexed).toBe(true);
    // The trust model: nobody but coordinators (read) and admins holds a permission on incidents,
    // and nothing relies on ReadSecurity (an Edit holder could switch it off).
    expect(listSpec('incidents').permissions).toEqual({ securityCoordinators: 'read', admins: 'fullControl' });
    expect(listSpec('incidents').readSecurity).toBe(1);
    // Nobody but admins holds Edit (Manage Lists) on any Systemkoll list.
    for (const key of listKeys) expect(Object.values(listSpec(key).permissions)).not.toContain('edit');
  });

  it('derives domain types from the schema', () => {
    expectTypeOf<SystemRecord['criticality']>().toEqualTypeOf<'verksamhetskritisk' | 'övrig' | null>();
    expectTypeOf<SystemRecord['systemOwner']>().toEqualTypeOf<PersonRef | null>();
    expectTypeOf<SystemRecord['title']>().toEqualTypeOf<string>();
    expectTypeOf<Incident['affectedSystems']>().toEqualTypeOf<LookupRef[]>();
    expectTypeOf<DraftOf<'timeline'>>().toHaveProperty('incident');
    // Required fields are required in drafts; optional ones may be left out.
    const draft: DraftOf<'systems'> = { title: 'Ekonomisystem' };
    expect(draft.title).toBe('Ekonomisystem');
  });

  it('docs/schema.md is generated from the current schema', () => {
    expect(readFileSync('docs/schema.md', 'utf8')).toBe(renderSchemaDoc());
    expect(renderSchemaDoc()).toContain(`Schemaversion **${siteSchema.version}**`);
  });
});
