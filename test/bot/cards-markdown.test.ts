// @vitest-environment happy-dom
/**
 * Text from data — a system's name, a person's name, a department, a sender — is shown as written
 * on every bot card: Teams renders a Markdown subset in TextBlock text and Fact values, so a system
 * called "[Logga in](https://evil.example)" must not become a link, "**x**" not bold, "# x" not a
 * heading, "- x" not a list.
 *
 * Each card is rendered by the official `adaptivecards` renderer with a CommonMark-style Markdown
 * processor plugged in (the hook Teams and the designer use; markdown-it is not a dependency here,
 * so `commonMark` below models what matters: backslash escapes, links, autolinks, reference links,
 * images, emphasis, code, strikethrough, headings, lists and quotes). A guard test proves the model
 * turns the same hostile texts into live markup when they are not escaped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as AC from 'adaptivecards';
import { escapeMarkdown, facts, card, text, type AdaptiveCard } from '../../src/bot/cards/common.js';
import { errorCard } from '../../src/bot/cards/error.js';
import { reportConfirmationCard } from '../../src/bot/cards/report-confirmation.js';
import { EMPTY_FORM, reportDialogCard } from '../../src/bot/cards/report-dialog.js';
import { systemCard } from '../../src/bot/cards/system.js';
import type { Incident, SystemRecord } from '../../src/shared/schema/index.js';
import { findElement } from './helpers.js';

// ---------------- a CommonMark-style model of Teams' Markdown subset ----------------

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
/** An escaped character becomes a private-use stand-in, so no rule below can see it as markup. */
const hide = (c: string) => String.fromCharCode(0xe000 + c.charCodeAt(0));
const unhide = (s: string) => s.replace(/[\ue000-\ue07f]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xe000));
const html = (s: string) => unhide(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function inline(s: string, refs: Map<string, string>): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const rest = s.slice(i);
    let m: RegExpExecArray | null;
    if ((m = /^<([a-z][a-z0-9+.-]{1,31}:[^\s<>]*)>/i.exec(rest))) {
      out += `<a href="${html(m[1]!)}">${html(m[1]!)}</a>`;
    } else if ((m = /^<[a-z][a-z0-9-]*(\s[^<>]*)?>/i.exec(rest))) {
      out += m[0]; // raw inline HTML passes through, as in CommonMark
    } else if ((m = /^!\[([^\]]*)\]\(([^)\s]*)\)/.exec(rest))) {
      out += `<img src="${html(m[2]!)}" alt="${html(m[1]!)}">`;
    } else if ((m = /^\[([^\]]*)\]\(([^)\s]*)\)/.exec(rest))) {
      out += `<a href="${html(m[2]!)}">${inline(m[1]!, refs)}</a>`;
    } else if ((m = /^\[([^\]]+)\]\[([^\]]*)\]/.exec(rest)) && refs.has((m[2] || m[1])!.toLowerCase())) {
      out += `<a href="${html(refs.get((m[2] || m[1])!.toLowerCase())!)}">${inline(m[1]!, refs)}</a>`;
    } else if ((m = /^(`+)([\s\S]*?[^`])\1(?!`)/.exec(rest))) {
      out += `<code>${html(m[2]!)}</code>`;
    } else if ((m = /^(\*\*|__)(?=\S)([\s\S]*?\S)\1/.exec(rest))) {
      out += `<strong>${inline(m[2]!, refs)}</strong>`;
    } else if ((m = /^~~(?=\S)([\s\S]*?\S)~~/.exec(rest))) {
      out += `<del>${inline(m[1]!, refs)}</del>`;
    } else if ((m = /^([*_])(?=\S)([\s\S]*?\S)\1/.exec(rest))) {
      out += `<em>${inline(m[2]!, refs)}</em>`;
    } else {
      out += html(s[i]!);
      i += 1;
      continue;
    }
    i += m[0].length;
  }
  return out;
}

export function commonMark(source: string): string {
  const escaped = source.replace(/\\(.)/g, (all, c: string) => (ASCII_PUNCTUATION.test(c) ? hide(c) : all));
  const refs = new Map<string, string>();
  const lines = escaped.split(/\r\n|\r|\n/).filter((line) => {
    const def = /^ {0,3}\[([^\]]+)\]:\s*(\S+)/.exec(line);
    if (def) refs.set(def[1]!.toLowerCase(), def[2]!);
    return !def;
  });
  const blocks = lines.map((line) => {
    let m: RegExpExecArray | null;
    if ((m = /^ {0,3}(#{1,6})(?:\s+(.*)|$)/.exec(line))) return `<h${m[1]!.length}>${inline(m[2] ?? '', refs)}</h${m[1]!.length}>`;
    if ((m = /^ {0,3}([-+*])\s+(.*)$/.exec(line))) return `<ul><li>${inline(m[2]!, refs)}</li></ul>`;
    if ((m = /^ {0,3}\d{1,9}[.)](?:\s+(.*)|$)/.exec(line))) return `<ol><li>${inline(m[1] ?? '', refs)}</li></ol>`;
    if ((m = /^ {0,3}>\s?(.*)$/.exec(line))) return `<blockquote>${inline(m[1]!, refs)}</blockquote>`;
    if (/^ {0,3}([-*_=])(\s*\1){2,}\s*$/.test(line)) return '<hr>';
    return line.trim() ? `<p>${inline(line, refs)}</p>` : '';
  });
  return blocks.join('');
}

// ---------------- rendering ----------------

beforeAll(() => {
  AC.AdaptiveCard.onProcessMarkdown = (markdown, result) => {
    result.outputHtml = commonMark(markdown);
    result.didProcess = true;
  };
});
afterAll(() => {
  AC.AdaptiveCard.onProcessMarkdown = undefined;
});

function render(built: AdaptiveCard): HTMLElement {
  // See cards-renderer.test.ts: the renderer's language check keeps state between parses.
  (AC.CardElement.langProperty as unknown as { regEx: RegExp }).regEx.lastIndex = 0;
  const parsed = new AC.AdaptiveCard();
  parsed.parse(JSON.parse(JSON.stringify(built)) as object, new AC.SerializationContext());
  const element = parsed.render();
  if (!element) throw new Error('the card did not render');
  return element;
}

const MARKUP = 'a, img, strong, em, b, i, code, del, s, h1, h2, h3, h4, h5, h6, ul, ol, li, blockquote, hr';
const squash = (s: string) => s.replace(/\s+/g, '');

/** What the markup in a rendered card would do: every live Markdown element, as tag + text. */
function liveMarkup(element: HTMLElement): string[] {
  return Array.from(element.querySelectorAll(MARKUP)).map((e) => `<${e.tagName.toLowerCase()}> ${e.textContent ?? ''}`);
}

// ---------------- hostile texts ----------------

const hostile = [
  '[Logga in](https://evil.example)',
  'Procapita [Logga in](https://evil.example/login) för att fortsätta',
  '<https://evil.example>',
  '![Logga in](https://evil.example/pixel.png)',
  '[Logga in][1]\n\n[1]: https://evil.example',
  '\\\\[Logga in](https://evil.example)',
  '**Viktigt** systemet är nere',
  '_x_ och *y*',
  '__Stor__',
  '# Rubrik',
  '## Underrubrik',
  '- punkt',
  '+ punkt',
  '* punkt',
  '1. punkt',
  '2) punkt',
  '> citat',
  '`kod`',
  '~~struken~~',
  'Rad ett\n- punkt\n# Rubrik\n[Logga in](https://evil.example)',
];

const incident = {
  referenceNumber: 'INC-2026-0042',
  title: 'Nätfiskemejl',
  status: 'ny',
  reportedAt: '2026-10-24T08:00:00Z',
} as Pick<Incident, 'referenceNumber' | 'title' | 'status' | 'reportedAt'>;

function hostileSystem(name: string): SystemRecord {
  return {
    id: 7,
    title: name,
    description: name,
    systemOwner: { id: 1, title: name },
    systemAdministrator: { id: 2, title: '', email: name },
    department: { id: 3, title: name },
    criticality: 'verksamhetskritisk',
    lifecycleStatus: 'i drift',
    confidentiality: 4,
    integrity: 3,
    availability: 3,
    traceability: null,
  } as unknown as SystemRecord;
}

const cardsWith = (name: string): [string, AdaptiveCard][] => [
  ['system card (name, description, owner, administrator, department)', systemCard(hostileSystem(name), 'sv')],
  [
    'confirmation (incident title, system, reference number)',
    reportConfirmationCard({
      lang: 'sv',
      incident: { ...incident, title: name, referenceNumber: name },
      created: true,
      systemTitle: name,
    }),
  ],
  [
    'dialog from a message (sender, message text, problems)',
    reportDialogCard({
      lang: 'sv',
      input: { ...EMPTY_FORM, title: name, description: name, systemIds: '7', personalData: 'vet ej' },
      context: {
        nonce: 'n',
        source: {
          id: '1',
          text: name,
          link: 'https://teams.microsoft.com/l/message/1',
          senderName: name,
          createdAt: '2026-10-24T08:00:00Z',
        },
      },
      systems: [hostileSystem(name)],
      errors: [name],
    }),
  ],
  ['error card (message)', errorCard('sv', name, 'abc12345')],
];

describe('the Markdown model (guard: the assertions below can fail)', () => {
  it.each(hostile)('turns %j into live markup when it is not escaped', (value) => {
    expect(liveMarkup(render(card([text(value), facts([['Namn', value]])])))).not.toEqual([]);
  });

  it('honours backslash escapes as CommonMark does', () => {
    expect(commonMark('\\[a\\](b)')).toBe('<p>[a](b)</p>');
    expect(commonMark('[a](b)')).toBe('<p><a href="b">a</a></p>');
  });
});

describe.each(hostile)('data text %j on bot cards', (value) => {
  it.each(cardsWith(value))('%s: shown as written, no live Markdown', (_name, built) => {
    const element = render(built);
    expect(liveMarkup(element)).toEqual([]);
    expect(squash(element.textContent ?? '')).toContain(squash(value));
  });
});

describe('escapeMarkdown', () => {
  it('leaves ordinary names, dates and codes alone', () => {
    for (const plain of [
      'Stig Ägare',
      'Socialförvaltningen',
      'INC-2026-0042',
      '24 okt. 2026 10:00',
      'K3 R2 T4 S2',
      'Bygg & miljö',
      'a > b',
      '2024.05',
    ]) {
      expect(escapeMarkdown(plain)).toBe(plain);
    }
  });

  it('escapes inline markup everywhere and block markers only at the start of a line', () => {
    expect(escapeMarkdown('[Logga in](https://evil.example)')).toBe('\\[Logga in\\](https://evil.example)');
    expect(escapeMarkdown('**x** _y_ `z` ~~w~~ <u>')).toBe('\\*\\*x\\*\\* \\_y\\_ \\`z\\` \\~\\~w\\~\\~ \\<u>');
    expect(escapeMarkdown('# a\n- b\n1. c\n> d\n  + e')).toBe('\\# a\n\\- b\n1\\. c\n\\> d\n  \\+ e');
    expect(escapeMarkdown('a - b # c 1. d')).toBe('a - b # c 1. d');
    expect(escapeMarkdown('\\')).toBe('\\\\');
    expect(escapeMarkdown('AT&amp;T')).toBe('AT\\&amp;T');
  });

  it('is not applied to inputs: the dialog prefills what the user wrote, unchanged', () => {
    const name = '**Viktigt** [Logga in](https://evil.example)';
    const dialog = JSON.parse(
      JSON.stringify(
        reportDialogCard({
          lang: 'sv',
          input: { ...EMPTY_FORM, title: name, description: name, systemIds: '7', personalData: 'vet ej' },
          context: { nonce: 'n' },
          systems: [hostileSystem(name)],
        }),
      ),
    ) as unknown;
    expect(findElement(dialog, 'title')?.value).toBe(name);
    expect(findElement(dialog, 'description')?.value).toBe(name);
    // Choice titles of the multi-select are the exception: shown as checkboxes, they are Markdown.
    expect((findElement(dialog, 'systemIds')?.choices as { title: string }[])[0]?.title).toBe(escapeMarkdown(name));
  });
});
