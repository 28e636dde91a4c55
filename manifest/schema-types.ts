/**
 * The vocabulary of the site schema (manifest/site-schema.ts). Kept apart so the schema file reads as
 * pure data. Domain record types are derived from the schema at the type level, so a field added
 * to the schema is immediately part of the types, the mapping, provisioning and the local store.
 */
export interface LocalizedText {
  sv: string;
  en: string;
}

export type RoleKey = 'employees' | 'systemOwners' | 'securityCoordinators' | 'admins';
/** SharePoint's built-in permission levels, by RoleTypeKind. */
export type PermissionLevel = 'read' | 'contribute' | 'edit' | 'fullControl';
export const permissionLevelRoleType: Record<PermissionLevel, number> = {
  read: 2,
  contribute: 3,
  edit: 6,
  fullControl: 5,
};

interface FieldBase<K extends string = string> {
  /** Property name in the domain record (camelCase). */
  key: K;
  /** SharePoint internal name; ASCII, never changes once provisioned. 'Title' reuses the built-in column. */
  internalName: string;
  title: LocalizedText;
  description?: LocalizedText;
  required?: boolean;
  indexed?: boolean;
  /** EnforceUniqueValues; SharePoint requires the column to be indexed too. */
  unique?: boolean;
}

export interface TextField extends FieldBase {
  type: 'text';
  maxLength?: number;
  default?: string;
}
export interface NoteField extends FieldBase {
  type: 'note';
}
export interface NumberField extends FieldBase {
  type: 'number';
  min?: number;
  max?: number;
  decimals?: number;
  default?: number;
}
export interface CurrencyField extends FieldBase {
  type: 'currency';
}
export interface BooleanField extends FieldBase {
  type: 'boolean';
  default?: boolean;
}
export interface DateTimeField extends FieldBase {
  type: 'dateTime';
  /** Calendar dates (review date, contract end) are 'YYYY-MM-DD' in the domain, in Europe/Stockholm. */
  dateOnly?: boolean;
}
export interface ChoiceField extends FieldBase {
  type: 'choice';
  choices: readonly string[];
  default?: string;
}
export interface UserField extends FieldBase {
  type: 'user';
}
export interface UserMultiField extends FieldBase {
  type: 'userMulti';
}
export interface LookupField extends FieldBase {
  type: 'lookup';
  list: string;
}
export interface LookupMultiField extends FieldBase {
  type: 'lookupMulti';
  list: string;
}

export type FieldSpec =
  | TextField
  | NoteField
  | NumberField
  | CurrencyField
  | BooleanField
  | DateTimeField
  | ChoiceField
  | UserField
  | UserMultiField
  | LookupField
  | LookupMultiField;

export type FieldType = FieldSpec['type'];

export interface ListSpec {
  /** SharePoint list title; ASCII so the list URL and EntityTypeName stay predictable. */
  title: string;
  displayName: LocalizedText;
  description: LocalizedText;
  versioning: boolean;
  majorVersionLimit?: number;
  /** 1 = users read all items, 2 = only items they created (unless they can manage the list). */
  readSecurity: 1 | 2;
  /** 1 = all items, 2 = only own items, 4 = none (unless they can manage the list). */
  writeSecurity: 1 | 2 | 4;
  permissions: Partial<Record<RoleKey, PermissionLevel>>;
  fields: readonly FieldSpec[];
}

/**
 * A document library (SharePoint BaseTemplate 101): files in folders, no fields of ours. Provisioned like
 * a list (versioning, unique permissions for exactly the groups named); ReadSecurity/WriteSecurity do
 * not apply to libraries, so they are not part of it.
 */
export interface LibrarySpec {
  /** Library title; ASCII, and also its URL under the site (`<site>/<title>`). */
  title: string;
  /** SharePoint's list template: 101 = document library. */
  template: 101;
  displayName: LocalizedText;
  description: LocalizedText;
  versioning: boolean;
  majorVersionLimit?: number;
  permissions: Partial<Record<RoleKey, PermissionLevel>>;
}

export interface GroupSpec {
  title: string;
  description: LocalizedText;
}

export interface SettingSpec {
  key: string;
  value: unknown;
  description: LocalizedText;
}

export interface SiteSchemaSpec {
  version: number;
  groups: Record<RoleKey, GroupSpec>;
  lists: Record<string, ListSpec>;
  /** Document libraries (absent in schemas before version 6's Rapporter). */
  libraries?: Record<string, LibrarySpec>;
  settings: readonly SettingSpec[];
}

/** Identity function that keeps literal types (choices, keys) for type derivation. */
export function defineSiteSchema<const T extends SiteSchemaSpec>(schema: T): T {
  return schema;
}
