/**
 * The system register as a spreadsheet sheet, shared by the CLI's export (`npm run export --
 * register`, Node) and the tab's "Exportera till Excel" (browser): one column per field of the
 * schema with its Swedish title, labels rather than stored values, people as "Namn <e-post>",
 * förvaltningar by name, dates as Excel dates — a file that imports back unchanged. Only exceljs's
 * types are imported here: each side loads exceljs itself (the tab by dynamic import, in its own
 * chunk).
 */
import type ExcelJS from 'exceljs';
import { choiceLabel } from './i18n/catalogue.js';
import { listSpec, type FieldSpec, type SystemRecord } from './schema/index.js';

type Person = { id: number; title?: string; email?: string };

function personText(p: Person | null | undefined): string {
  if (!p) return '';
  if (p.title && p.email) return `${p.title} <${p.email}>`;
  return p.email ?? p.title ?? '';
}

/** One field's value as a spreadsheet cell. */
export function exportCell(f: FieldSpec, value: unknown): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  switch (f.type) {
    case 'boolean':
      return value ? 'Ja' : 'Nej';
    case 'choice':
      return choiceLabel('sv', `systems.${f.key}`, value as string);
    case 'dateTime': {
      const text = String(value);
      if (f.dateOnly && /^\d{4}-\d{2}-\d{2}$/.test(text)) return new Date(`${text}T00:00:00Z`);
      return new Date(text);
    }
    case 'user':
      return personText(value as Person);
    case 'userMulti':
      return (value as Person[]).map(personText).filter(Boolean).join('; ');
    case 'lookup':
      return (value as { title?: string }).title ?? null;
    case 'lookupMulti':
      return (value as { title?: string }[])
        .map((v) => v.title ?? '')
        .filter(Boolean)
        .join('; ');
    default:
      return value as string | number;
  }
}

/** The sheet's name in both exports. */
export const REGISTER_SHEET = 'Systemförteckning';

/** Adds the register sheet to `workbook`: a header row, then one row per system in the given order. */
export function addRegisterSheet(
  workbook: ExcelJS.Workbook,
  systems: readonly SystemRecord[],
  fields: readonly FieldSpec[] = listSpec('systems').fields,
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(REGISTER_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = fields.map((f) => ({
    header: f.title.sv,
    key: f.key,
    width: f.type === 'note' ? 50 : f.type === 'user' || f.type === 'userMulti' ? 36 : Math.max(14, Math.min(40, f.title.sv.length + 4)),
    ...(f.type === 'dateTime' ? { style: { numFmt: f.dateOnly ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm' } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const s of systems) {
    const record = s as unknown as Record<string, unknown>;
    sheet.addRow(Object.fromEntries(fields.map((f) => [f.key, exportCell(f, record[f.key])])));
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: fields.length } };
  return sheet;
}
