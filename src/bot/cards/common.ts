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

/**
 * Text from data (a name, a department, a sender, a message passed in) made safe for a TextBlock or
 * a Fact value, where Teams renders a Markdown subset: everything that could start markup is
 * backslash-escaped, so "[Logga in](https://…)", "**x**" or "# x" shows as written instead of as a
 * link, bold text or a heading. To keep the text readable only what could be markup is escaped:
 * the inline markers (backslash, ` * _ ~ [ ] <) everywhere, an entity-like "&…;", and the block
 * markers (# - + = > and "1." / "1)") only where a line starts with them. Not for Input values, choice
 * titles or placeholders (never Markdown), nor for our own texts.
 */
export function escapeMarkdown(value: string): string {
  return value
    .replace(/[\\`*_~[\]<]/g, '\\$&')
    .replace(/&(?=#?[a-z0-9]+;)/gi, '\\&')
    .replace(/^([ \t]*)([#+\-=>])/gm, '$1\\$2')
    .replace(/^([ \t]*\d{1,9})([.)])(?=\s|$)/gm, '$1\\$2');
}

/** A TextBlock with one of our texts (Markdown as written). Data goes through escapeMarkdown, or use literal(). */
export function text(value: string, options: TextBlockOptions = {}): TextBlock {
  return new TextBlock(value, { wrap: true, ...options });
}

export function heading(value: string, size: 'Medium' | 'Large' = 'Medium'): TextBlock {
  return new TextBlock(value, { wrap: true, size, weight: 'Bolder', style: 'heading' });
}

/**
 * Label → value rows. Labels are our texts; values are data and shown as written (escapeMarkdown),
 * `missing` (ours) stands in for an empty value.
 */
export function facts(rows: [string, string | null | undefined][], missing = '–'): FactSet {
  return new FactSet(...rows.map(([title, value]) => new Fact(title, value && value.trim() ? escapeMarkdown(value) : missing)));
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
