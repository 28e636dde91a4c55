/**
 * The bot's texts come from the one catalogue (src/shared/i18n, key `bot`): Swedish first, English
 * second. The language is chosen from the activity's `locale` (Teams sends the user's client
 * language, e.g. "sv-SE" or "en-US"); anything that is not English gets Swedish, the
 * municipality's working language.
 */
import { botSv } from '../shared/i18n/bot.js';
import { choiceLabel as catalogueChoiceLabel, formatters, translator } from '../shared/i18n/catalogue.js';

export type Lang = 'sv' | 'en';

export function langOf(locale: string | undefined | null): Lang {
  return typeof locale === 'string' && /^en\b/i.test(locale.trim()) ? 'en' : 'sv';
}

type BotKey = keyof typeof botSv;
export type BotTexts = Record<BotKey, string>;

const cache = new Map<Lang, BotTexts>();

/** Every bot text in the language (interpolated ones through `format`). */
export function texts(lang: Lang): BotTexts {
  let hit = cache.get(lang);
  if (!hit) {
    const t = translator(lang);
    hit = Object.fromEntries((Object.keys(botSv) as BotKey[]).map((k) => [k, t(`bot.${k}`)])) as BotTexts;
    cache.set(lang, hit);
  }
  return hit;
}

/** A bot text with values filled in, e.g. format('sv', 'errTitleTooLong', { max: 255 }). */
export function format(lang: Lang, key: BotKey, values: Record<string, string | number>): string {
  return translator(lang)(`bot.${key}`, values);
}

/** A stored choice value's label, e.g. choiceLabel('systems.criticality', 'verksamhetskritisk', 'sv') → "Verksamhetskritisk". */
export function choiceLabel(field: string, value: string | null | undefined, lang: Lang): string | null {
  return catalogueChoiceLabel(lang, field, value);
}

/** A date-time in Stockholm time, written the language's way (the same format as the tab). */
export function formatDateTime(iso: string | null | undefined, lang: Lang): string | null {
  const text = formatters(lang).dateTime(iso);
  return text === '–' ? null : text;
}
