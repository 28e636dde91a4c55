/**
 * Teams hands a chat message's body to a message action as HTML. The incident report wants plain
 * text: html-to-text does the parsing (entities, block elements, lists, tables); we only choose how
 * it reads: no wrapping, bullets for list items, a link's address in brackets when it adds
 * something — and only http(s) and mailto addresses, never javascript: or data: links.
 */
import { convert, type HtmlToTextOptions } from 'html-to-text';

const SAFE_LINK = /^(https?:|mailto:)/i;

const options: HtmlToTextOptions = {
  wordwrap: false,
  selectors: [
    {
      selector: 'a',
      options: {
        linkBrackets: ['(', ')'],
        hideLinkHrefIfSameAsText: true,
        pathRewrite: (href) => (SAFE_LINK.test(href.trim()) ? href : ''),
      },
    },
    { selector: 'ul', options: { itemPrefix: '• ' } },
    { selector: 'img', format: 'skip' },
    { selector: 'table', format: 'dataTable' },
  ],
};

export function htmlToText(html: string | null | undefined): string {
  if (!html) return '';
  return convert(String(html), options).trim();
}

/** Shortens text to at most `max` characters, ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** Shortened at a word boundary when there is one in the last third ("Verksamhetssystem för …"). */
export function truncateWords(text: string, max: number): string {
  const clean = text.trim().replace(/\s+/g, ' ');
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, Math.max(0, max - 1));
  const space = cut.lastIndexOf(' ');
  return `${(space >= Math.floor(max * 0.6) ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, '')}…`;
}
