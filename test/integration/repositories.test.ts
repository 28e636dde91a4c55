import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, DataError, inBatch, where } from '../../src/shared/data/index.js';
import { startTestSite, ADMIN, type TestSite } from '../support/local-site.js';

const EVA = 'eva.ek@exempelkommun.se'; // employee
const OLLE = 'olle.berg@exempelkommun.se'; // employee
const SARA = 'sara.samordnare@exempelkommun.se'; // security coordinator
const STIG = 'stig.agare@exempelkommun.se'; // system owner

let site: TestSite;

beforeAll(async () => {
  site = await startTestSite({
    users: [
      { upn: EVA, displayName: 'Eva Ek' },
      { upn: OLLE, displayName: 'Olle Berg' },
      { upn: SARA, displayName: 'Sara Samordnare' },
      { upn: STIG, displayName: 'Stig Ägare' },
    ],
  });
  const admin = site.reposAs(ADMIN);
  await admin.groups.addMembers('employees', [EVA, OLLE, SARA, STIG]);
  await admin.groups.addMembers('securityCoordinators', [SARA]);
  await admin.groups.addMembers('systemOwners', [STIG]);
});
afterAll(() => site.close());

describe('repositories on the provisioned site', () => {
  it('creates, reads and updates records with persons and lookups', async () => {
    const r = site.reposAs(ADMIN);
    const stig = await r.users.ensure(STIG);
    const dept = await r.departments.add({ title: 'Socialförvaltningen', code: 'SOC' });
    const created = await r.systems.add({
      title: 'Verksamhetssystem för socialtjänst',
      department: { id: dept.id },
      systemOwner: { id: stig.id },
      criticality: 'verksamhetskritisk',
      confidentiality: 4,
      lastReviewDate: '2025-10-26',
      personalData: true,
    });
    expect(created.id).toBeGreaterThan(0);
    const read = await r.systems.get(created.id);
    expect(read.systemOwner).toMatchObject({ id: stig.id, title: 'Stig Ägare', email: STIG });
    expect(read.department).toEqual({ id: dept.id, title: 'Socialförvaltningen' });
    expect(read.lastReviewDate).toBe('2025-10-26');
    expect(read.lifecycleStatus).toBe('i drift'); // schema default

    const etag = await r.systems.update(read.id, { supplier: "O'Hara Data AB" }, read.etag);
    expect(etag).not.toBe(read.etag);
    // Someone else saves on top of the version we read: SharePoint answers 412.
    await expect(r.systems.update(read.id, { supplier: 'Annan AB' }, read.etag)).rejects.toBeInstanceOf(ConflictError);
    expect((await r.systems.get(read.id)).supplier).toBe("O'Hara Data AB");
    const found = await r.systems.list({ filter: where('systems').eq('supplier', "O'Hara Data AB") });
    expect(found.map((s) => s.id)).toEqual([read.id]);
    expect((await r.systems.search('Verksamhets')).map((s) => s.id)).toEqual([read.id]);
    expect(await r.systems.search("x' or Title ne 'y")).toEqual([]);
  });

  it('stores an incident report exactly once per submission key, even when sent twice at once', async () => {
    // Reports are written app-only by the Systemkoll API (here: the admin), with the reporter stamped.
    const admin = site.reposAs(ADMIN);
    const eva = await admin.users.ensure(EVA);
    const draft = {
      title: 'Misstänkt nätfiske',
      submissionKey: 'msg-123|eva',
      reporter: { id: eva.id },
      reportedAt: '2026-03-29T00:30:00Z',
      source: 'Teams-chatt' as const,
    };
    const [a, b] = await Promise.all([admin.incidents.report(draft, eva.id), admin.incidents.report(draft, eva.id)]);
    expect(a.incident.id).toBe(b.incident.id);
    // The very same draft twice at once cannot be told from one attempt whose reply was lost and
    // whose retry met its own write: both may say "created" — never two incidents, never "failed".
    expect([a.created, b.created].filter(Boolean).length).toBeGreaterThanOrEqual(1);
    const again = await admin.incidents.report(draft, eva.id);
    expect(again.created).toBe(false);
    expect(again.incident.referenceNumber).toMatch(/^INC-2026-\d{4}$/);
    const all = await admin.incidents.list({ filter: where('incidents').eq('submissionKey', 'msg-123|eva') });
    expect(all).toHaveLength(1);
  });

  it('never lets an item with the same key but another reporter swallow a report', async () => {
    const admin = site.reposAs(ADMIN);
    const eva = await admin.users.ensure(EVA);
    const olle = await admin.users.ensure(OLLE);
    const planted = await admin.incidents.add({ title: 'Förberett', submissionKey: 'same-key', reporter: { id: olle.id } });
    const { incident, created } = await admin.incidents.report(
      { title: 'Evas riktiga rapport', submissionKey: 'same-key', reporter: { id: eva.id } },
      eva.id,
    );
    expect(created).toBe(true);
    expect(incident.id).not.toBe(planted.id);
    expect(incident.reporter?.id).toBe(eva.id);
    expect(incident.title).toBe('Evas riktiga rapport');
  });

  it('enforces SharePoint permissions per role through REST', async () => {
    const eva = site.reposAs(EVA);
    const stig = site.reposAs(STIG);
    const sara = site.reposAs(SARA);
    // Everyone may read the register; nobody but admins (and the API, app-only) may change it directly.
    expect((await eva.systems.list()).length).toBeGreaterThan(0);
    await expect(eva.systems.add({ title: 'Skuggsystem' })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(stig.systems.add({ title: 'Skuggsystem' })).rejects.toMatchObject({ kind: 'forbidden' });
    // Incidents: staff and owners have no direct access (the API serves their own); coordinators read all, write nothing.
    const evaIncidents = await eva.incidents.list().catch((e: unknown) => e);
    if (Array.isArray(evaIncidents)) expect(evaIncidents).toEqual([]);
    else expect(evaIncidents).toMatchObject({ kind: expect.stringMatching(/forbidden|notFound/) });
    await expect(eva.incidents.add({ title: 'Förfalskad', submissionKey: 'x' })).rejects.toBeInstanceOf(DataError);
    const saraSees = (await sara.incidents.list()).map((i) => i.title);
    expect(saraSees).toEqual(expect.arrayContaining(['Misstänkt nätfiske']));
    const any = (await sara.incidents.list())[0]!;
    await expect(sara.incidents.update(any.id, { status: 'avslutad' }, any.etag)).rejects.toMatchObject({ kind: 'forbidden' });
    // Actions (costs, hours) are not open to all staff: SharePoint either refuses or trims them all.
    await site.reposAs(ADMIN).actions.add({ title: 'Årlig genomgång', kind: 'årlig genomgång', date: '2026-01-15' });
    const seen = await eva.actions.list().catch((e: unknown) => e);
    if (Array.isArray(seen)) expect(seen).toEqual([]);
    else expect(seen).toMatchObject({ kind: expect.stringMatching(/forbidden|notFound/) });
    expect((await sara.actions.list()).length).toBe(1);
  });

  it('derives roles from group membership and checks list access for the self-check page', async () => {
    expect((await site.reposAs(EVA).me.current()).roles).toEqual(['employee']);
    expect((await site.reposAs(SARA).me.current()).roles).toEqual(['employee', 'securityCoordinator']);
    expect((await site.reposAs(STIG).me.current()).roles).toEqual(['employee', 'systemOwner']);
    expect((await site.reposAs(ADMIN).me.current()).roles).toContain('admin');

    const evaAccess = await site.reposAs(EVA).permissions.selfCheck();
    const byKey = Object.fromEntries(evaAccess.map((a) => [a.key, a]));
    expect(byKey.systems).toMatchObject({ canRead: true, canWrite: false });
    expect(byKey.incidents).toMatchObject({ canRead: false, canWrite: false });
    expect(byKey.actions).toMatchObject({ canRead: false, canWrite: false });
    const adminAccess = await site.reposAs(ADMIN).permissions.selfCheck();
    expect(adminAccess.every((a) => a.canRead && a.canWrite)).toBe(true);
  });

  it('reads several lists in one $batch round trip', async () => {
    const r = site.reposAs(ADMIN);
    site.store.stats.reset();
    const [systems, departments, settings] = await inBatch(site.spAs(ADMIN), (b) =>
      Promise.all([b.systems.list(), b.departments.list(), b.settings.list()]),
    );
    expect(site.store.stats.requests).toBe(1);
    expect(systems.length).toBeGreaterThan(0);
    expect(departments.map((d) => d.code)).toContain('SOC');
    expect(settings.length).toBeGreaterThan(0);
    expect(r).toBeTruthy();
  });

  it('retries throttled requests honouring Retry-After, and reports persistent throttling in Swedish', async () => {
    const r = site.reposAs(ADMIN);
    // Retry-After 0: the retry is proven by the request count, without a real wait.
    site.store.setFaults([{ match: 'Avdelningar', status: 429, retryAfter: 0, times: 1 }]);
    site.store.stats.reset();
    expect((await r.departments.list()).length).toBeGreaterThan(0);
    expect(site.store.stats.requests).toBe(2);
    site.store.setFaults([{ match: 'Avdelningar', status: 503, retryAfter: 0, times: 10 }]);
    const error = await r.departments.list().catch((e: unknown) => e);
    site.store.setFaults([]);
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).kind).toBe('throttled');
    expect((error as DataError).message).toMatch(/inget har gått förlorat/);
  });

  it('keeps queries valid past 5,000 items by filtering on indexed columns only', async () => {
    const r = site.reposAs(ADMIN);
    const rows = Array.from({ length: 5050 }, (_, i) => ({
      title: `Person ${i}`,
      email: `p${i}@exempelkommun.se`,
      external: i % 50 === 0,
      jobTitle: i % 2 ? 'Handläggare' : 'Lärare',
    }));
    site.store.stats.reset();
    const results = await r.staff.addMany(rows);
    expect(results.every((x) => x.ok)).toBe(true);
    expect(site.store.stats.requests).toBe(51); // 100 per $batch
    const externals = await r.staff.list({ filter: where('staff').eq('external', true) });
    expect(externals).toHaveLength(101);
    // JobTitle has no index: SharePoint refuses the query past the threshold, and so does the store.
    const refused = await r.staff.list({ filter: where('staff').eq('jobTitle', 'Lärare') }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ kind: 'threshold' });
    const all = await r.staff.all();
    expect(all).toHaveLength(5050);
    expect(new Set(all.map((s) => s.id)).size).toBe(5050);
  }, 120_000);
});
