/**
 * The trust model proven cell by cell: every persona's token against the local store (direct REST,
 * PnPjs) and against the Systemkoll API (HTTP, the bot host in local mode), with the expectations
 * from trust-matrix.ts; plus the forgery and lookup cases the attack found.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../../src/bot/index.js';
import { createLocalAppToken, createLocalToken } from '../../src/shared/auth/local-token.js';
import { DocumentLibrary, where, type Repositories } from '../../src/shared/data/index.js';
import { listKeys, listSpec, siteSchema, type LibraryKey, type ListKey } from '../../src/shared/schema/index.js';
import { ADMIN, startTestSite, type TestSite } from '../support/local-site.js';
import { API, DIRECT, LIBRARIES, MANAGE_LISTS, PERSONAS, type Persona } from './trust-matrix.js';

const UPN: Record<Persona | 'olle', string> = {
  employee: 'eva.ek@exempelkommun.se',
  systemOwner: 'stig.agare@exempelkommun.se',
  coordinator: 'sara.samordnare@exempelkommun.se',
  admin: ADMIN,
  olle: 'olle.berg@exempelkommun.se',
};
const TAB_ORIGIN = 'http://127.0.0.1:5173';

let site: TestSite;
let bot: RunningBot;
let api: string;
const ids: Record<string, number> = {};

/** A minimal valid draft per list, as the admin seeds it. */
function draftFor(key: ListKey, n: string): Record<string, unknown> {
  switch (key) {
    case 'timeline':
      return { title: `Logg ${n}`, incident: { id: ids.olleIncident }, at: '2026-11-01T10:00:00Z' };
    case 'actions':
      return { title: `Insats ${n}`, kind: 'åtgärd', date: '2026-11-01', incident: { id: ids.olleIncident } };
    case 'trainingCompletions':
      return { person: { id: ids.olleUser }, course: { id: ids.course }, completedAt: '2026-11-01', completionKey: `k-${n}` };
    case 'courseModules':
      return { title: `Modul ${n}`, course: { id: ids.course }, content: '{"version":1,"lessons":[]}' };
    case 'securityRequirements':
      return { title: `Krav ${n}`, aspect: 'K', fromLevel: 2 };
    case 'selfAssessments':
      return {
        title: `Bedömning ${n}`,
        system: { id: ids.otherSystem },
        requirement: { id: ids.securityRequirements },
        status: 'delvis',
        assessmentKey: `matrix-${n}`,
      };
    case 'settings':
      return { title: `matrix-${n}`, value: '1' };
    default:
      return { title: `${key} ${n}` };
  }
}

async function call(persona: Persona | 'olle', method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${createLocalToken(UPN[persona])}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, etag: res.headers.get('etag'), body: text ? (JSON.parse(text) as any) : null };
}

let reportCount = 0;
const report = (persona: Persona | 'olle', extra: Record<string, unknown> = {}) =>
  call(persona, 'POST', '/api/v1/incidents', {
    title: `Rapport ${++reportCount}`,
    description: 'Något hände.',
    personalData: 'nej',
    clientKey: `matrix-${reportCount}`,
    ...extra,
  });

beforeAll(async () => {
  site = await startTestSite({
    users: Object.entries(UPN)
      .filter(([, upn]) => upn !== ADMIN)
      .map(([k, upn]) => ({ upn, displayName: k })),
  });
  const admin = site.reposAs(ADMIN);
  await admin.groups.addMembers('employees', [UPN.employee, UPN.systemOwner, UPN.coordinator, UPN.olle]);
  await admin.groups.addMembers('systemOwners', [UPN.systemOwner]);
  await admin.groups.addMembers('securityCoordinators', [UPN.coordinator]);
  const stig = await admin.users.ensure(UPN.systemOwner);
  const olle = await admin.users.ensure(UPN.olle);
  ids.olleUser = olle.id;
  ids.stigSystem = (await admin.systems.add({ title: 'Vattenverkets styrsystem', systemOwner: { id: stig.id } })).id;
  ids.otherSystem = (await admin.systems.add({ title: 'Ekonomisystem' })).id;
  ids.course = (await admin.trainingCourses.add({ title: 'Grundkurs' })).id;
  ids.olleIncident = (
    await admin.incidents.add({ title: 'Olles hemliga incident', description: 'Lösenordet är hunter2', reporter: { id: olle.id } })
  ).id;
  ids.stigSystemIncident = (
    await admin.incidents.add({
      title: 'Larm i styrsystemet',
      reporter: { id: olle.id },
      affectedSystems: [{ id: ids.stigSystem }],
      mainSystem: { id: ids.stigSystem },
    })
  ).id;
  for (const key of listKeys)
    if (!(key in ids)) ids[key] = ((await (admin[key] as Repositories['staff']).add(draftFor(key, 'seed') as never)) as { id: number }).id;
  bot = await startBot({
    mode: 'local',
    port: 0,
    siteUrl: site.siteUrl,
    localStoreUrl: new URL(site.siteUrl).origin,
    apiOrigins: [TAB_ORIGIN],
    log: () => undefined,
  });
  api = new URL(bot.url).origin;
});
afterAll(async () => {
  await bot?.close();
  await site?.close();
});

describe('direct SharePoint REST, persona × list × operation', () => {
  const cells = listKeys.flatMap((key) => PERSONAS.map((persona) => [key, persona, DIRECT[key][persona]] as const));
  it.each(cells)('%s as %s: %s', async (key, persona, rights) => {
    const repos = site.reposAs(UPN[persona]);
    const repo = repos[key] as unknown as Repositories['staff'];
    const admin = site.reposAs(ADMIN)[key] as unknown as Repositories['staff'];
    const seeded = ids[key]!;

    const read = await repo.list().then(
      (rows) => rows.some((r) => r.id === seeded),
      () => false,
    );
    expect({ op: 'read', allowed: read }).toEqual({ op: 'read', allowed: rights.includes('R') });

    const created = await repo.add(draftFor(key, `${persona}-${Math.random()}`) as never).then(
      () => true,
      () => false,
    );
    expect({ op: 'create', allowed: created }).toEqual({ op: 'create', allowed: rights.includes('C') });

    const victim = (await admin.add(draftFor(key, `victim-${persona}-${Math.random()}`) as never)) as { id: number };
    const updated = await repo.update(victim.id, { title: 'Ändrad av någon annan' } as never, '*').then(
      () => true,
      () => false,
    );
    expect({ op: 'update', allowed: updated }).toEqual({ op: 'update', allowed: rights.includes('U') });
    if (!updated) expect(((await admin.get(victim.id)) as { title: string | null }).title).not.toBe('Ändrad av någon annan');
    const deleted = await repo.remove(victim.id, '*').then(
      () => true,
      () => false,
    );
    expect({ op: 'delete', allowed: deleted }).toEqual({ op: 'delete', allowed: rights.includes('D') });
    if (!deleted) expect((await admin.get(victim.id)).id).toBe(victim.id);
  });

  const libraryCells = (Object.keys(siteSchema.libraries) as LibraryKey[]).flatMap((key) =>
    PERSONAS.map((persona) => [key, persona, LIBRARIES[key][persona]] as const),
  );
  it.each(libraryCells)('library %s as %s: %s', async (key, persona, rights) => {
    const files = new DocumentLibrary(site.spAs(UPN[persona]), key);
    const admin = new DocumentLibrary(site.spAs(ADMIN), key);
    const folder = `matris-${persona}`;
    const body = new TextEncoder().encode('administratörens fil');
    await admin.upload(folder, 'seed.docx', body);
    const ok = (p: Promise<unknown>) =>
      p.then(
        () => true,
        () => false,
      );
    const read = await ok(
      files.list(folder).then((l) => (l.some((f) => f.name === 'seed.docx') ? l : Promise.reject(new Error('not listed')))),
    );
    expect({ op: 'read', allowed: read }).toEqual({ op: 'read', allowed: rights.includes('R') });
    const created = await ok(files.upload(folder, 'ny.docx', new TextEncoder().encode('ny')));
    expect({ op: 'create', allowed: created }).toEqual({ op: 'create', allowed: rights.includes('C') });
    const updated = await ok(files.upload(folder, 'seed.docx', new TextEncoder().encode('ändrad')));
    expect({ op: 'update', allowed: updated }).toEqual({ op: 'update', allowed: rights.includes('U') });
    if (!updated) expect(new TextDecoder().decode(await admin.download(folder, 'seed.docx'))).toBe('administratörens fil');
    const deleted = await ok(files.remove(folder, 'seed.docx'));
    expect({ op: 'delete', allowed: deleted }).toEqual({ op: 'delete', allowed: rights.includes('D') });
    if (!deleted) expect((await admin.list(folder)).map((f) => f.name)).toContain('seed.docx');
  });

  it.each(PERSONAS)('list settings (ReadSecurity) and list deletion as %s follow Manage Lists', async (persona) => {
    const sp = site.spAs(UPN[persona]);
    const changed = await sp.web.lists
      .getByTitle(listSpec('incidents').title)
      .update({ ReadSecurity: 1 })
      .then(
        () => true,
        () => false,
      );
    expect(changed).toBe(MANAGE_LISTS[persona]);
    if (!MANAGE_LISTS[persona]) {
      const removed = await sp.web.lists
        .getByTitle(listSpec('timeline').title)
        .delete()
        .then(
          () => true,
          () => false,
        );
      expect(removed).toBe(false);
    }
  });

  it('trims an incident lookup for a reader of Insatser who may not read the incident', async () => {
    const stig = site.spAs(UPN.systemOwner);
    const rows = (await stig.web.lists
      .getByTitle(listSpec('actions').title)
      .items.select('Id', 'ActionIncidentId', 'ActionIncident/Title')
      .expand('ActionIncident')()) as { Id: number; ActionIncident: { Title?: string } | null }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain('Olles hemliga incident');
    expect(rows.every((r) => r.ActionIncident === null)).toBe(true);
  });
});

describe('the Systemkoll API, persona × use case', () => {
  const cases = Object.entries(API).flatMap(([useCase, byPersona]) =>
    PERSONAS.map((persona) => [useCase, persona, byPersona[persona]] as const),
  );

  it.each(cases)('%s as %s → %i', async (useCase, persona, expected) => {
    let res: { status: number; body: any; etag: string | null };
    switch (useCase) {
      case 'report an incident':
        res = await report(persona);
        break;
      case 'read my reports':
        res = await call(persona, 'GET', '/api/v1/me/incidents');
        break;
      case 'read my tasks':
        res = await call(persona, 'GET', '/api/v1/me/tasks');
        // Only tasks addressed to the caller, whoever asks.
        for (const t of res.body.tasks as { assignees: string[] }[]) expect(t.assignees).toContain(UPN[persona].toLowerCase());
        break;
      case 'read all tasks (Översikt)':
        res = await call(persona, 'GET', '/api/v1/tasks');
        if (res.status === 200) expect(res.body).toMatchObject({ total: expect.any(Number), byDepartment: expect.any(Array) });
        break;
      case 'read own incident': {
        const mine = await report(persona);
        res = await call(persona, 'GET', `/api/v1/incidents/${mine.body.incident.id}`);
        break;
      }
      case "read other's incident (not on my systems)":
        res = await call(persona, 'GET', `/api/v1/incidents/${ids.olleIncident}`);
        if (res.status === 200) expect(res.body.title).toBe('Olles hemliga incident');
        break;
      case 'read incident on my system':
        res = await call(persona, 'GET', `/api/v1/incidents/${ids.stigSystemIncident}`);
        break;
      case 'change status/severity/assignee': {
        const current = await site.reposAs(ADMIN).incidents.get(ids.olleIncident!);
        res = await call(
          persona,
          'PATCH',
          `/api/v1/incidents/${ids.olleIncident}`,
          // Higher than the model gives (no systems, no scope): only with a justification.
          { status: 'under bedömning', severity: 'hög', priority: 'P2', severityJustification: 'Bedömd som hög av samordnaren.' },
          { 'If-Match': current.etag },
        );
        break;
      }
      case "read an incident's timeline":
        res = await call(persona, 'GET', `/api/v1/incidents/${ids.olleIncident}/timeline`);
        if (res.status === 200) expect(Array.isArray(res.body.value)).toBe(true);
        break;
      case 'add a legal report to an incident':
        res = await call(persona, 'POST', `/api/v1/incidents/${ids.olleIncident}/timeline`, {
          title: 'Slutrapport skickad',
          kind: 'myndighetsrapport',
          legalReport: 'NIS2 slutrapport',
          person: 999,
        });
        if (res.status === 201) {
          const me = await site.reposAs(ADMIN).users.ensure(UPN[persona]);
          expect(res.body.person?.id).toBe(me.id);
        }
        break;
      case 'record a completion for someone':
        res = await call(persona, 'POST', '/api/v1/training/completions', {
          personUpn: UPN.olle,
          courseId: ids.course,
          completedAt: `2026-0${PERSONAS.indexOf(persona) + 1}-15`,
        });
        if (res.status === 201) expect(res.body.person.id).toBe(ids.olleUser);
        break;
      case 'edit own system':
      case "edit other's system": {
        const id = useCase === 'edit own system' ? ids.stigSystem! : ids.otherSystem!;
        const current = await site.reposAs(ADMIN).systems.get(id);
        res = await call(persona, 'PATCH', `/api/v1/systems/${id}`, { supplier: `Lev ${persona}` }, { 'If-Match': current.etag });
        break;
      }
      case 'delete a system': {
        const doomed = await site.reposAs(ADMIN).systems.add({ title: `Avvecklat ${persona}` });
        res = await call(persona, 'DELETE', `/api/v1/systems/${doomed.id}`, undefined, { 'If-Match': doomed.etag });
        const left = await site.reposAs(ADMIN).systems.list({ filter: where('systems').eq('id', doomed.id) });
        expect(left.length).toBe(expected === 204 ? 0 : 1);
        break;
      }
      case 'import the register (dry run)': {
        const csv = 'Systemnamn;Leverantör\r\nImporterat system;Lev AB\r\n';
        res = await call(persona, 'POST', '/api/v1/register/import', {
          fileName: 'register.csv',
          content: Buffer.from(csv, 'utf8').toString('base64'),
          dryRun: true,
        });
        if (res.status === 200) expect(res.body).toMatchObject({ created: 1, errors: 0, dryRun: true });
        // A dry run stores nothing, whoever asks.
        expect(await site.reposAs(ADMIN).systems.list({ filter: where('systems').eq('title', 'Importerat system') })).toEqual([]);
        break;
      }
      case 'self-assess a requirement on own system':
      case "self-assess a requirement on other's system": {
        // Systems of their own: other cases change the shared systems' classification.
        const admin = site.reposAs(ADMIN);
        if (!ids.assessOwn) {
          const stig = await admin.users.ensure(UPN.systemOwner);
          const levels = { confidentiality: 3, integrity: 2, availability: 3, traceability: 3 };
          ids.assessOwn = (await admin.systems.add({ title: 'Bedömt eget system', systemOwner: { id: stig.id }, ...levels })).id;
          ids.assessOther = (await admin.systems.add({ title: 'Bedömt annat system', ...levels })).id;
          ids.assessRequirement = (await admin.securityRequirements.add({ title: 'MFA', code: 'M-K3', aspect: 'K', fromLevel: 3 })).id;
        }
        const id = useCase.includes('own system') ? ids.assessOwn! : ids.assessOther!;
        res = await call(persona, 'POST', `/api/v1/systems/${id}/assessments`, {
          requirementId: ids.assessRequirement,
          status: 'delvis',
          comment: `Matris ${persona}`,
          // Forged: the assessor is the caller.
          assessedBy: { id: ids.olleUser },
        });
        const stored = await admin.selfAssessments.list({ filter: where('selfAssessments').eq('system', id) });
        if (res.status === 200) {
          const me = await admin.users.ensure(UPN[persona]);
          expect(stored).toHaveLength(1);
          expect([stored[0]!.assessedBy?.id, stored[0]!.comment, stored[0]!.status]).toEqual([me.id, `Matris ${persona}`, 'delvis']);
        } else expect(stored.every((a) => a.comment !== `Matris ${persona}`)).toBe(true);
        break;
      }
      case 'create a system':
        res = await call(persona, 'POST', '/api/v1/systems', {
          title: `Nytt system ${persona}`,
          confidentiality: 3,
          confidentialityReason: 'Sekretess',
        });
        if (res.status === 201) expect(res.body).toMatchObject({ title: `Nytt system ${persona}`, confidentiality: 3 });
        break;
      case 'confirm own system (yearly review)':
      case "confirm other's system (yearly review)":
      case 'record a classification of own system':
      case "record a classification of other's system":
      case 'record a continuity-plan test of own system':
      case "record a continuity-plan test of other's system":
      case 'record a restore test of own system':
      case "record a restore test of other's system": {
        const id = useCase.includes('own system') ? ids.stigSystem! : ids.otherSystem!;
        const path = useCase.includes('review')
          ? 'review'
          : useCase.includes('classification')
            ? 'classification'
            : useCase.includes('continuity')
              ? 'continuity-test'
              : 'restore-test';
        const current = await site.reposAs(ADMIN).systems.get(id);
        const levels = { confidentiality: 2, integrity: 2, availability: 1, traceability: 2 };
        res = await call(
          persona,
          'POST',
          `/api/v1/systems/${id}/${path}`,
          {
            ...(path === 'classification' ? { changes: levels } : {}),
            hours: 1.5,
            cost: 400,
            notes: `Matris ${persona}`,
            // Forged: who did it is the caller, whatever the body says.
            person: { id: ids.olleUser },
            lastReviewedBy: { id: ids.olleUser },
          },
          { 'If-Match': current.etag },
        );
        const actions = await site.reposAs(ADMIN).actions.list({ filter: where('actions').eq('system', id) });
        const mine = actions.filter((a) => a.notes === `Matris ${persona}`);
        if (res.status === 201) {
          const me = await site.reposAs(ADMIN).users.ensure(UPN[persona]);
          const kind = {
            review: 'årlig genomgång',
            classification: 'informationsklassning',
            'continuity-test': 'test av kontinuitetsplan',
          }[path as 'review'];
          expect(mine.map((a) => [a.kind, a.person?.id, a.hours, a.cost, a.system?.id])).toContainEqual([
            kind ?? 'åtgärd',
            me.id,
            1.5,
            400,
            id,
          ]);
          expect(res.body.action.person.id).toBe(me.id);
          const stored = await site.reposAs(ADMIN).systems.get(id);
          const dateField = {
            review: 'lastReviewDate',
            classification: 'classificationDate',
            'continuity-test': 'continuityPlanTestedDate',
          }[path as 'review'];
          expect((stored as unknown as Record<string, unknown>)[dateField ?? 'lastRestoreTestDate']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          if (path === 'review') expect(stored.lastReviewedBy?.id).toBe(me.id);
          if (path === 'classification') expect([stored.classifiedBy?.id, stored.confidentiality]).toEqual([me.id, 2]);
        } else expect(mine).toEqual([]);
        break;
      }
      case 'read the history of a system':
        res = await call(persona, 'GET', `/api/v1/systems/${ids.stigSystem}/history`);
        if (res.status === 200) {
          expect(Array.isArray(res.body.actions)).toBe(true);
          // Incidents: the system's owner and the handlers.
          expect(res.body.incidents === null).toBe(false);
        }
        break;
      case 'read the yearly report':
        res = await call(persona, 'GET', '/api/v1/reports/yearly?year=2025');
        if (res.status === 200) expect(res.body.year ?? res.body.report?.year).toBe(2025);
        break;
      case 'save a report to Rapporter':
        res = await call(persona, 'POST', '/api/v1/reports/save', { kind: 'yearly', year: 2025 });
        if (res.status === 201) expect(res.body.files.length).toBeGreaterThan(0);
        break;
      case 'register a device': {
        const identifier = `MATRIX-${persona}`;
        res = await call(persona, 'POST', '/api/v1/devices', { kind: 'dator', identifier, enteredBy: { id: 999 } });
        const stored = await site.reposAs(ADMIN).devices.list({ filter: where('devices').eq('identifier', identifier) });
        expect(stored.length).toBe(expected === 201 ? 1 : 0);
        // Who entered it is the caller, whatever the body claims.
        if (res.status === 201) expect(stored[0]!.enteredBy?.id).toBe((await site.reposAs(ADMIN).users.ensure(UPN[persona])).id);
        break;
      }
      default:
        throw new Error(`no case for ${useCase}`);
    }
    expect({ useCase, persona, status: res.status }).toEqual({ useCase, persona, status: expected });
  });
});

describe('forgery and disclosure through the API', () => {
  it('stamps the caller as reporter, status ny and no assignee, whatever the client sends', async () => {
    const res = await report('employee', {
      reporter: { id: ids.olleUser },
      status: 'avslutad',
      assigneeUpn: UPN.employee,
      severity: 'låg',
    });
    expect(res.status).toBe(201);
    const stored = await site.reposAs(ADMIN).incidents.get(res.body.incident.id);
    const eva = await site.reposAs(ADMIN).users.ensure(UPN.employee);
    expect(stored.reporter?.id).toBe(eva.id);
    expect(stored.status).toBe('ny');
    expect(stored.assignee).toBeNull();
    expect(stored.severity).toBeNull();
  });

  it('lists only my own reports, and the incidents on my systems to their owner', async () => {
    await report('olle');
    const evas = await call('employee', 'GET', '/api/v1/me/incidents');
    const eva = await site.reposAs(ADMIN).users.ensure(UPN.employee);
    expect(evas.body.value.length).toBeGreaterThan(0);
    expect(evas.body.value.every((i: { reporter: { id: number } }) => i.reporter.id === eva.id)).toBe(true);
    const stigs = await call('systemOwner', 'GET', '/api/v1/me/system-incidents');
    expect(stigs.body.value.map((i: { id: number }) => i.id)).toEqual([ids.stigSystemIncident]);
    expect((await call('employee', 'GET', '/api/v1/me/system-incidents')).body.value).toEqual([]);
  });

  it('answers the same for an incident that does not exist and one that is not mine', async () => {
    const hidden = await call('employee', 'GET', `/api/v1/incidents/${ids.olleIncident}`);
    const missing = await call('employee', 'GET', '/api/v1/incidents/999999');
    expect(hidden).toEqual(missing);
    expect(JSON.stringify(hidden.body)).not.toContain('hunter2');
  });

  it('keeps two reports from the same message by different people apart, and a retry returns the same reference', async () => {
    const body = { title: 'Samma mejl', description: 'Nätfiske', personalData: 'nej', clientKey: 'shared-message-1' };
    const a = await call('employee', 'POST', '/api/v1/incidents', body);
    const b = await call('olle', 'POST', '/api/v1/incidents', body);
    const again = await call('employee', 'POST', '/api/v1/incidents', body);
    expect([a.status, b.status, again.status]).toEqual([201, 201, 200]);
    expect(b.body.incident.id).not.toBe(a.body.incident.id);
    expect(again.body.incident.referenceNumber).toBe(a.body.incident.referenceNumber);
  });

  it('refuses stale and missing versions when handling an incident (no silent last-writer-wins)', async () => {
    const current = await site.reposAs(ADMIN).incidents.get(ids.stigSystemIncident!);
    const why = { severityJustification: 'Styrsystemet är viktigare än klassningen visar.' };
    const first = await call(
      'coordinator',
      'PATCH',
      `/api/v1/incidents/${current.id}`,
      { priority: 'P2', ...why },
      { 'If-Match': current.etag },
    );
    expect(first.status).toBe(200);
    const stale = await call(
      'coordinator',
      'PATCH',
      `/api/v1/incidents/${current.id}`,
      { priority: 'P1', ...why },
      { 'If-Match': current.etag },
    );
    expect(stale.status).toBe(412);
    expect(stale.body.message).toMatch(/Någon annan har ändrat/);
    const none = await call('coordinator', 'PATCH', `/api/v1/incidents/${current.id}`, { priority: 'P1', ...why });
    expect(none.status).toBe(412);
    const log = await site.reposAs(ADMIN).timeline.list({ filter: where('timeline').eq('incident', current.id) });
    const sara = await site.reposAs(ADMIN).users.ensure(UPN.coordinator);
    // A priority change is an assessment: logged as 'bedömning' by the caller.
    expect(log.some((e) => e.kind === 'bedömning' && e.person?.id === sara.id)).toBe(true);
  });

  it('refuses unauthenticated callers, app tokens and foreign browser origins', async () => {
    expect((await fetch(`${api}/api/v1/me/incidents`)).status).toBe(401);
    const app = await fetch(`${api}/api/v1/me/incidents`, { headers: { Authorization: `Bearer ${createLocalAppToken()}` } });
    expect(app.status).toBe(401);
    const foreign = await call('employee', 'GET', '/api/v1/me/incidents', undefined, { Origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const tab = await call('employee', 'GET', '/api/v1/me/incidents', undefined, { Origin: TAB_ORIGIN });
    expect(tab.status).toBe(200);
  });

  it('register edits are validated by the API with field-keyed Swedish messages, and stale versions are refused', async () => {
    const before = await site.reposAs(ADMIN).systems.get(ids.stigSystem!);
    const bad = await call(
      'systemOwner',
      'PATCH',
      `/api/v1/systems/${ids.stigSystem}`,
      { contractNoticeMonths: 121, availability: 4, continuityPlanUrl: 'http://plan', lastReviewedBy: { id: ids.olleUser } },
      { 'If-Match': before.etag },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalidSystem');
    expect(bad.body.details.fields).toEqual({
      contractNoticeMonths: 'Ange högst 120.',
      availabilityReason: 'Motivera nivå 4 (krävs från nivå 3).',
      continuityPlanUrl: 'Ange en fullständig webbadress som börjar med https://.',
      lastReviewedBy: 'Fältet sätts av Systemkoll och kan inte ändras här.',
    });
    expect((await site.reposAs(ADMIN).systems.get(ids.stigSystem!)).etag).toBe(before.etag);

    const created = await call('coordinator', 'POST', '/api/v1/systems', { title: '', restorePriority: 0 });
    expect([created.status, created.body.details.fields]).toEqual([
      400,
      { restorePriority: 'Ange minst 1.', title: 'Fältet måste fyllas i.' },
    ]);

    const ok = await call('systemOwner', 'PATCH', `/api/v1/systems/${ids.stigSystem}`, { hosting: 'SaaS' }, { 'If-Match': before.etag });
    expect(ok.status).toBe(200);
    const stale = await call(
      'systemOwner',
      'PATCH',
      `/api/v1/systems/${ids.stigSystem}`,
      { hosting: 'annan' },
      { 'If-Match': before.etag },
    );
    expect([stale.status, stale.body.code]).toEqual([412, 'conflict']);
    const actionsBefore = (await site.reposAs(ADMIN).actions.list({ filter: where('actions').eq('system', ids.stigSystem!) })).length;
    const staleReview = await call('systemOwner', 'POST', `/api/v1/systems/${ids.stigSystem}/review`, {}, { 'If-Match': before.etag });
    expect(staleReview.status).toBe(412);
    const noVersion = await call('systemOwner', 'POST', `/api/v1/systems/${ids.stigSystem}/review`, {});
    expect(noVersion.status).toBe(412);
    expect((await site.reposAs(ADMIN).actions.list({ filter: where('actions').eq('system', ids.stigSystem!) })).length).toBe(actionsBefore);
    const future = await call(
      'systemOwner',
      'POST',
      `/api/v1/systems/${ids.stigSystem}/restore-test`,
      { date: '2999-01-01' },
      { 'If-Match': ok.etag! },
    );
    expect(future.status).toBe(400);
    const owner = await call(
      'systemOwner',
      'PATCH',
      `/api/v1/systems/${ids.stigSystem}`,
      { systemOwner: { id: ids.olleUser } },
      { 'If-Match': ok.etag! },
    );
    expect(owner.status).toBe(403);
  });

  it("a system's history gives incidents only to its owner and the handlers, and trims an action's incident", async () => {
    const admin = site.reposAs(ADMIN);
    await admin.actions.add({
      title: 'Åtgärd efter incident',
      kind: 'åtgärd',
      date: '2026-11-02',
      system: { id: ids.otherSystem! },
      incident: { id: ids.olleIncident! },
    });
    const stig = await call('systemOwner', 'GET', `/api/v1/systems/${ids.otherSystem}/history`);
    expect(stig.status).toBe(200);
    expect(stig.body.incidents).toBeNull();
    expect(stig.body.actions.some((a: { title: string }) => a.title === 'Åtgärd efter incident')).toBe(true);
    expect(stig.body.actions.every((a: { incident: unknown }) => a.incident === null)).toBe(true);
    const own = await call('systemOwner', 'GET', `/api/v1/systems/${ids.stigSystem}/history`);
    expect(own.body.incidents.map((i: { id: number }) => i.id)).toContain(ids.stigSystemIncident);
    const sara = await call('coordinator', 'GET', `/api/v1/systems/${ids.otherSystem}/history`);
    expect(sara.body.actions.find((a: { title: string }) => a.title === 'Åtgärd efter incident').incident.id).toBe(ids.olleIncident);
  });

  it('imports a register file for an admin: dry run, import, and a second import that changes nothing', async () => {
    const csv = 'Systemnamn;Leverantör;Samhällsviktig\r\nLarmcentral;Trygg AB;JA\r\nParkeringsappen;Park AB;nej\r\n';
    const body = (dryRun: boolean) => ({ fileName: 'register.csv', content: Buffer.from(csv, 'utf8').toString('base64'), dryRun });
    const dry = await call('admin', 'POST', '/api/v1/register/import', body(true));
    expect(dry.body).toMatchObject({ created: 2, errors: 0, dryRun: true });
    const done = await call('admin', 'POST', '/api/v1/register/import', body(false));
    expect(done.body).toMatchObject({ created: 2, errors: 0, dryRun: false });
    const stored = await site.reposAs(ADMIN).systems.list({ filter: where('systems').eq('title', 'Larmcentral') });
    expect(stored.map((s) => [s.supplier, s.societallyCritical])).toEqual([['Trygg AB', true]]);
    const again = await call('admin', 'POST', '/api/v1/register/import', body(false));
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const bad = await call('admin', 'POST', '/api/v1/register/import', { fileName: 'register.xls', content: 'AAAA', dryRun: true });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/\.xls/);
  });

  it('gives bad input a Swedish message and stores nothing', async () => {
    const before = (await site.reposAs(ADMIN).incidents.list()).length;
    const res = await call('employee', 'POST', '/api/v1/incidents', {
      title: '',
      description: '',
      personalData: 'kanske',
      clientKey: 'bad-1',
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/Skriv en rubrik/);
    expect((await site.reposAs(ADMIN).incidents.list()).length).toBe(before);
  });
});
