import { describe, expect, it } from 'vitest';
import { classificationSummary, highestLevel, isFullyClassified } from '../../../src/domain/classification.js';
import { formatIncidentReference, incidentReferenceAt, parseIncidentReference } from '../../../src/domain/incident-reference.js';
import { hasAnyRole, rolesFromMembership } from '../../../src/domain/roles.js';

const none = { confidentiality: null, integrity: null, availability: null, traceability: null };

describe('classification summary', () => {
  it('includes S (spårbarhet) and uses the language’s letters', () => {
    const levels = { confidentiality: 3, integrity: 2, availability: 4, traceability: 2 };
    expect(classificationSummary(levels, 'sv')).toBe('K3 R2 T4 S2');
    expect(classificationSummary(levels, 'en')).toBe('C3 I2 A4 T2');
  });

  it('marks missing aspects and gives null for an unclassified system', () => {
    expect(classificationSummary({ ...none, confidentiality: 3, availability: 4 }, 'sv')).toBe('K3 R– T4 S–');
    expect(classificationSummary(none, 'sv')).toBeNull();
    expect(classificationSummary({ ...none, integrity: 7 }, 'sv')).toBeNull();
  });

  it('knows the highest level and whether all four aspects are set', () => {
    expect(highestLevel({ confidentiality: 1, integrity: 3, availability: 2, traceability: null })).toBe(3);
    expect(highestLevel(none)).toBeNull();
    expect(isFullyClassified({ confidentiality: 1, integrity: 3, availability: 2, traceability: null })).toBe(false);
    expect(isFullyClassified({ confidentiality: 1, integrity: 3, availability: 2, traceability: 1 })).toBe(true);
  });
});

describe('incident reference numbers', () => {
  it('formats INC-<year>-<at least four digits>', () => {
    expect(formatIncidentReference(2026, 42)).toBe('INC-2026-0042');
    expect(formatIncidentReference(2026, 12345)).toBe('INC-2026-12345');
    expect(() => formatIncidentReference(2026, 0)).toThrow(/löpnummer/);
  });

  it('takes the Stockholm year of the report, not the UTC year', () => {
    expect(incidentReferenceAt('2026-12-31T23:30:00Z', 1)).toBe('INC-2027-0001');
    expect(incidentReferenceAt('2026-12-31T22:30:00Z', 7)).toBe('INC-2026-0007');
  });

  it('parses what it formats and refuses anything else', () => {
    expect(parseIncidentReference('INC-2026-0042')).toEqual({ year: 2026, sequence: 42 });
    expect(parseIncidentReference('INC-26-42')).toBeNull();
  });
});

describe('roles from group membership', () => {
  const groupTitles = {
    employees: 'Systemkoll Medarbetare',
    systemOwners: 'Systemkoll Systemägare och förvaltare',
    securityCoordinators: 'Systemkoll Informationssäkerhet',
    admins: 'Systemkoll Administratörer',
  };

  it('maps each Systemkoll group to its role and makes every role holder an employee', () => {
    expect(rolesFromMembership({ memberOf: ['Systemkoll Informationssäkerhet'], groupTitles, isSiteAdmin: false })).toEqual([
      'employee',
      'securityCoordinator',
    ]);
    expect(rolesFromMembership({ memberOf: ['Systemkoll Medarbetare', 'Andra gruppen'], groupTitles, isSiteAdmin: false })).toEqual([
      'employee',
    ]);
  });

  it('gives a site collection administrator the admin role, and nobody else any role from other groups', () => {
    expect(rolesFromMembership({ memberOf: [], groupTitles, isSiteAdmin: true })).toEqual(['employee', 'admin']);
    expect(rolesFromMembership({ memberOf: ['Besökare'], groupTitles, isSiteAdmin: false })).toEqual([]);
  });

  it('answers whether someone holds any of the wanted roles', () => {
    expect(hasAnyRole(['employee', 'admin'], 'securityCoordinator', 'admin')).toBe(true);
    expect(hasAnyRole(['employee'], 'admin')).toBe(false);
    expect(hasAnyRole(undefined, 'employee')).toBe(false);
  });
});
