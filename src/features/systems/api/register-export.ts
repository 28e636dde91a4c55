/**
 * "Exportera till Excel": the rows the register list shows (every match of its filters, in its
 * order) as an .xlsx workbook with the register's full columns — the same sheet as
 * `npm run export -- register` (src/shared/register-sheet.ts). exceljs is loaded on demand, in its
 * own chunk, so the list does not carry it.
 */
import { MAX_BATCH, inBatch, where, type Repositories } from '../../../shared/data/index.js';
import type { SystemRecord } from '../../../shared/schema/index.js';
import type { SPFI } from '@pnp/sp';

/** Ids per request: `Id eq …` joined by `or` (Id is always indexed), well inside a URL's length. */
const IDS_PER_REQUEST = 50;

/**
 * The full records of `ids`, in that order: requests of IDS_PER_REQUEST ids, up to MAX_BATCH of them
 * per $batch round trip (5,000 systems in one). Ids no longer there are left out.
 */
export async function readSystemsByIds(data: { sp: SPFI }, ids: readonly number[]): Promise<SystemRecord[]> {
  const w = where('systems');
  const chunks: number[][] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_REQUEST) chunks.push(ids.slice(i, i + IDS_PER_REQUEST));
  const byId = new Map<number, SystemRecord>();
  for (let i = 0; i < chunks.length; i += MAX_BATCH) {
    const batch = chunks.slice(i, i + MAX_BATCH);
    const pages = await inBatch(data.sp, (repos: Repositories) =>
      Promise.all(batch.map((chunk) => repos.systems.list({ filter: w.or(...chunk.map((id) => w.eq('id', id))), top: chunk.length }))),
    );
    for (const page of pages) for (const s of page) byId.set(s.id, s);
  }
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** `systemforteckning-YYYY-MM-DD.xlsx` for a day (Stockholm). */
export function exportFileName(today: string): string {
  return `systemforteckning-${today}.xlsx`;
}

/** The workbook's bytes for these systems, in this order. */
export async function registerXlsx(systems: readonly SystemRecord[]): Promise<ArrayBuffer> {
  const [{ default: ExcelJS }, { addRegisterSheet }] = await Promise.all([import('exceljs'), import('../../../shared/register-sheet.js')]);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Systemkoll';
  addRegisterSheet(workbook, systems);
  return (await workbook.xlsx.writeBuffer()) as ArrayBuffer;
}

/** Reads the rows' full records and saves the workbook as a download. */
export async function downloadRegister(data: { sp: SPFI }, ids: readonly number[], today: string): Promise<number> {
  const systems = await readSystemsByIds(data, ids);
  const bytes = await registerXlsx(systems);
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = exportFileName(today);
    a.rel = 'noopener';
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    // After the click has handed the file over.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return systems.length;
}
