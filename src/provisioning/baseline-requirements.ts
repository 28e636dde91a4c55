import type { SPFI } from '@pnp/sp';
import type { ListSpec, SiteSchemaSpec } from '../shared/schema/index.js';
import { BASELINE_REQUIREMENTS } from '../domain/security-requirements.js';

/** The settings key recording that the baseline catalogue was seeded (and which version of it). */
export const BASELINE_REQUIREMENTS_KEY = 'securityRequirementsBaseline';
const BASELINE_VERSION = 1;

/**
 * Seeds the Swedish baseline of security requirements into Säkerhetskrav, once per site: every
 * municipality needs a catalogue to start from, not only the demo. A marker in Konfiguration makes
 * it happen once, so a requirement the coordinators removed or changed is never brought back by
 * running provisioning again; a code already present is not added twice (an interrupted run resumes).
 */
export async function seedBaselineRequirements(sp: SPFI, schema: SiteSchemaSpec, changed: (line: string) => void): Promise<void> {
  const spec = schema.lists.securityRequirements as ListSpec | undefined;
  if (!spec) return;
  const settings = sp.web.lists.getByTitle((schema.lists.settings as ListSpec).title);
  const marker = (await settings.items.select('Id').filter(`Title eq '${BASELINE_REQUIREMENTS_KEY}'`).top(1)()) as { Id: number }[];
  if (marker.length > 0) return;
  const list = sp.web.lists.getByTitle(spec.title);
  const present = new Set(
    ((await list.items.select('RequirementCode').top(5000)()) as { RequirementCode: string | null }[]).map((r) => r.RequirementCode),
  );
  let added = 0;
  for (const r of BASELINE_REQUIREMENTS) {
    if (present.has(r.code)) continue;
    await list.items.add({
      Title: r.title,
      RequirementCode: r.code,
      RequirementDescription: r.description,
      RequirementAspect: r.aspect,
      RequirementFromLevel: r.fromLevel,
      RequirementArea: r.area,
      RequirementActive: true,
    });
    added++;
  }
  await settings.items.add({
    Title: BASELINE_REQUIREMENTS_KEY,
    SettingValue: JSON.stringify(BASELINE_VERSION),
    SettingDescription: 'Grunduppsättningen av säkerhetskrav är inläst (läses in en gång; ändra kraven i listan Säkerhetskrav).',
  });
  changed(`${spec.title}: grunduppsättning med ${added} säkerhetskrav`);
}
