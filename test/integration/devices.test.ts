/**
 * Devices and subscriptions through the Systemkoll API over HTTP, as personas: a manager sees and
 * decides about their own staff's devices (a leaver's and a mover's), the decision is recorded as
 * the manager and clears the task; another employee sees nothing and cannot decide (404, as if it
 * did not exist); a coordinator sees everyone. The service's clock is set by the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalToken } from '../../src/shared/auth/local-token.js';
import { localAuthenticator } from '../../src/server/api/caller.js';
import { createApiHandler } from '../../src/server/api/http.js';
import { createSystemkollService } from '../../src/server/api/service.js';
import { where } from '../../src/shared/data/index.js';
import { ADMIN, startTestSite, type TestSite } from '../support/local-site.js';

const MAJA = 'maja.chef@exempelkommun.se';
const KIM = 'kim.larare@exempelkommun.se';
const OLA = 'ola.ekonom@exempelkommun.se';
const EVA = 'eva.ek@exempelkommun.se';
const SARA = 'sara.samordnare@exempelkommun.se';

let site: TestSite;
let server: Server;
let api = '';
const clock = { now: new Date('2026-12-04T09:00:00Z') };
let kimId = 0;
let laptopId = 0;

async function call(upn: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${api}/api/v1${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${createLocalToken(upn)}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, etag: res.headers.get('etag') ?? '', body: text ? (JSON.parse(text) as any) : null };
}

beforeAll(async () => {
  site = await startTestSite({
    users: [
      { upn: MAJA, displayName: 'Maja Chef' },
      { upn: KIM, displayName: 'Kim Lärare' },
      { upn: OLA, displayName: 'Ola Ekonom' },
      { upn: EVA, displayName: 'Eva Ek' },
      { upn: SARA, displayName: 'Sara Samordnare' },
    ],
  });
  const admin = site.reposAs(ADMIN);
  await admin.groups.addMembers('employees', [MAJA, KIM, OLA, EVA, SARA]);
  await admin.groups.addMembers('securityCoordinators', [SARA]);
  const maja = await admin.users.ensure(MAJA);
  const dep = await admin.departments.add({ title: 'Barn- och utbildningsförvaltningen', code: 'BUF' });
  const soc = await admin.departments.add({ title: 'Socialförvaltningen', code: 'SOC' });
  kimId = (
    await admin.staff.add({
      title: 'Kim Lärare',
      email: KIM,
      department: { id: dep.id },
      manager: { id: maja.id },
      endDate: '2026-12-20',
    })
  ).id;
  await admin.staff.add({
    title: 'Ola Ekonom',
    email: OLA,
    department: { id: dep.id },
    manager: { id: maja.id },
    movedAt: '2026-11-25',
    previousDepartment: { id: soc.id },
  });
  await admin.staff.add({ title: 'Eva Ek', email: EVA, department: { id: soc.id } });
  laptopId = (
    await admin.devices.add({
      title: 'Bärbar dator',
      kind: 'dator',
      identifier: 'PC-1',
      holderEmail: KIM,
      purchaseDate: '2024-01-10',
    })
  ).id;
  await admin.devices.add({ title: 'Mobilabonnemang', kind: 'abonnemang', identifier: '070-1', holderEmail: KIM });
  await admin.devices.add({ title: 'Bärbar dator', kind: 'dator', identifier: 'PC-2', holderEmail: OLA });
  await admin.devices.add({ title: 'Bärbar dator', kind: 'dator', identifier: 'PC-3', holderEmail: EVA });
  const service = createSystemkollService({
    repos: admin,
    sp: site.spAs(ADMIN),
    submissionSecret: 's'.repeat(32),
    now: () => clock.now,
    tasksTtlMs: 0,
  });
  const handle = createApiHandler({ service, authenticate: localAuthenticator(), allowedOrigins: [] });
  server = createServer((req, res) => {
    void handle(req, res).then((done) => {
      if (!done) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await site.close();
});

describe('devices and subscriptions for managers', () => {
  it("gives the manager their staff's devices, and the leaver's and mover's tasks", async () => {
    const team = await call(MAJA, 'GET', '/me/devices');
    expect(team.status).toBe(200);
    expect(team.body.value.map((p: any) => [p.person.title, p.devices.map((d: any) => d.identifier)])).toEqual([
      ['Kim Lärare', ['PC-1', '070-1']],
      ['Ola Ekonom', ['PC-2']],
    ]);
    const tasks = (await call(MAJA, 'GET', '/me/tasks')).body.tasks as { rule: string; link: string }[];
    // This year's review (1 October) is overdue too: nothing was confirmed.
    expect(tasks.filter((t) => t.rule.startsWith('people.')).map((t) => [t.rule, t.link])).toEqual([
      ['people.devices-yearly', '/devices'],
      ['people.leaver-devices', `/devices?person=${kimId}`],
      ['people.mover-devices', expect.stringMatching(/^\/devices\?person=\d+$/)],
    ]);
  });

  it('shows another employee nothing of it, and refuses their decision as if the device did not exist', async () => {
    expect((await call(EVA, 'GET', '/me/devices')).body.value).toEqual([]);
    expect((await call(EVA, 'GET', `/staff/${kimId}/devices`)).status).toBe(404);
    expect((await call(EVA, 'POST', `/devices/${laptopId}/decision`, { status: 'återlämnad' }, { 'If-Match': '*' })).status).toBe(404);
    // Nor through SharePoint: the list is closed to staff.
    await expect(site.reposAs(EVA).devices.list()).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('records the decision as the manager, now; refuses a stale version and an unknown decision in Swedish', async () => {
    const kim = await call(MAJA, 'GET', `/staff/${kimId}/devices`);
    const laptop = kim.body.devices.find((d: any) => d.identifier === 'PC-1');
    expect((await call(MAJA, 'POST', `/devices/${laptopId}/decision`, { status: 'återlämnad' })).status).toBe(412);
    const odd = await call(MAJA, 'POST', `/devices/${laptopId}/decision`, { status: 'borttappad' }, { 'If-Match': laptop.etag });
    expect(odd.status).toBe(400);
    expect(odd.body.message).toContain('Välj ett av beslutet');
    const done = await call(
      MAJA,
      'POST',
      `/devices/${laptopId}/decision`,
      { status: 'återlämnad', notes: 'Lämnad till IT-servicedesken.' },
      { 'If-Match': laptop.etag },
    );
    expect(done.status).toBe(200);
    const maja = await site.reposAs(ADMIN).users.ensure(MAJA);
    expect(done.body).toMatchObject({
      status: 'återlämnad',
      confirmedAt: '2026-12-04T09:00:00Z',
      confirmedBy: { id: maja.id },
      notes: 'Lämnad till IT-servicedesken.',
    });
    expect((await call(MAJA, 'POST', `/devices/${laptopId}/decision`, { status: 'skrotad' }, { 'If-Match': laptop.etag })).status).toBe(
      412,
    );
    const subscription = kim.body.devices.find((d: any) => d.identifier === '070-1');
    expect(
      (await call(MAJA, 'POST', `/devices/${subscription.id}/decision`, { status: 'avslutad' }, { 'If-Match': subscription.etag })).status,
    ).toBe(200);
    const tasks = (await call(MAJA, 'GET', '/me/tasks')).body.tasks as { rule: string }[];
    expect(tasks.map((t) => t.rule)).not.toContain('people.leaver-devices');
  });

  it('lets a coordinator see anyone', async () => {
    const res = await call(SARA, 'GET', `/staff/${kimId}/devices`);
    expect(res.status).toBe(200);
    expect(res.body.devices.map((d: any) => d.status)).toEqual(['återlämnad', 'avslutad']);
  });
});

describe('devices and subscriptions entered by IT', () => {
  it('refuses staff and managers (403); a coordinator adds one as themself, whatever the body claims', async () => {
    const entry = {
      kind: 'Mobiltelefon',
      identifier: 'IMEI-1',
      model: 'iPhone 15',
      purchaseDate: '2026-11-02',
      holder: EVA,
      cost: '8 990 kr',
    };
    for (const who of [EVA, MAJA]) {
      const refused = await call(who, 'POST', '/devices', entry);
      expect(refused.status).toBe(403);
      expect(refused.body.message).toContain('Bara IT (administratörer) och informationssäkerhetssamordnare');
    }
    const maja = await site.reposAs(ADMIN).users.ensure(MAJA);
    const sara = await site.reposAs(ADMIN).users.ensure(SARA);
    const added = await call(SARA, 'POST', '/devices', { ...entry, enteredBy: { id: maja.id }, confirmedBy: { id: maja.id } });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      kind: 'mobiltelefon',
      identifier: 'IMEI-1',
      title: 'iPhone 15',
      holderEmail: EVA,
      cost: 8990,
      status: 'i bruk',
      enteredBy: { id: sara.id },
      enteredAt: '2026-12-04T09:00:00Z',
      confirmedBy: null,
    });
    expect(added.body.holder.title).toBe('Eva Ek');
  });

  it('refuses bad input with Swedish messages per field, a taken identifier and an unknown holder (400)', async () => {
    const bad = await call(SARA, 'POST', '/devices', { kind: 'Kaffebryggare', identifier: '', purchaseDate: '2027-01-01', cost: 'gratis' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields).toEqual({
      kind: 'Typ: "Kaffebryggare" är ingen känd typ – skriv dator, mobiltelefon, surfplatta, abonnemang eller övrigt.',
      identifier:
        'Identitet (serienummer, IMEI, abonnemangsnummer) är tom: ange serienummer, IMEI eller abonnemangsnummer (den identiteten känns enheten igen på).',
      purchaseDate: 'Inköpsdatum: 2027-01-01 ligger i framtiden.',
      cost: 'Kostnad: "gratis" är inget belopp i kronor (skriv t.ex. 2 499 eller 2499,50).',
    });
    expect(bad.body.message).toMatch(/^Uppgifterna godtogs inte\. Typ: /);
    const taken = await call(ADMIN, 'POST', '/devices', { kind: 'dator', identifier: 'PC-3' });
    expect([taken.status, taken.body.details.fields.identifier]).toEqual([
      400,
      'Identitet (serienummer, IMEI, abonnemangsnummer): det finns redan en enhet med identiteten "PC-3".',
    ]);
    const nobody = await call(ADMIN, 'POST', '/devices', { kind: 'dator', identifier: 'PC-9', holder: 'ingen@exempelkommun.se' });
    expect([nobody.status, nobody.body.details.fields.holder]).toEqual([
      400,
      'Innehavare: ingen@exempelkommun.se finns inte i kommunens katalog.',
    ]);
  });

  it('lets an admin correct a device (If-Match), stamped as the admin; staff cannot', async () => {
    const [device] = await site.reposAs(ADMIN).devices.list({ filter: where('devices').eq('identifier', 'IMEI-1') });
    expect((await call(EVA, 'PATCH', `/devices/${device!.id}`, { holder: EVA }, { 'If-Match': device!.etag })).status).toBe(403);
    expect((await call(ADMIN, 'PATCH', `/devices/${device!.id}`, { holder: OLA })).status).toBe(412);
    const moved = await call(
      ADMIN,
      'PATCH',
      `/devices/${device!.id}`,
      { holder: OLA, notes: 'Bytt innehavare.' },
      { 'If-Match': device!.etag },
    );
    expect(moved.status).toBe(200);
    const admin = await site.reposAs(ADMIN).users.ensure(ADMIN);
    expect(moved.body).toMatchObject({
      holderEmail: OLA,
      notes: 'Bytt innehavare.',
      model: 'iPhone 15',
      cost: 8990,
      enteredBy: { id: admin.id },
    });
    const stale = await call(ADMIN, 'PATCH', `/devices/${device!.id}`, { cost: 1 }, { 'If-Match': device!.etag });
    expect(stale.status).toBe(412);
    const odd = await call(ADMIN, 'PATCH', `/devices/${device!.id}`, { status: 'borttappad' }, { 'If-Match': moved.etag });
    expect([odd.status, odd.body.details.fields.status]).toEqual([
      400,
      'Status: "borttappad" är ingen känd status – skriv i bruk, återlämnad, skrotad, avslutad, flyttad.',
    ]);
  });
});
