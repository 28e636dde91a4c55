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
