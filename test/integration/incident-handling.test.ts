/**
 * Incident handling through the Systemkoll API over HTTP, as personas, on the local store: the
 * workflow, the justification rules, the automatic timeline entries, legal reports and their clocks
 * (the DST example of the issue), the deadline tasks, and reference numbers under 20 concurrent
 * reports. The service's clock is a variable the test sets: nothing depends on the wall clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalToken } from '../../src/shared/auth/local-token.js';
import { localAuthenticator } from '../../src/server/api/caller.js';
import { createApiHandler } from '../../src/server/api/http.js';
import { createSystemkollService } from '../../src/server/api/service.js';
import { stockholmInstant } from '../../src/domain/calendar.js';
import { ADMIN, startTestSite, type TestSite } from '../support/local-site.js';
import { allTasks, tasksForPerson } from '../../src/server/tasks/load.js';
import { tasksOf } from '../../src/domain/tasks/index.js';

afterAll(() => stopHarness(shared));

const EVA = 'eva.ek@exempelkommun.se';
const SARA = 'sara.samordnare@exempelkommun.se';
const STIG = 'stig.agare@exempelkommun.se';

interface Harness {
  site: TestSite;
  server: Server;
  api: string;
  clock: { now: Date };
}

async function startHarness(): Promise<Harness> {
  const site = await startTestSite({
    users: [
      { upn: EVA, displayName: 'Eva Ek' },
      { upn: SARA, displayName: 'Sara Samordnare' },
      { upn: STIG, displayName: 'Stig Ägare' },
      ...Array.from({ length: 20 }, (_, n) => ({ upn: `person${n}@exempelkommun.se`, displayName: `Person ${n}` })),
    ],
  });
  const admin = site.reposAs(ADMIN);
  await admin.groups.addMembers('employees', [EVA, SARA, STIG]);
  await admin.groups.addMembers('systemOwners', [STIG]);
  await admin.groups.addMembers('securityCoordinators', [SARA]);
  const clock = { now: new Date('2026-11-20T09:00:00Z') };
  const service = createSystemkollService({
    repos: admin,
    submissionSecret: 's'.repeat(32),
    now: () => clock.now,
    tasksTtlMs: 0,
  });
  const handle = createApiHandler({ service, authenticate: localAuthenticator(), allowedOrigins: [] });
  const server = createServer((req, res) => {
    void handle(req, res).then((done) => {
      if (!done) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { site, server, api: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, clock };
}

async function stopHarness(h: Harness | undefined) {
  if (!h) return;
  await new Promise<void>((resolve) => h.server.close(() => resolve()));
  await h.site.close();
}

function caller(h: () => Harness) {
  return async (upn: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${h().api}/api/v1${path}`, {
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
  };
}

let shared: Harness | undefined;
const handling = () => shared!.site;

describe('incident handling through the API', () => {
  let h: Harness;
  const call = caller(() => h);
  let systemA: number;
  let systemB: number;
  let id: number;

  beforeAll(async () => {
    h = await startHarness();
    shared = h;
    const admin = h.site.reposAs(ADMIN);
    systemA = (
      await admin.systems.add({ title: 'Elevregister', confidentiality: 3, integrity: 2, availability: 2, acceptedDowntimeHours: 24 })
    ).id;
    systemB = (await admin.systems.add({ title: 'Skolportal', confidentiality: 2, criticality: 'verksamhetskritisk' })).id;
    // Aware 2026-10-24 10:00 Stockholm (summer time): the 72 h run across the change-over.
    h.clock.now = stockholmInstant(2026, 10, 24, 10);
    const reported = await call(EVA, 'POST', '/incidents', {
      title: 'Elevlista skickad till fel mottagare',
      description: 'En lista med elevers namn och personnummer mejlades till en extern adress.',
      personalData: 'ja',
      clientKey: 'handling-1',
    });
    expect(reported.status).toBe(201);
    id = reported.body.incident.id;
  }, 60_000);
  const get = async () => {
    const res = await call(SARA, 'GET', `/incidents/${id}`);
    expect(res.status).toBe(200);
    return res;
  };
  const patch = async (body: Record<string, unknown>, as = SARA) =>
    call(as, 'PATCH', `/incidents/${id}`, body, { 'If-Match': (await get()).etag });
  const timeline = async () => (await call(SARA, 'GET', `/incidents/${id}/timeline`)).body.value as Record<string, any>[];

  it('coordinators get the clocks, the assessment and the next statuses; the reporter the incident only', async () => {
    const res = await get();
    expect(res.body.nextStatuses).toEqual(['under bedömning']);
    expect(res.body.assessment).toMatchObject({ severity: 'medel', priority: 'P3' });
    const gdpr = res.body.clocks.find((c: { regime: string }) => c.regime === 'GDPR anmälan till IMY');
    expect(gdpr).toMatchObject({ to: 'IMY', due: '2026-10-27T09:00:00+01:00', state: 'kommande', sentAt: null });
    const own = await call(EVA, 'GET', `/incidents/${id}`);
    expect(own.status).toBe(200);
    expect(own.body.clocks).toBeUndefined();
    expect(own.body.assessment).toBeUndefined();
  });

  it('only handlers change an incident or read its timeline', async () => {
    expect((await patch({ status: 'under bedömning' }, EVA)).status).toBe(403);
    expect((await call(EVA, 'GET', `/incidents/${id}/timeline`)).status).toBe(403);
    expect((await call(STIG, 'GET', `/incidents/${id}/timeline`)).status).toBe(403);
  });

  it('follows the workflow: no skipping the assessment', async () => {
    const skip = await patch({ status: 'pågående' });
    expect(skip.status).toBe(409);
    expect(skip.body).toMatchObject({ code: 'invalidTransition', details: { allowed: ['under bedömning'] } });
    expect(skip.body.message).toMatch(/kan inte ändras från ny till pågående/);
  });

  it('triage: fields, affected systems (first = main), assignee — each change of status, assignee and legal facts logged as the caller', async () => {
    const res = await patch({
      status: 'under bedömning',
      type: 'brist',
      category: 'informationsförlust eller informationsläckage',
      cause: 'mänskligt handlande utan antagonistisk avsikt',
      scope: 'en förvaltning',
      affectedSystemIds: [systemA, systemB],
      nis2Significant: 'nej',
      assigneeUpn: SARA,
      effortHours: 2.5,
      cost: 1200,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'under bedömning', type: 'brist', scope: 'en förvaltning', mainSystem: { id: systemA } });
    expect(res.body.affectedSystems.map((s: { id: number }) => s.id)).toEqual([systemA, systemB]);
    expect(res.body.assignee.title).toBe('Sara Samordnare');
    const log = await timeline();
    const sara = await h.site.reposAs(ADMIN).users.ensure(SARA);
    const auto = log.filter((e) => e.kind === 'statusändring' || e.kind === 'bedömning');
    expect(auto.map((e) => e.title)).toEqual(
      expect.arrayContaining([
        'Status: ny → under bedömning',
        'Handläggare: – → Sara Samordnare',
        'Betydande incident (NIS2): vet ej → nej',
      ]),
    );
    for (const e of auto) expect(e.person.id).toBe(sara.id);
    expect((await patch({ effortHours: -1 })).body.code).toBe('invalidIncident');
    expect((await patch({ scope: 'hela världen' })).body.code).toBe('invalidIncident');
    expect((await patch({ assigneeUpn: EVA })).status).toBe(400);
  });

  it('a severity other than the model’s needs a justification; the model’s own does not', async () => {
    const model = (await get()).body.assessment;
    // K3 on Elevregister → hög, P2.
    expect(model).toMatchObject({ severity: 'hög', priority: 'P2' });
    const refused = await patch({ severity: 'kritisk', priority: 'P1' });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('severityJustificationMissing');
    expect(refused.body.details.assessment.severity).toBe('hög');
    expect((await patch({ severity: 'hög', priority: 'P2' })).status).toBe(200);
    const overridden = await patch({ severity: 'kritisk', priority: 'P1', severityJustification: 'Skyddade personuppgifter ingår.' });
    expect(overridden.status).toBe(200);
    expect(overridden.body).toMatchObject({
      severity: 'kritisk',
      priority: 'P1',
      severityJustification: 'Skyddade personuppgifter ingår.',
    });
    const assessments = (await timeline()).filter((e) => e.kind === 'bedömning' && /Allvarlighetsgrad/.test(e.title));
    expect(assessments.map((e) => e.title)).toEqual([
      'Allvarlighetsgrad: – → hög, prioritet: – → P2',
      'Allvarlighetsgrad: hög → kritisk, prioritet: P2 → P1',
    ]);
    expect(assessments[1]!.details).toMatch(/Avviker från modellen \(hög, P2\)\. Motivering: Skyddade personuppgifter ingår\./);
  });

  it('the deadline is a task for the coordinators and the assignee, with the exact due time', async () => {
    const mine = await call(SARA, 'GET', '/me/tasks');
    const task = mine.body.tasks.find((t: { rule: string }) => t.rule === 'incident.gdpr-imy');
    expect(task).toMatchObject({ due: '2026-10-27T09:00:00+01:00', severity: 'hög', link: `/incidents/${id}` });
    expect(mine.body.tasks.some((t: { rule: string }) => t.rule.startsWith('incident.nis2'))).toBe(false);
  });

  it('legal reports: name the report; "not required" needs a justification; a late one needs the reasons', async () => {
    const post = (body: Record<string, unknown>) => call(SARA, 'POST', `/incidents/${id}/timeline`, body);
    expect((await post({ title: 'Rapporterad', kind: 'statusändring' })).body.code).toBe('automaticKind');
    expect((await post({ title: 'Anmält', kind: 'myndighetsrapport' })).body.code).toBe('legalReportMissing');
    expect((await post({ title: 'Behövs ej', kind: 'ej rapporteringspliktig', legalReport: 'GDPR anmälan till IMY' })).body.code).toBe(
      'justificationMissing',
    );
    // Past the deadline (2026-10-27 09:00): the report is late.
    h.clock.now = stockholmInstant(2026, 10, 28, 12);
    expect((await get()).body.clocks.find((c: { regime: string }) => c.regime === 'GDPR anmälan till IMY').state).toBe('försenad');
    const late = await post({ title: 'Anmäld till IMY', kind: 'myndighetsrapport', legalReport: 'GDPR anmälan till IMY' });
    expect(late.status).toBe(400);
    expect(late.body.code).toBe('lateReasonMissing');
    const future = await post({
      title: 'Anmäld till IMY',
      kind: 'myndighetsrapport',
      legalReport: 'GDPR anmälan till IMY',
      sentAt: '2026-10-29T10:00:00Z',
    });
    expect(future.status).toBe(400);
    const sent = await post({
      title: 'Anmäld till IMY',
      kind: 'myndighetsrapport',
      legalReport: 'GDPR anmälan till IMY',
      externalReference: 'IMY-2026-4711',
      sentAt: '2026-10-28T09:30:00Z',
      details: 'Omfattningen kunde först bedömas efter leverantörens logganalys.',
    });
    expect(sent.status).toBe(201);
    const gdpr = (await get()).body.clocks.find((c: { regime: string }) => c.regime === 'GDPR anmälan till IMY');
    expect(gdpr).toMatchObject({
      state: 'skickad för sent',
      sentAt: '2026-10-28T10:30:00+01:00',
      sentBy: 'Sara Samordnare',
      recipient: 'IMY',
      reference: 'IMY-2026-4711',
      justification: 'Omfattningen kunde först bedömas efter leverantörens logganalys.',
    });
    const tasks = (await call(SARA, 'GET', '/me/tasks')).body.tasks as { rule: string }[];
    expect(tasks.some((t) => t.rule === 'incident.gdpr-imy')).toBe(false);
  });

  it('closing: a brist needs its root cause; closedAt set on avslutad and cleared on reopening', async () => {
    expect((await patch({ status: 'pågående' })).status).toBe(200);
    expect((await patch({ status: 'åtgärdad' })).status).toBe(200);
    const noCause = await patch({ status: 'avslutad' });
    expect(noCause.status).toBe(400);
    expect(noCause.body.code).toBe('rootCauseMissing');
    const closed = await patch({
      status: 'avslutad',
      rootCause: 'Autokomplettering av e-postadresser.',
      actionsTaken: 'Autokomplettering avstängd.',
      lessonsLearned: 'Känsliga listor skickas via säker filöverföring.',
    });
    expect(closed.status).toBe(200);
    expect(Date.parse(closed.body.closedAt)).toBe(h.clock.now.getTime());
    const reopened = await patch({ status: 'pågående' });
    expect(reopened.status).toBe(200);
    expect(reopened.body.closedAt).toBeNull();
    const last = (await timeline()).filter((e) => e.kind === 'statusändring').at(-1)!;
    expect(last).toMatchObject({ title: 'Status: avslutad → pågående', details: 'Incidenten har öppnats igen.' });
  });

  it('no incident closes while a report to an authority is owed', async () => {
    h.clock.now = new Date('2026-11-02T09:00:00Z');
    const r = await call(EVA, 'POST', '/incidents', {
      title: 'Intrång i skolportalen',
      description: 'Okänd inloggning från utlandet.',
      personalData: 'nej',
      clientKey: 'handling-2',
    });
    const other = r.body.incident.id as number;
    const step = async (body: Record<string, unknown>) => {
      const cur = await call(SARA, 'GET', `/incidents/${other}`);
      return call(SARA, 'PATCH', `/incidents/${other}`, body, { 'If-Match': cur.etag });
    };
    expect((await step({ status: 'under bedömning', nis2Significant: 'ja' })).status).toBe(200);
    expect((await step({ status: 'pågående' })).status).toBe(200);
    expect((await step({ status: 'åtgärdad' })).status).toBe(200);
    const owed = await step({ status: 'avslutad' });
    expect(owed.status).toBe(409);
    expect(owed.body.code).toBe('legalReportsOutstanding');
    expect(owed.body.details.outstanding).toEqual(['NIS2 tidig varning', 'NIS2 incidentanmälan', 'NIS2 slutrapport']);
    const mine = (await call(SARA, 'GET', '/me/tasks')).body.tasks as { rule: string; due: string }[];
    expect(mine.filter((t) => t.rule.startsWith('incident.nis2')).map((t) => [t.rule, t.due])).toEqual([
      ['incident.nis2-early-warning', '2026-11-03T10:00:00+01:00'],
      ['incident.nis2-notification', '2026-11-05T10:00:00+01:00'],
    ]);
    // Leaving "ja" ends the duty: only with a justification, logged on the timeline.
    const unexplained = await step({ nis2Significant: 'nej' });
    expect(unexplained.body.code).toBe('factJustificationMissing');
    expect((await step({ nis2Significant: 'nej', factJustification: 'Ingen betydande påverkan enligt CERT-SE:s kriterier.' })).status).toBe(
      200,
    );
    const log = (await call(SARA, 'GET', `/incidents/${other}/timeline`)).body.value as { title: string; details: string | null }[];
    expect(log.find((e) => e.title === 'Betydande incident (NIS2): ja → nej')?.details).toMatch(/CERT-SE:s kriterier/);
    expect((await step({ status: 'avslutad' })).status).toBe(200);
  });
});

describe('one person’s deadline tasks', () => {
  it('equal everyone’s filtered to that person, in at most two round trips', async () => {
    const site = handling();
    const at = new Date('2026-11-02T12:00:00Z');
    const me = await site.reposAs(ADMIN).users.ensure(ADMIN);
    await site.reposAs(ADMIN).incidents.add({
      title: 'Överbelastningsattack mot e-tjänsterna',
      status: 'pågående',
      nis2Significant: 'ja',
      personalDataInvolved: 'ja',
      awareAt: '2026-11-02T08:00:00Z',
      reportedAt: '2026-11-02T08:10:00Z',
      assignee: { id: me.id },
    });
    const all = (await allTasks(site.reposAs(ADMIN), at)).tasks;
    expect(all.some((t) => t.rule.startsWith('incident.'))).toBe(true);
    for (const upn of [SARA, ADMIN, EVA]) {
      const admin = site.reposAs(ADMIN);
      const user = await admin.users.ensure(upn);
      const roles = await admin.users.rolesOf(user);
      const before = site.store.stats.requests;
      const mine = await tasksForPerson(site.spAs(ADMIN), { userId: user.id, upn, roles }, at);
      expect(site.store.stats.requests - before, upn).toBeLessThanOrEqual(2);
      expect(
        mine.tasks.map((t) => t.id),
        upn,
      ).toEqual(tasksOf(all, upn).map((t) => t.id));
    }
  });
});

describe('reference numbers under concurrency', () => {
  let h: Harness;
  const call = caller(() => h);
  beforeAll(async () => {
    h = await startHarness();
  }, 60_000);
  afterAll(() => stopHarness(h));

  it('20 concurrent reports get 20 distinct sequential numbers of the Stockholm year; a retry keeps its number', async () => {
    // 23:30 UTC on New Year's Eve is already 2027 in Stockholm.
    h.clock.now = new Date('2026-12-31T23:30:00Z');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        call(`person${n}@exempelkommun.se`, 'POST', '/incidents', {
          title: `Samtidig rapport ${n}`,
          description: 'Samma störning, många rapportörer.',
          personalData: 'nej',
          clientKey: `concurrent-${n}`,
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const refs = results.map((r) => r.body.incident.referenceNumber as string).sort();
    expect(refs).toEqual(Array.from({ length: 20 }, (_, n) => `INC-2027-${String(n + 1).padStart(4, '0')}`));
    const again = await call('person3@exempelkommun.se', 'POST', '/incidents', {
      title: 'Samtidig rapport 3',
      description: 'Samma störning, många rapportörer.',
      personalData: 'nej',
      clientKey: 'concurrent-3',
    });
    expect(again.status).toBe(200);
    expect(again.body.incident.referenceNumber).toBe(results[3]!.body.incident.referenceNumber);
    // The stored numbers are the ones handed out, and not the item ids.
    const stored = await h.site.reposAs(ADMIN).incidents.list({ fields: ['referenceNumber'] });
    expect(stored.map((i) => i.referenceNumber).sort()).toEqual(refs);
    // An hour earlier in UTC is still 2026: its own sequence.
    h.clock.now = new Date('2026-12-31T22:30:00Z');
    const old = await call(EVA, 'POST', '/incidents', { title: 'Gammal', description: 'x', personalData: 'nej', clientKey: 'old-year' });
    expect(old.body.incident.referenceNumber).toBe('INC-2026-0001');
  }, 60_000);
});
