/**
 * Incident event notifications through the Systemkoll API over HTTP, on the local store: a report
 * tells the owner and administrators of the affected system, a severity raised to hög tells the
 * coordinators, an assignment tells the assignee, closing tells the reporter what was done — each
 * once, never the person who acted, queued in Aviseringar before the request answers. A send that
 * fails is delivered by the job's event pass; a retried report queues nothing twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalToken } from '../../src/shared/auth/local-token.js';
import { localAuthenticator } from '../../src/server/api/caller.js';
import { createApiHandler } from '../../src/server/api/http.js';
import { createSystemkollService } from '../../src/server/api/service.js';
import { createIncidentNotifier, deliverQueuedNotifications } from '../../src/server/notifications/events.js';
import { SendError, type Deliverable, type NotificationSender } from '../../src/server/notifications/sender.js';
import { ADMIN, startTestSite, type TestSite } from '../support/local-site.js';

const EVA = 'eva.ek@exempelkommun.se';
const SARA = 'sara.samordnare@exempelkommun.se';
const SAM = 'sam.samordnare@exempelkommun.se';
const STIG = 'stig.agare@exempelkommun.se';
const FIA = 'fia.forvaltare@exempelkommun.se';

let site: TestSite;
let server: Server;
let api = '';
const clock = { now: new Date('2026-11-20T09:00:00Z') };
const sent: { to: string; activityType: string; message: string; parameters: Record<string, string>; webUrl: string }[] = [];
let failSends = false;
const sender: NotificationSender = {
  async send(n: Deliverable, webUrl: string) {
    if (failSends) throw new SendError('Graph svarade 503.', 503);
    sent.push({ to: n.recipient, activityType: n.activityType ?? '', message: n.message, parameters: { ...n.templateParameters }, webUrl });
  },
};
const notifier = () =>
  createIncidentNotifier({
    repos: site.reposAs(ADMIN),
    delivery: () => ({ sender, channel: 'utkorg', webUrl: (route) => `http://127.0.0.1:5173${route}` }),
    clock: () => clock.now,
  });
let incidentNotifier: ReturnType<typeof notifier>;
let systemId = 0;

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

async function patch(id: number, body: Record<string, unknown>, as = SARA) {
  const current = await call(as, 'GET', `/incidents/${id}`);
  const res = await call(as, 'PATCH', `/incidents/${id}`, body, { 'If-Match': current.etag });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  await incidentNotifier.settled();
  return res;
}

const queued = async () => (await site.reposAs(ADMIN).notifications.all()).filter((n) => n.activity);
const sentTo = (upn: string) => sent.filter((s) => s.to === upn);

beforeAll(async () => {
  site = await startTestSite({
    users: [
      { upn: EVA, displayName: 'Eva Ek' },
      { upn: SARA, displayName: 'Sara Samordnare' },
      { upn: SAM, displayName: 'Sam Samordnare' },
      { upn: STIG, displayName: 'Stig Ägare' },
      { upn: FIA, displayName: 'Fia Förvaltare' },
    ],
  });
  const admin = site.reposAs(ADMIN);
  await admin.groups.addMembers('employees', [EVA, SARA, SAM, STIG, FIA]);
  await admin.groups.addMembers('systemOwners', [STIG]);
  await admin.groups.addMembers('securityCoordinators', [SARA, SAM]);
  const stig = await admin.users.ensure(STIG);
  const fia = await admin.users.ensure(FIA);
  systemId = (
    await admin.systems.add({
      title: 'Vattenverkets styrsystem',
      systemOwner: { id: stig.id },
      administrators: [{ id: fia.id }],
      confidentiality: 2,
      integrity: 4,
      availability: 4,
    })
  ).id;
  incidentNotifier = notifier();
  const service = createSystemkollService({
    repos: admin,
    submissionSecret: 's'.repeat(32),
    now: () => clock.now,
    tasksTtlMs: 0,
    incidentNotifier,
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

describe('incident notifications', () => {
  let id = 0;
  let reference = '';

  it('a report tells the owner and the administrator of the affected system, once, even when it is sent again', async () => {
    const body = {
      title: 'Styrsystemet svarar inte',
      description: 'Pumparna går inte att styra från kontrollrummet.',
      personalData: 'nej',
      systemIds: [systemId],
      clientKey: 'notify-1',
    };
    const res = await call(EVA, 'POST', '/incidents', body);
    expect(res.status).toBe(201);
    ({ id, referenceNumber: reference } = res.body.incident);
    await incidentNotifier.settled();
    expect(sent.map((s) => [s.to, s.activityType])).toEqual([
      [FIA, 'incidentReported'],
      [STIG, 'incidentReported'],
    ]);
    expect(sentTo(STIG)[0]).toMatchObject({
      parameters: { reference, system: 'Vattenverkets styrsystem' },
      webUrl: `http://127.0.0.1:5173/incidents/${id}`,
    });
    // The reporter's retry (a lost reply) is the same report and tells nobody again.
    expect((await call(EVA, 'POST', '/incidents', body)).status).toBe(200);
    await incidentNotifier.settled();
    expect(sent).toHaveLength(2);
    expect((await queued()).map((n) => [n.recipient, n.status])).toEqual(
      [
        [STIG, 'skickad'],
        [FIA, 'skickad'],
      ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    );
  });

  it('a severity raised to hög tells the other coordinator, an assignment the assignee — never the one who acted', async () => {
    sent.length = 0;
    await patch(id, { status: 'under bedömning', type: 'incident' });
    expect(sent).toEqual([]);
    await patch(id, { severity: 'hög', severityJustification: 'Styrningen av dricksvattnet står still.', assigneeUpn: SAM });
    expect(sent.map((s) => [s.to, s.activityType]).sort()).toEqual([
      [SAM, 'incidentAssigned'],
      [SAM, 'incidentEscalated'],
    ]);
    expect(sentTo(SARA)).toEqual([]);
  });

  it('closing tells the reporter what was done, without the names of the people who handled it', async () => {
    sent.length = 0;
    await patch(id, { status: 'pågående' });
    await patch(id, { status: 'åtgärdad', actionsTaken: 'Sam Samordnare startade om styrservern och bytte nätverkskortet.' });
    await patch(id, { status: 'avslutad' });
    expect(sent.map((s) => [s.to, s.activityType])).toEqual([[EVA, 'incidentClosed']]);
    const told = sentTo(EVA)[0]!;
    expect(told.message).toContain(`Din rapport ${reference} är avslutad`);
    expect(told.message).toContain('startade om styrservern och bytte nätverkskortet');
    expect(told.message).not.toContain('Sam');
  });

  it('a send that fails stays queued and the job delivers it, once', async () => {
    sent.length = 0;
    failSends = true;
    const res = await call(EVA, 'POST', '/incidents', {
      title: 'Larmet fungerar inte',
      description: 'Inga larm kommer fram.',
      personalData: 'nej',
      systemIds: [systemId],
      clientKey: 'notify-2',
    });
    expect(res.status).toBe(201);
    await incidentNotifier.settled();
    const failed = (await queued()).filter((n) => n.link?.endsWith(`/incidents/${res.body.incident.id}`));
    expect(failed.map((n) => n.status)).toEqual(['misslyckad', 'misslyckad']);
    failSends = false;
    const repos = site.reposAs(ADMIN);
    expect(await deliverQueuedNotifications({ repos, sender, clock: () => clock.now })).toMatchObject({ sent: 2, failed: 0 });
    expect(sent.map((s) => s.to).sort()).toEqual([FIA, STIG]);
    expect(await deliverQueuedNotifications({ repos, sender, clock: () => clock.now })).toMatchObject({ sent: 0 });
    expect(sent).toHaveLength(2);
  });
});
