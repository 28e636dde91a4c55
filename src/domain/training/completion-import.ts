/**
 * Completions from an LMS export (CSV or .xlsx): which column is what (Swedish and English headers),
 * and each row read into a completion or Swedish messages naming the column and the value. Pure;
 * src/register-io/import-completions.ts resolves people and courses and writes.
 */
import { cellText, meaningful, normaliseKey, parseCalendarDate, parseNumber, type Cell } from '../register-import/normalise.js';
import type { CalendarDate } from '../calendar.js';

export type CompletionColumn = 'email' | 'course' | 'completedAt' | 'score' | 'name';

/** Header synonyms, compared after normaliseKey (lower case, no diacritics). */
const SYNONYMS: Record<CompletionColumn, readonly string[]> = {
  email: ['e post', 'epost', 'e postadress', 'email', 'e mail', 'mail', 'anvandare', 'anvandarnamn', 'user', 'upn', 'login', 'inloggning'],
  course: ['kurs', 'kursnamn', 'utbildning', 'course', 'course name', 'course title', 'training', 'modul'],
  completedAt: [
    'genomford',
    'genomford datum',
    'datum',
    'slutford',
    'avklarad',
    'completed',
    'completion date',
    'completed at',
    'date',
    'finished',
  ],
  score: ['resultat', 'poang', 'score', 'result', 'procent', 'percent', 'betyg'],
  name: ['namn', 'name', 'deltagare', 'participant', 'fullstandigt namn', 'full name'],
};

/** Header index per column (the first header that matches; unknown headers are ignored). */
export function completionColumns(headers: readonly string[]): Partial<Record<CompletionColumn, number>> {
  const out: Partial<Record<CompletionColumn, number>> = {};
  headers.forEach((h, i) => {
    const key = normaliseKey(h);
    for (const [column, names] of Object.entries(SYNONYMS) as [CompletionColumn, readonly string[]][])
      if (out[column] === undefined && names.includes(key)) out[column] = i;
  });
  return out;
}

/** What the file must have for an import to make sense (Swedish), or null. */
export function missingColumns(columns: Partial<Record<CompletionColumn, number>>, headers: readonly string[]): string | null {
  const missing = (['email', 'course', 'completedAt'] as const).filter((c) => columns[c] === undefined);
  if (missing.length === 0) return null;
  const names: Record<string, string> = { email: 'e-post', course: 'kurs', completedAt: 'genomförd (datum)' };
  return `Filen saknar kolumnerna ${missing.map((m) => `"${names[m]}"`).join(', ')}. Rubrikerna i filen är: ${headers.map((h) => `"${h}"`).join(', ')}.`;
}

export interface CompletionRow {
  email: string;
  name: string | null;
  course: string;
  completedAt: CalendarDate;
  score: number | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** One data row: the completion, or why it cannot be imported (each message names column and value). */
export function readCompletionRow(
  cells: readonly Cell[],
  columns: Partial<Record<CompletionColumn, number>>,
  headers: readonly string[],
  today: CalendarDate,
): { ok: true; value: CompletionRow } | { ok: false; messages: string[] } {
  const at = (c: CompletionColumn) => (columns[c] === undefined ? undefined : cells[columns[c]!]);
  const head = (c: CompletionColumn) => headers[columns[c]!] ?? c;
  const messages: string[] = [];
  const emailText = meaningful(at('email') ?? null)?.toLowerCase() ?? null;
  if (!emailText) messages.push(`Kolumnen "${head('email')}" är tom: ange personens e-postadress.`);
  else if (!EMAIL.test(emailText)) messages.push(`Kolumnen "${head('email')}": "${cellText(at('email'))}" är ingen e-postadress.`);
  const course = meaningful(at('course') ?? null);
  if (!course) messages.push(`Kolumnen "${head('course')}" är tom: ange kursens namn.`);
  const date = parseCalendarDate(at('completedAt') ?? null);
  if (date === null) messages.push(`Kolumnen "${head('completedAt')}" är tom: ange när kursen genomfördes.`);
  else if (date === undefined)
    messages.push(`Kolumnen "${head('completedAt')}": "${cellText(at('completedAt'))}" är inget datum (skriv t.ex. 2026-03-15).`);
  else if (date > today) messages.push(`Kolumnen "${head('completedAt')}": ${date} ligger i framtiden.`);
  let score: number | null = null;
  if (columns.score !== undefined) {
    const raw = cellText(at('score')).replace(/\s*%$/, '');
    const n = raw === '' ? null : parseNumber(raw);
    if (n === undefined || (n !== null && (n < 0 || n > 100)))
      messages.push(`Kolumnen "${head('score')}": "${cellText(at('score'))}" är inget resultat mellan 0 och 100 %.`);
    else score = n;
  }
  if (messages.length > 0) return { ok: false, messages };
  return {
    ok: true,
    value: { email: emailText!, name: meaningful(at('name') ?? null), course: course!, completedAt: date as CalendarDate, score },
  };
}
