// @vitest-environment happy-dom
/**
 * Every card the bot can return parses and validates in the official Adaptive Cards renderer
 * (the `adaptivecards` package Teams' own renderer is built from) with no events: no unknown
 * element, no invalid value, no schema version or language problem.
 */
import { describe, expect, it } from 'vitest';
import * as AC from 'adaptivecards';
import { errorCard } from '../../src/bot/cards/error.js';
import { reportConfirmationCard, type ConfirmedIncident } from '../../src/bot/cards/report-confirmation.js';
import { EMPTY_FORM, reportDialogCard } from '../../src/bot/cards/report-dialog.js';
import { systemCard } from '../../src/bot/cards/system.js';
import { tabLinks } from '../../src/bot/links.js';
import type { AdaptiveCard } from '../../src/bot/cards/common.js';
import { texts } from '../../src/bot/i18n.js';
import { cardTexts, findElement } from './helpers.js';
import type { Incident, SystemRecord } from '../../src/shared/schema/index.js';

function problems(card: AdaptiveCard): string[] {
  const json = JSON.parse(JSON.stringify(card)) as object;
  // The renderer checks `lang` with a global (/g) regex, whose lastIndex survives between calls and
  // fails every second valid card; start each parse from a clean state.
  (AC.CardElement.langProperty as unknown as { regEx: RegExp }).regEx.lastIndex = 0;
  const parsed = new AC.AdaptiveCard();
  // Checked against schema 1.5, what the cards declare and Teams renders everywhere: a property or
  // element of a later version (Data.Query's choices.data is 1.6) is an event, not silently taken.
  const context = new AC.SerializationContext(AC.Versions.v1_5);
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
    [
      'dialog with every new input filled, after a system search',
      reportDialogCard({
        lang,
        input: {
          ...input,
          systemIds: '7,8',
          occurredDate: '2026-10-23',
          occurredTime: '16:45',
          detectedDate: '2026-10-24',
          detectedTime: '08:05',
          type: 'incident',
          category: 'angrepp',
          ongoing: 'true',
          systemQuery: 'proc',
        },
        context: { nonce: 'n', source },
        systems: [system, { id: 8, title: 'Visma Proceedo' }],
        more: true,
        searchNote: 'Sökningen på "proc" gav 2 system.',
        today: '2026-10-24',
        errors: ['Du kan inte ha upptäckt det innan det inträffade.'],
      }),
    ],
    [
      'confirmation with every field and a link to follow the report',
      reportConfirmationCard({
        lang,
        incident: {
          ...incident,
          id: 42,
          type: 'incident',
          affectedSystems: [
            { id: 7, title: system.title },
            { id: 8, title: 'Visma Proceedo' },
          ],
          occurredAt: '2026-10-23T14:45:00Z',
          detectedAt: '2026-10-24T06:05:00Z',
          personalDataInvolved: 'ja',
          ongoing: true,
        } as ConfirmedIncident,
        created: true,
        links: tabLinks({ teamsAppId: '6f1c2b0e-1111-4222-8333-944445555666', tabUrl: 'https://systemkoll.example' }),
      }),
    ],
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

describe('the 1.5 check (guard: it can fail)', () => {
  it('flags a typeahead choice set backed by Data.Query, a 1.6 property', () => {
    const built = reportDialogCard({
      lang: 'sv',
      input: EMPTY_FORM,
      context: { nonce: 'n' },
      systems: [system],
    });
    const json = JSON.parse(JSON.stringify(built)) as AdaptiveCard;
    const systems = findElement(json, 'systemIds')!;
    systems['choices.data'] = { type: 'Data.Query', dataset: 'systems' };
    expect(problems(json).some((p) => p.includes('choices.data'))).toBe(true);
  });
});

describe('the confirmation card', () => {
  const full = {
    ...incident,
    id: 42,
    type: 'händelse',
    occurredAt: '2026-10-23T14:45:00Z',
    ongoing: false,
  } as ConfirmedIncident;

  it('links to the report in the tab (a Teams deep link to /incidents/<id>), or not at all without an address', () => {
    const links = tabLinks({ teamsAppId: '6f1c2b0e-1111-4222-8333-944445555666', tabUrl: 'https://systemkoll.example' });
    const card = JSON.parse(JSON.stringify(reportConfirmationCard({ lang: 'sv', incident: full, created: true, links })));
    const follow = findElement(card, 'followReport')!;
    expect(follow.type).toBe('Action.OpenUrl');
    expect(follow.title).toBe('Följ rapporten i Systemkoll');
    expect(follow.url).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/entity\/6f1c2b0e-1111-4222-8333-944445555666\//);
    expect(decodeURIComponent(follow.url as string)).toContain('"subEntityId":"incidents/42"');
    const local = JSON.parse(
      JSON.stringify(
        reportConfirmationCard({ lang: 'sv', incident: full, created: true, links: tabLinks({ tabUrl: 'http://localhost:5173/' }) }),
      ),
    );
    expect(findElement(local, 'followReport')!.url).toBe('http://localhost:5173/incidents/42');
    expect(
      findElement(JSON.parse(JSON.stringify(reportConfirmationCard({ lang: 'sv', incident: full, created: true }))), 'followReport'),
    ).toBeUndefined();
  });

  it('says what happens next, and leaves out what the reporter did not say', () => {
    const card = JSON.parse(JSON.stringify(reportConfirmationCard({ lang: 'sv', incident: full, created: true })));
    const next = cardTexts(findElement(card, 'whatHappensNext'));
    expect(next).toContain('Vad händer nu?');
    expect(next.some((t) => t.startsWith('Informationssäkerhetssamordnaren bedömer rapporten'))).toBe(true);
    // Not ongoing: no advice to call.
    expect(next.some((t) => t.includes('IT-supporten'))).toBe(false);
    const facts = findElement(card, (n) => n.type === 'FactSet')!.facts as { title: string; value: string }[];
    expect(facts.map((f) => f.title)).toEqual(['Status', 'Typ', 'Inträffade', 'Pågår', 'Skickat']);
    expect(facts.find((f) => f.title === 'Pågår')!.value).toBe('Nej');
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
