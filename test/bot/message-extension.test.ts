import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../../src/bot/index.js';
import { where } from '../../src/shared/data/index.js';
import { createLocalToken } from '../../src/shared/auth/local-token.js';
import { ADMIN, startTestSite, type TestSite } from '../support/local-site.js';
import { cardTexts, findElement, invokeActivity, messagePayload, post } from './helpers.js';

const EVA = 'eva.ek@exempelkommun.se';
const STIG = 'stig.agare@exempelkommun.se';
const FIA = 'fia.forvaltare@exempelkommun.se';

let site: TestSite;
let bot: RunningBot;
let connector: Server;
let connectorUrl: string;
const systemIds: Record<string, number> = {};

/** A stand-in for the Bot Framework connector: answers member lookups with the UPN, as Teams does. */
function startConnector(): Promise<Server> {
  const members: Record<string, { userPrincipalName: string; email: string; name: string }> = {
    '29:eva': { userPrincipalName: EVA, email: EVA, name: 'Eva Ek' },
    '29:stranger': { userPrincipalName: 'nils.okand@annanorg.se', email: 'nils.okand@annanorg.se', name: 'Nils Okänd' },
  };
  const server = createServer((req, res) => {
    const m = /\/v3\/conversations\/[^/]+\/members\/([^/?]+)/.exec(req.url ?? '');
    const member = m ? members[decodeURIComponent(m[1]!)] : undefined;
    res.writeHead(member ? 200 : 404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(member ? { id: decodeURIComponent(m![1]!), ...member } : { error: 'not found' }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
  site = await startTestSite({
    users: [
      { upn: EVA, displayName: 'Eva Ek' },
      { upn: STIG, displayName: 'Stig Ägare' },
      { upn: FIA, displayName: 'Fia Förvaltare' },
    ],
  });
  const admin = site.reposAs(ADMIN);
  await admin.groups.addMembers('employees', [EVA, STIG, FIA]);
  await admin.groups.addMembers('systemOwners', [STIG, FIA]);
  const stig = await admin.users.ensure(STIG);
  const fia = await admin.users.ensure(FIA);
  const soc = await admin.departments.add({ title: 'Socialförvaltningen', code: 'SOC' });
  const ks = await admin.departments.add({ title: 'Kommunledningsförvaltningen', code: 'KLF' });
  const systems = [
    {
      title: 'Procapita',
      department: { id: soc.id },
      systemOwner: { id: stig.id },
      systemAdministrator: { id: fia.id },
      criticality: 'verksamhetskritisk' as const,
      confidentiality: 4,
      integrity: 3,
      availability: 3,
    },
    {
      title: 'Visma Proceedo',
      department: { id: ks.id },
      systemOwner: { id: stig.id },
      criticality: 'övrig' as const,
      confidentiality: 2,
      integrity: 2,
      availability: 1,
    },
    { title: 'Lifecare Procapita Mobil', department: { id: soc.id }, criticality: 'verksamhetskritisk' as const, societallyCritical: true },
    { title: 'Gamla ekonomisystemet', department: { id: ks.id }, lifecycleStatus: 'avvecklad' as const, criticality: 'övrig' as const },
  ];
  for (const s of systems) systemIds[s.title] = (await admin.systems.add(s)).id;

  connector = await startConnector();
  connectorUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;
  bot = await startBot({
    mode: 'local',
    port: 0,
    host: '127.0.0.1',
    localStoreUrl: site.store.url,
    siteUrl: site.siteUrl,
    log: () => undefined,
  });
});

afterAll(async () => {
  await bot?.close();
  await new Promise<void>((r) => (connector ? connector.close(() => r()) : r()));
  await site?.close();
});

const asEva = () => ({ serviceUrl: connectorUrl, from: { id: '29:eva', name: 'Eva Ek', aadObjectId: 'aad-eva' } });

describe('Rapportera incident (composeExtension/fetchTask)', () => {
  it('opens an Adaptive Card dialog prefilled from the chat message', async () => {
    const res = await post(
      bot.url,
      invokeActivity('composeExtension/fetchTask', { commandId: 'reportIncident', commandContext: 'message', messagePayload }, asEva()),
    );
    expect(res.status).toBe(200);
    const task = res.body.task;
    expect(task.type).toBe('continue');
    expect(task.value.title).toBe('Rapportera incident');
    const card = task.value.card.content;
    expect(task.value.card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.version).toBe('1.5');

    const description = findElement(card, 'description')!;
    expect(description.value).toContain('Jag fick ett konstigt mejl som ber mig logga in i Procapita & ange BankID.');
    expect(description.value).toContain('klicka här (https://evil.example/login)');
    expect(description.value).toContain('• Avsändare: it-support@evil.example');
    expect(description.value).not.toMatch(/<[a-z]/i);
    expect(findElement(card, 'title')!.value).toBe('Hej! Jag fick ett konstigt mejl som ber mig logga in i Procapita & ange BankID.');

    const texts = cardTexts(card);
    expect(texts).toContain('Olle Berg');
    expect(texts).toContain('Öppna meddelandet');
    expect(texts).toContain(messagePayload.linkToMessage);

    const systems = findElement(card, 'systemIds')!;
    expect(systems.type).toBe('Input.ChoiceSet');
    expect(systems.isMultiSelect).toBe(true);
    const titles = systems.choices.map((c: { title: string }) => c.title);
    expect(titles).toEqual(['Lifecare Procapita Mobil', 'Procapita', 'Visma Proceedo']);
    expect(titles).not.toContain('Gamla ekonomisystemet');

    const personal = findElement(card, 'personalData')!;
    expect(personal.choices.map((c: { value: string }) => c.value)).toEqual(['ja', 'nej', 'vet ej']);
    expect(personal.choices.map((c: { title: string }) => c.title)).toEqual(['Ja', 'Nej', 'Vet ej']);
  });

  it('speaks English to an en-US client', async () => {
    const res = await post(
      bot.url,
      invokeActivity(
        'composeExtension/fetchTask',
        { commandId: 'reportIncident', commandContext: 'message', messagePayload },
        { ...asEva(), locale: 'en-US' },
      ),
    );
    const card = res.body.task.value.card.content;
    expect(res.body.task.value.title).toBe('Report incident');
    expect(findElement(card, 'personalData')!.choices.map((c: { title: string }) => c.title)).toEqual(['Yes', 'No', 'Don’t know']);
    expect(cardTexts(card)).toContain('Send report');
  });
});

async function openDialog(options = asEva()) {
  const res = await post(
    bot.url,
    invokeActivity('composeExtension/fetchTask', { commandId: 'reportIncident', commandContext: 'message', messagePayload }, options),
  );
  const card = res.body.task.value.card.content;
  const submit = card.actions.find((a: { type: string }) => a.type === 'Action.Submit');
  return { card, data: submit.data as Record<string, unknown> };
}

describe('Rapportera incident (composeExtension/submitAction)', () => {
  it('rejects invalid input with clear Swedish messages and keeps what the user typed', async () => {
    const { data } = await openDialog();
    const res = await post(
      bot.url,
      invokeActivity(
        'composeExtension/submitAction',
        {
          commandId: 'reportIncident',
          commandContext: 'message',
          messagePayload,
          data: { ...data, title: '   ', description: 'Mitt eget utkast', systemId: '99999', personalData: 'kanske' },
        },
        asEva(),
      ),
    );
    expect(res.status).toBe(200);
    const card = res.body.task.value.card.content;
    const errors = cardTexts(findElement(card, 'validationErrors'));
    expect(errors).toContain('Rapporten skickades inte. Rätta följande:');
    expect(errors).toContain('• Skriv en rubrik.');
    expect(errors).toContain('• Välj om personuppgifter berörs (ja, nej eller vet ej).');
    expect(errors.some((e) => e.includes('finns inte längre i systemförteckningen'))).toBe(true);
    expect(findElement(card, 'description')!.value).toBe('Mitt eget utkast');
    // The unknown system cannot be shown as chosen (it is not in the list); everything else is kept.
    expect(findElement(card, 'systemIds')!.value).toBe('');
    expect(findElement(card, 'personalData')!.value).toBe('kanske');
    const incidents = await site.reposAs(ADMIN).incidents.list();
    expect(incidents.filter((i) => i.description?.startsWith('Mitt eget utkast'))).toHaveLength(0);
  });

  it('creates the incident once, with reporter, system and source, and confirms the reference number', async () => {
    const { data } = await openDialog();
    const value = {
      commandId: 'reportIncident',
      commandContext: 'message',
      messagePayload,
      data: {
        ...data,
        title: 'Nätfiskemejl om Procapita',
        description: 'Mejlet bad om BankID.',
        systemId: String(systemIds.Procapita),
        personalData: 'nej',
      },
    };
    const first = await post(bot.url, invokeActivity('composeExtension/submitAction', value, asEva()));
    expect(first.status).toBe(200);
    const card = first.body.task.value.card.content;
    const ref = findElement(card, 'referenceNumber')!.text as string;
    expect(ref).toMatch(new RegExp(`^INC-${new Date().getUTCFullYear()}-\\d{4}$`));
    expect(cardTexts(card)).toContain('Tack! Incidenten är rapporterad.');
    expect(findElement(card, 'alreadyReceived')).toBeUndefined();

    const stored = await site.reposAs(ADMIN).incidents.first(where('incidents').eq('referenceNumber', ref));
    expect(stored).not.toBeNull();
    expect(stored!.title).toBe('Nätfiskemejl om Procapita');
    expect(stored!.reporter?.email ?? stored!.reporter?.title).toMatch(/eva/i);
    expect(stored!.affectedSystems.map((s) => s.id)).toEqual([systemIds.Procapita]);
    expect(stored!.personalDataInvolved).toBe('nej');
    expect(stored!.source).toBe('Teams-chatt');
    expect(stored!.sourceMessageUrl).toBe(messagePayload.linkToMessage);
    expect(stored!.status).toBe('ny');
    expect(stored!.description).toContain('Mejlet bad om BankID.');
    expect(stored!.description).toContain('Olle Berg');

    // Same message, same user, again (retry, double click, or the action reopened): no second incident.
    const again = await post(bot.url, invokeActivity('composeExtension/submitAction', value, asEva()));
    const againCard = again.body.task.value.card.content;
    expect(findElement(againCard, 'referenceNumber')!.text).toBe(ref);
    expect(findElement(againCard, 'alreadyReceived')).toBeDefined();
    const reopened = await openDialog();
    await post(
      bot.url,
      invokeActivity(
        'composeExtension/submitAction',
        { ...value, data: { ...reopened.data, ...value.data, context: reopened.data.context } },
        asEva(),
      ),
    );
    const all = await site.reposAs(ADMIN).incidents.list({ filter: where('incidents').eq('title', 'Nätfiskemejl om Procapita') });
    expect(all).toHaveLength(1);

    // The bot wrote it app-only, yet it is Eva's: she finds it among her reports through the API,
    // and the owner of Procapita among the incidents on his systems.
    const api = new URL(bot.url).origin;
    const mine = await fetch(`${api}/api/v1/me/incidents`, { headers: { Authorization: `Bearer ${createLocalToken(EVA)}` } });
    expect(((await mine.json()) as { value: { referenceNumber: string }[] }).value.map((i) => i.referenceNumber)).toContain(ref);
    const owners = await fetch(`${api}/api/v1/me/system-incidents`, { headers: { Authorization: `Bearer ${createLocalToken(STIG)}` } });
    expect(((await owners.json()) as { value: { referenceNumber: string }[] }).value.map((i) => i.referenceNumber)).toContain(ref);
  });

  it('confirms in English for an en-US client', async () => {
    const { data } = await openDialog({ ...asEva(), locale: 'en-US' } as ReturnType<typeof asEva>);
    const res = await post(
      bot.url,
      invokeActivity(
        'composeExtension/submitAction',
        {
          commandId: 'reportIncident',
          commandContext: 'compose',
          data: {
            ...data,
            context: { nonce: 'en-test-nonce' },
            title: 'Lost laptop',
            description: 'Left on the train.',
            personalData: 'vet ej',
          },
        },
        { ...asEva(), locale: 'en-US' },
      ),
    );
    const card = res.body.task.value.card.content;
    expect(cardTexts(card)).toContain('Thank you! The incident has been reported.');
    expect(cardTexts(card)).toContain('Reference number');
  });

  it('accepts a report from someone the register does not know, naming them in the description', async () => {
    const stranger = { serviceUrl: connectorUrl, from: { id: '29:stranger', name: 'Nils Okänd', aadObjectId: 'aad-nils' } };
    const { data } = await openDialog(stranger);
    const res = await post(
      bot.url,
      invokeActivity(
        'composeExtension/submitAction',
        {
          commandId: 'reportIncident',
          commandContext: 'message',
          messagePayload,
          data: { ...data, title: 'Extern rapport', description: 'Konsult ser konstig trafik.', personalData: 'vet ej' },
        },
        stranger,
      ),
    );
    const ref = findElement(res.body.task.value.card.content, 'referenceNumber')!.text as string;
    const stored = await site.reposAs(ADMIN).incidents.first(where('incidents').eq('referenceNumber', ref));
    expect(stored!.reporter).toBeNull();
    expect(stored!.description).toContain('Nils Okänd');
    expect(stored!.description).toContain('nils.okand@annanorg.se');
  });
});

describe('Hitta system (composeExtension/query)', () => {
  const query = (text: string | null, locale = 'sv-SE') =>
    post(
      bot.url,
      invokeActivity(
        'composeExtension/query',
        {
          commandId: 'findSystem',
          parameters: text === null ? [{ name: 'initialRun', value: 'true' }] : [{ name: 'searchText', value: text }],
          queryOptions: { skip: 0, count: 10 },
        },
        { ...asEva(), locale },
      ),
    );

  it('finds systems whose name starts with or contains the text, starts-with first', async () => {
    const res = await query('proc');
    expect(res.status).toBe(200);
    const ext = res.body.composeExtension;
    expect(ext.type).toBe('result');
    expect(ext.attachments.map((a: any) => a.preview.content.title)).toEqual(['Procapita', 'Lifecare Procapita Mobil', 'Visma Proceedo']);
    const procapita = ext.attachments[0];
    expect(procapita.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const facts = Object.fromEntries(
      findElement(procapita.content, (n) => n.type === 'FactSet')!.facts.map((f: any) => [f.title, f.value]),
    );
    expect(facts).toMatchObject({
      Systemägare: 'Stig Ägare',
      Systemförvaltare: 'Fia Förvaltare',
      Förvaltning: 'Socialförvaltningen',
      Verksamhetskritikalitet: 'Verksamhetskritisk',
      'Klassning K/R/T/S': 'K4 R3 T3 S–',
    });
    const mobil = Object.fromEntries(
      findElement(ext.attachments[1].content, (n) => n.type === 'FactSet')!.facts.map((f: any) => [f.title, f.value]),
    );
    expect(mobil.Systemägare).toBe('saknas');
    // Samhällsviktig is its own fact (schema version 2), shown only when it holds.
    expect(mobil.Samhällsviktig).toBe('Ja');
    expect(mobil['Klassning K/R/T/S']).toBe('ej klassad');
  });

  it('lists a few systems for an empty query and says so when nothing matches', async () => {
    const initial = await query(null);
    expect(initial.body.composeExtension.attachments.length).toBeGreaterThanOrEqual(3);
    const none = await query('finnsinte');
    expect(none.body.composeExtension).toEqual({ type: 'message', text: 'Inga system matchar sökningen.' });
  });

  it('labels the card in English for en-US', async () => {
    const res = await query('Procapita', 'en-US');
    const facts = Object.fromEntries(
      findElement(res.body.composeExtension.attachments[0].content, (n) => n.type === 'FactSet')!.facts.map((f: any) => [f.title, f.value]),
    );
    expect(facts).toMatchObject({
      'System owner': 'Stig Ägare',
      'Classification C/I/A/T': 'C4 I3 A3 T–',
      'Business criticality': 'Business-critical',
    });
  });
});

describe('Rapportera incident: when, what kind, which systems', () => {
  // A message of its own: a report is keyed by its chat message, and the tests above reported theirs.
  const message = { ...messagePayload, id: '1700000000999' };
  const submitWith = (data: Record<string, unknown>, options = asEva()) =>
    post(
      bot.url,
      invokeActivity(
        'composeExtension/submitAction',
        { commandId: 'reportIncident', commandContext: 'message', messagePayload: message, data },
        options,
      ),
    );
  /** Yesterday and today in Stockholm, as the date pickers send them. */
  const day = (offset: number) =>
    new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date(Date.now() + offset * 86_400_000));

  it('offers the new inputs: dates and times, type, CERT-SE category with Vet ej, still ongoing, several systems', async () => {
    const { card } = await openDialog();
    expect(findElement(card, 'occurredDate')).toMatchObject({ type: 'Input.Date', max: day(0) });
    expect(findElement(card, 'occurredTime')).toMatchObject({ type: 'Input.Time' });
    expect(findElement(card, 'detectedDate')).toMatchObject({ type: 'Input.Date', label: 'Upptäcktes, datum' });
    expect(findElement(card, 'detectedTime')).toMatchObject({ type: 'Input.Time' });
    const type = findElement(card, 'type')!;
    expect(type.choices.map((c: { value: string }) => c.value)).toEqual(['händelse', 'incident', 'brist']);
    expect(type.value).toBe('händelse');
    const category = findElement(card, 'category')!;
    expect(category.choices[0]).toEqual({ title: 'Vet ej', value: 'vet ej' });
    expect(category.choices.map((c: { value: string }) => c.value)).toContain('informationsförlust eller informationsläckage');
    expect(category.choices).toHaveLength(11);
    expect(findElement(card, 'ongoing')).toMatchObject({ type: 'Input.Toggle', value: 'false', valueOn: 'true', valueOff: 'false' });
    expect(findElement(card, 'systemIds')).toMatchObject({ type: 'Input.ChoiceSet', isMultiSelect: true, style: 'filtered' });
    expect(findElement(card, 'systemQuery')).toMatchObject({ type: 'Input.Text' });
    expect(findElement(card, 'searchSystems')).toMatchObject({ type: 'Action.Submit', data: { intent: 'searchSystems' } });
  });

  it('stores every field once — main system first — and confirms with what happens next', async () => {
    const { data } = await openDialog();
    const form = {
      ...data,
      context: { nonce: 'n-fields' },
      title: 'Fel mottagare av journalutdrag',
      description: 'Ett utdrag skickades till fel person.',
      occurredDate: day(-1),
      occurredTime: '16:45',
      detectedDate: day(0),
      detectedTime: '00:05',
      type: 'incident',
      category: 'informationsförlust eller informationsläckage',
      personalData: 'ja',
      ongoing: 'true',
      systemIds: `${systemIds['Visma Proceedo']},${systemIds.Procapita}`,
    };
    const res = await submitWith(form);
    const card = res.body.task.value.card.content;
    const ref = findElement(card, 'referenceNumber')!.text as string;
    expect(ref).toMatch(/^INC-\d{4}-\d{4}$/);
    const stored = (await site.reposAs(ADMIN).incidents.first(where('incidents').eq('referenceNumber', ref)))!;
    expect(stored.affectedSystems.map((s) => s.id)).toEqual([systemIds['Visma Proceedo'], systemIds.Procapita]);
    expect(stored.mainSystem?.id).toBe(systemIds['Visma Proceedo']);
    expect(stored.type).toBe('incident');
    expect(stored.category).toBe('informationsförlust eller informationsläckage');
    expect(stored.personalDataInvolved).toBe('ja');
    expect(stored.ongoing).toBe(true);
    expect(Date.parse(stored.occurredAt!)).toBeLessThan(Date.parse(stored.detectedAt!));
    // Awareness is the organisation's: when the report arrived, not when Eva noticed it.
    expect(stored.awareAt).toBe(stored.reportedAt);
    expect(stored.status).toBe('ny');

    const texts = cardTexts(card);
    expect(texts).toContain('Vad händer nu?');
    expect(texts.some((t) => t.startsWith('Informationssäkerhetssamordnaren bedömer rapporten'))).toBe(true);
    expect(texts).toContain('Du kan följa rapporten under "Mina rapporter" i Systemkoll.');
    expect(texts).toContain('Pågår det och är det brådskande? Ring även IT-supporten.');
    expect(texts).toContain('Visma Proceedo, Procapita');
    expect(texts).toContain('Incident');

    // Sent again (Teams' retry, a double click): the same incident, said to be already received.
    const again = await submitWith(form);
    expect(findElement(again.body.task.value.card.content, 'referenceNumber')!.text).toBe(ref);
    expect(findElement(again.body.task.value.card.content, 'alreadyReceived')).toBeDefined();
    const all = await site.reposAs(ADMIN).incidents.list({ filter: where('incidents').eq('title', form.title) });
    expect(all).toHaveLength(1);
  });

  it.each([
    [
      'a discovery before it happened',
      { occurredDate: '2026-11-10', occurredTime: '10:00', detectedDate: '2026-11-09' },
      'innan det inträffade',
    ],
    ['a time in the future', { detectedDate: '2999-01-01' }, 'upptäckte det ligger i framtiden'],
    ['a time without a date', { occurredDate: '', occurredTime: '10:00' }, 'Ange när det inträffade med ett datum'],
    ['a type staff cannot choose', { type: 'möjlig incident' }, 'Välj vad det gäller'],
    ['an unknown category', { category: 'virus' }, 'Välj en kategori i listan'],
    ['a decommissioned system', { systemIds: '' }, 'finns inte längre i systemförteckningen'],
    ['an unknown system', { systemIds: '999999' }, 'finns inte längre i systemförteckningen'],
  ])('refuses %s in Swedish, stores nothing and keeps the input', async (_name, change, message) => {
    const { data } = await openDialog();
    const title = `Valideringsprov ${_name}`;
    const fields: Record<string, unknown> = {
      ...data,
      title,
      description: 'Mitt utkast, kvar efter felet.',
      occurredDate: '2026-11-01',
      ongoing: 'true',
      category: 'angrepp',
      personalData: 'nej',
      ...change,
    };
    // Known only once the register is seeded: the decommissioned system's id.
    if (fields.systemIds === '') fields.systemIds = String(systemIds['Gamla ekonomisystemet']);
    const res = await submitWith(fields);
    const card = res.body.task.value.card.content;
    const errors = cardTexts(findElement(card, 'validationErrors'));
    expect(errors.some((e) => e.includes(message))).toBe(true);
    expect(findElement(card, 'title')!.value).toBe(title);
    expect(findElement(card, 'description')!.value).toBe('Mitt utkast, kvar efter felet.');
    expect(findElement(card, 'ongoing')!.value).toBe('true');
    expect(findElement(card, 'personalData')!.value).toBe('nej');
    for (const key of ['occurredDate', 'occurredTime', 'detectedDate', 'type', 'category'] as const)
      if (key in fields) expect(findElement(card, key)!.value).toBe(fields[key]);
    const stored = await site.reposAs(ADMIN).incidents.list({ filter: where('incidents').eq('title', title) });
    expect(stored).toHaveLength(0);
  });

  it('searches the register from the dialog, keeps the choices made, and stores nothing', async () => {
    const { card: opened } = await openDialog();
    const search = findElement(opened, 'searchSystems')!;
    const res = await submitWith({
      ...search.data,
      title: 'Sökprov',
      description: 'Kvar efter sökningen.',
      systemIds: String(systemIds['Visma Proceedo']),
      systemQuery: 'mobil',
    });
    const card = res.body.task.value.card.content;
    expect(findElement(card, 'validationErrors')).toBeUndefined();
    expect(findElement(card, 'systemSearchNote')!.text).toContain('Sökningen på "mobil" gav 1 system');
    const choices = findElement(card, 'systemIds')!;
    // Chosen first, then the match, then the rest of the list; nothing decommissioned.
    expect(choices.choices.slice(0, 2).map((c: { title: string }) => c.title)).toEqual(['Visma Proceedo', 'Lifecare Procapita Mobil']);
    expect(choices.choices.map((c: { title: string }) => c.title)).not.toContain('Gamla ekonomisystemet');
    expect(choices.value).toBe(String(systemIds['Visma Proceedo']));
    expect(findElement(card, 'title')!.value).toBe('Sökprov');
    expect(findElement(card, 'systemQuery')!.value).toBe('mobil');
    const stored = await site.reposAs(ADMIN).incidents.list({ filter: where('incidents').eq('title', 'Sökprov') });
    expect(stored).toHaveLength(0);
  });
});

describe('POST /api/v1/incidents with the new fields (the tab’s report)', () => {
  const postReport = async (body: Record<string, unknown>) => {
    const res = await fetch(`${new URL(bot.url).origin}/api/v1/incidents`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${createLocalToken(EVA)}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const base = { title: 'Flikrapport', description: 'Skärmen visade fel patient.', personalData: 'ja' };

  it('stores times, type, category, still ongoing and several systems; ignores a reporter or status sent along', async () => {
    const body = {
      ...base,
      clientKey: 'tab-new-fields',
      occurredAt: '2026-11-19T15:00:00+01:00',
      detectedAt: '2026-11-19T16:30',
      type: 'incident',
      category: 'informationsförvanskning',
      ongoing: false,
      systemIds: [systemIds.Procapita, String(systemIds['Lifecare Procapita Mobil'])],
      // Not the client's to say: dropped.
      reporter: { id: 1 },
      status: 'avslutad',
      awareAt: '2020-01-01T00:00:00Z',
    };
    const first = await postReport(body);
    expect(first.status).toBe(201);
    expect(Object.keys(first.body).sort()).toEqual(['created', 'incident']);
    const stored = await site.reposAs(ADMIN).incidents.get(first.body.incident.id);
    expect(stored).toMatchObject({
      occurredAt: '2026-11-19T14:00:00Z',
      detectedAt: '2026-11-19T15:30:00Z',
      type: 'incident',
      category: 'informationsförvanskning',
      ongoing: false,
      status: 'ny',
      source: 'flik',
      mainSystem: { id: systemIds.Procapita },
    });
    expect(stored.affectedSystems.map((s) => s.id)).toEqual([systemIds.Procapita, systemIds['Lifecare Procapita Mobil']]);
    expect(stored.awareAt).toBe(stored.reportedAt);
    expect(stored.reporter?.email).toBe(EVA);
    const again = await postReport(body);
    expect(again.status).toBe(200);
    expect(again.body.incident.id).toBe(first.body.incident.id);
  });

  it('refuses bad times, a decommissioned system and unknown choices with Swedish messages and codes', async () => {
    const res = await postReport({
      ...base,
      clientKey: 'tab-bad-fields',
      occurredAt: '2999-01-01T10:00:00Z',
      detectedAt: 'i går',
      type: 'möjlig incident',
      category: 'virus',
      systemIds: [systemIds['Gamla ekonomisystemet']],
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalidReport');
    expect(res.body.details).toEqual(['systemUnknown', 'occurredInFuture', 'detectedInvalid', 'typeUnknown', 'categoryUnknown']);
    expect(res.body.message).toContain('Tidpunkten då det inträffade ligger i framtiden.');
    expect(res.body.message).toContain('avvecklat');
    // The older single systemId still works.
    const old = await postReport({ ...base, clientKey: 'tab-old-body', systemId: systemIds.Procapita });
    expect(old.status).toBe(201);
    expect((await site.reposAs(ADMIN).incidents.get(old.body.incident.id)).affectedSystems.map((s) => s.id)).toEqual([systemIds.Procapita]);
  });
});
