import { describe, expect, it } from 'vitest';
import { siteSchema } from '../../../src/shared/schema/index.js';
import { choiceLabel, translator } from '../../../src/shared/i18n/catalogue.js';

const choiceFields = Object.entries(siteSchema.lists).flatMap(([list, spec]) =>
  spec.fields.flatMap((f) => (f.type === 'choice' ? f.choices.map((value) => ({ field: `${list}.${f.key}`, value })) : [])),
);

describe('choice labels in the one catalogue', () => {
  it('covers the schema (there are choice fields to check)', () => {
    expect(choiceFields.length).toBeGreaterThan(50);
  });

  it.each(['sv', 'en'] as const)('every choice the schema stores has a %s label', (lang) => {
    const t = translator(lang);
    const missing = choiceFields.filter(
      ({ field, value }) => !t(`choices.${field}.${value}`, { lng: lang, fallbackLng: false, defaultValue: '' }),
    );
    expect(missing).toEqual([]);
  });

  it('shows labels, not stored values', () => {
    expect(choiceLabel('sv', 'systems.criticality', 'verksamhetskritisk')).toBe('Verksamhetskritisk');
    expect(choiceLabel('en', 'systems.criticality', 'verksamhetskritisk')).toBe('Business-critical');
    expect(choiceLabel('en', 'incidents.status', 'under bedömning')).toBe('Being assessed');
    expect(choiceLabel('sv', 'systems.criticality', null)).toBeNull();
  });
});
