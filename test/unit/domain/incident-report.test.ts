import { describe, expect, it } from 'vitest';
import { DESCRIPTION_MAX, TITLE_MAX, incidentFromReport, validateReportInput } from '../../../src/domain/incident-report.js';
import { formatters } from '../../../src/shared/i18n/catalogue.js';

const NOW = new Date('2026-11-20T10:00:00Z');
const valid = { title: 'Nätfiske', description: 'Ett mejl bad mig logga in.', systemId: '', personalData: 'vet ej' };

describe('validateReportInput', () => {
  it('accepts a valid report, tidying whitespace in the title', () => {
    expect(validateReportInput({ ...valid, title: '  Stulen   dator ', systemId: '4' }, [4], NOW)).toEqual({
      ok: true,
      value: {
        title: 'Stulen dator',
        description: 'Ett mejl bad mig logga in.',
        systemId: 4,
        systemIds: [4],
        personalData: 'vet ej',
        occurredAt: null,
        detectedAt: null,
        type: 'händelse',
        category: null,
        ongoing: null,
      },
    });
  });

  it('reports every problem at once, with the limits', () => {
    const r = validateReportInput({ title: '', description: ' ', systemId: '9', personalData: 'kanske' }, [4], NOW);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems.map((p) => p.code)).toEqual(['titleMissing', 'descriptionMissing', 'personalDataMissing', 'systemUnknown']);
    const long = validateReportInput({ ...valid, title: 'x'.repeat(TITLE_MAX + 1), description: 'd'.repeat(DESCRIPTION_MAX + 1) }, [], NOW);
    expect(!long.ok && long.problems).toEqual([
      { code: 'titleTooLong', max: TITLE_MAX },
      { code: 'descriptionTooLong', max: DESCRIPTION_MAX },
    ]);
  });

  it('takes exactly the title length limit and refuses a system id that is not a whole number', () => {
    expect(validateReportInput({ ...valid, title: 'x'.repeat(TITLE_MAX) }, [], NOW).ok).toBe(true);
    const r = validateReportInput({ ...valid, systemId: '4.5' }, [4], NOW);
    expect(!r.ok && r.problems).toEqual([{ code: 'systemUnknown' }]);
  });
});

describe('incidentFromReport', () => {
  const report = {
    title: 'T',
    description: 'D',
    systemId: 3,
    systemIds: [3],
    personalData: 'ja' as const,
    occurredAt: null,
    detectedAt: null,
    type: 'händelse' as const,
    category: null,
    ongoing: null,
  };

  it('records the known reporter and the time given, with no notes', () => {
    const draft = incidentFromReport({
      report,
      reporter: { siteUserId: 12, fallbackId: 'x' },
      submissionKey: 'k',
      now: new Date('2026-03-29T01:30:00Z'),
    });
    expect(draft).toMatchObject({ reporter: { id: 12 }, reportedAt: '2026-03-29T01:30:00.000Z', source: 'övrigt', description: 'D' });
  });

  it('writes the chat message’s send time in Stockholm time and names an unknown reporter', () => {
    const draft = incidentFromReport({
      report,
      source: { text: 'x', senderName: 'Olle', createdAt: '2026-07-01T08:15:00Z' },
      reporter: { siteUserId: null, name: 'Nils', upn: 'nils@x.se', fallbackId: '29:x' },
      submissionKey: 'k',
      now: new Date('2026-07-01T09:00:00Z'),
    });
    expect(draft.description).toBe(
      'D\n\n— Från chattmeddelande av Olle, skickat 1 juli 2026 10:15. Rapporterad via Teams av Nils, nils@x.se.',
    );
    expect('reporter' in draft).toBe(false);
    expect(draft.source).toBe('Teams-chatt');
  });

  it('writes dates the way the catalogue does for Swedish (one format everywhere)', () => {
    for (const createdAt of ['2026-01-05T23:30:00Z', '2026-10-24T08:05:00Z']) {
      const draft = incidentFromReport({
        report,
        source: { text: 'x', createdAt },
        reporter: { siteUserId: 1, fallbackId: '29:x' },
        submissionKey: 'k',
        now: new Date('2026-10-24T09:00:00Z'),
      });
      expect(draft.description).toContain(`skickat ${formatters('sv').dateTime(createdAt)}.`);
    }
  });
});

describe('validateReportInput: when, what kind, which systems', () => {
  // 2026-11-20 11:00 in Stockholm (CET, UTC+1).
  const now = new Date('2026-11-20T10:00:00Z');
  const check = (extra: Partial<Parameters<typeof validateReportInput>[0]>, systems: number[] = [4, 9]) =>
    validateReportInput({ ...valid, ...extra }, systems, now);
  const codes = (r: ReturnType<typeof check>) => (r.ok ? [] : r.problems.map((p) => p.code));

  it('reads Stockholm wall-clock times, instants with an offset and dates alone', () => {
    const r = check({ occurredAt: '2026-11-20T08:30', detectedAt: '2026-11-20T09:15:00+01:00' });
    expect(r.ok && [r.value.occurredAt, r.value.detectedAt]).toEqual(['2026-11-20T07:30:00.000Z', '2026-11-20T08:15:00.000Z']);
    // Summer time: 08:30 in July is 06:30Z.
    const summer = check({ occurredAt: '2026-07-01T08:30' });
    expect(summer.ok && summer.value.occurredAt).toBe('2026-07-01T06:30:00.000Z');
    const dateOnly = check({ occurredAt: '2026-11-19' });
    expect(dateOnly.ok && dateOnly.value.occurredAt).toBe('2026-11-18T23:00:00.000Z');
  });

  it('refuses unreadable times, times in the future beyond a few minutes, and discovery before occurrence', () => {
    expect(codes(check({ occurredAt: 'i går', detectedAt: 'T10:00' }))).toEqual(['occurredInvalid', 'detectedInvalid']);
    expect(codes(check({ occurredAt: '2026-02-30' }))).toEqual(['occurredInvalid']);
    expect(codes(check({ occurredAt: '2026-11-20T25:00' }))).toEqual(['occurredInvalid']);
    // A clock a few minutes fast is tolerated; tomorrow is not, nor an hour ahead.
    expect(check({ detectedAt: '2026-11-20T11:04' }).ok).toBe(true);
    expect(codes(check({ occurredAt: '2026-11-21', detectedAt: '2026-11-20T12:00' }))).toEqual([
      'occurredInFuture',
      'detectedInFuture',
      'detectedBeforeOccurred',
    ]);
    expect(codes(check({ occurredAt: '2026-11-20T09:00', detectedAt: '2026-11-20T08:59' }))).toEqual(['detectedBeforeOccurred']);
    // Today's date alone is not "in the future", and with a date alone the same day is in order.
    expect(check({ occurredAt: '2026-11-20', detectedAt: '2026-11-20' }).ok).toBe(true);
    expect(check({ occurredAt: '2026-11-20T10:30', detectedAt: '2026-11-20' }).ok).toBe(true);
  });

  it('defaults the type to händelse, takes the CERT-SE categories and "vet ej", and refuses anything else', () => {
    const r = check({});
    expect(r.ok && [r.value.type, r.value.category, r.value.ongoing]).toEqual(['händelse', null, null]);
    const full = check({ type: 'brist', category: 'handhavandefel', ongoing: 'true' });
    expect(full.ok && [full.value.type, full.value.category, full.value.ongoing]).toEqual(['brist', 'handhavandefel', true]);
    expect(check({ category: 'vet ej', ongoing: 'false' })).toMatchObject({ ok: true, value: { category: null, ongoing: false } });
    // "Möjlig incident" is the coordinator's verdict, not a reporter's choice.
    expect(codes(check({ type: 'möjlig incident', category: 'virus' }))).toEqual(['typeUnknown', 'categoryUnknown']);
  });

  it('takes several systems, main system first, without repeats; refuses unknown ones and too many', () => {
    const r = check({ systemIds: '9, 4,9' });
    expect(r.ok && [r.value.systemId, r.value.systemIds]).toEqual([9, [9, 4]]);
    // `systemIds` wins over the older single `systemId`.
    const both = check({ systemId: '4', systemIds: '9' });
    expect(both.ok && both.value.systemIds).toEqual([9]);
    expect(codes(check({ systemIds: '4,77' }))).toEqual(['systemUnknown']);
    expect(codes(check({ systemIds: '4,x' }))).toEqual(['systemUnknown']);
    const many = Array.from({ length: 21 }, (_, i) => i + 1);
    expect(codes(check({ systemIds: many.join(',') }, many))).toEqual(['tooManySystems']);
  });
});

describe('incidentFromReport: the new fields', () => {
  it('stores the times, type, category, still ongoing and every system; awareness is the arrival', () => {
    const draft = incidentFromReport({
      report: {
        title: 'T',
        description: 'D',
        systemId: 9,
        systemIds: [9, 4],
        personalData: 'ja',
        occurredAt: '2026-11-19T07:00:00.000Z',
        detectedAt: '2026-11-20T08:00:00.000Z',
        type: 'incident',
        category: 'angrepp',
        ongoing: true,
      },
      reporter: { siteUserId: 12, fallbackId: 'x' },
      submissionKey: 'k',
      now: new Date('2026-11-20T10:00:00Z'),
    });
    expect(draft).toMatchObject({
      affectedSystems: [{ id: 9 }, { id: 4 }],
      mainSystem: { id: 9 },
      occurredAt: '2026-11-19T07:00:00.000Z',
      detectedAt: '2026-11-20T08:00:00.000Z',
      awareAt: '2026-11-20T10:00:00.000Z',
      reportedAt: '2026-11-20T10:00:00.000Z',
      type: 'incident',
      category: 'angrepp',
      ongoing: true,
      status: 'ny',
    });
  });
});
