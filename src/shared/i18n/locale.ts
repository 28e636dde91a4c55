/** Languages the tab is written in. Swedish is the default everywhere. */
export type Language = 'sv' | 'en';
export const DEFAULT_LANGUAGE: Language = 'sv';

/** BCP 47 tag used for number and date formatting. */
export const localeTag: Record<Language, string> = { sv: 'sv-SE', en: 'en-US' };

/** Maps one tag (`sv-SE`, `en-us`, `en`, `sv_FI`) to a supported language, or null. */
export function languageOf(tag: string | null | undefined): Language | null {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  if (primary === 'sv') return 'sv';
  if (primary === 'en') return 'en';
  return null;
}

/**
 * Picks the language from candidates in order of precedence (URL override, Teams
 * `context.app.locale`, browser languages): the first supported one wins; Swedish otherwise.
 */
export function pickLanguage(candidates: readonly (string | null | undefined)[]): Language {
  for (const c of candidates) {
    const lang = languageOf(c);
    if (lang) return lang;
  }
  return DEFAULT_LANGUAGE;
}
