/** Reading the report exports back: a .docx's headings and tables, an .xlsx's sheets. */
import AdmZip from 'adm-zip';
import ExcelJS from 'exceljs';

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
const textOf = (xml: string) => unescape([...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));

export interface DocxContent {
  xml: string;
  /** Every paragraph's text with its style (Heading1, Heading2, Title …, or ''), tables left out. */
  paragraphs: { style: string; text: string }[];
  /** Every table's rows of cell texts. */
  tables: string[][][];
  /** All text of every part (document, headers, footers, properties). */
  allText: string;
  /** Every picture in document.xml, in order: its alt text, where it sits in the XML, and its file. */
  images: { title: string; description: string; at: number; target: string; bytes: Buffer }[];
}

export function readDocx(bytes: Uint8Array): DocxContent {
  const zip = new AdmZip(Buffer.from(bytes));
  const xml = zip.readAsText('word/document.xml');
  const body = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '');
  const paragraphs = [...body.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(m[0])?.[1] ?? '',
    text: textOf(m[0]),
  }));
  const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((t) =>
    [...t[0].matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) => [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => textOf(c[0]))),
  );
  const allText = zip
    .getEntries()
    .filter((e) => e.entryName.endsWith('.xml'))
    .map((e) => e.getData().toString('utf8'))
    .join('\n');
  const rels = zip.readAsText('word/_rels/document.xml.rels');
  const target = (id: string) => new RegExp(`<Relationship [^>]*Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? '';
  const images = [...xml.matchAll(/<w:drawing>[\s\S]*?<\/w:drawing>/g)].map((m) => {
    const pr = /<wp:docPr [^>]*>/.exec(m[0])?.[0] ?? '';
    const attr = (name: string) => unescape(new RegExp(`${name}="([^"]*)"`).exec(pr)?.[1] ?? '');
    const file = target(/<a:blip r:embed="([^"]+)"/.exec(m[0])?.[1] ?? '');
    return {
      title: attr('title'),
      description: attr('descr'),
      at: m.index,
      target: file,
      bytes: zip.readFile(`word/${file}`) ?? Buffer.alloc(0),
    };
  });
  return { xml, paragraphs, tables, allText: unescape(allText), images };
}

export async function readXlsx(bytes: Uint8Array): Promise<{ sheets: { name: string; rows: unknown[][] }[]; allText: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as never);
  const sheets = wb.worksheets.map((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
    return { name: ws.name, rows };
  });
  const zip = new AdmZip(Buffer.from(bytes));
  const allText = zip
    .getEntries()
    .filter((e) => e.entryName.endsWith('.xml'))
    .map((e) => e.getData().toString('utf8'))
    .join('\n');
  return { sheets, allText: unescape(allText) };
}
