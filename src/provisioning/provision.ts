import type { SPFI } from '@pnp/sp';
import { AddFieldOptions } from '@pnp/sp/fields';
import type { FieldSpec, ListKey, RoleKey } from '../shared/schema/index.js';
import { listsInDependencyOrder, siteSchema, type LibrarySpec, type ListSpec, type SiteSchemaSpec } from '../shared/schema/index.js';
import { permissionLevelRoleType } from '../../manifest/schema-types.js';
import { toDataError } from '../shared/data/errors.js';
import { unescapeXml } from '../shared/xml.js';
import { fieldXml } from './field-xml.js';
import { migrateData } from './migrations.js';
import { seedBaselineRequirements } from './baseline-requirements.js';

/** The settings key under which provisioning records the schema version it applied. */
export const SCHEMA_VERSION_KEY = 'schemaVersion';

export interface ProvisionResult {
  /** One plain-Swedish line per change made; empty when the site already matched the schema. */
  changes: string[];
  /** Things provisioning noticed but deliberately leaves alone (it never removes anything). */
  notices: string[];
  schemaVersion: { before: number | null; after: number };
}

export interface ProvisionOptions {
  /** Progress lines as work proceeds. */
  log?: (line: string) => void;
  /** The schema to apply; the site schema from manifest/ unless a test applies an older one. */
  schema?: SiteSchemaSpec;
}

interface ExistingField {
  InternalName: string;
  Title: string;
  Indexed: boolean;
  EnforceUniqueValues: boolean;
  Required: boolean;
  SchemaXml: string;
}

// Choices live on SP.FieldChoice, not on the SP.Field collection type, so they are read from SchemaXml.
const fieldSelect = ['InternalName', 'Title', 'Indexed', 'EnforceUniqueValues', 'Required', 'SchemaXml'];

export function choicesFromSchemaXml(xml: string): string[] {
  return [...xml.matchAll(/<CHOICE>([\s\S]*?)<\/CHOICE>/g)].map((m) => unescapeXml(m[1]!));
}

async function step<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const e = toDataError(error);
    throw new Error(`${what}: ${e.message}${e.detail ? ` (${e.detail})` : ''}`, { cause: error });
  }
}

/**
 * Creates or upgrades every list, field, index, list setting, group and permission of the site
 * schema. Idempotent: a second run changes nothing. Additive only: it never drops a list, a
 * column, a choice, an assignment or data — anything extra is reported as a notice.
 */
export async function provisionSite(sp: SPFI, options: ProvisionOptions = {}): Promise<ProvisionResult> {
  const log = options.log ?? (() => undefined);
  const schema = options.schema ?? siteSchema;
  const listSpec = (key: ListKey): ListSpec => schema.lists[key] as ListSpec;
  const changes: string[] = [];
  const notices: string[] = [];
  const changed = (line: string) => {
    changes.push(line);
    log(`  ✓ ${line}`);
  };

  // Groups first: list permissions point at them.
  log('Grupper …');
  const groupIds = await ensureGroups(sp, schema, changed);
  const roleDefIds = await step('Läser behörighetsnivåer', async () => {
    const defs = await sp.web.roleDefinitions.select('Id', 'RoleTypeKind')();
    return new Map(defs.map((d) => [d.RoleTypeKind as number, d.Id as number]));
  });

  const existingLists = await step('Läser listor', () => sp.web.lists.select('Id', 'Title')());
  const listIds: Record<string, string> = {};
  for (const l of existingLists) listIds[l.Title.toLowerCase()] = l.Id;
  const lookupIds: Record<string, string> = {};

  const order = listsInDependencyOrder(schema);
  for (const [index, key] of order.entries()) {
    const spec = listSpec(key);
    log(`[${index + 1}/${order.length}] ${spec.title} (${spec.displayName.sv}) …`);
    let id = listIds[spec.title.toLowerCase()];
    if (!id) {
      const created = await step(`Skapar listan ${spec.title}`, () => sp.web.lists.add(spec.title, spec.description.sv, 100, false));
      id = (created as { Id: string }).Id;
      changed(`Skapade listan ${spec.title}`);
    }
    lookupIds[key] = id;
    await ensureListSettings(sp, spec, changed);
    await ensureFields(sp, spec, lookupIds, changed);
    await ensurePermissions(sp, spec, schema, groupIds, roleDefIds, changed, notices);
  }

  const libraries = Object.values(schema.libraries ?? {});
  for (const [index, spec] of libraries.entries()) {
    log(`[bibliotek ${index + 1}/${libraries.length}] ${spec.title} (${spec.displayName.sv}) …`);
    await ensureLibrary(sp, spec, listIds, changed);
    await ensureListSettings(sp, spec, changed);
    await ensurePermissions(sp, spec, schema, groupIds, roleDefIds, changed, notices);
  }

  log('Datamigrering …');
  const recorded = await readSchemaVersion(sp, schema);
  const migrated = await step('Migrerar data till den nya schemaversionen', () => migrateData(sp, schema, recorded));
  for (const line of migrated) changed(line);

  log('Inställningar …');
  const before = await ensureSettings(sp, schema, changed);
  await step('Lägger in grunduppsättningen av säkerhetskrav', () => seedBaselineRequirements(sp, schema, changed));
  return { changes, notices, schemaVersion: { before, after: schema.version } };
}

async function ensureGroups(sp: SPFI, schema: SiteSchemaSpec, changed: (l: string) => void): Promise<Map<RoleKey, number>> {
  const existing = await step('Läser grupper', () => sp.web.siteGroups.select('Id', 'Title')());
  const byTitle = new Map(existing.map((g) => [g.Title.toLowerCase(), g.Id as number]));
  const ids = new Map<RoleKey, number>();
  for (const [role, group] of Object.entries(schema.groups) as [RoleKey, { title: string; description: { sv: string } }][]) {
    let id = byTitle.get(group.title.toLowerCase());
    if (id === undefined) {
      const created = await step(`Skapar gruppen ${group.title}`, () =>
        sp.web.siteGroups.add({ Title: group.title, Description: group.description.sv }),
      );
      id = created.Id as number;
      changed(`Skapade gruppen ${group.title}`);
    }
    ids.set(role, id);
  }
  return ids;
}

/**
 * A document library is created with its template (101); a list of the same title that is not a
 * library cannot become one, so provisioning stops rather than put files in it.
 */
async function ensureLibrary(sp: SPFI, spec: LibrarySpec, listIds: Record<string, string>, changed: (l: string) => void): Promise<void> {
  if (!listIds[spec.title.toLowerCase()]) {
    await step(`Skapar dokumentbiblioteket ${spec.title}`, () =>
      sp.web.lists.add(spec.title, spec.description.sv, spec.template, false, {
        EnableVersioning: spec.versioning,
        ...(spec.majorVersionLimit ? { MajorVersionLimit: spec.majorVersionLimit } : {}),
      }),
    );
    changed(`Skapade dokumentbiblioteket ${spec.title}`);
    return;
  }
  const { BaseTemplate } = await step(`Läser ${spec.title}`, () => sp.web.lists.getByTitle(spec.title).select('BaseTemplate')());
  if (BaseTemplate !== spec.template)
    throw new Error(
      `${spec.title} finns redan som en lista med mall ${String(BaseTemplate)}, inte som dokumentbibliotek (${spec.template}). Byt namn på den och kör provisioneringen igen.`,
    );
}

async function ensureListSettings(sp: SPFI, spec: ListSpec | LibrarySpec, changed: (l: string) => void): Promise<void> {
  const list = sp.web.lists.getByTitle(spec.title);
  const current = await step(`Läser inställningar för ${spec.title}`, () =>
    list.select('EnableVersioning', 'MajorVersionLimit', 'ReadSecurity', 'WriteSecurity', 'Description')(),
  );
  // ReadSecurity/WriteSecurity are list settings; SharePoint has none for a document library.
  const wanted: Record<string, unknown> = {
    EnableVersioning: spec.versioning,
    ...('readSecurity' in spec ? { ReadSecurity: spec.readSecurity, WriteSecurity: spec.writeSecurity } : {}),
    ...(spec.majorVersionLimit ? { MajorVersionLimit: spec.majorVersionLimit } : {}),
  };
  const diff = Object.fromEntries(Object.entries(wanted).filter(([k, v]) => (current as unknown as Record<string, unknown>)[k] !== v));
  if (Object.keys(diff).length > 0) {
    await step(`Ändrar inställningar för ${spec.title}`, () => list.update(diff));
    changed(
      `${spec.title}: ${Object.entries(diff)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(', ')}`,
    );
  }
}

async function ensureFields(sp: SPFI, spec: ListSpec, lookupIds: Record<string, string>, changed: (l: string) => void): Promise<void> {
  const list = sp.web.lists.getByTitle(spec.title);
  const existing = await step(`Läser fält i ${spec.title}`, () => list.fields.select(...fieldSelect)());
  const byName = new Map((existing as ExistingField[]).map((f) => [f.InternalName, f]));
  // Create first, index afterwards: SharePoint applies uniqueness only to indexed columns.
  for (const field of spec.fields) {
    const current = byName.get(field.internalName);
    if (!current) {
      const xml = fieldXml(field, lookupIds);
      await step(`Skapar fältet ${spec.title}.${field.internalName}`, () =>
        list.fields.createFieldAsXml({ SchemaXml: xml, Options: AddFieldOptions.AddFieldInternalNameHint }),
      );
      changed(`${spec.title}: nytt fält ${field.internalName} (${field.title.sv})`);
      continue;
    }
    const patch = fieldPatch(field, current);
    if (Object.keys(patch).length > 0) {
      await step(`Uppgraderar fältet ${spec.title}.${field.internalName}`, () =>
        list.fields.getByInternalNameOrTitle(field.internalName).update(patch, 'SP.Field'),
      );
      changed(`${spec.title}.${field.internalName}: ${Object.keys(patch).join(', ')}`);
    }
  }
}

/** Only ever additive: adds an index, uniqueness, missing choices; renames the built-in Title. */
function fieldPatch(field: FieldSpec, current: ExistingField): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  if ((field.indexed || field.unique) && !current.Indexed) patch.Indexed = true;
  if (field.unique && !current.EnforceUniqueValues) patch.EnforceUniqueValues = true;
  if (field.internalName === 'Title') {
    if (current.Title !== field.title.sv) patch.Title = field.title.sv;
    if (current.Required !== (field.required === true)) patch.Required = field.required === true;
  }
  if (field.type === 'choice') {
    const have = choicesFromSchemaXml(current.SchemaXml ?? '');
    const missing = field.choices.filter((c) => !have.includes(c));
    // Existing choices stay (items may use them); new ones are appended.
    if (missing.length > 0) patch.Choices = [...have, ...missing];
  }
  return patch;
}

async function ensurePermissions(
  sp: SPFI,
  spec: ListSpec | LibrarySpec,
  schema: SiteSchemaSpec,
  groupIds: Map<RoleKey, number>,
  roleDefIds: Map<number, number>,
  changed: (l: string) => void,
  notices: string[],
): Promise<void> {
  const list = sp.web.lists.getByTitle(spec.title);
  const { HasUniqueRoleAssignments } = (await step(`Läser behörigheter för ${spec.title}`, () =>
    list.select('HasUniqueRoleAssignments')(),
  )) as unknown as { HasUniqueRoleAssignments: boolean };
  if (!HasUniqueRoleAssignments) {
    // Copy nothing from the site: the list gets exactly the roles the schema names.
    await step(`Bryter arv för ${spec.title}`, () => list.breakRoleInheritance(false, true));
    changed(`${spec.title}: egna behörigheter (arv brutet)`);
  }
  const assignments = await step(`Läser rolltilldelningar för ${spec.title}`, () =>
    list.roleAssignments.expand('RoleDefinitionBindings').select('PrincipalId', 'RoleDefinitionBindings/Id')(),
  );
  const have = new Set<string>();
  for (const a of assignments as { PrincipalId: number; RoleDefinitionBindings: { Id: number }[] }[]) {
    for (const b of a.RoleDefinitionBindings ?? []) have.add(`${a.PrincipalId}:${b.Id}`);
  }
  const wanted = new Set<string>();
  for (const [role, level] of Object.entries(spec.permissions) as [RoleKey, keyof typeof permissionLevelRoleType][]) {
    const principal = groupIds.get(role);
    const roleDef = roleDefIds.get(permissionLevelRoleType[level]);
    if (principal === undefined || roleDef === undefined) continue;
    wanted.add(`${principal}:${roleDef}`);
    if (have.has(`${principal}:${roleDef}`)) continue;
    await step(`Ger ${schema.groups[role].title} behörighet till ${spec.title}`, () => list.roleAssignments.add(principal, roleDef));
    changed(`${spec.title}: ${schema.groups[role].title} får ${level}`);
  }
  // The schema is the whole truth about the Systemkoll groups on a Systemkoll list: a level it does
  // not name (e.g. Contribute or Edit from an older, wider model) is removed, so an existing site is
  // brought to the trust model by running provisioning again. Other principals are the
  // municipality's own choice: named in a notice, left alone.
  const groupPrincipals = new Set(groupIds.values());
  const roleName = new Map([...roleDefIds].map(([kind, id]) => [id, kind]));
  for (const entry of have) {
    const [principal, roleDef] = entry.split(':').map(Number) as [number, number];
    if (wanted.has(entry)) continue;
    const role = ([...groupIds].find(([, id]) => id === principal) ?? [])[0];
    if (groupPrincipals.has(principal) && role) {
      await step(`Tar bort en behörighet från ${schema.groups[role].title} på ${spec.title}`, () =>
        list.roleAssignments.remove(principal, roleDef),
      );
      changed(`${spec.title}: ${schema.groups[role].title} har inte längre ${levelName(roleName.get(roleDef))}`);
    } else {
      notices.push(
        `${spec.title}: principal ${principal} har en behörighet (${roleDef}) som inte kommer från Systemkoll; den lämnas kvar.`,
      );
    }
  }
}

function levelName(kind: number | undefined): string {
  const found = (Object.entries(permissionLevelRoleType) as [string, number][]).find(([, k]) => k === kind);
  return found ? found[0] : `rolltyp ${kind ?? '?'}`;
}

/** The schema version the site last recorded (null on a new site). */
async function readSchemaVersion(sp: SPFI, schema: SiteSchemaSpec): Promise<number | null> {
  const list = sp.web.lists.getByTitle((schema.lists.settings as ListSpec).title);
  const rows = (await step('Läser schemaversion', () =>
    list.items.select('Title', 'SettingValue').filter(`Title eq '${SCHEMA_VERSION_KEY}'`).top(1)(),
  )) as { SettingValue: string | null }[];
  const value = rows[0]?.SettingValue;
  return value ? Number(JSON.parse(value)) : null;
}

async function ensureSettings(sp: SPFI, schema: SiteSchemaSpec, changed: (l: string) => void): Promise<number | null> {
  const list = sp.web.lists.getByTitle((schema.lists.settings as ListSpec).title);
  const rows = await step('Läser inställningar', () => list.items.select('Id', 'Title', 'SettingValue').top(5000)());
  const byKey = new Map((rows as { Id: number; Title: string; SettingValue: string | null }[]).map((r) => [r.Title, r]));
  for (const s of schema.settings) {
    if (byKey.has(s.key)) continue; // Never overwrite a value the municipality has set.
    await step(`Lägger till inställningen ${s.key}`, () =>
      list.items.add({ Title: s.key, SettingValue: JSON.stringify(s.value), SettingDescription: s.description.sv }),
    );
    changed(`Inställning ${s.key} = ${JSON.stringify(s.value)}`);
  }
  const versionRow = byKey.get(SCHEMA_VERSION_KEY);
  const before = versionRow?.SettingValue ? Number(JSON.parse(versionRow.SettingValue)) : null;
  if (before !== schema.version) {
    const value = JSON.stringify(schema.version);
    if (versionRow) await step('Sparar schemaversion', () => list.items.getById(versionRow.Id).update({ SettingValue: value }, '*'));
    else
      await step('Sparar schemaversion', () =>
        list.items.add({
          Title: SCHEMA_VERSION_KEY,
          SettingValue: value,
          SettingDescription: 'Schemaversion som provisioneringen har tillämpat.',
        }),
      );
    changed(`Schemaversion ${before ?? '–'} → ${schema.version}`);
  }
  return before;
}
