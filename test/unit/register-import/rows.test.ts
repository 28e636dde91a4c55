/** One row → register values (src/domain/register-import/rows.ts). */
import { describe, expect, it } from 'vitest';
import { listSpec } from '../../../src/shared/schema/index.js';
import { mapColumns } from '../../../src/domain/register-import/columns.js';
import {
  changedValues,
  interpretRow,
  notesFieldOf,
  systemKey,
  withMisfits,
  type Resolvers,
} from '../../../src/domain/register-import/rows.js';
import type { Cell } from '../../../src/domain/register-import/normalise.js';

const fields = listSpec('systems').fields;
const notes = notesFieldOf(fields);
const people: Record<string, number> = { 'anna@kommun.se': 11, 'bo@kommun.se': 12 };
const departments: Record<string, number> = { socialforvaltningen: 1, sof: 1, 'barn och utbildning': 2 };
const resolvers: Resolvers = {
  person: (email) => (people[email] ? { id: people[email]! } : null),
  lookup: (_f, text) => {
    const id = departments[text.toLowerCase().replace(/ö/g, 'o').replace(/ä/g, 'a').replace(/-/g, ' ')];
    return id ? { id } : null;
  },
  choiceLabels: { hosting: { 'egen drift': 'egen drift' } },
};

function row(headers: string[], cells: Cell[]) {
  return interpretRow(mapColumns(headers, fields), fields, cells, resolvers, notes);
}

describe('interpretRow', () => {
  it('reads a tidy row', () => {
    const r = row(
      ['Systemnamn', 'Förvaltning', 'Systemägare', 'Driftform', 'Personuppgifter', 'Avtalet löper ut', 'Licenskostnad'],
      ['Procapita', 'Socialförvaltningen', 'anna@kommun.se', 'Egen drift', 'JA', '2027-03-31', '120 000 kr'],
    );
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.values).toEqual({
      title: 'Procapita',
      department: { id: 1 },
      systemOwner: { id: 11 },
      hosting: 'egen drift',
      personalData: true,
      contractEndDate: '2027-03-31',
      costLicences: 120000,
    });
  });

  it('makes several förvaltare in one cell the team, the first the accountable administrator', () => {
    const r = row(['System', 'Förvaltare'], ['Lön', 'anna@kommun.se; bo@kommun.se']);
    expect(r.values.systemAdministrator).toEqual({ id: 11 });
    expect(r.values.administrators).toEqual([{ id: 11 }, { id: 12 }]);
    expect(r.warnings).toEqual([]);
  });

  it('keeps extra people of a one-person field in the note when the team has its own column', () => {
    const r = row(['System', 'Förvaltare', 'Förvaltningsteam'], ['Lön', 'anna@kommun.se, bo@kommun.se', 'bo@kommun.se']);
    expect(r.values).toMatchObject({ systemAdministrator: { id: 11 }, administrators: [{ id: 12 }] });
    expect(r.misfits).toEqual(['Förvaltare: bo@kommun.se']);
    expect(r.warnings[0]).toContain('Kolumnen "Förvaltare": "bo@kommun.se"');
    const owners = row(['System', 'Systemägare'], ['Lön', 'anna@kommun.se; bo@kommun.se']);
    expect(owners.values.systemOwner).toEqual({ id: 11 });
    expect(owners.misfits).toEqual(['Systemägare: bo@kommun.se']);
  });

  it('reports unknown people naming the column and value, and invents nobody', () => {
    const r = row(['System', 'Systemägare', 'Förvaltare'], ['Lön', 'okand@kommun.se', 'Bo Ek']);
    expect(r.values).not.toHaveProperty('systemOwner');
    expect(r.values).not.toHaveProperty('systemAdministrator');
    expect(r.warnings).toEqual([
      'Kolumnen "Systemägare": "okand@kommun.se" finns inte i katalogen och kopplades inte till någon användare; texten sparas i "Anteckningar från import".',
      'Kolumnen "Förvaltare": "Bo Ek" saknar e-postadress och kan inte kopplas till en användare; texten sparas i "Anteckningar från import".',
    ]);
  });

  it('reads placeholders as empty', () => {
    const r = row(['System', 'Leverantör', 'Systemägare', 'Avtalet löper ut', 'Personuppgifter'], ['Lön', '.', 'saknas', '–', '-']);
    expect(r.values).toEqual({ title: 'Lön', supplier: null, systemOwner: null, contractEndDate: null, personalData: null });
    expect(r.warnings).toEqual([]);
  });

  it('keeps free text in a date column in the note, with a warning, never dropped', () => {
    const r = row(['System', 'Avtalet löper ut'], ['Lön', 'Löpande – uppsägningstid 3–12 månader']);
    expect(r.values).not.toHaveProperty('contractEndDate');
    expect(r.misfits).toEqual(['Avtalet löper ut: Löpande – uppsägningstid 3–12 månader']);
    expect(r.warnings).toEqual([
      'Kolumnen "Avtalet löper ut": "Löpande – uppsägningstid 3–12 månader" är inget datum; texten sparas i "Anteckningar från import".',
    ]);
  });

  it('reads yes/no in every spelling, also for a ja/nej choice', () => {
    const r = row(['System', 'Personuppgifter', 'Känsliga personuppgifter', 'Säkerhetskrav i avtalet'], ['Lön', 'x', '0', 'TRUE']);
    expect(r.values).toMatchObject({ personalData: true, sensitivePersonalData: false, contractSecurityRequirements: 'ja' });
    expect(row(['System', 'Personuppgifter'], ['Lön', 'kanske']).warnings[0]).toContain('"kanske" är varken ja eller nej');
  });

  it('reads a combined classification, and separate K/R/T/S columns override it', () => {
    expect(row(['System', 'Klassning'], ['Lön', 'K3 R2 T2']).values).toMatchObject({
      confidentiality: 3,
      integrity: 2,
      availability: 2,
      traceability: null,
    });
    expect(row(['System', 'KRTS', 'S'], ['Lön', 'K3/R2/T2/S1', '4']).values).toMatchObject({ confidentiality: 3, traceability: 4 });
    const missing = row(['System', 'Klassning'], ['Lön', '']);
    expect(missing.values).toMatchObject({ confidentiality: null, integrity: null, availability: null, traceability: null });
    const odd = row(['System', 'Klassning'], ['Lön', 'Hög']);
    expect(odd.misfits).toEqual(['Klassning: Hög']);
  });

  it('reads Excel serials and Swedish dates, numbers out of range go to the note', () => {
    const r = row(['System', 'Klassningsdatum', 'Avtalet löper ut', 'Konfidentialitet (K)'], ['Lön', 46477, '31/12/2026', '7']);
    expect(r.values).toMatchObject({ classificationDate: '2027-03-31', contractEndDate: '2026-12-31' });
    expect(r.misfits).toEqual(['Konfidentialitet (K): 7']);
  });

  it('reports an unknown förvaltning and a missing name', () => {
    const r = row(['System', 'Förvaltning'], ['Lön', 'Hamnbolaget']);
    expect(r.values.department).toBeNull();
    expect(r.warnings[0]).toBe('Kolumnen "Förvaltning": "Hamnbolaget" finns inte i listan "Förvaltning"; fältet lämnas tomt.');
    expect(row(['System', 'Förvaltning'], ['', 'SOF']).errors).toEqual(['Systemnamnet saknas – raden kan inte importeras.']);
    expect(row(['System', 'Förvaltning'], ['saknas', 'SOF']).errors).toEqual(['Systemnamnet saknas – raden kan inte importeras.']);
    expect(row(['System'], ['Lön\r\nsystem']).title).toBe('Lön system');
  });

  it('reads the old "samhällsviktig" level as samhällsviktig = ja + verksamhetskritisk', () => {
    expect(row(['System', 'Kritikalitet'], ['Lön', 'Samhällsviktig']).values).toMatchObject({
      criticality: 'verksamhetskritisk',
      societallyCritical: true,
    });
  });

  it('matches choices by label and value, any case', () => {
    expect(row(['System', 'Kritikalitet'], ['Lön', 'ÖVRIG']).values.criticality).toBe('övrig');
    expect(row(['System', 'Typ'], ['Lön', 'Gemensam infrastruktur']).values.systemType).toBe('gemensam infrastruktur');
    expect(row(['System', 'Kritikalitet'], ['Lön', 'Mycket hög']).warnings[0]).toContain('är inget av alternativen');
  });
});

describe('dependencies', () => {
  it('waits for a system the same file creates instead of warning; warns for one nobody has', () => {
    const cols = mapColumns(['System', 'Beroende av'], fields);
    const later: Resolvers = { ...resolvers, lookup: () => null, later: (_f, text) => text === 'AD' };
    const waits = interpretRow(cols, fields, ['Lön', 'AD'], later, notes);
    expect(waits.deferred).toBe(true);
    expect(waits.values).not.toHaveProperty('dependsOn');
    expect(waits.warnings).toEqual([]);
    const unknown = interpretRow(cols, fields, ['Lön', 'Stordator'], later, notes);
    expect(unknown.deferred).toBe(false);
    expect(unknown.values.dependsOn).toEqual([]);
    expect(unknown.warnings[0]).toBe(
      'Kolumnen "Beroende av": "Stordator" finns inte i listan "Beroende av"; fältet lämnas utan det värdet.',
    );
    const found = interpretRow(
      cols,
      fields,
      ['Lön', 'AD; Nätverk'],
      { ...resolvers, lookup: (_f, t) => ({ id: t === 'AD' ? 7 : 8 }) },
      notes,
    );
    expect(found.values.dependsOn).toEqual([{ id: 7 }, { id: 8 }]);
  });
});

describe('matching and changes', () => {
  it('keys a system by name and förvaltning, case and diacritics aside', () => {
    expect(systemKey('Lönesystem', 1)).toBe(systemKey('LÖNESYSTEM ', 1));
    expect(systemKey('Lönesystem', 1)).not.toBe(systemKey('Lönesystem', 2));
  });
  it('writes only what differs, and nothing empty for a new system', () => {
    const existing = {
      title: 'Lön',
      department: { id: 1, title: 'SOF' },
      systemOwner: { id: 11, title: 'Anna' },
      supplier: null,
      personalData: true,
    };
    expect(
      changedValues(fields, { title: 'Lön', department: { id: 1 }, systemOwner: { id: 11 }, supplier: '', personalData: true }, existing),
    ).toEqual({});
    expect(changedValues(fields, { title: 'Lön', supplier: 'Visma', personalData: false }, existing)).toEqual({
      supplier: 'Visma',
      personalData: false,
    });
    expect(changedValues(fields, { title: 'Lön', supplier: null }, null)).toEqual({ title: 'Lön' });
  });
  it('adds misfit lines to a note once', () => {
    const once = withMisfits('Lönesystemet.', ['Avtalet löper ut: Löpande']);
    expect(once).toBe('Lönesystemet.\n\nFrån importen (värden som inte passade sitt fält):\n- Avtalet löper ut: Löpande');
    expect(withMisfits(once, ['Avtalet löper ut: Löpande'])).toBe(once);
    expect(withMisfits(once, ['Förvaltare: bo@kommun.se'])).toBe(`${once}\n- Förvaltare: bo@kommun.se`);
    expect(withMisfits(null, [])).toBeNull();
  });
});
