import { randomUUID } from 'node:crypto';
import { SpError, errors } from './errors.js';
import { encodeXml, parseFieldXml } from './field-xml.js';

export type FieldType =
  | 'Counter'
  | 'Text'
  | 'Note'
  | 'Number'
  | 'Currency'
  | 'Boolean'
  | 'DateTime'
  | 'Choice'
  | 'MultiChoice'
  | 'User'
  | 'UserMulti'
  | 'Lookup'
  | 'LookupMulti'
  | 'URL';

export interface FieldDef {
  id: string;
  internalName: string;
  staticName: string;
  title: string;
  type: FieldType;
  required: boolean;
  indexed: boolean;
  unique: boolean;
  maxLength?: number;
  choices?: string[];
  format?: string;
  lookupList?: string;
  lookupField?: string;
  defaultValue: string | null;
  hidden: boolean;
  readOnly: boolean;
  builtin: boolean;
  description: string;
  decimals?: number;
  min?: number;
  max?: number;
  selectionMode?: number;
}

const KIND: Record<FieldType, number> = {
  Counter: 5,
  Text: 2,
  Note: 3,
  Number: 9,
  Currency: 10,
  Boolean: 8,
  DateTime: 4,
  Choice: 6,
  MultiChoice: 15,
  User: 20,
  UserMulti: 20,
  Lookup: 7,
  LookupMulti: 7,
  URL: 11,
};

const ODATA_TYPE: Record<FieldType, string> = {
  Counter: 'SP.Field',
  Text: 'SP.FieldText',
  Note: 'SP.FieldMultiLineText',
  Number: 'SP.FieldNumber',
  Currency: 'SP.FieldCurrency',
  Boolean: 'SP.Field',
  DateTime: 'SP.FieldDateTime',
  Choice: 'SP.FieldChoice',
  MultiChoice: 'SP.FieldMultiChoice',
  User: 'SP.FieldUser',
  UserMulti: 'SP.FieldUser',
  Lookup: 'SP.FieldLookup',
  LookupMulti: 'SP.FieldLookup',
  URL: 'SP.FieldUrl',
};

/** Columns SharePoint can index (single-valued only). */
const INDEXABLE = new Set<FieldType>(['Counter', 'Text', 'Number', 'Currency', 'DateTime', 'Choice', 'Boolean', 'User', 'Lookup']);

export const isIndexable = (f: FieldDef) => INDEXABLE.has(f.type);
export const isPersonOrLookup = (f: FieldDef) =>
  f.type === 'User' || f.type === 'UserMulti' || f.type === 'Lookup' || f.type === 'LookupMulti';
export const isUserField = (f: FieldDef) => f.type === 'User' || f.type === 'UserMulti';
export const isMulti = (f: FieldDef) => f.type === 'UserMulti' || f.type === 'LookupMulti' || f.type === 'MultiChoice';

function base(partial: Partial<FieldDef> & Pick<FieldDef, 'internalName' | 'title' | 'type'>): FieldDef {
  return {
    id: randomUUID(),
    staticName: partial.internalName,
    required: false,
    indexed: false,
    unique: false,
    defaultValue: null,
    hidden: false,
    readOnly: false,
    builtin: false,
    description: '',
    ...partial,
  };
}

/** Fixed ids of SharePoint's built-in list fields, so clients that hard-code them keep working. */
export function builtinFields(): FieldDef[] {
  return [
    base({
      id: '1d22ea11-1e32-424e-89ab-9fedbadb6ce1',
      internalName: 'ID',
      title: 'ID',
      type: 'Counter',
      readOnly: true,
      builtin: true,
      indexed: true,
    }),
    base({
      id: 'fa564e0f-0c70-4ab9-b863-0177e6ddd247',
      internalName: 'Title',
      title: 'Title',
      type: 'Text',
      maxLength: 255,
      required: true,
      builtin: true,
    }),
    base({
      id: '8c06beca-0777-48f7-91c7-6da68bc07b69',
      internalName: 'Created',
      title: 'Created',
      type: 'DateTime',
      format: 'DateTime',
      readOnly: true,
      builtin: true,
    }),
    base({
      id: '28cf69c5-fa48-462a-b5cd-27b6f9d2bd5f',
      internalName: 'Modified',
      title: 'Modified',
      type: 'DateTime',
      format: 'DateTime',
      readOnly: true,
      builtin: true,
    }),
    base({
      id: '1df5e554-ec7e-46a6-901d-d85a3881cb18',
      internalName: 'Author',
      title: 'Created By',
      type: 'User',
      readOnly: true,
      builtin: true,
      selectionMode: 0,
    }),
    base({
      id: 'd31655d1-1d5b-4511-95a1-7a09e9b75bf2',
      internalName: 'Editor',
      title: 'Modified By',
      type: 'User',
      readOnly: true,
      builtin: true,
      selectionMode: 0,
    }),
  ];
}

/**
 * A document library's built-in fields: the list's, Title not required, and where each file or folder
 * is (name, URL, folder URL, file or folder), read-only here as they are through the item REST.
 */
export function libraryFields(): FieldDef[] {
  const file = (id: string, internalName: string, title: string, type: FieldType = 'Text') =>
    base({ id, internalName, title, type, readOnly: true, builtin: true, ...(type === 'Text' ? { maxLength: 400 } : {}) });
  return [
    ...builtinFields().map((f) => (f.internalName === 'Title' ? { ...f, required: false } : f)),
    file('8553196d-ec8d-4564-9861-3dbe931050c8', 'FileLeafRef', 'Name'),
    file('94f89715-e097-4e8b-ba79-ea02aa8b7adb', 'FileRef', 'URL Path'),
    file('56605df6-8fa1-47e4-a04c-5b384d59609f', 'FileDirRef', 'Path'),
    file('30bb605f-5bae-48fe-b4e3-1f81d9772af9', 'FSObjType', 'Item Type', 'Number'),
  ];
}

/** SharePoint's internal-name encoding: every char outside [A-Za-z0-9_] as _xHHHH_, capped at 32 chars. */
export function encodeInternalName(title: string): string {
  let out = '';
  for (const ch of title) {
    if (/[A-Za-z0-9_]/.test(ch)) out += ch;
    else out += `_x${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}_`;
  }
  if (/^[0-9]/.test(out)) out = `_x${out.charCodeAt(0).toString(16).padStart(4, '0')}_${out.slice(1)}`;
  return out.slice(0, 32);
}

function uniqueName(name: string, taken: Set<string>): string {
  if (!taken.has(name.toLowerCase())) return name;
  for (let i = 0; ; i++) if (!taken.has(`${name}${i}`.toLowerCase())) return `${name}${i}`;
}

const bool = (v: string | undefined) => (v ?? '').toUpperCase() === 'TRUE';
const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));

const XML_TYPES = new Set<string>([
  'Text',
  'Note',
  'Number',
  'Currency',
  'Boolean',
  'DateTime',
  'Choice',
  'MultiChoice',
  'User',
  'UserMulti',
  'Lookup',
  'LookupMulti',
  'URL',
]);

/**
 * createFieldAsXml. As in SharePoint, the Name attribute becomes the internal name only with
 * AddFieldOptions.AddFieldInternalNameHint (8); otherwise the internal name is derived from DisplayName.
 */
export function fieldFromXml(xml: string, options: number, taken: Set<string>): FieldDef {
  let parsed;
  try {
    parsed = parseFieldXml(xml);
  } catch {
    throw new SpError(
      400,
      '-2146232832, Microsoft.SharePoint.SPException',
      'Field type  is not installed properly. Go to the list settings page to delete this field.',
    );
  }
  const a = parsed.attrs;
  let type = a.Type ?? '';
  if (!XML_TYPES.has(type)) {
    throw new SpError(
      400,
      '-2146232832, Microsoft.SharePoint.SPException',
      `Field type ${type} is not installed properly. Go to the list settings page to delete this field.`,
    );
  }
  if (type === 'Lookup' && bool(a.Mult)) type = 'LookupMulti';
  if (type === 'User' && bool(a.Mult)) type = 'UserMulti';
  const display = a.DisplayName ?? a.Name ?? a.StaticName ?? '';
  const hinted = (options & 8) !== 0 && (a.Name ?? a.StaticName);
  // SharePoint encodes a hinted name exactly like one derived from the display name (letters, digits
  // and underscore kept, anything else as _xHHHH_, at most 32 characters), so no name reaches SQL raw.
  const internalName = uniqueName(encodeInternalName(hinted ? (a.Name ?? a.StaticName ?? '') : display), taken);
  const t = type as FieldType;
  const def = base({
    id: a.ID ? a.ID.replace(/[{}]/g, '').toLowerCase() : randomUUID(),
    internalName,
    title: display,
    type: t,
    required: bool(a.Required),
    indexed: bool(a.Indexed),
    unique: bool(a.EnforceUniqueValues),
    defaultValue: parsed.defaultValue,
    hidden: bool(a.Hidden),
    description: a.Description ?? '',
  });
  def.staticName = hinted ? (a.StaticName ?? internalName) : internalName;
  if (t === 'Text') def.maxLength = num(a.MaxLength) ?? 255;
  if (t === 'Choice' || t === 'MultiChoice') {
    def.choices = parsed.choices;
    def.format = a.Format ?? 'Dropdown';
  }
  if (t === 'DateTime') def.format = a.Format ?? 'DateTime';
  if (t === 'Number' || t === 'Currency') {
    def.decimals = num(a.Decimals);
    def.min = num(a.Min);
    def.max = num(a.Max);
  }
  if (t === 'Lookup' || t === 'LookupMulti') {
    def.lookupList = (a.List ?? '').replace(/[{}]/g, '').toLowerCase();
    def.lookupField = a.ShowField ?? 'Title';
  }
  if (t === 'User' || t === 'UserMulti') def.selectionMode = a.UserSelectionMode === 'PeopleOnly' ? 0 : 1;
  if (t === 'URL') def.format = a.Format ?? 'Hyperlink';
  return def;
}

function arrayProp(v: unknown): string[] | undefined {
  if (Array.isArray(v)) return v.map(String);
  if (v && typeof v === 'object' && Array.isArray((v as { results?: unknown }).results)) {
    return (v as { results: unknown[] }).results.map(String);
  }
  return undefined;
}

const KIND_TO_TYPE: Record<number, FieldType> = {
  2: 'Text',
  3: 'Note',
  4: 'DateTime',
  6: 'Choice',
  7: 'Lookup',
  8: 'Boolean',
  9: 'Number',
  10: 'Currency',
  11: 'URL',
  15: 'MultiChoice',
  20: 'User',
};

/** fields.add* (verbose body) and fields/AddField (parameters) — internal name from the Title. */
export function fieldFromProperties(props: Record<string, unknown>, taken: Set<string>): FieldDef {
  const kind = Number(props.FieldTypeKind);
  let type = KIND_TO_TYPE[kind];
  const title = String(props.Title ?? '');
  if (!type || !title) throw errors.badRequest('Invalid field definition.');
  if (props.AllowMultipleValues === true) {
    if (type === 'User') type = 'UserMulti';
    if (type === 'Lookup') type = 'LookupMulti';
  }
  const def = base({ internalName: uniqueName(encodeInternalName(title), taken), title, type });
  def.required = props.Required === true;
  def.indexed = props.Indexed === true;
  def.unique = props.EnforceUniqueValues === true;
  def.description = typeof props.Description === 'string' ? props.Description : '';
  if (typeof props.DefaultValue === 'string') def.defaultValue = props.DefaultValue;
  if (type === 'Text') def.maxLength = Number(props.MaxLength ?? 255);
  if (type === 'Choice' || type === 'MultiChoice') {
    def.choices = arrayProp(props.Choices) ?? [];
    def.format = 'Dropdown';
  }
  if (type === 'DateTime') def.format = Number(props.DisplayFormat ?? 0) === 1 ? 'DateTime' : 'DateOnly';
  if (type === 'Number' || type === 'Currency') {
    if (typeof props.MinimumValue === 'number') def.min = props.MinimumValue;
    if (typeof props.MaximumValue === 'number') def.max = props.MaximumValue;
  }
  if (type === 'Lookup' || type === 'LookupMulti') {
    def.lookupList = String(props.LookupListId ?? props.LookupList ?? '')
      .replace(/[{}]/g, '')
      .toLowerCase();
    def.lookupField = String(props.LookupFieldName ?? props.LookupField ?? 'Title');
  }
  if (type === 'User' || type === 'UserMulti') def.selectionMode = Number(props.SelectionMode ?? 1);
  return def;
}

export function schemaXml(f: FieldDef): string {
  const attrs: [string, string | undefined][] = [
    ['ID', `{${f.id}}`],
    ['Type', f.type],
    ['Name', f.internalName],
    ['StaticName', f.staticName],
    ['DisplayName', f.title],
    ['Required', f.required ? 'TRUE' : 'FALSE'],
    ['Indexed', f.indexed ? 'TRUE' : undefined],
    ['EnforceUniqueValues', f.unique ? 'TRUE' : undefined],
    ['MaxLength', f.maxLength?.toString()],
    ['Format', f.format],
    ['Mult', f.type === 'UserMulti' || f.type === 'LookupMulti' ? 'TRUE' : undefined],
    ['List', f.lookupList ? `{${f.lookupList}}` : undefined],
    ['ShowField', f.lookupField],
    ['Decimals', f.decimals?.toString()],
    ['Min', f.min?.toString()],
    ['Max', f.max?.toString()],
    ['UserSelectionMode', f.selectionMode === undefined ? undefined : f.selectionMode === 0 ? 'PeopleOnly' : 'PeopleAndGroups'],
  ];
  const head = attrs
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}="${encodeXml(v as string)}"`)
    .join(' ');
  let inner = '';
  if (f.choices) inner += `<CHOICES>${f.choices.map((c) => `<CHOICE>${encodeXml(c)}</CHOICE>`).join('')}</CHOICES>`;
  if (f.defaultValue !== null) inner += `<Default>${encodeXml(f.defaultValue)}</Default>`;
  return inner ? `<Field ${head}>${inner}</Field>` : `<Field ${head} />`;
}

export function fieldJson(f: FieldDef): Record<string, unknown> {
  const json: Record<string, unknown> = {
    'odata.type': ODATA_TYPE[f.type],
    'odata.id': f.id,
    CanBeDeleted: !f.builtin,
    DefaultValue: f.defaultValue,
    Description: f.description,
    EnforceUniqueValues: f.unique,
    FieldTypeKind: KIND[f.type],
    Group: f.builtin ? '_Hidden' : 'Custom Columns',
    Hidden: f.hidden,
    Id: f.id,
    Indexed: f.indexed,
    InternalName: f.internalName,
    ReadOnlyField: f.readOnly,
    Required: f.required,
    SchemaXml: schemaXml(f),
    Sortable: !isMulti(f) && f.type !== 'Note',
    StaticName: f.staticName,
    Title: f.title,
    TypeAsString: f.type,
    TypeDisplayName: f.type,
  };
  if (f.type === 'Text') json.MaxLength = f.maxLength ?? 255;
  if (f.type === 'Choice' || f.type === 'MultiChoice') {
    json.Choices = f.choices ?? [];
    json.FillInChoice = false;
  }
  if (f.type === 'DateTime') json.DisplayFormat = f.format === 'DateOnly' ? 0 : 1;
  if (f.type === 'Number' || f.type === 'Currency') {
    json.MinimumValue = f.min ?? -1.7976931348623157e308;
    json.MaximumValue = f.max ?? 1.7976931348623157e308;
  }
  if (isPersonOrLookup(f)) {
    json.AllowMultipleValues = isMulti(f);
    json.LookupList = f.type.startsWith('User') ? '' : `{${f.lookupList ?? ''}}`;
    json.LookupField = f.type.startsWith('User') ? '' : (f.lookupField ?? 'Title');
  }
  if (isUserField(f)) json.SelectionMode = f.selectionMode ?? 1;
  return json;
}

export { KIND as FIELD_KIND };
