/**
 * The system register as an .xlsx workbook (exceljs): one row per system, one column per field of
 * the schema with its Swedish title, labels rather than stored values, people as
 * "Namn <e-post>", förvaltningar by name, dates as Excel dates. The file imports back unchanged.
 */
import ExcelJS from 'exceljs';
import type { SPFI } from '@pnp/sp';
import { choiceLabel } from '../shared/i18n/catalogue.js';
import { createRepositories } from '../shared/data/index.js';
import { listSpec, type FieldSpec, type SystemRecord } from '../shared/schema/index.js';

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

export function registerWorkbook(
  systems: readonly SystemRecord[],
  fields: readonly FieldSpec[] = listSpec('systems').fields,
): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Systemkoll';
  const sheet = workbook.addWorksheet('Systemförteckning', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = fields.map((f) => ({
    header: f.title.sv,
    key: f.key,
    width: f.type === 'note' ? 50 : f.type === 'user' || f.type === 'userMulti' ? 36 : Math.max(14, Math.min(40, f.title.sv.length + 4)),
    ...(f.type === 'dateTime' ? { style: { numFmt: f.dateOnly ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm' } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  const sorted = [...systems].sort(
    (a, b) => (a.department?.title ?? '').localeCompare(b.department?.title ?? '', 'sv') || a.title.localeCompare(b.title, 'sv'),
  );
  for (const s of sorted) {
    const record = s as unknown as Record<string, unknown>;
    sheet.addRow(Object.fromEntries(fields.map((f) => [f.key, exportCell(f, record[f.key])])));
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: fields.length } };
  return workbook;
}

/** Reads the whole register (paged) and writes it to `out`; returns how many systems. */
export async function exportRegister(sp: SPFI, out: string): Promise<number> {
  const systems = await createRepositories(sp).systems.all();
  await registerWorkbook(systems).xlsx.writeFile(out);
  return systems.length;
}
