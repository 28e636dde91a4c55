/**
 * Adaptive Cards (schema 1.5, what Teams renders on desktop, web and mobile) built with
 * @microsoft/teams.cards. Builders return data and never send anything, so tests can inspect every
 * text and input — and run every card through the official renderer's parser.
 */
import {
  AdaptiveCard,
  Fact,
  FactSet,
  RichTextBlock,
  TextBlock,
  TextRun,
  type ActionArray,
  type CardElementArray,
  type RichTextBlockOptions,
  type TextBlockOptions,
  type TextRunOptions,
} from '@microsoft/teams.cards';
import { cardAttachment, type CardAttachmentTypes } from '@microsoft/teams.api';
import type { Lang } from '../i18n.js';

export type { AdaptiveCard };

export function card(body: CardElementArray, actions: ActionArray = [], lang?: Lang): AdaptiveCard {
  const built = new AdaptiveCard(...body).withOptions({
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    msteams: { width: 'full' },
    // The schema wants a two-letter language code ("sv"), not a locale ("sv-SE").
    ...(lang ? { lang } : {}),
  });
  return actions.length > 0 ? built.withActions(...actions) : built;
}

export function text(value: string, options: TextBlockOptions = {}): TextBlock {
  return new TextBlock(value, { wrap: true, ...options });
}

export function heading(value: string, size: 'Medium' | 'Large' = 'Medium'): TextBlock {
  return new TextBlock(value, { wrap: true, size, weight: 'Bolder', style: 'heading' });
}

export function facts(rows: [string, string | null | undefined][], missing = '–'): FactSet {
  return new FactSet(...rows.map(([title, value]) => new Fact(title, value && value.trim() ? value : missing)));
}

/** A card as a message or dialog attachment (the SDK's own attachment type). */
export function attachment(content: AdaptiveCard): CardAttachmentTypes['adaptive'] & { content: AdaptiveCard } {
  return { ...cardAttachment('adaptive', content), content };
}

/**
 * User-supplied text (a chat message, a system name) as a RichTextBlock: TextRuns are never parsed
 * as Markdown, so "*" or "[x](y)" in a chat message shows as written.
 */
export function literal(value: string, options: RichTextBlockOptions & { run?: TextRunOptions } = {}): RichTextBlock {
  const { run, ...block } = options;
  return new RichTextBlock({ ...block, inlines: [new TextRun(value, run ?? {})] });
}
