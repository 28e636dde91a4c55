import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import {
  chartAltText,
  formatCell,
  termDocument,
  yearlyCharts,
  yearlyDocument,
  type TermReport,
  type YearlyReport,
} from '../../src/domain/reports/index.js';
import { translator } from '../../src/shared/i18n/catalogue.js';
import { SENSITIVE } from '../fixtures/reports/yearly-fixture.js';
import { readDocx, readXlsx } from '../support/report-files.js';
import { startReportSite } from '../support/report-site.js';
import { DocumentLibrary } from '../../src/shared/data/index.js';
import { ADMIN, type TestSite } from '../support/local-site.js';

const run = promisify(execFile);
const AT = '2026-02-15T10:00:00+01:00';
let site: TestSite;
let dir: string;

beforeAll(async () => {
  site = await startReportSite();
  dir = await mkdtemp(join(tmpdir(), 'systemkoll-report-'));
});
afterAll(async () => {
  await site?.close();
  await rm(dir, { recursive: true, force: true });
});

async function report(...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', 'src/cli/report.ts', ...args], { encoding: 'utf8' }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

async function yearly(format: string): Promise<Uint8Array> {
  const out = join(dir, `yearly.${format}`);
  const r = await report('yearly', '--year', '2025', '--site', site.siteUrl, '--format', format, '--out', out, '--at', AT);
  expect(r.stderr).toContain('Årlig återrapportering 2025 skriven till');
  expect(r.code).toBe(0);
  return new Uint8Array(await readFile(out));
}

const HEADINGS = ['1 Genomförda åtgärder', '2 Inträffade incidenter och händelser', '3 Status per område', '4 Budgetsammanställning'];

describe('npm run report -- yearly', () => {
  let json: YearlyReport;
  let docx: Uint8Array;
  let xlsx: Uint8Array;
  beforeAll(async () => {
    json = JSON.parse(new TextDecoder().decode(await yearly('json'))) as YearlyReport;
    docx = await yearly('docx');
    xlsx = await yearly('xlsx');
  }, 120_000);

  it('writes the JSON with the four sections and the figures of the fixture', () => {
    expect(json).toMatchObject({ kind: 'yearly', year: 2025, municipality: 'Exempelkommun', headings: HEADINGS });
    expect(Object.keys(json.sections)).toEqual(['actions', 'incidents', 'status', 'budget']);
    expect(json.sections.incidents.total).toBe(3);
    expect(json.sections.incidents.legal.total).toMatchObject({ required: 4, sentInTime: 2, sentLate: 1, overdue: 1 });
    expect(json.sections.actions.total).toEqual({ kind: 'alla', count: 5, hours: 38, cost: 42000 });
    expect(json.sections.actions.requirementsAddressed.map((r) => r.code)).toEqual(['K3-MFA']);
    expect(json.sections.status.handling).toMatchObject({ triaged: 2, medianHoursToTriage: 3, closed: 2, medianDaysToClose: 5.5 });
    expect(json.sections.status.register).toMatchObject({ systems: 3, classified: 2, reviewedInTime: 2, critical: 2 });
    expect(json.sections.status.training).toMatchObject({ available: true, total: { staff: 3, compliant: 1 } });
    expect(json.sections.budget.budgetTotal).toEqual({ budget: 380000, actual: 458000, difference: 26000 });
  });

  it('the .docx has a title page, a table of contents and the four headings as Word headings, in order', () => {
    const d = readDocx(docx);
    expect(d.paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text)).toEqual(HEADINGS);
    expect(d.xml).toMatch(/<w:instrText[^>]*>TOC [^<]*\\o &quot;1-1&quot;/);
    const text = d.paragraphs.map((p) => p.text).join('\n');
    expect(text).toContain('Exempelkommun');
    expect(text).toContain('Verksamhetsåret 2025');
    expect(text).toContain('Diarienummer:');
  });

  it('every table in the .docx equals the JSON’s figures', () => {
    const expected = yearlyDocument(json).sections.flatMap((s) => s.tables.filter((t) => t.rows.length > 0));
    const tables = readDocx(docx).tables;
    expect(tables).toHaveLength(expected.length);
    expected.forEach((t, i) => {
      expect(tables[i]![0]).toEqual(t.columns);
      expect(tables[i]!.slice(1)).toEqual(t.rows.map((r) => r.map((v, j) => formatCell(v, t.formats[j]!))));
    });
  });

  it('the .docx has the dashboards’ charts as PNG images with alt text, each above the table of its figures', () => {
    const d = readDocx(docx);
    const charts = yearlyCharts(json, translator('sv'), { locale: 'sv-SE' });
    expect(charts.map((c) => c.id)).toEqual([
      'incidents-by-month',
      'incidents-by-category',
      'legal-deadlines',
      'register-health',
      'handlingsplan',
      'training',
      'costs',
    ]);
    expect(d.images).toHaveLength(charts.length);
    const tables = yearlyDocument(json).sections.flatMap((s) => s.tables.filter((t) => t.rows.length > 0));
    for (const [i, chart] of charts.entries()) {
      const image = d.images[i]!;
      expect(image.target).toMatch(/^media\/[^/]+\.png$/);
      const png = PNG.sync.read(image.bytes);
      expect(png.width).toBe(1500);
      expect(png.height).toBeGreaterThan(40);
      // The alt text says the chart's figures in words; they are the JSON's.
      expect(image.title).toBe(chart.title);
      expect(image.description).toBe(chartAltText(chart));
      // The next table after the picture is the document table the chart draws.
      const next = d.xml.indexOf('<w:tbl>', image.at);
      const tableIndex = [...d.xml.slice(0, next).matchAll(/<w:tbl>/g)].length;
      expect(tables[tableIndex]?.id, chart.id).toBe(chart.table);
    }
    const month = charts[0]!;
    expect(month.categories[0]).toBe('januari');
    expect(month.series[0]!.values).toEqual(json.sections.incidents.byMonth.map((m) => m.count));
    const costs = charts.at(-1)!;
    expect(costs.series.map((s) => s.values)).toEqual([
      json.sections.budget.budget.map((b) => b.actual),
      json.sections.budget.budget.map((b) => b.budget),
    ]);
  });

  it('the .xlsx appendix holds every table with the JSON’s numbers', async () => {
    const { sheets } = await readXlsx(xlsx);
    expect(sheets.map((s) => s.name)).toEqual(['Om bilagan', ...HEADINGS.map((h) => h.slice(0, 31).trim())]);
    for (const [i, section] of yearlyDocument(json).sections.entries()) {
      const rows = sheets[i + 1]!.rows;
      for (const t of section.tables) {
        const at = rows.findIndex((r) => r[0] === t.title);
        expect(at, t.title).toBeGreaterThan(0);
        expect(rows[at + 1]).toEqual(t.columns);
        t.rows.forEach((r, k) => expect(Array.from({ length: r.length }, (_, j) => rows[at + 2 + k]![j] ?? null)).toEqual(r));
      }
    }
  });

  it('no name, personnummer, IP address, password or phone number reaches any export', async () => {
    const texts = [JSON.stringify(json), readDocx(docx).allText, (await readXlsx(xlsx)).allText];
    for (const text of texts) for (const s of SENSITIVE) expect(text, s).not.toContain(s);
  });

  it('refuses wrong usage with exit code 2 and explains it', async () => {
    const bare = await report('yearly');
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Användning: npm run report -- yearly --year');
    const format = await report('yearly', '--year', '2025', '--site', site.siteUrl, '--format', 'pdf', '--out', join(dir, 'x'));
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format ska vara docx, xlsx eller json');
  });
});

describe('npm run report -- term', () => {
  it('writes the end-of-term report for a span of years in all three formats', async () => {
    const files: Record<string, Uint8Array> = {};
    for (const format of ['json', 'docx', 'xlsx']) {
      const out = join(dir, `term.${format}`);
      const r = await report(
        'term',
        '--from',
        '2024',
        '--to',
        '2025',
        '--site',
        site.siteUrl,
        '--format',
        format,
        '--out',
        out,
        '--at',
        AT,
      );
      expect(r.code, r.stderr).toBe(0);
      files[format] = new Uint8Array(await readFile(out));
    }
    const json = JSON.parse(new TextDecoder().decode(files.json)) as TermReport;
    expect(json.sections.incidents.perYear.map((y) => [y.year, y.total])).toEqual([
      [2024, 1],
      [2025, 3],
    ]);
    const d = readDocx(files.docx!);
    expect(d.paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text)).toEqual(json.headings);
    const expected = termDocument(json).sections.flatMap((s) => s.tables.filter((t) => t.rows.length > 0));
    expect(d.tables.map((t) => t.slice(1))).toEqual(expected.map((t) => t.rows.map((r) => r.map((v, j) => formatCell(v, t.formats[j]!)))));
    const reversed = await report(
      'term',
      '--from',
      '2026',
      '--to',
      '2023',
      '--site',
      site.siteUrl,
      '--format',
      'json',
      '--out',
      join(dir, 'x'),
    );
    expect(reversed.code).toBe(2);
  }, 120_000);
});

describe('npm run report -- yearly --save', () => {
  it('writes the file and puts the same bytes in the library Rapporter, in the year’s folder; again overwrites', async () => {
    const out = join(dir, 'Årlig återrapportering 2025.docx');
    const args = ['yearly', '--year', '2025', '--site', site.siteUrl, '--format', 'docx', '--out', out, '--at', AT, '--save'];
    const r = await report(...args);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Årlig återrapportering 2025 skriven till');
    expect(r.stderr).toMatch(/Sparad i dokumentbiblioteket Rapporter: \S*\/Rapporter\/2025\/Årlig återrapportering 2025\.docx/);
    const written = await readFile(out);
    const library = new DocumentLibrary(site.spAs(ADMIN), 'reports');
    expect((await library.list('2025')).map((f) => [f.name, f.length])).toEqual([['Årlig återrapportering 2025.docx', written.length]]);
    expect(Buffer.from(await library.download('2025', 'Årlig återrapportering 2025.docx')).equals(written)).toBe(true);
    expect(
      readDocx(await library.download('2025', 'Årlig återrapportering 2025.docx')).paragraphs.some((p) => p.style === 'Heading1'),
    ).toBe(true);

    const again = await report(...args);
    expect(again.code, again.stderr).toBe(0);
    expect(await library.list('2025')).toHaveLength(1);
  }, 120_000);

  it('without --save the library is left alone', async () => {
    const out = join(dir, 'utan-save.docx');
    const r = await report('yearly', '--year', '2024', '--site', site.siteUrl, '--format', 'docx', '--out', out, '--at', AT);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('Rapporter:');
    expect(await new DocumentLibrary(site.spAs(ADMIN), 'reports').list('2024')).toEqual([]);
  }, 120_000);
});
