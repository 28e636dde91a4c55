import { describe, expect, it } from 'vitest';
import {
  chartAltText,
  chartTable,
  composeTermReport,
  composeYearlyReport,
  formatCell,
  termCharts,
  yearlyCharts,
  type ReportChart,
} from '../../../src/domain/reports/index.js';
import { translator } from '../../../src/shared/i18n/catalogue.js';
import { chartSvg } from '../../../src/shared/reports/chart-svg.js';
import { FIXTURE_NOW, reportFixture, reportFixtureSettings } from '../../fixtures/reports/yearly-fixture.js';

const sv = translator('sv');
const yearly = () => composeYearlyReport(reportFixture(), reportFixtureSettings(), 2025, FIXTURE_NOW);

describe('the reports’ charts as data (shared by the dashboards and the .docx)', () => {
  it('draws the yearly report’s figures: incidents per month, legal deadlines, register, training, costs against budget', () => {
    const r = yearly();
    const charts = yearlyCharts(r, sv, { locale: 'sv-SE' });
    const byId = new Map(charts.map((c) => [c.id, c]));
    const month = byId.get('incidents-by-month')!;
    expect(month.categories).toHaveLength(12);
    expect(month.categories.slice(0, 2)).toEqual(['januari', 'februari']);
    expect(month.series[0]!.values).toEqual(r.sections.incidents.byMonth.map((m) => m.count));
    const legal = byId.get('legal-deadlines')!;
    expect(legal.stacked).toBe(true);
    expect(legal.total?.values).toEqual([2, 1, 1, 0, 4]);
    const costs = byId.get('costs')!;
    expect(costs.table).toBe('budget-vs-actual');
    expect(chartTable(costs).rows.at(-1)).toEqual(['Totalt', 458000, 380000, 26000]);
    const training = r.sections.status.training;
    if (!training.available) throw new Error('the fixture has training data');
    expect(byId.get('training')!.series[0]!.values).toEqual(training.rows.map((t) => t.share));
    // English texts through the same function: only the words differ.
    const en = yearlyCharts(r, translator('en'), { locale: 'en-US' });
    expect(en.find((c) => c.id === 'incidents-by-month')!.categories[0]).toBe('January');
    expect(en.map((c) => c.series.map((s) => s.values))).toEqual(charts.map((c) => c.series.map((s) => s.values)));
  });

  it('narrows the register, training and system costs to one förvaltning', () => {
    const r = yearly();
    const dept = r.sections.status.byDepartment[0]!;
    const charts = yearlyCharts(r, sv, { department: dept.department });
    const register = charts.find((c) => c.id === 'register-health')!;
    expect(register.title).toBe(`Systemförteckningens hälsa: ${dept.department}`);
    expect(register.extra[1]!.values).toEqual([dept.systems, dept.systems]);
    expect(charts.find((c) => c.id === 'costs')!.table).toBe('system-costs-by-department');
    expect(charts.find((c) => c.id === 'training')?.categories.every((c) => c === dept.department)).toBe(true);
  });

  it('draws the end-of-term report per year: incidents (significant and others) and costs against budget', () => {
    const t = composeTermReport(reportFixture(), reportFixtureSettings(), 2024, 2025, FIXTURE_NOW);
    const [incidents, costs] = termCharts(t, sv);
    expect(incidents!.categories).toEqual(['2024', '2025']);
    expect(incidents!.series.map((s) => s.values)).toEqual([
      t.sections.incidents.perYear.map((y) => y.significant),
      t.sections.incidents.perYear.map((y) => y.total - y.significant),
    ]);
    expect(costs!.series[0]!.values).toEqual(t.sections.budget.perYear.map((y) => y.actual));
  });

  it('says the chart in words for alt text', () => {
    const chart: ReportChart = {
      id: 'x',
      table: 'x',
      title: 'Kostnader',
      categoryHeader: 'Kategori',
      categories: ['Licenser', 'Drift'],
      series: [
        { label: 'Utfall', values: [12000, 500], tone: 'brand' },
        { label: 'Budget', values: [10000, null], tone: 'warn' },
      ],
      format: 'sek',
      stacked: false,
      max: null,
      extra: [],
      total: null,
    };
    const kr = (n: number) => formatCell(n, 'sek');
    expect(chartAltText(chart)).toBe(
      `Stapeldiagram: Kostnader. Licenser: Utfall ${kr(12000)}, Budget ${kr(10000)}; Drift: Utfall ${kr(500)}, Budget –.`,
    );
  });
});

describe('chartSvg', () => {
  const chart = (over: Partial<ReportChart> = {}): ReportChart => ({
    id: 'c',
    table: 'c',
    title: 'Per <kategori> & typ',
    categoryHeader: 'Kategori',
    categories: ['Nätfiske "phishing"', 'Skadlig kod'],
    series: [{ label: 'Antal', values: [4, 1], tone: 'brand' }],
    format: 'int',
    stacked: false,
    max: null,
    extra: [],
    total: null,
    ...over,
  });

  it('draws one bar per value, scaled to the largest, with the figure at its end; text escaped', () => {
    const { svg, width, height } = chartSvg(chart());
    expect(width).toBe(600);
    expect(svg).toContain(`viewBox="0 0 600 ${height}"`);
    expect(svg).toContain('<title>Per &lt;kategori&gt; &amp; typ</title>');
    expect(svg).toContain('Nätfiske &quot;phishing&quot;');
    const bars = [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="16" fill="#2F5597"/g)].map((m) => Number(m[1]));
    expect(bars).toHaveLength(2);
    expect(bars[1]! / bars[0]!).toBeCloseTo(0.25, 2);
    expect(svg).toMatch(/>4<\/text>/);
  });

  it('adds a legend and hatching for more series, stacks parts of a whole, and says when there is nothing', () => {
    const stacked = chartSvg(
      chart({
        series: [
          { label: 'I tid', values: [2, 0], tone: 'good' },
          { label: 'För sent', values: [1, 1], tone: 'warn' },
        ],
        stacked: true,
      }),
    ).svg;
    expect(stacked).toContain('<pattern id="c-c-p1"');
    expect(stacked).toContain('>I tid</text>');
    expect(stacked).toMatch(/>3<\/text>/);
    expect(chartSvg(chart({ categories: [], series: [{ label: 'Antal', values: [], tone: 'brand' }] })).svg).toContain(
      'Inget att redovisa.',
    );
  });
});
