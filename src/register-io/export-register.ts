/**
 * The system register as an .xlsx workbook (exceljs): one row per system, one column per field of
 * the schema with its Swedish title, labels rather than stored values, people as
 * "Namn <e-post>", förvaltningar by name, dates as Excel dates. The file imports back unchanged.
 * The sheet itself is shared with the tab's "Exportera till Excel" (src/shared/register-sheet.ts).
 */
import ExcelJS from 'exceljs';
import type { SPFI } from '@pnp/sp';
import { createRepositories } from '../shared/data/index.js';
import { addRegisterSheet } from '../shared/register-sheet.js';
import { listSpec, type FieldSpec, type SystemRecord } from '../shared/schema/index.js';

export function registerWorkbook(
  systems: readonly SystemRecord[],
  fields: readonly FieldSpec[] = listSpec('systems').fields,
): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Systemkoll';
  const sorted = [...systems].sort(
    (a, b) => (a.department?.title ?? '').localeCompare(b.department?.title ?? '', 'sv') || a.title.localeCompare(b.title, 'sv'),
  );
  addRegisterSheet(workbook, sorted, fields);
  return workbook;
}

/** Reads the whole register (paged) and writes it to `out`; returns how many systems. */
export async function exportRegister(sp: SPFI, out: string): Promise<number> {
  const systems = await createRepositories(sp).systems.all();
  await registerWorkbook(systems).xlsx.writeFile(out);
  return systems.length;
}
