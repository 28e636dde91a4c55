import { describe, expect, it } from 'vitest';
import { where } from '../../../src/shared/data/filter.js';

describe('filter builder', () => {
  const s = where('systems');

  it('escapes apostrophes so input cannot change the query', () => {
    expect(s.eq('supplier', "O'Brien AB").odata).toBe("Supplier eq 'O''Brien AB'");
    const attack = "x' or Title ne 'y";
    expect(s.eq('title', attack).odata).toBe("Title eq 'x'' or Title ne ''y'");
    expect(s.startsWith('title', "Ekon'")).toEqual({ odata: "startswith(Title,'Ekon''')" });
    expect(s.contains('title', 'lön').odata).toBe("substringof('lön',Title)");
  });

  it('writes each type as SharePoint expects', () => {
    expect(s.eq('systemOwner', { id: 5 }).odata).toBe('SystemOwnerId eq 5');
    expect(s.eq('department', 3).odata).toBe('DepartmentId eq 3');
    expect(s.eq('personalData', true).odata).toBe('PersonalData eq 1');
    expect(s.ge('confidentiality', 3).odata).toBe('Confidentiality ge 3');
    expect(s.lt('lastReviewDate', '2025-11-21').odata).toBe("LastReviewDate lt datetime'2025-11-21T12:00:00Z'");
    expect(where('incidents').ge('awareAt', new Date('2026-03-29T01:30:00.000Z')).odata).toBe("AwareAt ge datetime'2026-03-29T01:30:00Z'");
    expect(s.isNull('systemOwner').odata).toBe('SystemOwnerId eq null');
    expect(s.eq('id', 4).odata).toBe('Id eq 4');
  });

  it('combines with and/or and skips empty parts', () => {
    const f = s.and(s.eq('criticality', 'verksamhetskritisk'), false, s.or(s.isNull('systemOwner'), s.isNull('systemAdministrator')));
    expect(f.odata).toBe("(Criticality eq 'verksamhetskritisk') and ((SystemOwnerId eq null) or (SystemAdministratorId eq null))");
    expect(s.and().odata).toBe('');
  });

  it('refuses what SharePoint cannot do', () => {
    expect(() => where('incidents').eq('affectedSystems' as never, 3)).toThrow(/flera värden/);
    expect(() => s.eq('confidentiality', Number.NaN)).toThrow(/tal/);
    expect(() => s.eq('personalData', 'ja' as never)).toThrow(/sant\/falskt/);
    expect(() => s.eq('nope' as never, 1)).toThrow(/Okänt fält/);
    expect(() => s.lt('title', null)).toThrow(/null/);
  });
});
