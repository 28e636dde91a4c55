/**
 * Teams hands a chat message's body to a message action as HTML. The incident report wants plain
 * text: block elements become line breaks, list items bullets, links keep their address, entities
 * are decoded and everything else (tags, scripts, styles, attachments' markup) disappears.
 */
const named: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  auml: 'ä',
  Auml: 'Ä',
  ouml: 'ö',
  Ouml: 'Ö',
  aring: 'å',
  Aring: 'Å',
  eacute: 'é',
  Eacute: 'É',
  uuml: 'ü',
  Uuml: 'Ü',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  bull: '•',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
    }
    return named[code] ?? whole;
  });
}

export function htmlToText(html: string | null | undefined): string {
  if (!html) return '';
  let s = String(html);
  s = s.replace(/<!--[\s\S]*?-->/g, '');
  s = s.replace(/<(script|style|head|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '');
  // Links: keep the text, and the address when it adds something.
  s = s.replace(
    /<a\b[^>]*?href\s*=\s*("([^"]*)"|'([^']*)')[^>]*>([\s\S]*?)<\/a\s*>/gi,
    (_m, _q, dq: string | undefined, sq: string | undefined, inner: string) => {
      const href = decodeEntities(dq ?? sq ?? '').trim();
      const label = inner.replace(/<[^>]*>/g, '').trim();
      const labelText = decodeEntities(label);
      if (!href || !/^(https?:|mailto:)/i.test(href) || labelText === href || labelText === href.replace(/^mailto:/i, ''))
        return label || href;
      return `${label} (${href})`;
    },
  );
  s = s.replace(/<br\s*\/?>/gi, '\n');
  s = s.replace(/<li\b[^>]*>/gi, '\n• ');
  s = s.replace(/<\/(p|div|ul|ol|h[1-6]|tr|table|blockquote|pre)\s*>/gi, '\n');
  s = s.replace(/<(p|div|ul|ol|h[1-6]|tr|table|blockquote|pre)\b[^>]*>/gi, '\n');
  s = s.replace(/<\/t[dh]\s*>/gi, '\t');
  s = s.replace(/<img\b[^>]*?alt\s*=\s*"([^"]*)"[^>]*>/gi, (_m, alt: string) => (alt ? `[${alt}]` : ''));
  s = s.replace(/<[^>]*>/g, '');
  s = decodeEntities(s);
  s = s.replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ');
  s = s
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n');
  s = s.replace(/\n{3,}/g, '\n\n');
  return s.trim();
}

/** Shortens text to at most `max` characters, ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}
