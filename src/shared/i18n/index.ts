import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { sv } from './sv.js';
import { en } from './en.js';
import { DEFAULT_LANGUAGE, localeTag, type Language } from './locale.js';

export { pickLanguage, languageOf, localeTag, DEFAULT_LANGUAGE, type Language } from './locale.js';
export { sv, en };

export const resources = { sv: { translation: sv }, en: { translation: en } } as const;

/** A ready i18next instance for the tab; Swedish is the fallback for any missing English text. */
export function createI18n(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: ['sv', 'en'],
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  return instance;
}

/** Formats dates, times and numbers the way the current language does. */
export function formatters(language: string) {
  const tag = localeTag[(language === 'en' ? 'en' : 'sv') as Language];
  const date = new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'Europe/Stockholm' });
  const dateTime = new Intl.DateTimeFormat(tag, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Stockholm',
  });
  const number = new Intl.NumberFormat(tag);
  const parse = (value: string) => new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value);
  return {
    date: (value: string | null | undefined) => (value ? date.format(parse(value)) : '–'),
    dateTime: (value: string | null | undefined) => (value ? dateTime.format(parse(value)) : '–'),
    number: (value: number | null | undefined) => (value === null || value === undefined ? '–' : number.format(value)),
  };
}
