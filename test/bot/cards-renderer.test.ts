// @vitest-environment happy-dom
/**
 * Every card the bot can return parses and validates in the official Adaptive Cards renderer
 * (the `adaptivecards` package Teams' own renderer is built from) with no events: no unknown
 * element, no invalid value, no schema version or language problem.
 */
import { describe, expect, it } from 'vitest';
import * as AC from 'adaptivecards';
import { errorCard } from '../../src/bot/cards/error.js';
import { reportConfirmationCard } from '../../src/bot/cards/report-confirmation.js';
import { EMPTY_FORM, reportDialogCard } from '../../src/bot/cards/report-dialog.js';
import { systemCard } from '../../src/bot/cards/system.js';
import { tabLinks } from '../../src/bot/links.js';
import type { AdaptiveCard } from '../../src/bot/cards/common.js';
import { texts } from '../../src/bot/i18n.js';
import { findElement } from './helpers.js';
import type { Incident, SystemRecord } from '../../src/shared/schema/index.js';

function problems(card: AdaptiveCard): string[] {
  const json = JSON.parse(JSON.stringify(card)) as object;
  // The renderer checks `lang` with a global (/g) regex, whose lastIndex survives between calls and
  // fails every second valid card; start each parse from a clean state.
  (AC.CardElement.langProperty as unknown as { regEx: RegExp }).regEx.lastIndex = 0;
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(json, context);
  const out: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    out.push(`parse: ${AC.ValidationEvent[e.event]} ${e.message}`);
  }
  for (const e of parsed.validateProperties().validationEvents) out.push(`validate: ${AC.ValidationEvent[e.event]} ${e.message}`);
  return out;
}

const system = {
  id: 7,
  title: 'Procapita [Logga in](https://example.com)',
  description: 'Verksamhetssystem för socialtjänsten.',
  systemOwner: { id: 1, title: 'Stig Ägare' },
  systemAdministrator: null,
  department: { id: 2, title: 'Socialförvaltningen' },
  criticality: 'verksamhetskritisk',
  lifecycleStatus: 'i drift',
  confidentiality: 4,
  integrity: 3,
  availability: 3,
  traceability: null,
} as unknown as SystemRecord;

const incident = {
  referenceNumber: 'INC-2026-0042',
  title: 'Nätfiskemejl',
  status: 'ny',
  reportedAt: '2026-10-24T08:00:00Z',
} as Pick<Incident, 'referenceNumber' | 'title' | 'status' | 'reportedAt'>;

const source = {
  id: '1700000000000',
  text: 'Hej! **Logga in** här: https://example.com',
  link: 'https://teams.microsoft.com/l/message/19:abc/1700000000000',
  senderName: 'Okänd Avsändare',
  createdAt: '2026-10-24T08:00:00Z',
};

describe.each(['sv', 'en'] as const)('every bot card in %s validates in the Adaptive Cards renderer', (lang) => {
  const input = { ...EMPTY_FORM, title: 'Nätfiske', description: 'Ett mejl', systemIds: '7', personalData: 'vet ej' };
  const cards: [string, AdaptiveCard][] = [
    ['dialog', reportDialogCard({ lang, input, context: { nonce: 'n' }, systems: [system] })],
    ['dialog from a message', reportDialogCard({ lang, input, context: { nonce: 'n', source }, systems: [system] })],
    ['dialog with errors', reportDialogCard({ lang, input, context: { nonce: 'n', source }, systems: [], errors: ['Skriv en rubrik.'] })],
    ['confirmation', reportConfirmationCard({ lang, incident, created: true, systemTitle: system.title })],
    ['duplicate confirmation', reportConfirmationCard({ lang, incident, created: false, systemTitle: null })],
    ['error', errorCard(lang, 'SharePoint svarade inte i tid.', 'abc12345')],
    ['system', systemCard(system, lang)],
    ['system with a link into the tab', systemCard(system, lang, tabLinks({ teamsAppId: '6f1c2b0e-1111-4222-8333-944445555666' }))],
  ];

  it.each(cards)('%s', (_name, card) => {
    expect(card.lang).toBe(lang);
    expect(card.version).toBe('1.5');
    expect(problems(card)).toEqual([]);
  });
});

describe('cards show labels, never stored choice values', () => {
  const factValue = (card: AdaptiveCard, title: string) =>
    (findElement(JSON.parse(JSON.stringify(card)), (n) => n.title === title && 'value' in n) as { value: string } | undefined)?.value;

  it.each([
    ['sv', 'Ny', 'Verksamhetskritisk', 'I drift'],
    ['en', 'New', 'Business-critical', 'In operation'],
  ] as const)('%s', (lang, status, criticality, lifecycle) => {
    const t = texts(lang);
    expect(factValue(reportConfirmationCard({ lang, incident, created: true }), t.confirmStatus)).toBe(status);
    expect(factValue(systemCard(system, lang), t.criticality)).toBe(criticality);
    expect(factValue(systemCard(system, lang), t.lifecycle)).toBe(lifecycle);
    const dialog = reportDialogCard({
      lang,
      input: { ...EMPTY_FORM, personalData: '' },
      context: { nonce: 'n' },
      systems: [],
    });
    const personal = findElement(JSON.parse(JSON.stringify(dialog)), 'personalData') as { choices: { title: string }[] };
    expect(personal.choices.map((c) => c.title)).not.toContain('vet ej');
  });
});
