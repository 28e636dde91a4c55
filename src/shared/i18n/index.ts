import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { sv } from './sv.js';
import { en } from './en.js';
import { i18nOptions } from './catalogue.js';
import type { Language } from './locale.js';

export { pickLanguage, languageOf, localeTag, DEFAULT_LANGUAGE, type Language } from './locale.js';
export { sv, en };
export { resources, formatters, translator, choiceLabel } from './catalogue.js';

/** A ready i18next instance for the tab; Swedish is the fallback for any missing English text. */
export function createI18n(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({ ...i18nOptions, lng: language });
  return instance;
}
