import type { FieldSpec } from '../shared/schema/index.js';
import { listSpec, listsInDependencyOrder, siteSchema } from '../shared/schema/index.js';

const typeLabel: Record<FieldSpec['type'], string> = {
  text: 'Text',
  note: 'Flerradig text',
  number: 'Tal',
  currency: 'Valuta (kr)',
  boolean: 'Ja/nej',
  dateTime: 'Datum och tid',
  choice: 'Val',
  user: 'Person',
  userMulti: 'Personer',
  lookup: 'Uppslag',
  lookupMulti: 'Uppslag (flera)',
};

const levelLabel = { read: 'Läsa', contribute: 'Bidra', edit: 'Redigera', fullControl: 'Fullständig behörighet' } as const;

function describe(field: FieldSpec): string {
  const parts: string[] = [typeLabel[field.type]];
  if (field.type === 'dateTime' && field.dateOnly) parts[0] = 'Datum';
  if (field.type === 'text') parts.push(`max ${field.maxLength ?? 255}`);
  if (field.type === 'number' && (field.min !== undefined || field.max !== undefined)) parts.push(`${field.min ?? ''}–${field.max ?? ''}`);
  if (field.type === 'lookup' || field.type === 'lookupMulti') parts.push(`→ ${listSpec(field.list as never).title}`);
  return parts.join(', ');
}

/** docs/schema.md: the site schema for people (admins, auditors), generated from manifest/. */
export function renderSchemaDoc(): string {
  const lines: string[] = [
    '# Systemkolls SharePoint-schema',
    '',
    `<!-- Genererad från manifest/site-schema.ts med \`npm run schema:doc\`. Redigera inte för hand. -->`,
    '',
    `Schemaversion **${siteSchema.version}**. Provisioneringen (\`npm run provision\`) skapar och uppgraderar allt nedan; den tar aldrig bort kolumner eller data.`,
    '',
    '## Grupper',
    '',
    '| Roll | SharePoint-grupp | Beskrivning |',
    '|---|---|---|',
    ...Object.entries(siteSchema.groups).map(([role, g]) => `| ${role} | ${g.title} | ${g.description.sv} |`),
    '',
  ];
  for (const key of listsInDependencyOrder()) {
    const spec = listSpec(key);
    const indexed = spec.fields.filter((f) => f.indexed || f.unique).length;
    lines.push(
      `## ${spec.displayName.sv} (\`${spec.title}\`)`,
      '',
      `${spec.description.sv} *${spec.description.en}*`,
      '',
      `Versionshantering: ${spec.versioning ? 'på' : 'av'}${spec.majorVersionLimit ? ` (högst ${spec.majorVersionLimit} versioner)` : ''} · ` +
        `Läsa: ${spec.readSecurity === 2 ? 'bara egna poster (utom för dem som hanterar listan)' : 'alla poster'} · ` +
        `Skriva: ${spec.writeSecurity === 1 ? 'alla poster' : spec.writeSecurity === 2 ? 'bara egna poster' : 'inga'} · Index: ${indexed}/20`,
      '',
      `Behörigheter: ${Object.entries(spec.permissions)
        .map(([role, level]) => `${siteSchema.groups[role as keyof typeof siteSchema.groups].title} – ${levelLabel[level]}`)
        .join('; ')}`,
      '',
      '| Internt namn | Visningsnamn (sv / en) | Typ | Krävs | Index | Unikt | Val / standard |',
      '|---|---|---|---|---|---|---|',
    );
    for (const f of spec.fields) {
      const choices = f.type === 'choice' ? f.choices.join(', ') : '';
      const def = 'default' in f && f.default !== undefined ? ` (standard: ${String(f.default)})` : '';
      lines.push(
        `| ${f.internalName} | ${f.title.sv} / ${f.title.en} | ${describe(f)} | ${f.required ? 'ja' : ''} | ${f.indexed || f.unique ? 'ja' : ''} | ${f.unique ? 'ja' : ''} | ${choices}${def} |`,
      );
    }
    lines.push('');
  }
  for (const spec of Object.values(siteSchema.libraries)) {
    lines.push(
      `## ${spec.displayName.sv} (\`${spec.title}\`, dokumentbibliotek)`,
      '',
      `${spec.description.sv} *${spec.description.en}*`,
      '',
      `Mall: ${spec.template} (dokumentbibliotek) · Versionshantering: ${spec.versioning ? 'på' : 'av'}${spec.majorVersionLimit ? ` (högst ${spec.majorVersionLimit} versioner)` : ''}`,
      '',
      `Behörigheter: ${Object.entries(spec.permissions)
        .map(([role, level]) => `${siteSchema.groups[role as keyof typeof siteSchema.groups].title} – ${levelLabel[level]}`)
        .join('; ')}`,
      '',
    );
  }
  lines.push('## Standardinställningar', '', '| Nyckel | Värde | Beskrivning |', '|---|---|---|');
  for (const s of siteSchema.settings) lines.push(`| ${s.key} | \`${JSON.stringify(s.value)}\` | ${s.description.sv} |`);
  lines.push('');
  return lines.join('\n');
}
