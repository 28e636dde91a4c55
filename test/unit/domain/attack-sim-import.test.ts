/**
 * Defender's training coverage mapped to completions (known answers): a completed training becomes
 * a completion on its Stockholm day with the course's expiry; in progress, assigned and overdue are
 * skipped; someone not in Personal is skipped with a warning; the same person, course and day twice
 * is one completion; the settings map a training to another course or to none; a missing course is
 * an error on the row; malformed settings are refused in Swedish.
 */
import { describe, expect, it } from 'vitest';
import { planAttackSimImport, readDefenderCourseSettings, type TrainingCoverage } from '../../../src/domain/training/index.js';

const roster = [
  { id: 1, entraId: 'e-anna', email: 'anna@exempelkommun.se', title: 'Anna Andersson' },
  { id: 2, entraId: null, email: 'bo@exempelkommun.se', title: 'Bo Berg' },
];
const courses = [
  { id: 10, title: 'Phishing-övning', recertificationMonths: 6 },
  { id: 11, title: 'Grundkurs i informationssäkerhet', recertificationMonths: 12 },
  { id: 12, title: 'Årskurs', recertificationFixedDate: '12-31' },
];
const settings = (values: Record<string, unknown> = { defenderTrainingCourse: 'Phishing-övning' }) => {
  const read = readDefenderCourseSettings(values);
  if (!read.ok) throw new Error(read.message);
  return read.value;
};
const user = (userId: string, email: string, trainings: NonNullable<TrainingCoverage['userTrainings']>): TrainingCoverage => ({
  attackSimulationUser: { userId, displayName: email, email },
  userTrainings: trainings,
});
const done = (displayName: string, completionDateTime: string) => ({
  assignedDateTime: '2026-01-10T08:00:00Z',
  completionDateTime,
  displayName,
  trainingStatus: 'completed',
});
const plan = (users: TrainingCoverage[], s = settings()) =>
  planAttackSimImport(users, { roster, courses, settings: s, leadDays: 30, today: '2026-12-04' });

describe('Defender training coverage → completions', () => {
  it('a completed training is a completion on its Stockholm day, expiring by the course', () => {
    // 23:30 UTC on 14 March is 00:30 on 15 March in Stockholm; found by the Entra id though the address differs in case.
    const [row] = plan([user('E-ANNA', 'Anna@Exempelkommun.se', [done('Mass Market Phishing', '2026-03-14T23:30:00Z')])]);
    expect(row).toMatchObject({
      row: 1,
      status: 'ready',
      person: 'anna@exempelkommun.se',
      training: 'Mass Market Phishing',
      course: 'Phishing-övning',
      staff: { id: 1 },
      courseRef: { id: 10 },
      completedAt: '2026-03-15',
      expiresAt: '2026-09-15',
    });
  });

  it('in progress, assigned and overdue are skipped with the status in Swedish; no date is skipped', () => {
    const rows = plan([
      user('x', 'bo@exempelkommun.se', [
        { displayName: 'Mass Market Phishing', trainingStatus: 'inProgress', completionDateTime: null },
        { displayName: 'Spear Phishing', trainingStatus: 'assigned' },
        { displayName: 'Malware', trainingStatus: 'overdue' },
        { displayName: 'Web Phishing', trainingStatus: 'completed', completionDateTime: null },
      ]),
    ]);
    expect(rows.map((r) => [r.row, r.status, 'messages' in r ? r.messages[0] : null])).toEqual([
      [1, 'skipped', 'Status i Defender: pågår – inte genomförd.'],
      [2, 'skipped', 'Status i Defender: tilldelad, inte påbörjad – inte genomförd.'],
      [3, 'skipped', 'Status i Defender: försenad – inte genomförd.'],
      [4, 'skipped', 'Genomförd i Defender, men utan tidpunkt (completionDateTime).'],
    ]);
  });

  it('someone not in Personal is a skipped row with a warning, not an error', () => {
    const [row] = plan([user('e-okand', 'reception@exempelkommun.se', [done('Mass Market Phishing', '2026-11-01T09:00:00Z')])]);
    expect(row).toMatchObject({ status: 'skipped', warning: true, person: 'reception@exempelkommun.se', course: 'Phishing-övning' });
    expect(row && 'messages' in row && row.messages[0]).toContain('finns inte i Personal');
  });

  it('the same person, course and day twice is one completion; another day is another', () => {
    const rows = plan([
      user('e-anna', 'anna@exempelkommun.se', [
        done('Mass Market Phishing', '2026-11-01T07:00:00Z'),
        done('Spear Phishing', '2026-11-01T15:00:00Z'),
        done('Spear Phishing', '2026-11-02T15:00:00Z'),
      ]),
    ]);
    expect(rows.map((r) => [r.status, 'completedAt' in r ? r.completedAt : null])).toEqual([
      ['ready', '2026-11-01'],
      ['unchanged', null],
      ['ready', '2026-11-02'],
    ]);
  });

  it('the map decides before the default course: another course, none, or one that does not exist', () => {
    const s = settings({
      defenderTrainingCourse: 'Phishing-övning',
      defenderTrainingMap: {
        'mass market phishing': 'Grundkurs i informationssäkerhet',
        Malware: '',
        'Web Phishing': 'Finns inte',
        Årlig: 'Årskurs',
      },
    });
    const rows = plan(
      [
        user('e-anna', 'anna@exempelkommun.se', [
          done('Mass Market Phishing', '2026-03-15T10:00:00Z'),
          done('Malware', '2026-03-15T10:00:00Z'),
          done('Web Phishing', '2026-03-15T10:00:00Z'),
          done('Spear Phishing', '2026-03-15T10:00:00Z'),
          done('Årlig', '2026-12-02T10:00:00Z'),
        ]),
      ],
      s,
    );
    expect(rows.map((r) => [r.status, r.course, 'expiresAt' in r ? r.expiresAt : r.messages[0]])).toEqual([
      ['ready', 'Grundkurs i informationssäkerhet', '2027-03-15'],
      ['skipped', '', 'Utbildningen räknas inte till någon kurs (defenderTrainingMap).'],
      [
        'error',
        'Finns inte',
        'Kursen "Finns inte" finns inte i Utbildningar. Lägg till den där eller ändra inställningen defenderTrainingMap.',
      ],
      ['ready', 'Phishing-övning', '2026-09-15'],
      // A fixed yearly date: done within the reminder period before 31 December counts for next year too.
      ['ready', 'Årskurs', '2027-12-31'],
    ]);
  });

  it('without a default course only mapped trainings count; bad settings are refused in Swedish', () => {
    const [row] = plan(
      [user('e-anna', 'anna@exempelkommun.se', [done('Mass Market Phishing', '2026-03-15T10:00:00Z')])],
      settings({ defenderTrainingCourse: '' }),
    );
    expect(row).toMatchObject({ status: 'skipped', course: '' });
    expect(readDefenderCourseSettings({ defenderTrainingMap: ['Phishing-övning'] })).toEqual({
      ok: false,
      message:
        'Inställningen defenderTrainingMap ska vara {"<utbildning i Defender>": "<kurs i Utbildningar>"} ("" = räknas inte), inte ["Phishing-övning"].',
    });
    expect(readDefenderCourseSettings({ defenderTrainingCourse: 3 })).toMatchObject({ ok: false });
  });
});
