/**
 * Data migrations between schema versions, run by provisioning after the fields exist and before
 * the new version is recorded (so an interrupted run migrates again). Each is idempotent: it finds
 * only what still needs changing, in pages, and writes 100 items per $batch.
 */
import type { SPFI } from '@pnp/sp';
import '@pnp/sp/batching';
import type { ListSpec, SiteSchemaSpec } from '../shared/schema/index.js';

const PAGE = 5000;
const BATCH = 100;

function hasField(spec: ListSpec | undefined, internalName: string): boolean {
  return !!spec?.fields.some((f) => f.internalName === internalName);
}

async function updateAll(sp: SPFI, listTitle: string, updates: { id: number; body: Record<string, unknown> }[]): Promise<void> {
  for (let i = 0; i < updates.length; i += BATCH) {
    const [batched, execute] = sp.batched({ maxRequests: BATCH });
    const list = batched.web.lists.getByTitle(listTitle);
    const pending = updates.slice(i, i + BATCH).map((u) => list.items.getById(u.id).update(u.body, '*'));
    await execute();
    await Promise.all(pending);
  }
}

/**
 * Version 2 splits "samhällsviktig" out of the criticality choice into its own yes/no (the choice
 * keeps the business level: such systems are verksamhetskritisk), and gives every system an
 * administration team that starts with its administrator. Returns a line per change.
 */
export async function migrateData(sp: SPFI, schema: SiteSchemaSpec, before: number | null): Promise<string[]> {
  const out: string[] = [];
  const systems = schema.lists.systems as ListSpec | undefined;
  if (!systems) return out;
  const list = sp.web.lists.getByTitle(systems.title);

  if (hasField(systems, 'SocietallyCritical') && hasField(systems, 'Criticality')) {
    // Criticality is indexed: this finds only the rows left to migrate, at any register size.
    const rows = (await list.items.select('Id').filter("Criticality eq 'samhällsviktig'").top(PAGE)()) as { Id: number }[];
    if (rows.length > 0) {
      await updateAll(
        sp,
        systems.title,
        rows.map((r) => ({ id: r.Id, body: { SocietallyCritical: true, Criticality: 'verksamhetskritisk' } })),
      );
      out.push(`Systemregister: ${rows.length} system med kritikalitet "samhällsviktig" → Samhällsviktig = ja, verksamhetskritisk`);
    }
  }

  if (before !== null && before < 2 && hasField(systems, 'SystemAdministrators') && hasField(systems, 'SystemAdministrator')) {
    const updates: { id: number; body: Record<string, unknown> }[] = [];
    for await (const page of list.items.select('Id', 'SystemAdministratorId', 'SystemAdministratorsId').top(PAGE)) {
      for (const r of page as { Id: number; SystemAdministratorId: number | null; SystemAdministratorsId: number[] | null }[]) {
        if (r.SystemAdministratorId && (r.SystemAdministratorsId ?? []).length === 0)
          updates.push({ id: r.Id, body: { SystemAdministratorsId: [r.SystemAdministratorId] } });
      }
    }
    if (updates.length > 0) {
      await updateAll(sp, systems.title, updates);
      out.push(`Systemregister: förvaltningsteamet fick systemförvaltaren för ${updates.length} system`);
    }
  }
  const incidents = schema.lists.incidents as ListSpec | undefined;
  if (before !== null && before < 2 && hasField(incidents, 'MainSystem') && hasField(incidents, 'AffectedSystems')) {
    // "Incidents on my systems" queries the indexed MainSystem: version-1 incidents get their first
    // affected system. A full pass in pages (a null filter could pass the view threshold).
    const updates: { id: number; body: Record<string, unknown> }[] = [];
    const pages = sp.web.lists.getByTitle(incidents!.title).items.select('Id', 'MainSystemId', 'AffectedSystemsId').top(PAGE);
    for await (const page of pages) {
      for (const r of page as { Id: number; MainSystemId: number | null; AffectedSystemsId: number[] | null }[]) {
        const first = (r.AffectedSystemsId ?? [])[0];
        if (!r.MainSystemId && first) updates.push({ id: r.Id, body: { MainSystemId: first } });
      }
    }
    if (updates.length > 0) {
      await updateAll(sp, incidents!.title, updates);
      out.push(`Incidenter: ${updates.length} incidenter fick sitt första berörda system som huvudsakligt system`);
    }
  }
  if (before !== null && before < 4 && hasField(incidents, 'IncidentStatus')) {
    // Version 4's workflow: the old statuses map one to one. IncidentStatus is indexed, so each
    // query finds only what is left to migrate, at any list size.
    const renamed: Record<string, string> = { 'under utredning': 'under bedömning', åtgärdas: 'pågående', stängd: 'avslutad' };
    const items = sp.web.lists.getByTitle(incidents!.title).items;
    for (const [from, to] of Object.entries(renamed)) {
      let total = 0;
      for (;;) {
        const rows = (await items.select('Id').filter(`IncidentStatus eq '${from}'`).top(PAGE)()) as { Id: number }[];
        if (rows.length === 0) break;
        await updateAll(
          sp,
          incidents!.title,
          rows.map((r) => ({ id: r.Id, body: { IncidentStatus: to } })),
        );
        total += rows.length;
      }
      if (total > 0) out.push(`Incidenter: ${total} med status "${from}" → "${to}"`);
    }
  }
  return out;
}
