/**
 * Security requirements and self-assessments end to end on the local store: provisioning seeds the
 * baseline catalogue once (and never brings back what coordinators changed), and the Systemkoll API
 * stores one assessment per system and requirement, stamped with the caller, only for requirements
 * the system's classification makes apply.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../../src/bot/index.js';
import { BASELINE_REQUIREMENTS } from '../../src/domain/security-requirements.js';
import { provisionSite } from '../../src/provisioning/provision.js';
import { BASELINE_REQUIREMENTS_KEY } from '../../src/provisioning/baseline-requirements.js';
import { createLocalToken } from '../../src/shared/auth/local-token.js';
import { where } from '../../src/shared/data/index.js';
import { siteSchema, type SiteSchemaSpec } from '../../src/shared/schema/index.js';
import { ADMIN, startTestSite, type TestSite } from '../support/local-site.js';

describe('provisioning the requirement catalogue', () => {
  let site: TestSite | undefined;
  afterEach(async () => {
    await site?.close();
    site = undefined;
  });

  it('seeds the Swedish baseline once; a changed or removed requirement stays as the coordinators left it', async () => {
    site = await startTestSite({ provision: false });
    const sp = site.spAs(ADMIN);
    const first = await provisionSite(sp);
    expect(first.changes).toContain(`Sakerhetskrav: grunduppsättning med ${BASELINE_REQUIREMENTS.length} säkerhetskrav`);
    const admin = site.reposAs(ADMIN);
    const stored = await admin.securityRequirements.list();
    expect(stored.map((r) => r.code).sort()).toEqual(BASELINE_REQUIREMENTS.map((r) => r.code).sort());
    expect(stored.every((r) => r.active === true && r.fromLevel >= 1 && r.fromLevel <= 4)).toBe(true);

    const mfa = stored.find((r) => r.code === 'K3-MFA')!;
    const logs = stored.find((r) => r.code === 'S3-LOGGLAGRING')!;
    await admin.securityRequirements.remove(mfa.id, '*');
    await admin.securityRequirements.update(logs.id, { title: 'Loggar sparas i 24 månader' }, '*');
    expect((await provisionSite(sp)).changes).toEqual([]);
    const after = await admin.securityRequirements.list();
    expect(after.some((r) => r.code === 'K3-MFA')).toBe(false);
    expect(after.find((r) => r.code === 'S3-LOGGLAGRING')!.title).toBe('Loggar sparas i 24 månader');
    expect((await admin.settings.values())[BASELINE_REQUIREMENTS_KEY]).toBe(1);
  });

  it('adds the lists and the baseline to a site provisioned before they existed', async () => {
    site = await startTestSite({ provision: false });
    const sp = site.spAs(ADMIN);
    const older = structuredClone(siteSchema) as unknown as SiteSchemaSpec;
    delete (older.lists as Record<string, unknown>).securityRequirements;
    delete (older.lists as Record<string, unknown>).selfAssessments;
    // Nor the later columns that point at them (Insatser's requirements).
    for (const list of Object.values(older.lists) as unknown as { fields: { type: string; list?: string }[] }[])
      list.fields = list.fields.filter((f) => !(f.list === 'securityRequirements' || f.list === 'selfAssessments'));
    await provisionSite(sp, { schema: older });
    expect(((await sp.web.lists.select('Title')()) as { Title: string }[]).map((l) => l.Title)).not.toContain('Sakerhetskrav');
    const upgrade = await provisionSite(sp);
    expect(upgrade.changes).toEqual(expect.arrayContaining(['Skapade listan Sakerhetskrav', 'Skapade listan Sjalvskattning']));
    expect(await site.reposAs(ADMIN).securityRequirements.list()).toHaveLength(BASELINE_REQUIREMENTS.length);
  });
});

describe('self-assessment through the Systemkoll API', () => {
  const OWNER = 'stig.agare@exempelkommun.se';
  const TEAM = 'tina.team@exempelkommun.se';
  let site: TestSite;
  let bot: RunningBot;
  let api: string;
  let systemId: number;
  let mfaId: number;
  let inactiveId: number;

  const assess = async (upn: string, id: number, body: unknown) => {
    const res = await fetch(`${api}/api/v1/systems/${id}/assessments`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${createLocalToken(upn)}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    site = await startTestSite({
      users: [
        { upn: OWNER, displayName: 'Stig Ägare' },
        { upn: TEAM, displayName: 'Tina Team' },
      ],
    });
    const admin = site.reposAs(ADMIN);
    await admin.groups.addMembers('employees', [OWNER, TEAM]);
    const stig = await admin.users.ensure(OWNER);
    const tina = await admin.users.ensure(TEAM);
    systemId = (
      await admin.systems.add({
        title: 'Procapita',
        systemOwner: { id: stig.id },
        administrators: [{ id: tina.id }],
        confidentiality: 3,
        integrity: 2,
        availability: 2,
        traceability: 2,
      })
    ).id;
    mfaId = (await admin.securityRequirements.first(where('securityRequirements').eq('code', 'K3-MFA')))!.id;
    inactiveId = (await admin.securityRequirements.add({ title: 'Gammalt krav', code: 'OLD', aspect: 'K', fromLevel: 1, active: false }))
      .id;
    bot = await startBot({
      mode: 'local',
      port: 0,
      siteUrl: site.siteUrl,
      localStoreUrl: new URL(site.siteUrl).origin,
      log: () => undefined,
    });
    api = new URL(bot.url).origin;
  });
  afterAll(async () => {
    await bot?.close();
    await site?.close();
  });

  it('stores one assessment per system and requirement, stamped with the caller, whoever sends it again', async () => {
    const first = await assess(OWNER, systemId, { requirementId: mfaId, status: 'ej uppfyllt', comment: 'Bara lösenord idag.' });
    expect(first.status).toBe(200);
    expect(first.body.assessedBy).toMatchObject({ title: 'Stig Ägare' });
    // A team member (not in the owners' group) may assess too; the same key is changed, not duplicated.
    const again = await assess(TEAM, systemId, { requirementId: mfaId, status: 'delvis', comment: 'MFA för administratörer.' });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const stored = await site.reposAs(ADMIN).selfAssessments.list({ filter: where('selfAssessments').eq('system', systemId) });
    const tina = await site.reposAs(ADMIN).users.ensure(TEAM);
    expect(stored.map((a) => [a.status, a.comment, a.assessedBy?.id, a.assessmentKey])).toEqual([
      ['delvis', 'MFA för administratörer.', tina.id, `${systemId}:${mfaId}`],
    ]);
    expect(stored[0]!.assessedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('refuses requirements that do not apply, inactive ones, unknown statuses and systems', async () => {
    const logRetention = (await site
      .reposAs(ADMIN)
      .securityRequirements.first(where('securityRequirements').eq('code', 'S3-LOGGLAGRING')))!;
    const notApplicable = await assess(OWNER, systemId, { requirementId: logRetention.id, status: 'uppfyllt' });
    expect([notApplicable.status, notApplicable.body.code]).toEqual([400, 'notApplicable']);
    expect((await assess(OWNER, systemId, { requirementId: inactiveId, status: 'uppfyllt' })).status).toBe(400);
    const bad = await assess(OWNER, systemId, { requirementId: mfaId, status: 'kanske' });
    expect([bad.status, bad.body.message]).toEqual([400, 'Okänd bedömning: kanske.']);
    expect((await assess(OWNER, systemId, { requirementId: 999_999, status: 'uppfyllt' })).status).toBe(400);
    expect((await assess(OWNER, 999_999, { requirementId: mfaId, status: 'uppfyllt' })).status).toBe(404);
  });

  it('follows the classification: a lowered level makes the requirement stop applying, a raised one makes others apply', async () => {
    const admin = site.reposAs(ADMIN);
    const logRetention = (await admin.securityRequirements.first(where('securityRequirements').eq('code', 'S3-LOGGLAGRING')))!;
    await admin.systems.update(systemId, { confidentiality: 2, traceability: 3 }, '*');
    expect((await assess(OWNER, systemId, { requirementId: mfaId, status: 'uppfyllt' })).status).toBe(400);
    expect((await assess(OWNER, systemId, { requirementId: logRetention.id, status: 'uppfyllt' })).status).toBe(200);
    // The earlier assessment is kept (history), not shown while the requirement does not apply.
    const stored = await admin.selfAssessments.list({ filter: where('selfAssessments').eq('system', systemId) });
    expect(stored).toHaveLength(2);
  });
});
