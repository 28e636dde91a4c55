/**
 * A report's appendix as an Excel workbook: a first sheet saying what it is, then one sheet per
 * section with every table of the document model — figures as numbers (kronor, shares as
 * percentages), so the board secretary can re-use them and a test can compare them to the JSON.
 * exceljs is passed in: the CLI imports it, the tab loads it on demand (its own chunk).
 */
import type ExcelJS from 'exceljs';
import type { CellFormat, ReportDocument } from '../../domain/reports/index.js';

const NUM_FMT: Record<CellFormat, string | undefined> = {
  text: undefined,
  int: '# ##0',
  dec: '# ##0.0',
  sek: '# ##0 "kr"',
  pct: '0.0%',
};

/** A sheet name Excel accepts: ≤ 31 characters, none of : \ / ? * [ ]. */
export function sheetName(heading: string): string {
  return heading
    .replace(/[:\\/?*[\]]/g, ' ')
    .slice(0, 31)
    .trim();
}

export function addReportSheets(workbook: ExcelJS.Workbook, doc: ReportDocument): void {
  workbook.creator = 'Systemkoll';
  workbook.title = `${doc.title} ${doc.period}`;
  const front = workbook.addWorksheet('Om bilagan');
  front.addRow([doc.municipality]).font = { bold: true, size: 14 };
  front.addRow([`${doc.title} ${doc.period} – bilaga med alla siffror`]).font = { bold: true };
  front.addRow([`Upprättad ${doc.generatedAt.slice(0, 10)}`]);
  front.addRow(['Innehåller inga sekretessbelagda uppgifter eller personuppgifter.']);
  front.addRow([]);
  for (const s of doc.sections) front.addRow([s.heading]);
  front.getColumn(1).width = 80;
  for (const s of doc.sections) {
    const ws = workbook.addWorksheet(sheetName(s.heading));
    ws.addRow([s.heading]).font = { bold: true, size: 14 };
    for (const t of s.tables) {
      ws.addRow([]);
      ws.addRow([t.title]).font = { bold: true };
      const header = ws.addRow(t.columns);
      header.font = { bold: true };
      header.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E2F3' } }));
      for (const r of t.rows) {
        const row = ws.addRow(r.map((v) => (v === null ? null : v)));
        r.forEach((v, i) => {
          const fmt = NUM_FMT[t.formats[i] ?? 'text'];
          if (fmt && typeof v === 'number') row.getCell(i + 1).numFmt = fmt;
        });
      }
    }
    ws.columns.forEach((c, i) => (c.width = i === 0 ? 42 : 18));
  }
}

/** The .xlsx file's bytes. */
export async function reportXlsxBytes(Excel: typeof ExcelJS, doc: ReportDocument): Promise<Uint8Array> {
  const workbook = new Excel.Workbook();
  addReportSheets(workbook, doc);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
