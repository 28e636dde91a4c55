import { describe, expect, it } from 'vitest';
import { fromItem, toItem, selectFor } from '../../../src/shared/data/mapping.js';
import type { SystemRecord, Incident } from '../../../src/shared/schema/index.js';

describe('item ↔ domain mapping', () => {
  it('maps persons, lookups, dates and choices to SharePoint JSON', () => {
    const body = toItem('systems', {
      title: 'Lönesystem',
      systemOwner: { id: 12, title: 'Anna' },
      department: { id: 3 },
      contractEndDate: '2026-12-31',
      criticality: 'verksamhetskritisk',
      personalData: true,
      confidentiality: 3,
    });
    expect(body).toEqual({
      Title: 'Lönesystem',
      SystemOwnerId: 12,
      DepartmentId: 3,
      ContractEndDate: '2026-12-31T12:00:00Z',
      Criticality: 'verksamhetskritisk',
      PersonalData: true,
      Confidentiality: 3,
    });
    expect(toItem('incidents', { affectedSystems: [{ id: 1 }, { id: 4 }] })).toEqual({ AffectedSystemsId: [1, 4] });
    expect(toItem('systems', { systemOwner: null })).toEqual({ SystemOwnerId: null });
  });

  it('rejects fields the schema does not know (SharePoint would answer 400)', () => {
    expect(() => toItem('systems', { ownr: 1 })).toThrow(/Okänt fält 'ownr'/);
    expect(() => toItem('systems', { contractEndDate: '31/12/2026' })).toThrow(/Ogiltigt datum/);
  });

  it('reads an item with expanded persons and lookups', () => {
    const record = fromItem<SystemRecord>('systems', {
      'odata.etag': '"\\"4\\""',
      Id: 7,
      Title: 'GIS',
      Created: '2025-01-01T10:00:00Z',
      Modified: '2025-02-01T10:00:00Z',
      AuthorId: 1,
      EditorId: 2,
      SystemOwnerId: 12,
      SystemOwner: { Id: 12, Title: 'Anna Lind', EMail: 'anna.lind@exempelkommun.se' },
      SystemAdministratorId: null,
      DepartmentId: 3,
      Department: { Id: 3, Title: 'Samhällsbyggnad' },
      ContractEndDate: '2026-03-29T12:00:00Z',
      PersonalData: false,
      Confidentiality: null,
      Criticality: 'övrig',
    });
    expect(record.id).toBe(7);
    expect(record.etag).toBe('"\\"4\\""');
    expect(record.systemOwner).toEqual({ id: 12, title: 'Anna Lind', email: 'anna.lind@exempelkommun.se' });
    expect(record.systemAdministrator).toBeNull();
    expect(record.department).toEqual({ id: 3, title: 'Samhällsbyggnad' });
    expect(record.contractEndDate).toBe('2026-03-29');
    expect(record.personalData).toBe(false);
    expect(record.confidentiality).toBeNull();
    expect(record.supplier).toBeNull();
  });

  it('reads calendar dates in Europe/Stockholm, across DST', () => {
    // 23:30 UTC on 28 March 2026 is already 29 March in Stockholm (CET, +1).
    const winter = fromItem<SystemRecord>('systems', { Id: 1, LastReviewDate: '2026-03-28T23:30:00Z' });
    expect(winter.lastReviewDate).toBe('2026-03-29');
    // 22:30 UTC on 24 October 2026 is 00:30 on 25 October in Stockholm (CEST, +2).
    const summer = fromItem<SystemRecord>('systems', { Id: 1, LastReviewDate: '2026-10-24T22:30:00Z' });
    expect(summer.lastReviewDate).toBe('2026-10-25');
    // What we write (12:00 UTC) reads back as the same day all year.
    for (const day of ['2026-03-29', '2026-10-25', '2026-12-31', '2026-06-21']) {
      const back = fromItem<SystemRecord>('systems', { Id: 1, ...toItem('systems', { lastReviewDate: day }) });
      expect(back.lastReviewDate).toBe(day);
    }
  });

  it('reads multi-lookups with or without expansion', () => {
    const plain = fromItem<Incident>('incidents', { Id: 1, AffectedSystemsId: [3, 5] });
    expect(plain.affectedSystems).toEqual([{ id: 3 }, { id: 5 }]);
    const verbose = fromItem<Incident>('incidents', { Id: 1, AffectedSystemsId: { results: [9] } });
    expect(verbose.affectedSystems).toEqual([{ id: 9 }]);
    const expanded = fromItem<Incident>('incidents', { Id: 1, AffectedSystems: [{ Id: 3, Title: 'GIS' }], AffectedSystemsId: [3] });
    expect(expanded.affectedSystems).toEqual([{ id: 3, title: 'GIS' }]);
    expect(fromItem<Incident>('incidents', { Id: 1 }).affectedSystems).toEqual([]);
  });

  it('selects ids and expands every person and lookup', () => {
    const { select, expand } = selectFor('incidents');
    expect(select).toEqual(
      expect.arrayContaining(['Id', 'ReporterId', 'Reporter/Title', 'Reporter/EMail', 'AffectedSystems/Title', 'SubmissionKey']),
    );
    expect(expand).toEqual(expect.arrayContaining(['Reporter', 'Assignee', 'AffectedSystems']));
  });
});

describe('writes never default to last-writer-wins', () => {
  it('requires an explicit etag for update and remove (a compile error otherwise)', () => {
    const repo = null as unknown as import('../../../src/shared/data/index.js').ListRepository<'systems'>;
    const call = () => {
      // @ts-expect-error the etag is required: '*' must be written out where it is meant
      void repo.update(1, { title: 'x' });
      // @ts-expect-error the etag is required
      void repo.remove(1);
    };
    expect(typeof call).toBe('function');
  });
});
