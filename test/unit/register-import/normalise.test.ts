/** The rules for reading messy register values (src/domain/register-import/normalise.ts). */
import { describe, expect, it } from 'vitest';
import {
  cellText,
  excelSerialToDate,
  isPlaceholder,
  meaningful,
  normaliseKey,
  parseCalendarDate,
  parseClassification,
  parseNumber,
  parseYesNo,
  splitPeople,
} from '../../../src/domain/register-import/normalise.js';

describe('normaliseKey', () => {
  it('ignores case, diacritics, punctuation and runs of spaces', () => {
    expect(normaliseKey('  Förvaltning ')).toBe('forvaltning');
    expect(normaliseKey('SYSTEMÄGARE')).toBe('systemagare');
    expect(normaliseKey('Avtalet  löper_ut')).toBe('avtalet loper ut');
    expect(normaliseKey('Licenskostnad (kr/år)')).toBe('licenskostnad kr ar');
  });
});

describe('placeholders', () => {
  it('reads ".", "x", "-", "–", "saknas" and blanks as nothing', () => {
    for (const p of ['.', 'x', 'X', '-', '–', '—', 'saknas', 'Saknas', '', '   ', 'n/a', '--', '?']) expect(isPlaceholder(p)).toBe(true);
    expect(meaningful(' saknas ')).toBeNull();
    expect(meaningful('Visma')).toBe('Visma');
    expect(isPlaceholder('Xerox')).toBe(false);
  });
  it('turns Windows line ends and non-breaking spaces into plain text', () => {
    expect(cellText('rad 1\r\nrad 2\u00a0')).toBe('rad 1\nrad 2');
    expect(cellText(null)).toBe('');
    expect(cellText(12)).toBe('12');
  });
});

describe('parseYesNo', () => {
  it.each([
    ['Ja', true],
    ['JA', true],
    ['ja', true],
    ['TRUE', true],
    ['x', true],
    ['X', true],
    ['1', true],
    ['yes', true],
    ['nej', false],
    ['NEJ', false],
    ['0', false],
    ['FALSE', false],
    ['Nej, inte längre', false],
    ['Ja (känsliga)', true],
  ])('%s → %s', (text, value) => expect(parseYesNo(text)).toBe(value));
  it('takes booleans and 0/1 from Excel, blanks as null and anything else as not fitting', () => {
    expect(parseYesNo(true)).toBe(true);
    expect(parseYesNo(0)).toBe(false);
    expect(parseYesNo('')).toBeNull();
    expect(parseYesNo('-')).toBeNull();
    expect(parseYesNo('kanske')).toBeUndefined();
  });
});

describe('parseNumber', () => {
  it('reads Swedish and English numbers with spaces, currency and percent', () => {
    expect(parseNumber('1 234,50')).toBe(1234.5);
    expect(parseNumber('12 000 kr')).toBe(12000);
    expect(parseNumber('1.234,5')).toBe(1234.5);
    expect(parseNumber('1,234.5')).toBe(1234.5);
    expect(parseNumber('3.5')).toBe(3.5);
    expect(parseNumber('3,5')).toBe(3.5);
    expect(parseNumber('1\u00a0500 000')).toBe(1500000);
    expect(parseNumber(42)).toBe(42);
  });
  it('gives null for nothing and undefined for text', () => {
    expect(parseNumber('saknas')).toBeNull();
    expect(parseNumber('ca 4 timmar')).toBeUndefined();
    expect(parseNumber('Löpande')).toBeUndefined();
  });
});

describe('parseCalendarDate', () => {
  it('reads ISO, Swedish and Excel dates', () => {
    expect(parseCalendarDate('2027-03-31')).toBe('2027-03-31');
    expect(parseCalendarDate('2027-3-1')).toBe('2027-03-01');
    expect(parseCalendarDate('2027-03-31 00:00:00')).toBe('2027-03-31');
    expect(parseCalendarDate('31/3/2027')).toBe('2027-03-31');
    expect(parseCalendarDate('31.03.2027')).toBe('2027-03-31');
    expect(parseCalendarDate('31 mars 2027')).toBe('2027-03-31');
    expect(parseCalendarDate('1 okt. 2027')).toBe('2027-10-01');
    expect(parseCalendarDate('20270331')).toBe('2027-03-31');
    expect(parseCalendarDate('46477')).toBe('2027-03-31');
    expect(parseCalendarDate(46477)).toBe('2027-03-31');
    expect(parseCalendarDate(new Date(Date.UTC(2027, 2, 31)))).toBe('2027-03-31');
  });
  it('maps Excel serials across the 1900 leap-year quirk', () => {
    expect(excelSerialToDate(61)).toBe('1900-03-01');
    expect(excelSerialToDate(45658)).toBe('2025-01-01');
    expect(excelSerialToDate(-3)).toBeUndefined();
  });
  it('gives null for nothing and undefined for free text or impossible dates', () => {
    expect(parseCalendarDate('-')).toBeNull();
    expect(parseCalendarDate('Löpande – uppsägningstid 3–12 månader')).toBeUndefined();
    expect(parseCalendarDate('2027-02-30')).toBeUndefined();
    expect(parseCalendarDate('tillsvidare')).toBeUndefined();
  });
});

describe('parseClassification', () => {
  it('reads K R T (S) in one cell, any separator', () => {
    expect(parseClassification('K3 R2 T2')).toEqual({ confidentiality: 3, integrity: 2, availability: 2 });
    expect(parseClassification('K3/R2/T2/S1')).toEqual({ confidentiality: 3, integrity: 2, availability: 2, traceability: 1 });
    expect(parseClassification('k2,r3,t4,s2')).toEqual({ confidentiality: 2, integrity: 3, availability: 4, traceability: 2 });
    expect(parseClassification('K:1 R:1 T:1')).toEqual({ confidentiality: 1, integrity: 1, availability: 1 });
  });
  it('gives null when missing and undefined for what is no classification', () => {
    expect(parseClassification('')).toBeNull();
    expect(parseClassification('saknas')).toBeNull();
    expect(parseClassification('Hög')).toBeUndefined();
    expect(parseClassification('K5 R2 T2')).toBeUndefined();
    expect(parseClassification('K3 K2')).toBeUndefined();
  });
});

describe('splitPeople', () => {
  it('splits several addresses in one cell', () => {
    expect(splitPeople('anna@kommun.se; bo@kommun.se, cia@kommun.se').map((p) => p.email)).toEqual([
      'anna@kommun.se',
      'bo@kommun.se',
      'cia@kommun.se',
    ]);
    expect(splitPeople('Anna@Kommun.se\nbo@kommun.se').map((p) => p.email)).toEqual(['anna@kommun.se', 'bo@kommun.se']);
    expect(splitPeople('anna@kommun.se / bo@kommun.se').map((p) => p.email)).toEqual(['anna@kommun.se', 'bo@kommun.se']);
  });
  it('keeps names with and without addresses', () => {
    expect(splitPeople('Anna Svensson <anna@kommun.se>, Bo Ek')).toEqual([
      { email: 'anna@kommun.se', name: 'Anna Svensson', text: 'Anna Svensson <anna@kommun.se>' },
      { email: null, name: 'Bo Ek', text: 'Bo Ek' },
    ]);
    expect(splitPeople('Anna och Bo').map((p) => p.name)).toEqual(['Anna', 'Bo']);
  });
  it('finds nobody in a placeholder', () => {
    expect(splitPeople('saknas')).toEqual([]);
    expect(splitPeople('-')).toEqual([]);
    expect(splitPeople('anna@kommun.se; -')).toHaveLength(1);
  });
});
