import type { FieldSpec } from '../shared/schema/index.js';

import { escapeXml as xmlEscape } from '../shared/xml.js';

const typeName: Record<FieldSpec['type'], string> = {
  text: 'Text',
  note: 'Note',
  number: 'Number',
  currency: 'Currency',
  boolean: 'Boolean',
  dateTime: 'DateTime',
  choice: 'Choice',
  user: 'User',
  userMulti: 'UserMulti',
  lookup: 'Lookup',
  lookupMulti: 'LookupMulti',
};

/**
 * SharePoint field XML for one schema field. Fields are created from XML (not addText etc.) so the
 * internal name is ours, not derived from the Swedish display name (å/ä/ö would become _x00e5_).
 */
export function fieldXml(field: FieldSpec, lookupListIds: Record<string, string> = {}): string {
  const attrs: Record<string, string> = {
    Type: typeName[field.type],
    Name: field.internalName,
    StaticName: field.internalName,
    DisplayName: field.title.sv,
    Required: field.required ? 'TRUE' : 'FALSE',
  };
  if (field.description) attrs.Description = field.description.sv;
  if (field.indexed || field.unique) attrs.Indexed = 'TRUE';
  if (field.unique) attrs.EnforceUniqueValues = 'TRUE';
  let children = '';
  switch (field.type) {
    case 'text':
      attrs.MaxLength = String(field.maxLength ?? 255);
      if (field.default !== undefined) children += `<Default>${xmlEscape(field.default)}</Default>`;
      break;
    case 'note':
      attrs.NumLines = '6';
      attrs.RichText = 'FALSE';
      break;
    case 'number':
      if (field.min !== undefined) attrs.Min = String(field.min);
      if (field.max !== undefined) attrs.Max = String(field.max);
      if (field.decimals !== undefined) attrs.Decimals = String(field.decimals);
      if (field.default !== undefined) children += `<Default>${field.default}</Default>`;
      break;
    case 'currency':
      attrs.LCID = '1053';
      attrs.Decimals = '0';
      break;
    case 'boolean':
      if (field.default !== undefined) children += `<Default>${field.default ? 1 : 0}</Default>`;
      break;
    case 'dateTime':
      attrs.Format = field.dateOnly ? 'DateOnly' : 'DateTime';
      break;
    case 'choice':
      attrs.Format = 'Dropdown';
      attrs.FillInChoice = 'FALSE';
      children += `<CHOICES>${field.choices.map((c) => `<CHOICE>${xmlEscape(c)}</CHOICE>`).join('')}</CHOICES>`;
      if (field.default !== undefined) children += `<Default>${xmlEscape(field.default)}</Default>`;
      break;
    case 'user':
    case 'userMulti':
      attrs.UserSelectionMode = 'PeopleOnly';
      if (field.type === 'userMulti') attrs.Mult = 'TRUE';
      break;
    case 'lookup':
    case 'lookupMulti': {
      const id = lookupListIds[field.list];
      if (!id) throw new Error(`Uppslagslistan '${field.list}' för fältet '${field.key}' finns inte ännu.`);
      attrs.List = `{${id.replace(/[{}]/g, '')}}`;
      attrs.ShowField = 'Title';
      if (field.type === 'lookupMulti') attrs.Mult = 'TRUE';
      break;
    }
  }
  const attrText = Object.entries(attrs)
    .map(([k, v]) => `${k}="${xmlEscape(v)}"`)
    .join(' ');
  return `<Field ${attrText}>${children}</Field>`;
}
