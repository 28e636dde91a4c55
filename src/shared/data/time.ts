const stockholmDay = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date (YYYY-MM-DD) in Europe/Stockholm of an instant. */
export function stockholmDate(instant: string | Date): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  // sv-SE formats as YYYY-MM-DD.
  return stockholmDay.format(d);
}
