/**
 * Reads a register file into header + rows of cells: .xlsx with exceljs (the first sheet with data,
 * typed cells: numbers, dates, booleans, rich text and formula results flattened), .csv with
 * csv-parse (semicolon, comma or tab — whichever the header line uses; UTF-8 with or without BOM,
 * or Windows-1252 as older Excel writes it; Windows line ends). Node only.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { Cell } from '../domain/register-import/normalise.js';

export interface Table {
  headers: string[];
  /** Data rows, each with its row number as a spreadsheet shows it (the header row is before it). */
  rows: { row: number; cells: Cell[] }[];
}

const isEmpty = (c: Cell) => c === null || c === undefined || (typeof c === 'string' && c.trim() === '');

/** Decodes CSV bytes: UTF-8 (BOM dropped) unless the bytes are not UTF-8, then Windows-1252. */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The delimiter the first line uses most, outside quotes: ';', ',' or tab. */
export function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch]!++;
  }
  const [best, count] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]!;
  return count > 0 ? best : ';';
}

/**
 * Header = the first row with at least two filled cells (a title row above it is skipped), or the
 * first filled row of a one-column file.
 */
function toTable(grid: { row: number; cells: Cell[] }[]): Table {
  let headerAt = grid.findIndex((r) => r.cells.filter((c) => !isEmpty(c)).length >= 2);
  if (headerAt < 0) headerAt = grid.findIndex((r) => r.cells.some((c) => !isEmpty(c)));
  if (headerAt < 0) return { headers: [], rows: [] };
  const header = grid[headerAt]!;
  const headers = header.cells.map((c) => (isEmpty(c) ? '' : String(c instanceof Date ? c.toISOString().slice(0, 10) : c).trim()));
  const rows = grid.slice(headerAt + 1).filter((r) => r.cells.some((c) => !isEmpty(c)));
  return { headers, rows };
}

export function parseCsv(text: string): Table {
  const records = parse(text, {
    delimiter: detectDelimiter(text),
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  }) as string[][];
  return toTable(records.map((cells, i) => ({ row: i + 1, cells })));
}

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return cellValue((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('hyperlink' in value) return String((value as ExcelJS.CellHyperlinkValue).text ?? value.hyperlink);
    if ('error' in value) return null;
  }
  return String(value as unknown);
}

export async function parseXlsx(bytes: Uint8Array): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets.find((w) => w.actualRowCount > 0);
  if (!sheet) return { headers: [], rows: [] };
  const grid: { row: number; cells: Cell[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellValue(row.getCell(c).value));
    grid.push({ row: rowNumber, cells });
  });
  return toTable(grid);
}

/** Reads .xlsx or .csv (by extension; .txt counts as CSV). */
export async function readTable(path: string): Promise<Table> {
  return tableFromBytes(path, await readFile(path));
}

/** The same for a file's bytes and name (an upload through the API). */
export async function tableFromBytes(fileName: string, bytes: Uint8Array): Promise<Table> {
  const ext = extname(fileName).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return parseXlsx(bytes);
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') return parseCsv(decodeText(bytes));
  if (ext === '.xls') throw new Error('Det gamla Excelformatet .xls läses inte – spara filen som .xlsx eller .csv.');
  throw new Error(`Filtypen ${ext || '(ingen)'} läses inte – använd .xlsx eller .csv.`);
}
