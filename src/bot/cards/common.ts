/**
 * Adaptive Cards as plain JSON (schema 1.5, the version Teams renders on desktop, web and mobile).
 * Builders return data, never send anything, so tests can inspect every text and input.
 */
export type CardElement = Record<string, unknown>;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  lang?: string;
  body: CardElement[];
  actions?: CardElement[];
  msteams?: Record<string, unknown>;
}

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export function card(body: CardElement[], actions: CardElement[] = [], lang?: string): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    ...(lang ? { lang } : {}),
    body,
    ...(actions.length > 0 ? { actions } : {}),
    msteams: { width: 'Full' },
  };
}

export function text(value: string, extra: Record<string, unknown> = {}): CardElement {
  return { type: 'TextBlock', text: value, wrap: true, ...extra };
}

export function heading(value: string, size: 'Medium' | 'Large' = 'Medium'): CardElement {
  return { type: 'TextBlock', text: value, wrap: true, size, weight: 'Bolder', style: 'heading' };
}

export function facts(rows: [string, string | null | undefined][], missing = '–'): CardElement {
  return {
    type: 'FactSet',
    facts: rows.map(([title, value]) => ({ title, value: value && value.trim() ? value : missing })),
  };
}

export function attachment(content: AdaptiveCard): { contentType: string; content: AdaptiveCard } {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content };
}

/**
 * User-supplied text (a chat message, a system name) as a RichTextBlock: TextRuns are never parsed
 * as Markdown, so "*" or "[x](y)" in a chat message shows as written.
 */
export function literal(value: string, extra: Record<string, unknown> = {}): CardElement {
  return { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: value }], ...extra };
}
