/**
 * Microsoft Defender attack-simulation training status (Graph's attackSimulationTrainingUserCoverage)
 * turned into completions. Pure; src/register-io/import-attack-sim.ts reads Graph and the lists and
 * writes with the completions import's writer.
 *
 * - Only a training Defender reports as `completed` with a completionDateTime becomes a completion;
 *   assigned, in progress, overdue and anything else are rows reported as skipped.
 * - The person is the roster row (Personal) with the user's Entra object id, else with the address
 *   (lower case). Someone not in the roster is a skipped row with a warning (a shared mailbox, or the
 *   roster not yet synced), never an error for the whole run.
 * - The course: the setting `defenderTrainingMap` ({"<Defender training>": "<course>" | ""}, names
 *   compared without case and diacritics; "" = does not count) decides first, else every training
 *   counts towards the course named by `defenderTrainingCourse` (empty = only the mapped ones count).
 *   A named course missing from Utbildningar is an error on the row.
 * - The completion day is completionDateTime's date in Stockholm; the expiry follows the course
 *   (completionExpiry). The same person, course and day twice in one answer is one completion — the
 *   key every other source uses — so a re-import, or Defender's repeated answer, adds nothing.
 */
import { isCalendarDate, stockholmDate, toInstant, type CalendarDate } from '../calendar.js';
import { normaliseKey } from '../register-import/normalise.js';
import { completionExpiry, type RecertificationRule } from './expiry.js';

/** One user of Graph's answer (the fields Systemkoll reads). */
export interface TrainingCoverage {
  attackSimulationUser?: { userId?: string | null; displayName?: string | null; email?: string | null } | null;
  userTrainings?:
    | {
        assignedDateTime?: string | null;
        completionDateTime?: string | null;
        displayName?: string | null;
        trainingStatus?: string | null;
      }[]
    | null;
}

/** A row of Personal as the mapping needs it. */
export interface StaffRef {
  /** The row's id in Personal. */
  id: number;
  entraId: string | null;
  email: string | null;
  title: string;
}

export interface CourseRef extends RecertificationRule {
  id: number;
  title: string;
}

export interface DefenderCourseSettings {
  /** The course every unmapped training counts towards, or null (then only mapped ones count). */
  defaultCourse: string | null;
  /** Normalised Defender training name → course name, or null for "does not count". */
  map: ReadonlyMap<string, string | null>;
}

export const DEFENDER_COURSE_SETTING = 'defenderTrainingCourse';
export const DEFENDER_MAP_SETTING = 'defenderTrainingMap';

/** The two settings read from Konfiguration, or a Swedish message saying what is wrong with them. */
export function readDefenderCourseSettings(
  values: Readonly<Record<string, unknown>>,
): { ok: true; value: DefenderCourseSettings } | { ok: false; message: string } {
  const course = values[DEFENDER_COURSE_SETTING];
  if (course !== undefined && course !== null && typeof course !== 'string')
    return {
      ok: false,
      message: `Inställningen ${DEFENDER_COURSE_SETTING} ska vara namnet på en kurs i Utbildningar (text), inte ${JSON.stringify(course)}.`,
    };
  const raw = values[DEFENDER_MAP_SETTING] ?? {};
  const bad = `Inställningen ${DEFENDER_MAP_SETTING} ska vara {"<utbildning i Defender>": "<kurs i Utbildningar>"} ("" = räknas inte)`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, message: `${bad}, inte ${JSON.stringify(raw)}.` };
  const map = new Map<string, string | null>();
  for (const [training, target] of Object.entries(raw)) {
    if (target !== null && typeof target !== 'string') return { ok: false, message: `${bad}; "${training}" → ${JSON.stringify(target)}.` };
    map.set(normaliseKey(training), target?.trim() ? target.trim() : null);
  }
  return { ok: true, value: { defaultCourse: course?.trim() ? course.trim() : null, map } };
}

interface PlannedBase {
  /** Position of the (user, training) pair in Graph's answer, from 1. */
  row: number;
  /** The user's address in lower case (the object id when Defender gives none). */
  person: string;
  /** The training's name in Defender. */
  training: string;
  /** The Systemkoll course it counts towards ('' when none). */
  course: string;
}

export type PlannedAttackSimRow =
  | (PlannedBase & {
      status: 'ready';
      staff: StaffRef;
      courseRef: CourseRef;
      completedAt: CalendarDate;
      expiresAt: CalendarDate | null;
    })
  | (PlannedBase & { status: 'skipped' | 'unchanged' | 'error'; messages: string[]; warning?: true });

const STATUS_SV: Record<string, string> = {
  assigned: 'tilldelad, inte påbörjad',
  inProgress: 'pågår',
  overdue: 'försenad',
  unknown: 'okänd',
};

/** Every (user, training) pair of Graph's answer: ready to write, or why not. */
export function planAttackSimImport(
  users: readonly TrainingCoverage[],
  context: {
    roster: readonly StaffRef[];
    courses: readonly CourseRef[];
    settings: DefenderCourseSettings;
    /** The setting trainingWarningDays (fixed yearly expiry dates). */
    leadDays: number;
    today: CalendarDate;
  },
): PlannedAttackSimRow[] {
  const lower = (v: string | null | undefined) => (v ?? '').trim().toLowerCase();
  const byEntra = new Map(context.roster.filter((p) => p.entraId).map((p) => [lower(p.entraId), p]));
  const byEmail = new Map(context.roster.filter((p) => p.email).map((p) => [lower(p.email), p]));
  const courseByName = new Map(context.courses.map((c) => [normaliseKey(c.title), c]));
  const seen = new Set<string>();
  const out: PlannedAttackSimRow[] = [];
  let row = 0;
  for (const user of users) {
    const u = user.attackSimulationUser ?? {};
    const email = lower(u.email);
    const person = email || lower(u.userId) || '(okänd användare)';
    const staff = (u.userId ? byEntra.get(lower(u.userId)) : undefined) ?? (email ? byEmail.get(email) : undefined);
    for (const t of user.userTrainings ?? []) {
      row++;
      const training = t.displayName?.trim() || '(utbildning utan namn)';
      const mapped = context.settings.map.has(normaliseKey(training));
      const courseName = mapped ? (context.settings.map.get(normaliseKey(training)) ?? null) : context.settings.defaultCourse;
      const base = { row, person, training, course: courseName ?? '' };
      if (t.trainingStatus !== 'completed') {
        const status = STATUS_SV[t.trainingStatus ?? 'unknown'] ?? t.trainingStatus ?? 'okänd';
        out.push({ ...base, status: 'skipped', messages: [`Status i Defender: ${status} – inte genomförd.`] });
        continue;
      }
      const instant = toInstant(t.completionDateTime ?? null);
      const completedAt = instant ? stockholmDate(instant) : null;
      if (!completedAt || !isCalendarDate(completedAt) || completedAt > context.today) {
        const why = !t.completionDateTime
          ? 'Genomförd i Defender, men utan tidpunkt (completionDateTime).'
          : completedAt && completedAt > context.today
            ? `Genomförd i Defender, men tidpunkten ${t.completionDateTime} ligger i framtiden.`
            : `Genomförd i Defender, men tidpunkten "${t.completionDateTime}" är ingen tidpunkt.`;
        out.push({ ...base, status: 'skipped', messages: [why] });
        continue;
      }
      if (courseName === null) {
        out.push({
          ...base,
          status: 'skipped',
          messages: [
            mapped
              ? `Utbildningen räknas inte till någon kurs (${DEFENDER_MAP_SETTING}).`
              : `Utbildningen räknas inte till någon kurs: ange kursen i inställningen ${DEFENDER_COURSE_SETTING} eller ${DEFENDER_MAP_SETTING}.`,
          ],
        });
        continue;
      }
      const course = courseByName.get(normaliseKey(courseName));
      const messages: string[] = [];
      if (!staff)
        messages.push(
          `Personen ${person} finns inte i Personal; genomförandet importeras när personalen har synkroniserats (npm run roster).`,
        );
      if (!course)
        messages.push(
          `Kursen "${courseName}" finns inte i Utbildningar. Lägg till den där eller ändra inställningen ${mapped ? DEFENDER_MAP_SETTING : DEFENDER_COURSE_SETTING}.`,
        );
      if (!course) {
        out.push({ ...base, status: 'error', messages });
        continue;
      }
      if (!staff) {
        out.push({ ...base, course: course.title, status: 'skipped', messages, warning: true });
        continue;
      }
      const key = `${staff.id}:${course.id}:${completedAt}`;
      if (seen.has(key)) {
        out.push({
          ...base,
          course: course.title,
          status: 'unchanged',
          messages: ['Samma person, kurs och dag finns redan tidigare i Defenders svar.'],
        });
        continue;
      }
      seen.add(key);
      out.push({
        ...base,
        course: course.title,
        status: 'ready',
        staff,
        courseRef: course,
        completedAt,
        expiresAt: completionExpiry(course, completedAt, null, context.leadDays),
      });
    }
  }
  return out;
}
