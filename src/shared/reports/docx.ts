/**
 * A report as a Word document that looks like a municipal one: a title page (municipality, report,
 * year or period, recipient and an empty diarienummer field), a table of contents Word fills in
 * from real heading styles, then each section as Heading 1 with its text, summary sentences and
 * tables (Heading 2 titles, header rows repeated across pages), a table's chart as an image above it
 * (with alt text; the figures stay in the table). Built with `docx` from the report's document model,
 * so every cell is a figure of the JSON. Works in Node and in the browser; the chart images are
 * made by the caller (the server renders them, src/server/reports/chart-png.ts).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { chartAltText, formatCell, type ReportChart, type ReportDocument, type ReportTable } from '../../domain/reports/index.js';

/** A chart drawn as PNG, placed above the document table `chart.table`; width and height in px at 96 dpi. */
export interface ChartImage {
  chart: ReportChart;
  png: Uint8Array;
  width: number;
  height: number;
}

/** The text column of an A4 page with the default 2.54 cm margins, in px at 96 dpi. */
const TEXT_WIDTH = 600;

function chartParagraphs(image: ChartImage): Paragraph[] {
  const scale = Math.min(1, TEXT_WIDTH / image.width);
  return [
    new Paragraph({
      keepNext: true,
      children: [
        new ImageRun({
          type: 'png',
          data: image.png,
          transformation: { width: Math.round(image.width * scale), height: Math.round(image.height * scale) },
          altText: { name: `diagram-${image.chart.id}`, title: image.chart.title, description: chartAltText(image.chart) },
        }),
      ],
    }),
    new Paragraph({
      keepNext: true,
      spacing: { after: 160 },
      children: [new TextRun({ text: `Diagram: ${image.chart.title}. Siffrorna står i tabellen nedan.`, italics: true, size: 18 })],
    }),
  ];
}

const FONT = 'Calibri';
const border = { style: BorderStyle.SINGLE, size: 4, color: '8C8C8C' };
const borders = { top: border, bottom: border, left: border, right: border };

function cell(text: string, options: { header?: boolean; numeric?: boolean; width?: number; size?: number } = {}): TableCell {
  return new TableCell({
    borders,
    ...(options.width ? { width: { size: options.width, type: WidthType.DXA } } : {}),
    ...(options.header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'D9E2F3' } } : {}),
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: [
      new Paragraph({
        alignment: options.numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [new TextRun({ text, bold: options.header === true, size: options.size ?? 18, font: FONT })],
      }),
    ],
  });
}

/** The text column in twips (A4, 2.54 cm margins): the tables' width. */
const TABLE_TWIPS = 9026;

/** About one character of the tables' 9 pt text (a wide font's digits), and a cell's margins, in twips. */
const CHAR_9PT = 115;
/** Tables of this many columns are set in 8 pt (half-points 16) to fit the portrait page. */
const WIDE = 7;
const PADDING = 200;
const DATE = /^(\d{4}-\d{2}(-\d{2})?|–)$/;

/**
 * Column widths in twips by what the columns hold: figures and dates get room to stay on one line;
 * the text columns share the rest by their typical length, each as wide as its longest word (up to
 * ten characters) where the page allows — so "172 000 kr" and "2025-01-19" never break, and a
 * column of long titles wraps between words.
 */
function columnWidths(t: ReportTable): number[] {
  const CHAR = t.columns.length >= WIDE ? (CHAR_9PT * 8) / 9 : CHAR_9PT;
  const longestWord = (xs: readonly string[]) => Math.max(0, ...xs.flatMap((x) => x.split(/\s+/).map((w) => w.length)));
  const cols = t.columns.map((header, j) => {
    const cells = t.rows.map((r) => formatCell(r[j] ?? null, t.formats[j] ?? 'text'));
    const longest = Math.max(0, ...cells.map((c) => c.length));
    // Headers are bold: a little wider per character.
    const headerWidth = Math.min(12, longestWord([header])) * CHAR * 1.15;
    const fixed = (t.formats[j] ?? 'text') !== 'text' || (cells.length > 0 && cells.every((c) => DATE.test(c)));
    const mean = cells.length ? cells.reduce((a, c) => a + c.length, 0) / cells.length : header.length;
    const width = Math.round(Math.max(fixed ? longest * CHAR : Math.min(10, longestWord(cells)) * CHAR, headerWidth, 3 * CHAR) + PADDING);
    const floor = Math.round(Math.max(headerWidth, 3 * CHAR) + PADDING);
    return { fixed, width, floor, weight: fixed ? 0 : Math.max(Math.min(mean, 36), Math.min(16, longestWord(cells)), 4) };
  });
  const fixedSum = cols.reduce((a, c) => a + (c.fixed ? c.width : 0), 0);
  const minFlex = cols.reduce((a, c) => a + (c.fixed ? 0 : c.width), 0);
  const flexible = cols.filter((c) => !c.fixed).length;
  if (fixedSum + minFlex > TABLE_TWIPS) {
    // Too many columns for the page: the texts give way first (they can wrap), then everything.
    // Each text column keeps its header's width and shares what is left by its typical length.
    const left = TABLE_TWIPS - fixedSum;
    const floors = cols.reduce((a, c) => a + (c.fixed ? 0 : c.floor), 0);
    if (flexible > 0 && left >= floors) {
      const weights = cols.reduce((a, c) => a + c.weight, 0);
      return cols.map((c) => (c.fixed ? c.width : Math.round(c.floor + ((left - floors) * c.weight) / weights)));
    }
    const scale = TABLE_TWIPS / (fixedSum + minFlex);
    return cols.map((c) => Math.round(c.width * scale));
  }
  const weights = cols.reduce((a, c) => a + c.weight, 0);
  const spare = TABLE_TWIPS - fixedSum - minFlex;
  if (weights === 0) return cols.map((c) => Math.round(c.width + spare / cols.length));
  return cols.map((c) => (c.fixed ? c.width : Math.round(c.width + (spare * c.weight) / weights)));
}

function table(t: ReportTable, images: readonly ChartImage[] = []): (Paragraph | Table)[] {
  const widths = columnWidths(t);
  const size = t.columns.length >= WIDE ? 16 : 18;
  const header = new TableRow({
    tableHeader: true,
    children: t.columns.map((c, i) => cell(c, { header: true, numeric: t.formats[i] !== 'text', width: widths[i]!, size })),
  });
  const rows = t.rows.map(
    (r) =>
      new TableRow({
        cantSplit: true,
        children: r.map((v, i) =>
          cell(formatCell(v, t.formats[i] ?? 'text'), { numeric: t.formats[i] !== 'text', width: widths[i]!, size }),
        ),
      }),
  );
  const out: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, children: [new TextRun(t.title)] }),
    ...images.flatMap(chartParagraphs),
  ];
  if (t.rows.length === 0) out.push(new Paragraph({ children: [new TextRun({ text: 'Inget att redovisa.', italics: true })] }));
  else out.push(new Table({ width: { size: TABLE_TWIPS, type: WidthType.DXA }, columnWidths: widths, rows: [header, ...rows] }));
  out.push(new Paragraph({ text: '' }));
  return out;
}

function titlePage(doc: ReportDocument): Paragraph[] {
  const line = (text: string, size: number, bold = false, spacing = 200) =>
    new Paragraph({ spacing: { after: spacing }, children: [new TextRun({ text, size, bold, font: FONT })] });
  return [
    line(doc.municipality, 40, true, 1600),
    line(doc.title, 56, true, 300),
    line(doc.kind === 'yearly' ? `Verksamhetsåret ${doc.period}` : `Mandatperioden ${doc.period}`, 32, false, 1200),
    line('Till kommunstyrelsen', 24),
    line('Diarienummer: ______________________', 24),
    line(`Upprättad: ${doc.generatedAt.slice(0, 10)}`, 24),
    line('Dokumenttyp: Återrapportering enligt riktlinjer för IT och IT-säkerhet', 24, false, 1200),
    line(
      'Rapporten innehåller inga sekretessbelagda uppgifter eller personuppgifter. Underlaget finns i Systemkoll för särskild granskning.',
      20,
    ),
    new Paragraph({ children: [new PageBreak()] }),
  ];
}

/** The Word document's parts, before packing (tests and callers that pack differently). */
export function reportDocx(doc: ReportDocument, charts: readonly ChartImage[] = []): Document {
  const body: (Paragraph | Table | TableOfContents)[] = [
    ...titlePage(doc),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('Innehåll')] }),
    new TableOfContents('Innehåll', { hyperlink: true, headingStyleRange: '1-1' }),
    new Paragraph({ children: [new PageBreak()] }),
  ];
  for (const s of doc.sections) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(s.heading)] }));
    for (const p of [...(s.text ? s.text.split(/\n{2,}/) : []), ...s.paragraphs])
      body.push(new Paragraph({ spacing: { after: 160 }, children: [new TextRun(p)] }));
    for (const t of s.tables)
      body.push(
        ...table(
          t,
          charts.filter((c) => c.chart.table === t.id),
        ),
      );
  }
  return new Document({
    creator: 'Systemkoll',
    title: `${doc.title} ${doc.period}`,
    description: `${doc.title} – ${doc.municipality}`,
    features: { updateFields: true },
    styles: { default: { document: { run: { font: FONT, size: 22 } } } },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun(`${doc.municipality} · ${doc.title} ${doc.period} · sida `),
                  new TextRun({ children: [PageNumber.CURRENT] }),
                ],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
}

/** The .docx file's bytes. */
export async function reportDocxBytes(doc: ReportDocument, charts: readonly ChartImage[] = []): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(reportDocx(doc, charts)));
}
