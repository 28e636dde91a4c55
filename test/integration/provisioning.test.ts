import { afterEach, describe, expect, it } from 'vitest';
import { provisionSite } from '../../src/provisioning/provision.js';
import { siteSchema, librarySpec, listKeys, listSpec, type SiteSchemaSpec } from '../../src/shared/schema/index.js';
import { startTestSite, ADMIN, type TestSite } from '../support/local-site.js';

let site: TestSite | undefined;
afterEach(async () => {
  await site?.close();
  site = undefined;
});

/** The site schema as it was before a field and an index were added (for upgrade tests). */
function olderSchema(): SiteSchemaSpec {
  const copy = structuredClone(siteSchema) as unknown as SiteSchemaSpec & { lists: Record<string, { fields: any[] }> };
  copy.version = siteSchema.version - 1 || 0;
  const systems = copy.lists.systems!;
  systems.fields = systems.fields
    .filter((f) => f.key !== 'klassaReference')
    .map((f) => (f.key === 'supplier' ? { ...f, indexed: false } : f));
  return copy;
}

describe('provisioning', () => {
  it('creates every list, field, index, setting and permission, and a second run changes nothing', async () => {
    site = await startTestSite({ provision: false });
    const sp = site.spAs(ADMIN);
    const first = await provisionSite(sp);
    expect(first.changes.length).toBeGreaterThan(50);
    expect(first.schemaVersion).toEqual({ before: null, after: siteSchema.version });

    for (const key of listKeys) {
      const spec = listSpec(key);
      const list = sp.web.lists.getByTitle(spec.title);
      const info = (await list.select('ReadSecurity', 'WriteSecurity', 'EnableVersioning', 'HasUniqueRoleAssignments')()) as any;
      expect(info.ReadSecurity).toBe(spec.readSecurity);
      expect(info.WriteSecurity).toBe(spec.writeSecurity);
      expect(info.EnableVersioning).toBe(spec.versioning);
      expect(info.HasUniqueRoleAssignments).toBe(true);
      const fields = (await list.fields.select('InternalName', 'Indexed', 'EnforceUniqueValues', 'Title')()) as any[];
      for (const f of spec.fields) {
        const found = fields.find((x) => x.InternalName === f.internalName);
        expect(found, `${spec.title}.${f.internalName}`).toBeTruthy();
        expect(found.Title).toBe(f.title.sv);
        expect(found.Indexed).toBe(!!(f.indexed || f.unique));
        expect(found.EnforceUniqueValues).toBe(!!f.unique);
      }
      const assignments = (await list.roleAssignments()) as unknown[];
      expect(assignments.length).toBeGreaterThanOrEqual(Object.keys(spec.permissions).length);
    }
    const settings = await site.reposAs(ADMIN).settings.values();
    expect(settings.reviewIntervalMonths).toBe(12);

    const second = await provisionSite(sp);
    expect(second.changes).toEqual([]);
    expect(second.schemaVersion.before).toBe(siteSchema.version);
  });

  it('creates the document library Rapporter with its own permissions, and a second run changes nothing', async () => {
    site = await startTestSite({ provision: false });
    const sp = site.spAs(ADMIN);
    const first = await provisionSite(sp);
    const spec = librarySpec('reports');
    expect(first.changes).toContain(`Skapade dokumentbiblioteket ${spec.title}`);
    const library = sp.web.lists.getByTitle(spec.title);
    const info = (await library.select('BaseTemplate', 'EnableVersioning', 'MajorVersionLimit', 'HasUniqueRoleAssignments')()) as any;
    expect(info).toMatchObject({ BaseTemplate: 101, EnableVersioning: true, MajorVersionLimit: 50, HasUniqueRoleAssignments: true });
    const groups = new Map(((await sp.web.siteGroups.select('Id', 'Title')()) as any[]).map((g) => [g.Id, g.Title]));
    const assignments = (await library.roleAssignments
      .expand('RoleDefinitionBindings')
      .select('PrincipalId', 'RoleDefinitionBindings/RoleTypeKind')()) as any[];
    const held = Object.fromEntries(
      assignments.map((a) => [groups.get(a.PrincipalId), a.RoleDefinitionBindings.map((b: any) => b.RoleTypeKind)]),
    );
    expect(held).toEqual({
      [siteSchema.groups.systemOwners.title]: [2],
      [siteSchema.groups.securityCoordinators.title]: [3],
      [siteSchema.groups.admins.title]: [5],
    });

    const second = await provisionSite(sp);
    expect(second.changes).toEqual([]);
  });

  it('refuses to treat a list called Rapporter as the document library', async () => {
    site = await startTestSite({ provision: false });
    const sp = site.spAs(ADMIN);
    await sp.web.lists.add(librarySpec('reports').title, '', 100);
    await expect(provisionSite(sp)).rejects.toThrow(/inte som dokumentbibliotek/);
  });

  it('upgrades an older site: adds the new field and the new index, keeps data and settings', async () => {
    site = await startTestSite({ provision: false });
    const sp = site.spAs(ADMIN);
    await provisionSite(sp, { schema: olderSchema() });
    const list = sp.web.lists.getByTitle(listSpec('systems').title);
    await list.items.add({ Title: 'Ekonomisystem', Supplier: 'Nordsys AB' });
    // A municipality's own setting must survive upgrades.
    const repos = site.reposAs(ADMIN);
    const review = (await repos.settings.list()).find((s) => s.title === 'reviewIntervalMonths')!;
    await repos.settings.update(review.id, { value: '6' }, review.etag);

    const upgrade = await provisionSite(sp);
    expect(upgrade.changes).toEqual(
      expect.arrayContaining([
        expect.stringContaining('nytt fält KlassaReference'),
        expect.stringContaining('Systemregister.Supplier: Indexed'),
        expect.stringContaining(`Schemaversion ${siteSchema.version - 1 || 0} → ${siteSchema.version}`),
      ]),
    );
    const supplier = (await list.fields.getByInternalNameOrTitle('Supplier').select('Indexed')()) as any;
    expect(supplier.Indexed).toBe(true);
    const systems = await repos.systems.list();
    expect(systems.map((s) => [s.title, s.supplier, s.klassaReference])).toEqual([['Ekonomisystem', 'Nordsys AB', null]]);
    expect((await repos.settings.values()).reviewIntervalMonths).toBe(6);
    expect((await provisionSite(sp)).changes).toEqual([]);
  });

  it('migrates a version-1 register: samhällsviktig becomes its own yes/no, the administrator starts the team', async () => {
    site = await startTestSite({ provision: false, users: [{ upn: 'fia@exempelkommun.se', displayName: 'Fia Förvaltare' }] });
    const sp = site.spAs(ADMIN);
    const v1 = structuredClone(siteSchema) as unknown as SiteSchemaSpec & { lists: Record<string, { fields: any[] }> };
    v1.version = 1;
    const V2 = new Set(['societallyCritical', 'societallyCriticalReason', 'systemType', 'administrators', 'dependsOn', 'riskAnalysisDate']);
    v1.lists.systems!.fields = v1.lists
      .systems!.fields.filter(
        (f) =>
          !V2.has(f.key) &&
          ![
            'riskAnalysisUrl',
            'restoreTimeObjectiveHours',
            'lastRestoreTestDate',
            'externalId',
            'systemVersion',
            'documentationUrl',
            'supplierOrgNumber',
            'importNotes',
          ].includes(f.key),
      )
      .map((f) => (f.key === 'criticality' ? { ...f, choices: ['samhällsviktig', 'verksamhetskritisk', 'övrig'] } : f));
    v1.lists.incidents!.fields = v1.lists.incidents!.fields.filter((f) => f.key !== 'mainSystem');
    await provisionSite(sp, { schema: v1 });
    const fia = await site.reposAs(ADMIN).users.ensure('fia@exempelkommun.se');
    const list = sp.web.lists.getByTitle(listSpec('systems').title);
    await list.items.add({ Title: 'Vattenverkets styrsystem', Criticality: 'samhällsviktig', SystemAdministratorId: fia.id });
    await list.items.add({ Title: 'Lönesystem', Criticality: 'verksamhetskritisk' });
    const intranet = await list.items.add({ Title: 'Intranät', Criticality: 'övrig' });
    const incidents = sp.web.lists.getByTitle(listSpec('incidents').title);
    const onIntranet = await incidents.items.add({ Title: 'Intranätet nere', AffectedSystemsId: [intranet.Id] });
    await incidents.items.add({ Title: 'Utan system' });

    const upgrade = await provisionSite(sp);
    expect(upgrade.changes).toEqual(
      expect.arrayContaining([
        expect.stringContaining('1 system med kritikalitet "samhällsviktig"'),
        expect.stringContaining('förvaltningsteamet fick systemförvaltaren för 1 system'),
        expect.stringContaining('1 incidenter fick sitt första berörda system'),
        `Schemaversion 1 → ${siteSchema.version}`,
      ]),
    );
    const byTitle = Object.fromEntries((await site.reposAs(ADMIN).systems.list()).map((s) => [s.title, s]));
    expect(byTitle['Vattenverkets styrsystem']).toMatchObject({ societallyCritical: true, criticality: 'verksamhetskritisk' });
    expect(byTitle['Vattenverkets styrsystem']!.administrators.map((p) => p.id)).toEqual([fia.id]);
    // Items older than a new column hold no value in it (null), which reads as "no".
    expect(byTitle['Lönesystem']).toMatchObject({ criticality: 'verksamhetskritisk', administrators: [] });
    expect(byTitle['Lönesystem']!.societallyCritical ?? false).toBe(false);
    expect(byTitle['Intranät']).toMatchObject({ criticality: 'övrig' });
    expect((await site.reposAs(ADMIN).incidents.get(onIntranet.Id)).mainSystem?.id).toBe(intranet.Id);
    expect(byTitle['Intranät']!.societallyCritical ?? false).toBe(false);
    expect((await provisionSite(sp)).changes).toEqual([]);
  });

  it('migrates version-3 incident statuses to the version-4 workflow', async () => {
    site = await startTestSite({ provision: false });
    const sp = site.spAs(ADMIN);
    const v3 = structuredClone(siteSchema) as unknown as SiteSchemaSpec & { lists: Record<string, { fields: any[] }> };
    v3.version = 3;
    v3.lists.incidents!.fields = v3.lists.incidents!.fields.map((f) =>
      f.key === 'status' ? { ...f, choices: ['ny', 'under utredning', 'åtgärdas', 'stängd'] } : f,
    );
    await provisionSite(sp, { schema: v3 });
    const incidents = sp.web.lists.getByTitle(listSpec('incidents').title);
    for (const status of ['ny', 'under utredning', 'åtgärdas', 'stängd', 'stängd'])
      await incidents.items.add({ Title: `Incident ${status}`, IncidentStatus: status });
    const upgrade = await provisionSite(sp);
    expect(upgrade.changes).toEqual(
      expect.arrayContaining([
        'Incidenter: 1 med status "under utredning" → "under bedömning"',
        'Incidenter: 1 med status "åtgärdas" → "pågående"',
        'Incidenter: 2 med status "stängd" → "avslutad"',
        `Schemaversion 3 → ${siteSchema.version}`,
      ]),
    );
    const statuses = (await site.reposAs(ADMIN).incidents.all()).map((i) => i.status).sort();
    expect(statuses).toEqual(['avslutad', 'avslutad', 'ny', 'pågående', 'under bedömning']);
    expect((await provisionSite(sp)).changes).toEqual([]);
  });

  it('brings a site provisioned with the old, wider permissions to the trust model', async () => {
    const EVA = 'eva@exempelkommun.se';
    const SARA = 'sara@exempelkommun.se';
    site = await startTestSite({
      provision: false,
      users: [
        { upn: EVA, displayName: 'Eva' },
        { upn: SARA, displayName: 'Sara' },
      ],
    });
    const sp = site.spAs(ADMIN);
    // The model before the trust-model work: staff Contribute with ReadSecurity 2, coordinators Edit.
    const old = structuredClone(siteSchema) as unknown as SiteSchemaSpec;
    for (const key of ['incidents', 'timeline', 'trainingCompletions'] as const) {
      Object.assign(old.lists[key]!, {
        readSecurity: key === 'trainingCompletions' ? 1 : 2,
        writeSecurity: 2,
        permissions: { employees: 'contribute', systemOwners: 'contribute', securityCoordinators: 'edit', admins: 'fullControl' },
      });
    }
    old.lists.systems!.permissions = { employees: 'read', systemOwners: 'contribute', securityCoordinators: 'edit', admins: 'fullControl' };
    await provisionSite(sp, { schema: old });
    const admin = site.reposAs(ADMIN);
    await admin.groups.addMembers('employees', [EVA, SARA]);
    await admin.groups.addMembers('securityCoordinators', [SARA]);
    const incidents = sp.web.lists.getByTitle(listSpec('incidents').title);
    // Before: Eva may file an incident herself; Sara may change the list's read setting.
    await site.spAs(EVA).web.lists.getByTitle(listSpec('incidents').title).items.add({ Title: 'Före' });
    await site.spAs(SARA).web.lists.getByTitle(listSpec('incidents').title).update({ ReadSecurity: 2 });

    const upgrade = await provisionSite(sp);
    expect(upgrade.changes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Incidenter: Systemkoll Medarbetare har inte längre contribute/),
        expect.stringMatching(/Incidenter: Systemkoll Informationssäkerhet har inte längre edit/),
        expect.stringMatching(/Incidenter: Systemkoll Informationssäkerhet får read/),
        expect.stringMatching(/Systemregister: Systemkoll Systemägare och förvaltare har inte längre contribute/),
        expect.stringMatching(/Incidenter: .*ReadSecurity=1/),
      ]),
    );
    // After: exactly the schema's roles on every list, and what the old model allowed is refused.
    for (const key of listKeys) {
      const spec = listSpec(key);
      const assignments = (await sp.web.lists
        .getByTitle(spec.title)
        .roleAssignments.expand('Member', 'RoleDefinitionBindings')
        .select('Member/Title', 'RoleDefinitionBindings/RoleTypeKind')()) as unknown as {
        Member: { Title: string };
        RoleDefinitionBindings: { RoleTypeKind: number }[];
      }[];
      const groups = Object.fromEntries(
        assignments
          .filter((a) => a.Member.Title.startsWith('Systemkoll '))
          .map((a) => [a.Member.Title, a.RoleDefinitionBindings.map((b) => b.RoleTypeKind).sort()]),
      );
      const expected = Object.fromEntries(
        Object.entries(spec.permissions).map(([role, level]) => [
          siteSchema.groups[role as keyof typeof siteSchema.groups].title,
          [{ read: 2, contribute: 3, edit: 6, fullControl: 5 }[level as 'read']],
        ]),
      );
      expect({ list: spec.title, groups }).toEqual({ list: spec.title, groups: expected });
    }
    const evaIncidents = site.spAs(EVA).web.lists.getByTitle(listSpec('incidents').title);
    await expect(evaIncidents.items.add({ Title: 'Efter' })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(site.spAs(SARA).web.lists.getByTitle(listSpec('incidents').title).update({ ReadSecurity: 1 })).rejects.toMatchObject({
      kind: 'forbidden',
    });
    expect(((await incidents.select('ReadSecurity')()) as { ReadSecurity: number }).ReadSecurity).toBe(1);
    expect((await provisionSite(sp)).changes).toEqual([]);
  });

  it('is refused for a user who may not manage the site', async () => {
    site = await startTestSite({ provision: false, users: [{ upn: 'eva@exempelkommun.se', displayName: 'Eva' }] });
    await expect(provisionSite(site.spAs('eva@exempelkommun.se'))).rejects.toThrow(/behörighet|Åtkomst|Access/i);
  });
});
