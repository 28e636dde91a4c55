/**
 * The one text catalogue of Systemkoll — the tab, the bot's cards and the data layer's error
 * messages — as i18next resources, plus the date and number formats of each language. No React
 * here: the bot host and the CLIs use it as it is; the tab adds react-i18next on top (index.ts).
 */
import i18next, { type TFunction } from 'i18next';
import { sv } from './sv.js';
import { en } from './en.js';
import { DEFAULT_LANGUAGE, localeTag, type Language } from './locale.js';

export const resources = { sv: { translation: sv }, en: { translation: en } } as const;

export const i18nOptions = {
  resources,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: ['sv', 'en'],
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
} as const;

let shared: ReturnType<typeof i18next.createInstance> | undefined;

/** The catalogue's translate function for a language (Swedish fills in anything missing). */
export function translator(language: Language): TFunction {
  if (!shared) {
    shared = i18next.createInstance();
    void shared.init({ ...i18nOptions, lng: DEFAULT_LANGUAGE });
  }
  return shared.getFixedT(language);
}

type Formatters = ReturnType<typeof makeFormatters>;
const formatterCache = new Map<string, Formatters>();

/**
 * Formats dates, times and numbers the way the language does, always in Stockholm time. Built once
 * per language: creating Intl formatters cost the bot several milliseconds per card.
 */
export function formatters(language: string): Formatters {
  const key = language === 'en' ? 'en' : 'sv';
  let hit = formatterCache.get(key);
  if (!hit) formatterCache.set(key, (hit = makeFormatters(key)));
  return hit;
}

function makeFormatters(language: string) {
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
  const valid = (value: string | null | undefined): value is string => !!value && !Number.isNaN(parse(value).getTime());
  return {
    date: (value: string | null | undefined) => (valid(value) ? date.format(parse(value)) : '–'),
    dateTime: (value: string | null | undefined) => (valid(value) ? dateTime.format(parse(value)) : '–'),
    number: (value: number | null | undefined) => (value === null || value === undefined ? '–' : number.format(value)),
  };
}

/** The label of a stored choice value (`choices.<list>.<field>.<value>`), or the value itself. */
export function choiceLabel(language: Language, field: string, value: string | null | undefined): string | null {
  if (!value) return null;
  return translator(language)(`choices.${field}.${value}`, { defaultValue: value });
}
