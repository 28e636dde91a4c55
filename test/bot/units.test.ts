import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { certificateFromEnv, sharePointScope } from '../../src/server/auth/certificate.js';
import { EMPTY_FORM, reportDialogCard } from '../../src/bot/cards/report-dialog.js';
import { classificationText, systemResult } from '../../src/bot/cards/system.js';
import { tabLinks } from '../../src/bot/links.js';
import { findSystems, queryText, rankSystems } from '../../src/bot/find-system.js';
import { htmlToText } from '../../src/bot/html.js';
import { langOf } from '../../src/bot/i18n.js';
import { resolveUser } from '../../src/bot/identity.js';
import { incidentFromReport } from '../../src/domain/incident-report.js';
import {
  openReportDialog,
  readSubmission,
  sourceFromPayload,
  submissionClientKey,
  submitReport,
  validateReport,
} from '../../src/bot/incident-report.js';
import type { BotData, ReportSubmission, TeamsUser } from '../../src/bot/ports.js';
import type { Incident, SystemRecord } from '../../src/shared/schema/index.js';
import { cardTexts, findElement } from './helpers.js';

const sys = (id: number, title: string, extra: Partial<SystemRecord> = {}) => ({ id, title, ...extra }) as SystemRecord;

function fakeData(systems: SystemRecord[] = [sys(1, 'Procapita'), sys(2, 'Visma')]) {
  const stored = new Map<string, Incident>();
  const data: BotData & { stored: Map<string, Incident> } = {
    stored,
    searchSystems: async (text, top) => systems.filter((s) => s.title.toLowerCase().includes(text.toLowerCase())).slice(0, top),
    systemChoices: async () => systems,
    report: async (user: TeamsUser, submission: ReportSubmission) => {
      const key = `${user.aadObjectId ?? user.id}|${submission.clientKey}`;
      const hit = stored.get(key);
      if (hit) return { incident: hit, created: false };
      const incident = {
        title: submission.input.title,
        id: stored.size + 1,
        referenceNumber: `INC-2026-${String(stored.size + 1).padStart(4, '0')}`,
      } as unknown as Incident;
      stored.set(key, incident);
      return { incident, created: true };
    },
  };
  return data;
}

const VALID_DEFAULTS = { occurredAt: null, detectedAt: null, type: 'händelse' as const, category: null, ongoing: null };

describe('htmlToText', () => {
  it('turns Teams message HTML into readable plain text', () => {
    expect(htmlToText('<div><p>Rad 1<br>Rad 2</p><p>&lt;skript&gt; &amp; &auml;ndring &#x1F600;</p></div>')).toBe(
      'Rad 1\nRad 2\n\n<skript> & ändring 😀',
    );
    expect(htmlToText('<ul><li>ett</li><li>två</li></ul>')).toBe('• ett\n• två');
    expect(htmlToText('<a href="https://x.se/a">https://x.se/a</a> och <a href="https://y.se">här</a>')).toBe(
      'https://x.se/a och här (https://y.se)',
    );
    expect(htmlToText('<script>alert(1)</script><style>p{}</style>Text')).toBe('Text');
    expect(htmlToText('<a href="javascript:alert(1)">klick</a>')).toBe('klick');
    expect(htmlToText(null)).toBe('');
  });
});

describe('locale', () => {
  it('uses English only for en-*, Swedish otherwise', () => {
    expect(langOf('en-US')).toBe('en');
    expect(langOf('en-GB')).toBe('en');
    expect(langOf('sv-SE')).toBe('sv');
    expect(langOf('fi-FI')).toBe('sv');
    expect(langOf(undefined)).toBe('sv');
  });
});

describe('report dialog and validation', () => {
  it('validates all fields at once, in the user’s language', () => {
    const systems = [sys(1, 'Procapita')];
    const bad = validateReport({ title: '', description: '', systemId: 'abc', personalData: '' }, systems, 'sv');
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.errors).toEqual([
        'Skriv en rubrik.',
        'Beskriv vad som har hänt.',
        'Välj om personuppgifter berörs (ja, nej eller vet ej).',
        'Ett valt system finns inte längre i systemförteckningen eller är avvecklat. Välj ett annat eller lämna fältet tomt.',
      ]);
    const long = validateReport({ title: 'x'.repeat(256), description: 'd', systemId: '', personalData: 'ja' }, systems, 'en');
    expect(!long.ok && long.errors).toEqual(['The title can be at most 255 characters.']);
    const ok = validateReport(
      { title: '  Stulen  dator ', description: ' Tappade den. ', systemId: '1', personalData: 'vet ej' },
      systems,
      'sv',
    );
    expect(ok).toEqual({
      ok: true,
      value: { ...VALID_DEFAULTS, title: 'Stulen dator', description: 'Tappade den.', systemId: 1, systemIds: [1], personalData: 'vet ej' },
    });
  });

  it('keys a submission by its chat message, or by the dialog nonce when there is none', () => {
    const source = { id: 'm1', text: '' };
    // Reopening the action on the same message gives a new nonce but the same key: no second report.
    expect(submissionClientKey({ nonce: 'n1', source })).toBe(submissionClientKey({ nonce: 'n2', source }));
    expect(submissionClientKey({ nonce: 'n1', source: { id: 'm2', text: '' } })).not.toBe(submissionClientKey({ nonce: 'n1', source }));
    expect(submissionClientKey({ nonce: 'n1' })).not.toBe(submissionClientKey({ nonce: 'n2' }));
  });

  it('reads the message payload: text body, safe links only', () => {
    expect(sourceFromPayload({ id: '1', body: { contentType: 'text', content: ' hej ' }, linkToMessage: 'javascript:alert(1)' })).toEqual({
      id: '1',
      text: 'hej',
    });
    expect(sourceFromPayload(undefined)).toBeUndefined();
    expect(sourceFromPayload({ from: { application: { displayName: 'Bot' } }, body: { content: '<p>x</p>' } })).toEqual({
      text: 'x',
      senderName: 'Bot',
    });
  });

  it('keeps the source from the card when Teams does not repeat the message', () => {
    const { context, input } = readSubmission({
      data: { title: 'T', context: { nonce: 'abc', source: { id: 'm', text: 't', link: 'https://teams.microsoft.com/l/x' } } },
    });
    expect(input.title).toBe('T');
    expect(context).toEqual({ nonce: 'abc', source: { id: 'm', text: 't', link: 'https://teams.microsoft.com/l/x' } });
  });

  it('builds the stored incident in Swedish, naming an unknown reporter', () => {
    const draft = incidentFromReport({
      report: { ...VALID_DEFAULTS, title: 'T', description: 'D', systemId: 3, systemIds: [3], personalData: 'ja' },
      source: { id: 'm', text: 'x', senderName: 'Olle', createdAt: '2026-11-20T08:15:00Z', link: 'https://teams.microsoft.com/l/m' },
      reporter: { siteUserId: null, name: 'Nils', upn: 'nils@x.se', fallbackId: '29:x' },
      submissionKey: 'k',
      now: new Date('2026-11-21T10:00:00Z'),
    });
    expect(draft).toMatchObject({
      title: 'T',
      submissionKey: 'k',
      reportedAt: '2026-11-21T10:00:00.000Z',
      source: 'Teams-chatt',
      sourceMessageUrl: 'https://teams.microsoft.com/l/m',
      affectedSystems: [{ id: 3 }],
      personalDataInvolved: 'ja',
      status: 'ny',
    });
    expect(draft.description).toBe(
      'D\n\n— Från chattmeddelande av Olle, skickat 20 nov. 2026 09:15. Rapporterad via Teams av Nils, nils@x.se.',
    );
    expect('reporter' in draft).toBe(false);
  });

  it('opens, rejects, accepts and de-duplicates with plain functions', async () => {
    const data = fakeData();
    const opened = await openReportDialog(
      data,
      { commandId: 'reportIncident', messagePayload: { id: 'm9', body: { content: 'Skrivaren läcker papper' } } },
      'sv',
    );
    const card = opened.task.value.card.content;
    const submit = card.actions!.find((a) => a.type === 'Action.Submit')!;
    const submitData = submit.data as Record<string, unknown>;
    const user = { id: '29:e', aadObjectId: 'E' };
    const invalid = await submitReport(data, { data: { ...submitData, title: '', description: 'x', personalData: 'ja' } }, user, 'sv');
    expect(cardTexts(invalid.task.value.card.content)).toContain('• Skriv en rubrik.');
    const value = { data: { ...submitData, title: 'Papper', description: 'x', personalData: 'ja', systemId: '2' } };
    const ok = await submitReport(data, value, user, 'sv');
    expect(findElement(ok.task.value.card.content, 'referenceNumber')!.text).toBe('INC-2026-0001');
    expect(cardTexts(ok.task.value.card.content)).toContain('Visma');
    const again = await submitReport(data, value, user, 'sv');
    expect(findElement(again.task.value.card.content, 'alreadyReceived')).toBeDefined();
    expect(data.stored.size).toBe(1);
  });

  it('renders user text literally (no Markdown) in the dialog', () => {
    const card = reportDialogCard({
      lang: 'sv',
      input: { ...EMPTY_FORM, personalData: '' },
      context: { nonce: 'n', source: { text: '**fet** [länk](https://x)' } },
      systems: [],
    });
    const rich = findElement(card, (n) => n.type === 'RichTextBlock')!;
    expect(rich.inlines[0]).toMatchObject({ type: 'TextRun', text: '**fet** [länk](https://x)' });
  });
});

describe('system search', () => {
  it('reads the query text and ignores initialRun', () => {
    expect(queryText({ parameters: [{ name: 'initialRun', value: 'true' }] })).toBe('');
    expect(queryText({ parameters: [{ name: 'searchText', value: '  Proc ' }] })).toBe('Proc');
  });

  it('ranks starts-with before contains, alphabetically, without duplicates', () => {
    const ranked = rankSystems(
      [sys(1, 'Visma Proceedo'), sys(2, 'Procapita'), sys(3, 'Agresso'), sys(2, 'Procapita'), sys(4, 'procurement')],
      'proc',
    );
    expect(ranked.map((s) => s.title)).toEqual(['Procapita', 'procurement', 'Visma Proceedo']);
  });

  it('shows K/R/T and paging', async () => {
    expect(classificationText({ confidentiality: 3, integrity: null, availability: 2, traceability: 1 }, 'sv')).toBe('K3 R– T2 S1');
    expect(classificationText({ confidentiality: null, integrity: null, availability: null, traceability: null }, 'en')).toBe(
      'not classified',
    );
    const many = Array.from({ length: 15 }, (_, i) => sys(i + 1, `System ${String(i + 1).padStart(2, '0')}`));
    const page2 = await findSystems(
      fakeData(many),
      { parameters: [{ name: 'q', value: 'system' }], queryOptions: { skip: 10, count: 10 } },
      'sv',
    );
    expect(page2.composeExtension.attachments!.map((a) => a.preview.content.title)).toEqual([
      'System 11',
      'System 12',
      'System 13',
      'System 14',
      'System 15',
    ]);
    const empty = await findSystems(fakeData([]), { parameters: [] }, 'en');
    expect(empty.composeExtension).toEqual({ type: 'message', text: 'The system register is empty.' });
  });
});

describe('identity', () => {
  it('uses the connector member lookup for the UPN, and copes with a slow or failing connector', async () => {
    const from = { id: '29:u1', name: 'Ulla', aadObjectId: 'U' };
    const found = await resolveUser(from, 'conv-1', async () => ({ userPrincipalName: 'ulla@k.se', email: 'ulla@k.se' }));
    expect(found).toEqual({ id: '29:u1', name: 'Ulla', aadObjectId: 'U', upn: 'ulla@k.se', email: 'ulla@k.se' });
    const slow = await resolveUser({ id: '29:u2' }, 'conv-1', () => new Promise(() => undefined), 50);
    expect(slow).toEqual({ id: '29:u2' });
    const failing = await resolveUser({ id: '29:u3' }, 'conv-1', async () => {
      throw new Error('down');
    });
    expect(failing).toEqual({ id: '29:u3' });
  });
});

describe('certificate settings', () => {
  it('reads key and thumbprint from files or env and names what is missing', () => {
    expect(certificateFromEnv('SP_APP_', {}, {})).toBeNull();
    expect(() => certificateFromEnv('SP_APP_', { tenantId: 't' }, { SP_APP_CERT_KEY_PATH: '/nope' })).toThrow(
      /SP_APP_CLIENT_ID.*SP_APP_CERT_THUMBPRINT_SHA256/,
    );
    const dir = mkdtempSync(join(tmpdir(), 'sk-cert-'));
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyPath = join(dir, 'key.pem');
    writeFileSync(keyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    const cred = certificateFromEnv(
      'SP_APP_',
      { tenantId: 't', clientId: 'c' },
      { SP_APP_CERT_KEY_PATH: keyPath, SP_APP_CERT_THUMBPRINT_SHA256: 'AB:CD:EF' },
    );
    expect(cred).toMatchObject({ tenantId: 't', clientId: 'c', thumbprintSha256: 'abcdef' });
    expect(cred!.privateKey).toContain('BEGIN PRIVATE KEY');
    expect(sharePointScope('https://kommun.sharepoint.com/sites/systemkoll')).toBe('https://kommun.sharepoint.com/.default');
  });
});

describe('Hitta system cards', () => {
  const long = sys(
    5,
    'Verksamhetssystem för individ- och familjeomsorg med mobil dokumentation för hemtjänst och LSS-verksamhet i hela kommunen',
  );
  it('shortens long names at a word boundary and links into the tab', () => {
    const links = tabLinks({ teamsAppId: '6f1c2b0e-1111-4222-8333-944445555666', tabUrl: 'https://systemkoll.kommun.se' });
    const result = systemResult({ ...long, administrators: [{ id: 8, title: 'Fia Förvaltare' }] } as SystemRecord, 'sv', links);
    const card = result.content;
    const name = findElement(card, 'systemName')!.inlines[0].text as string;
    expect(name.length).toBeLessThanOrEqual(80);
    expect(name.endsWith('…')).toBe(true);
    expect(long.title.startsWith(name.slice(0, -1))).toBe(true);
    expect(long.title[name.length - 1]).toBe(' ');
    expect(result.preview.content.title!.length).toBeLessThanOrEqual(60);
    const open = card.actions!.find((a: { type: string }) => a.type === 'Action.OpenUrl') as { url: string; title: string };
    expect(open.title).toBe('Öppna i Systemkoll');
    expect(open.url).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/entity\/6f1c2b0e-1111-4222-8333-944445555666\/systemkoll\?/);
    expect(decodeURIComponent(open.url)).toContain('"subEntityId":"systems/5"');
    expect(decodeURIComponent(open.url)).toContain('webUrl=https://systemkoll.kommun.se/systems/5');
    const facts = Object.fromEntries(findElement(card, (n) => n.type === 'FactSet')!.facts.map((f: any) => [f.title, f.value]));
    expect(facts.Förvaltningsteam).toBe('Fia Förvaltare');
  });

  it('links to the local tab without a Teams app id, and not at all without an address', () => {
    const local = systemResult(sys(7, 'Procapita'), 'sv', tabLinks({ tabUrl: 'http://127.0.0.1:5173/' })).content;
    expect((local.actions![0] as { url: string }).url).toBe('http://127.0.0.1:5173/systems/7');
    expect(systemResult(sys(7, 'Procapita'), 'sv').content.actions ?? []).toEqual([]);
  });

  it('answers a query of only symbols kindly instead of searching', async () => {
    const res = await findSystems(fakeData(), { parameters: [{ name: 'searchText', value: "'%*" }] }, 'sv');
    expect(res.composeExtension).toEqual({
      type: 'message',
      text: 'Skriv en del av systemets namn, till exempel "Procapita" eller "ekonomi".',
    });
  });
});
