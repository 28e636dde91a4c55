/** Column mapping from headers (src/domain/register-import/columns.ts), driven by the schema. */
import { describe, expect, it } from 'vitest';
import { listSpec, type FieldSpec } from '../../../src/shared/schema/index.js';
import { mapColumns, mappingToSave, suggestTarget } from '../../../src/domain/register-import/columns.js';

const fields = listSpec('systems').fields;

describe('suggestTarget', () => {
  it.each([
    ['Systemnamn', 'title'],
    ['SYSTEM', 'title'],
    ['System name', 'title'],
    ['Förvaltning', 'department'],
    ['forvaltning', 'department'],
    ['Department', 'department'],
    ['Systemägare', 'systemOwner'],
    ['System owner', 'systemOwner'],
    ['Förvaltare', 'systemAdministrator'],
    ['Systemförvaltare', 'systemAdministrator'],
    ['Leverantör', 'supplier'],
    ['Avtalet löper ut', 'contractEndDate'],
    ['Avtalsslut', 'contractEndDate'],
    ['Contract end date', 'contractEndDate'],
    ['Licenskostnad (kr/år)', 'costLicences'],
    ['Licenskostnad', 'costLicences'],
    ['Konfidentialitet (K)', 'confidentiality'],
    ['K', 'confidentiality'],
    ['Klassning', 'classification'],
    ['KRTS', 'classification'],
    ['Personuppgifter', 'personalData'],
    ['Samhällsviktig', 'societallyCritical'],
    ['Externt ID', 'externalId'],
    ['Beroenden', 'dependsOn'],
    ['Övrigt', 'importNotes'],
    ['Kritikalitet', 'criticality'],
    ['Känsliga personuppgifter', 'sensitivePersonalData'],
    ['Driftform', 'hosting'],
    ['ContractEndDate', 'contractEndDate'],
    ['contract end date', 'contractEndDate'],
  ])('%s → %s', (header, target) => expect(suggestTarget(header, fields)).toBe(target));

  it('suggests nothing for unknown headers', () => {
    expect(suggestTarget('Kommentar från enkäten', fields)).toBeNull();
    expect(suggestTarget('', fields)).toBeNull();
  });

  it('follows the schema: a field added later is matched by its own titles and synonyms', () => {
    const v1 = fields.filter((f) => f.key !== 'externalId' && f.key !== 'administrators');
    const withNew: FieldSpec[] = [
      ...v1,
      { key: 'externalId', internalName: 'ExternalId', type: 'text', title: { sv: 'Externt id', en: 'External id' } },
      { key: 'administrators', internalName: 'Administrators', type: 'userMulti', title: { sv: 'Förvaltningsteam', en: 'Administrators' } },
    ];
    expect(suggestTarget('Externt ID', withNew)).toBe('externalId');
    expect(suggestTarget('System-id', withNew)).toBe('externalId');
    expect(suggestTarget('Förvaltningsteam', withNew)).toBe('administrators');
    expect(
      suggestTarget(
        'Externt ID',
        fields.filter((f) => f.key !== 'externalId'),
      ),
    ).toBeNull();
  });
});

describe('mapColumns', () => {
  const headers = ['System', 'Förvaltning', 'Övrigt', 'Leverantör', 'System'];
  it('lets an explicit mapping win over a saved one, and a saved one over a suggestion', () => {
    const cols = mapColumns(headers, fields, {
      explicit: { övrigt: 'description' },
      saved: { LEVERANTOR: 'subSuppliers', Övrigt: 'ignore' },
    });
    expect(cols.map((c) => [c.target, c.source])).toEqual([
      ['title', 'suggested'],
      ['department', 'suggested'],
      ['description', 'explicit'],
      ['subSuppliers', 'saved'],
      [null, 'none'],
    ]);
  });
  it('ignores a mapping to a field the schema does not have, and honours "ignore"', () => {
    const cols = mapColumns(headers, fields, { explicit: { Leverantör: 'nosuchfield', Förvaltning: 'ignore' } });
    expect(cols[1]).toMatchObject({ target: null, source: 'explicit' });
    expect(cols[3]).toMatchObject({ target: 'supplier', source: 'suggested' });
  });
  it('saves what was mapped and explicit ignores, not columns nothing matched', () => {
    const cols = mapColumns(headers, fields, { explicit: { Förvaltning: 'ignore' } });
    expect(mappingToSave(cols, { gammal: 'supplier' })).toEqual({
      gammal: 'supplier',
      system: 'title',
      forvaltning: 'ignore',
      ovrigt: 'importNotes',
      leverantor: 'supplier',
    });
  });
});
