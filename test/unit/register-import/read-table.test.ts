/** Reading register files (src/register-io/read-table.ts): CSV dialects and .xlsx cells. */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { decodeText, detectDelimiter, parseCsv, parseXlsx } from '../../../src/register-io/read-table.js';

describe('CSV', () => {
  it('detects semicolon, comma and tab from the header line, outside quotes', () => {
    expect(detectDelimiter('System;Förvaltning;"Ägare, namn"\r\n')).toBe(';');
    expect(detectDelimiter('System,Förvaltning\n')).toBe(',');
    expect(detectDelimiter('System\tFörvaltning\n')).toBe('\t');
    expect(detectDelimiter('"a;b;c",d\n')).toBe(',');
  });
  it('drops a UTF-8 BOM and reads Windows-1252 when the bytes are not UTF-8', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe('A');
    expect(decodeText(new Uint8Array([0xc4, 0x72]))).toBe('Är');
  });
  it('keeps quoted delimiters and line breaks, skips empty rows, numbers rows as Excel shows them', () => {
    const t = parseCsv('\ufeffSystem;Beskrivning\r\nLön;"rad 1\r\nrad 2; mer"\r\n;\r\nDiarium;x\r\n');
    expect(t.headers).toEqual(['System', 'Beskrivning']);
    expect(t.rows).toEqual([
      { row: 2, cells: ['Lön', 'rad 1\r\nrad 2; mer'] },
      { row: 4, cells: ['Diarium', 'x'] },
    ]);
  });
  it('reads a one-column file', () => {
    expect(parseCsv('Systemnamn\nLön\n')).toEqual({ headers: ['Systemnamn'], rows: [{ row: 2, cells: ['Lön'] }] });
  });
});

describe('.xlsx', () => {
  it('skips a title row and flattens rich text, links and formulas; keeps dates, numbers and booleans typed', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Blad1');
    ws.addRow(['Systemförteckning']);
    ws.addRow(['System', 'Ägare', 'Slut', 'Kostnad', 'PU']);
    ws.addRow([
      { richText: [{ text: 'Lön' }, { text: 'esystem' }] },
      { text: 'anna@kommun.se', hyperlink: 'mailto:anna@kommun.se' },
      new Date(Date.UTC(2027, 2, 31)),
      { formula: '1+1', result: 2 },
      true,
    ]);
    const t = await parseXlsx(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(t.headers).toEqual(['System', 'Ägare', 'Slut', 'Kostnad', 'PU']);
    expect(t.rows).toEqual([{ row: 3, cells: ['Lönesystem', 'anna@kommun.se', new Date(Date.UTC(2027, 2, 31)), 2, true] }]);
  });
});
