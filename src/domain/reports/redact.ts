/**
 * What keeps personal data and details that would help an attacker out of the reports to the
 * board (seed 003: "ska inte innehålla sekretessbelagda uppgifter"). The reports are composed from
 * structured fields (counts, categories, dates); the few free texts they show (a measure's title,
 * the risk it addressed, the board text typed in the preview) pass through `redact`, which removes
 * e-mail addresses, personnummer, phone numbers, IP addresses, passwords and the names of the
 * people the data mentions. Incident titles, descriptions, root causes and timeline details are
 * never read by the composition at all.
 */

const PATTERNS: readonly [RegExp, string][] = [
  // Passwords first (their value may look like anything, an e-mail or digits included).
  [/\b(lösenord(?:et)?|lösen|password|passwd|pwd|pin(?:kod)?)\b\s*(?:är|is|=|:)?\s*\S+/giu, '[lösenord borttaget]'],
  [/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu, '[e-post]'],
  // Personnummer / samordningsnummer: (YY)YYMMDD-NNNN, with or without the dash or plus.
  [/\b(?:19|20)?\d{6}[-+ ]?\d{4}\b/g, '[personnummer]'],
  // IPv4 with optional port or prefix, and IPv6 (eight groups, or shortened with ::; not a time like 10:00:00).
  [/\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5}|\/\d{1,2})?\b/g, '[IP-adress]'],
  [
    /\b(?:[0-9a-f]{1,4}:){5,7}[0-9a-f]{1,4}\b|(?:\b[0-9a-f]{1,4})?(?::[0-9a-f]{1,4})*::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*)?(?:\/\d{1,3})?/gi,
    '[IP-adress]',
  ],
  // Swedish phone numbers: 070-123 45 67, 0503-123 45, +46 70 123 45 67.
  [/(?:\+46|\b0)\s?\d{1,3}[- ]?\d{2,3}(?:[- ]?\d{2}){1,2}\b/g, '[telefon]'],
];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export type Redactor = (text: string | null | undefined) => string;

/**
 * A redactor for these people's names: each full name, and each part of it of three letters or
 * more when written with a capital (so "Berg" goes but "berg" in a word stays).
 */
export function redactor(names: readonly string[]): Redactor {
  const full = new Set<string>();
  const parts = new Set<string>();
  for (const raw of names) {
    const name = raw.replace(/\s+/g, ' ').trim();
    if (name.length < 3) continue;
    full.add(name);
    for (const p of name.split(/[\s,]+/)) if (p.length >= 3 && /^\p{Lu}/u.test(p)) parts.add(p);
  }
  const byLength = (a: string, b: string) => b.length - a.length;
  const fullRe = full.size
    ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${[...full].sort(byLength).map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu')
    : null;
  const partRe = parts.size
    ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${[...parts].sort(byLength).map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'gu')
    : null;
  return (text) => {
    let out = (text ?? '').replace(/\s+/g, ' ').trim();
    for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
    if (fullRe) out = out.replace(fullRe, '[namn]');
    if (partRe) out = out.replace(partRe, '[namn]');
    return out.replace(/(?:\[namn\]\s*){2,}/g, '[namn] ').trim();
  };
}
