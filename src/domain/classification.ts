/**
 * Information classification (KLASSA's scale): konfidentialitet, riktighet, tillgänglighet and
 * spårbarhet, each 1–4. One summary text for every place that shows it (register, cards, reports).
 */
export type Level = 1 | 2 | 3 | 4;

export interface ClassificationLevels {
  confidentiality: number | null | undefined;
  integrity: number | null | undefined;
  availability: number | null | undefined;
  traceability: number | null | undefined;
}

export const CLASSIFICATION_ASPECTS = ['confidentiality', 'integrity', 'availability', 'traceability'] as const;
export type ClassificationAspect = (typeof CLASSIFICATION_ASPECTS)[number];

/** The letters of the four aspects: K R T S in Swedish, C I A T in English. */
export const ASPECT_LETTERS: Record<'sv' | 'en', Record<ClassificationAspect, string>> = {
  sv: { confidentiality: 'K', integrity: 'R', availability: 'T', traceability: 'S' },
  en: { confidentiality: 'C', integrity: 'I', availability: 'A', traceability: 'T' },
};

function level(value: number | null | undefined): Level | null {
  return value === 1 || value === 2 || value === 3 || value === 4 ? value : null;
}

/**
 * "K3 R2 T4 S2" (en "C3 I2 A4 T2"); a missing aspect shows as "–" ("K3 R– T4 S–"); a system with
 * no level at all is unclassified and gives null, so the caller words that in its own language.
 */
export function classificationSummary(levels: ClassificationLevels, lang: 'sv' | 'en'): string | null {
  const values = CLASSIFICATION_ASPECTS.map((a) => level(levels[a]));
  if (values.every((v) => v === null)) return null;
  const letters = ASPECT_LETTERS[lang];
  return CLASSIFICATION_ASPECTS.map((a, i) => `${letters[a]}${values[i] ?? '–'}`).join(' ');
}

/** The highest level of any aspect (drives which security requirements apply), or null. */
export function highestLevel(levels: ClassificationLevels): Level | null {
  const values = CLASSIFICATION_ASPECTS.map((a) => level(levels[a])).filter((v): v is Level => v !== null);
  return values.length === 0 ? null : (Math.max(...values) as Level);
}

/** True when every one of K, R, T and S has a level. */
export function isFullyClassified(levels: ClassificationLevels): boolean {
  return CLASSIFICATION_ASPECTS.every((a) => level(levels[a]) !== null);
}
