/**
 * Which column of an imported register feeds which field of the system register. Suggested from
 * the headers (Swedish and English, any case, with or without diacritics and punctuation), driven
 * by the schema's field list so a field added to the schema is matched by its own titles; a saved
 * mapping (the last import's) and an explicit one (--map) take precedence, in that order.
 */
import type { FieldSpec } from '../../shared/schema/index.js';
import { normaliseKey } from './normalise.js';

/** A combined classification column ("K3 R2 T2 S1") feeds the four aspect fields. */
export const CLASSIFICATION_TARGET = 'classification';
/** A column deliberately left out of the import. */
export const IGNORE_TARGET = 'ignore';

/** header → field key (or CLASSIFICATION_TARGET / IGNORE_TARGET); keys are normalised headers. */
export type ColumnMapping = Record<string, string>;

export interface MappedColumn {
  /** Position in the sheet. */
  index: number;
  header: string;
  /** A field key, CLASSIFICATION_TARGET, or null when the column is not imported. */
  target: string | null;
  source: 'explicit' | 'saved' | 'suggested' | 'none';
}

/** Words registers use for our fields beyond the schema's own titles (normalised, see normaliseKey). */
const SYNONYMS: Record<string, string[]> = {
  title: ['system', 'systemnamn', 'namn', 'name', 'system name', 'applikation', 'application', 'tjanst', 'it system', 'it tjanst'],
  description: ['beskrivning', 'description', 'syfte', 'anvandning', 'om systemet'],
  department: [
    'forvaltning',
    'forvaltningar',
    'department',
    'organisation',
    'verksamhet',
    'bolag',
    'nämnd',
    'namnd',
    'org',
    'ansvarig forvaltning',
  ],
  lifecycleStatus: ['status', 'livscykel', 'lifecycle', 'livscykelstatus'],
  systemOwner: ['agare', 'systemagare', 'owner', 'system owner', 'ansvarig', 'systemansvarig'],
  // "Förvaltare" is the accountable administrator; several people in that cell also form the team
  // (see TEAM_OF in rows.ts).
  systemAdministrator: ['forvaltare', 'systemforvaltare', 'administrator', 'system administrator', 'objektledare', 'systemadministrator'],
  administrators: ['administratorer', 'administrators', 'forvaltningsteam', 'forvaltargrupp', 'team'],
  informationOwner: ['informationsagare', 'information owner'],
  technicalContact: ['teknisk kontakt', 'tekniskt ansvarig', 'technical contact', 'it kontakt', 'drift kontakt'],
  supplier: ['leverantor', 'supplier', 'vendor', 'leverantorer'],
  supplierOrgNumber: ['organisationsnummer', 'orgnr', 'org nr', 'leverantorens organisationsnummer'],
  hosting: ['drift', 'driftform', 'hosting', 'driftmiljo', 'placering'],
  contractReference: ['avtal', 'avtalsnummer', 'avtalsreferens', 'contract', 'contract reference', 'diarienummer'],
  contractEndDate: [
    'avtalsslut',
    'avtal slutar',
    'avtalet loper ut',
    'avtalstid',
    'avtalet gar ut',
    'contract end',
    'contract end date',
    'slutdatum avtal',
    'avtal till',
  ],
  contractNoticeMonths: ['uppsagningstid', 'notice period', 'uppsagningstid manader'],
  costLicences: ['licenskostnad', 'licens', 'licenser', 'licence cost', 'license cost', 'kostnad licens', 'licenskostnader'],
  costOperation: ['driftkostnad', 'operating cost', 'driftskostnad', 'kostnad drift', 'driftkostnader', 'drift kr ar'],
  costOther: ['ovriga kostnader', 'other costs', 'ovrig kostnad'],
  confidentiality: ['k', 'konfidentialitet', 'confidentiality'],
  integrity: ['r', 'riktighet', 'integrity'],
  availability: ['t', 'tillganglighet', 'availability'],
  traceability: ['s', 'sparbarhet', 'traceability'],
  [CLASSIFICATION_TARGET]: [
    'klassning',
    'klassificering',
    'informationsklassning',
    'krts',
    'krt',
    'k r t s',
    'k r t',
    'classification',
    'information classification',
    'skyddsniva',
  ],
  classificationDate: ['klassad', 'klassningsdatum', 'datum for klassning', 'classification date', 'klassat datum'],
  personalData: ['personuppgifter', 'personal data', 'pu', 'behandlar personuppgifter', 'gdpr'],
  sensitivePersonalData: ['kansliga personuppgifter', 'sensitive personal data', 'kansliga pu'],
  criticality: ['kritikalitet', 'criticality', 'kritisk', 'verksamhetskritisk', 'verksamhetskritikalitet'],
  societallyCritical: ['samhallsviktig', 'samhallsviktigt', 'samhallsviktig verksamhet'],
  systemType: ['typ', 'systemtyp', 'type', 'system type'],
  dependsOn: ['beroenden', 'beroende av', 'dependencies', 'depends on', 'beroende'],
  riskAnalysisDate: ['rsa', 'senaste rsa', 'risk och sarbarhetsanalys', 'risk och sarbarhetsanalys datum'],
  restoreTimeObjectiveHours: ['rto', 'atertallningstid', 'aterstallningstid', 'recovery time objective'],
  lastRestoreTestDate: ['aterlasningstest', 'senaste aterlasningstest', 'backup test', 'restore test'],
  systemVersion: ['version', 'versionsnummer'],
  documentationUrl: ['dokumentation', 'documentation', 'lank till dokumentation'],
  importNotes: ['anteckningar', 'kommentar', 'kommentarer', 'ovrigt', 'notes', 'comments', 'noteringar'],
  externalId: ['id', 'system id', 'systemid', 'externt id', 'external id', 'extern id', 'nummer', 'objekt id', 'referens id'],
  lastReviewDate: ['senaste genomgang', 'granskad', 'last review', 'senast granskad', 'senast reviderad', 'reviderad'],
  restorePriority: ['aterstallningsprioritet', 'restore priority', 'prioritet'],
  acceptedDowntimeHours: ['accepterad avbrottstid', 'max avbrott', 'avbrottstid', 'maximal avbrottstid', 'accepted downtime'],
  acceptableDataLossHours: ['acceptabel dataforlust', 'rpo', 'dataforlust'],
};

function strip(text: string): string {
  // "(kr/år)", "(timmar)", "(K)" and similar suffixes do not decide the field.
  return normaliseKey(text.replace(/\([^)]*\)/g, ' '));
}

/** The names a field goes by, normalised: its key, internal name, Swedish and English titles, synonyms. */
function namesOf(f: FieldSpec): string[] {
  const names = [f.key, f.internalName, f.title.sv, f.title.en].flatMap((n) => [normaliseKey(n), strip(n)]);
  names.push(normaliseKey(f.key.replace(/([a-z])([A-Z])/g, '$1 $2')));
  return [...new Set(names.filter(Boolean))];
}

/** The field (or CLASSIFICATION_TARGET) a header suggests, or null. Exact names before synonyms. */
export function suggestTarget(header: string, fields: readonly FieldSpec[]): string | null {
  const full = normaliseKey(header);
  const bare = strip(header);
  if (!full) return null;
  for (const f of fields) {
    const names = namesOf(f);
    if (names.includes(full) || names.includes(bare)) return f.key;
  }
  const keys = new Set(fields.map((f) => f.key));
  const hasAspects = ['confidentiality', 'integrity', 'availability'].every((k) => keys.has(k));
  for (const [target, words] of Object.entries(SYNONYMS)) {
    if (target === CLASSIFICATION_TARGET ? !hasAspects : !keys.has(target)) continue;
    if (words.includes(full) || words.includes(bare)) return target;
  }
  return null;
}

/** True when `target` is something the mapping may name for these fields. */
export function isValidTarget(target: string, fields: readonly FieldSpec[]): boolean {
  return target === IGNORE_TARGET || target === CLASSIFICATION_TARGET || fields.some((f) => f.key === target);
}

/**
 * The mapping of each column: an explicit mapping (keys: headers, any spelling) wins over a saved
 * one, which wins over a suggestion. Two columns never feed the same field: the first keeps it.
 */
export function mapColumns(
  headers: readonly string[],
  fields: readonly FieldSpec[],
  options: { explicit?: ColumnMapping; saved?: ColumnMapping } = {},
): MappedColumn[] {
  const norm = (m: ColumnMapping | undefined) => Object.fromEntries(Object.entries(m ?? {}).map(([h, t]) => [normaliseKey(h), t] as const));
  const explicit = norm(options.explicit);
  const saved = norm(options.saved);
  const taken = new Set<string>();
  return headers.map((header, index): MappedColumn => {
    const key = normaliseKey(header);
    let target: string | null = null;
    let source: MappedColumn['source'] = 'none';
    if (key && explicit[key] !== undefined && isValidTarget(explicit[key], fields)) {
      target = explicit[key];
      source = 'explicit';
    } else if (key && saved[key] !== undefined && isValidTarget(saved[key], fields)) {
      target = saved[key];
      source = 'saved';
    } else {
      target = suggestTarget(header, fields);
      source = target ? 'suggested' : 'none';
    }
    if (target === IGNORE_TARGET) return { index, header, target: null, source };
    if (target && taken.has(target)) return { index, header, target: null, source: 'none' };
    if (target) taken.add(target);
    return { index, header, target, source };
  });
}

/**
 * The mapping to save for next time (normalised header → target): what was mapped, and 'ignore'
 * for columns an explicit or saved mapping left out. A column nothing matched is not saved, so a
 * field added to the schema later is still suggested for it.
 */
export function mappingToSave(columns: readonly MappedColumn[], previous: ColumnMapping = {}): ColumnMapping {
  const out: ColumnMapping = { ...previous };
  for (const c of columns) {
    const key = normaliseKey(c.header);
    if (!key) continue;
    if (c.target) out[key] = c.target;
    else if (c.source === 'explicit' || c.source === 'saved') out[key] = IGNORE_TARGET;
  }
  return out;
}
