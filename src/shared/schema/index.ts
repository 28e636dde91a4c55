import { siteSchema, type SiteSchema, type ListKey, type LibraryKey } from '../../../manifest/site-schema.js';
import type { FieldSpec, LibrarySpec, ListSpec, SiteSchemaSpec } from '../../../manifest/schema-types.js';

export { siteSchema };
export type { SiteSchema, ListKey, LibraryKey, FieldSpec, LibrarySpec, ListSpec, SiteSchemaSpec };
export type { RoleKey, PermissionLevel, LocalizedText } from '../../../manifest/schema-types.js';

/** A person as SharePoint knows them (site user id). Writes only need `id`. */
export interface PersonRef {
  id: number;
  title?: string;
  email?: string;
}

/** A lookup to another list's item. Writes only need `id`. */
export interface LookupRef {
  id: number;
  title?: string;
}

/** Present on every record read from SharePoint. */
export interface ItemMeta {
  id: number;
  /** SharePoint's etag for optimistic concurrency, e.g. "\"3\"". */
  etag: string;
  created: string;
  modified: string;
  authorId: number | null;
  editorId: number | null;
}

type ValueOf<F> = F extends { type: 'text' | 'note' }
  ? string
  : F extends { type: 'number' | 'currency' }
    ? number
    : F extends { type: 'boolean' }
      ? boolean
      : F extends { type: 'dateTime' }
        ? string
        : F extends { type: 'choice'; choices: readonly (infer C)[] }
          ? C
          : F extends { type: 'user' }
            ? PersonRef
            : F extends { type: 'userMulti' }
              ? PersonRef[]
              : F extends { type: 'lookup' }
                ? LookupRef
                : F extends { type: 'lookupMulti' }
                  ? LookupRef[]
                  : never;

/** Multi-valued fields are arrays (empty when unset); single values are null when unset unless required. */
type FieldValue<F> = ValueOf<F> extends unknown[] ? ValueOf<F> : F extends { required: true } ? ValueOf<F> : ValueOf<F> | null;

type FieldsOf<K extends ListKey> = SiteSchema['lists'][K]['fields'][number];

/** The domain fields of a list, derived from the schema. */
export type Fields<K extends ListKey> = { [F in FieldsOf<K> as F['key']]: FieldValue<F> };
/** A record read from SharePoint. */
export type RecordOf<K extends ListKey> = Fields<K> & ItemMeta;
/** What callers send to create an item: required fields must be present. */
export type DraftOf<K extends ListKey> = {
  [F in FieldsOf<K> as F extends { required: true } ? F['key'] : never]: FieldValue<F>;
} & {
  [F in FieldsOf<K> as F extends { required: true } ? never : F['key']]?: FieldValue<F>;
};
/** What callers send to change an item. */
export type PatchOf<K extends ListKey> = Partial<Fields<K>>;
export type FieldKey<K extends ListKey> = keyof Fields<K> & string;

export type Department = RecordOf<'departments'>;
export type SystemRecord = RecordOf<'systems'>;
export type Incident = RecordOf<'incidents'>;
export type TimelineEntry = RecordOf<'timeline'>;
export type ActionRecord = RecordOf<'actions'>;
export type TrainingCourse = RecordOf<'trainingCourses'>;
export type TrainingCompletion = RecordOf<'trainingCompletions'>;
export type StaffMember = RecordOf<'staff'>;
export type SettingRecord = RecordOf<'settings'>;

export type Criticality = Fields<'systems'>['criticality'];
export type IncidentStatus = Fields<'incidents'>['status'];

export const listKeys = Object.keys(siteSchema.lists) as ListKey[];

export function listSpec(key: ListKey): ListSpec {
  return siteSchema.lists[key] as ListSpec;
}

export function librarySpec(key: LibraryKey): LibrarySpec {
  return siteSchema.libraries[key];
}

export function fieldSpec(list: ListKey, key: string): FieldSpec {
  const field = listSpec(list).fields.find((f) => f.key === key);
  if (!field) throw new Error(`Fältet '${key}' finns inte i listan '${list}' i schemat.`);
  return field;
}

/**
 * Lists in an order where every lookup target comes before the lists that point at it, so
 * provisioning can create lookup columns against existing lists.
 */
export function listsInDependencyOrder(schema: SiteSchemaSpec = siteSchema): ListKey[] {
  const listSpec = (key: ListKey): ListSpec => schema.lists[key] as ListSpec;
  const ordered: ListKey[] = [];
  const visit = (key: ListKey, path: ListKey[]) => {
    if (ordered.includes(key)) return;
    if (path.includes(key)) throw new Error(`Cirkulärt uppslag i schemat: ${[...path, key].join(' → ')}`);
    for (const f of listSpec(key).fields) {
      if ((f.type === 'lookup' || f.type === 'lookupMulti') && f.list !== key) visit(f.list as ListKey, [...path, key]);
    }
    ordered.push(key);
  };
  for (const key of Object.keys(schema.lists) as ListKey[]) visit(key, []);
  return ordered;
}
