import { parseThemeOverride, type ThemeName } from '../shared/teams/theme.js';
import { languageOf, type Language } from '../shared/i18n/locale.js';

/** `?theme=light|dark|contrast` and `?lang=sv|en`, read once at start (used by tests and support). */
export interface UrlOverrides {
  theme: ThemeName | null;
  language: Language | null;
}

export function readUrlOverrides(search: string): UrlOverrides {
  const params = new URLSearchParams(search);
  return { theme: parseThemeOverride(params.get('theme')), language: languageOf(params.get('lang')) };
}
