/**
 * The reports' charts as data: which charts there are, their categories, series and scale, and the
 * figures of the table beside each. One function per report kind, shared by the tab's dashboards
 * (texts in the user's language) and the .docx (Swedish, drawn as images by
 * src/shared/reports/chart-svg.ts): a bar in a chart is always a figure of the report's JSON.
 * Texts come from the caller's translate function (the catalogue's `reports.dash.*` keys), so the
 * domain holds no second copy of them.
 */
import { BUDGET_LABELS } from './yearly.js';
import { formatCell, type Cell, type CellFormat } from './document.js';
import type { TermReport, YearlyReport } from './types.js';

/** What a series stands for; the tab maps it to a theme token, the document to a print colour. */
export type SeriesTone = 'brand' | 'good' | 'warn' | 'bad' | 'neutral';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  tone: SeriesTone;
}

export interface ReportChart {
  id: string;
  /** The document table (ReportTable.id) that has the chart's figures: the .docx puts the image above it. */
  table: string;
  title: string;
  categoryHeader: string;
  categories: string[];
  series: ChartSeries[];
  format: CellFormat;
  /** Series drawn end to end (parts of one whole) instead of side by side. */
  stacked: boolean;
  /** The scale's end (1 for shares); null: the largest bar. */
  max: number | null;
  /** More table columns after the series: header, format and one value per category. */
  extra: { header: string; format: CellFormat; values: Cell[] }[];
  /** A last table row the chart leaves out (a total would dwarf the bars). */
  total: { label: string; values: Cell[] } | null;
}

/** A translate function: i18next's `t`, or the catalogue's fixed Swedish one. */
export type ChartText = (key: string, options?: Record<string, unknown>) => string;

export interface ChartOptions {
  /** Narrows what the report has per förvaltning (register, training, system costs). */
  department?: string | undefined;
  /** For month names (sv-SE, en-US …). */
  locale?: string;
}

const share = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);

function chart(
  c: Partial<ReportChart> & Pick<ReportChart, 'id' | 'table' | 'title' | 'categoryHeader' | 'categories' | 'series' | 'format'>,
): ReportChart {
  return { stacked: false, max: null, extra: [], total: null, ...c };
}

/** The yearly report's charts, in the order the dashboards and the document show them. */
export function yearlyCharts(report: YearlyReport, t: ChartText, options: ChartOptions = {}): ReportChart[] {
  const k = (key: string, values?: Record<string, unknown>) => t(`reports.dash.${key}`, values);
  const { incidents, status, budget } = report.sections;
  const month = new Intl.DateTimeFormat(options.locale ?? 'sv-SE', { month: 'long', timeZone: 'UTC' });
  const monthLabel = (key: string) => {
    const [y, m] = key.split('-').map(Number);
    return y && m ? month.format(new Date(Date.UTC(y, m - 1, 1))) : key;
  };
  const dept = options.department ?? '';
  const reg = status.register;
  const deptStatus = dept ? status.byDepartment.find((d) => d.department === dept) : undefined;
  const deptCosts = dept ? budget.systemCostsByDepartment.find((d) => d.department === dept) : undefined;
  const { handlingsplan: plan, training } = status;
  const regimes = incidents.legal.byRegime;
  const lt = incidents.legal.total;
  const count = k('col.count');
  const charts: ReportChart[] = [
    chart({
      id: 'incidents-by-month',
      table: 'incidents-by-month',
      title: k('incidentsByMonth'),
      categoryHeader: k('col.month'),
      categories: incidents.byMonth.map((c) => monthLabel(c.key)),
      series: [{ label: count, values: incidents.byMonth.map((c) => c.count), tone: 'brand' }],
      format: 'int',
    }),
    chart({
      id: 'incidents-by-category',
      table: 'incidents-by-category',
      title: k('incidentsByCategory'),
      categoryHeader: k('col.category'),
      categories: incidents.byCategory.map((c) => c.key),
      series: [{ label: count, values: incidents.byCategory.map((c) => c.count), tone: 'brand' }],
      format: 'int',
    }),
    chart({
      id: 'legal-deadlines',
      table: 'legal-reports',
      title: k('legal'),
      categoryHeader: k('col.report'),
      categories: regimes.map((r) => r.regime),
      series: [
        { label: k('col.inTime'), values: regimes.map((r) => r.sentInTime), tone: 'good' },
        { label: k('col.late'), values: regimes.map((r) => r.sentLate), tone: 'warn' },
        { label: k('col.overdue'), values: regimes.map((r) => r.overdue), tone: 'bad' },
        { label: k('col.pending'), values: regimes.map((r) => r.pending), tone: 'neutral' },
      ],
      stacked: true,
      format: 'int',
      extra: [{ header: k('col.required'), format: 'int', values: regimes.map((r) => r.required) }],
      total: { label: k('total'), values: [lt.sentInTime, lt.sentLate, lt.overdue, lt.pending, lt.required] },
    }),
    deptStatus
      ? chart({
          id: 'register-health',
          table: 'status-by-department',
          title: k('registerFor', { department: dept }),
          categoryHeader: k('col.measure'),
          categories: [k('classified'), k('reviewed')],
          series: [
            {
              label: k('col.share'),
              values: [share(deptStatus.classified, deptStatus.systems), share(deptStatus.reviewedInTime, deptStatus.systems)],
              tone: 'brand',
            },
          ],
          format: 'pct',
          max: 1,
          extra: [
            { header: k('col.number'), format: 'int', values: [deptStatus.classified, deptStatus.reviewedInTime] },
            { header: k('col.of'), format: 'int', values: [deptStatus.systems, deptStatus.systems] },
          ],
        })
      : chart({
          id: 'register-health',
          table: 'register-health',
          title: k('register'),
          categoryHeader: k('col.measure'),
          categories: [k('classified'), k('reviewed'), k('criticalComplete'), k('contracts')],
          series: [
            {
              label: k('col.share'),
              values: [reg.classifiedShare, reg.reviewedShare, share(reg.criticalComplete, reg.critical), reg.contractsShare],
              tone: 'brand',
            },
          ],
          format: 'pct',
          max: 1,
          extra: [
            {
              header: k('col.number'),
              format: 'int',
              values: [reg.classified, reg.reviewedInTime, reg.criticalComplete, reg.contractsWithSecurityRequirements],
            },
            { header: k('col.of'), format: 'int', values: [reg.systems, reg.systems, reg.critical, reg.withContract] },
          ],
        }),
    chart({
      id: 'handlingsplan',
      table: 'handlingsplan',
      title: k('handlingsplan'),
      categoryHeader: k('col.status'),
      categories: [k('plan.met'), k('plan.partly'), k('plan.notMet'), k('plan.notAssessed'), k('plan.notApplicable')],
      series: [{ label: count, values: [plan.met, plan.partly, plan.notMet, plan.notAssessed, plan.notApplicable], tone: 'brand' }],
      format: 'int',
      total: { label: k('plan.applicable'), values: [plan.applicable] },
    }),
  ];
  if (training.available) {
    const rows = training.rows.filter((r) => !dept || r.department === dept);
    charts.push(
      chart({
        id: 'training',
        table: 'training',
        title: k('training'),
        categoryHeader: k('col.department'),
        categories: rows.map((r) => r.department),
        series: [{ label: k('col.share'), values: rows.map((r) => r.share), tone: 'brand' }],
        format: 'pct',
        max: 1,
        extra: [
          { header: k('col.compliant'), format: 'int', values: rows.map((r) => r.compliant) },
          { header: k('col.staff'), format: 'int', values: rows.map((r) => r.staff) },
        ],
        total: dept ? null : { label: k('total'), values: [training.total.share, training.total.compliant, training.total.staff] },
      }),
    );
  }
  charts.push(
    deptCosts
      ? chart({
          id: 'costs',
          table: 'system-costs-by-department',
          title: k('costsFor', { department: dept }),
          categoryHeader: k('col.category'),
          categories: [BUDGET_LABELS.licences, BUDGET_LABELS.operation, BUDGET_LABELS.other],
          series: [{ label: k('col.actual'), values: [deptCosts.licences, deptCosts.operation, deptCosts.other], tone: 'brand' }],
          format: 'sek',
          total: { label: k('total'), values: [deptCosts.total] },
        })
      : chart({
          id: 'costs',
          table: 'budget-vs-actual',
          title: k('costs'),
          categoryHeader: k('col.category'),
          categories: budget.budget.map((b) => BUDGET_LABELS[b.category]),
          series: [
            { label: k('col.actual'), values: budget.budget.map((b) => b.actual), tone: 'brand' },
            { label: k('col.budget'), values: budget.budget.map((b) => b.budget), tone: 'warn' },
          ],
          format: 'sek',
          extra: [{ header: k('col.difference'), format: 'sek', values: budget.budget.map((b) => b.difference) }],
          total: { label: k('total'), values: [budget.budgetTotal.actual, budget.budgetTotal.budget, budget.budgetTotal.difference] },
        }),
  );
  return charts;
}

/** The end-of-term report's charts: incidents per year and costs per year. */
export function termCharts(report: TermReport, t: ChartText): ReportChart[] {
  const k = (key: string, values?: Record<string, unknown>) => t(`reports.dash.${key}`, values);
  const { incidents, budget } = report.sections;
  const years = incidents.perYear.map((y) => String(y.year));
  const costYears = budget.perYear.map((y) => String(y.year));
  return [
    chart({
      id: 'term-incidents',
      table: 'incidents-per-year',
      title: k('termIncidents'),
      categoryHeader: k('col.year'),
      categories: years,
      series: [
        { label: k('col.significant'), values: incidents.perYear.map((y) => y.significant), tone: 'bad' },
        { label: k('col.otherIncidents'), values: incidents.perYear.map((y) => y.total - y.significant), tone: 'brand' },
      ],
      stacked: true,
      format: 'int',
      extra: [{ header: k('total'), format: 'int', values: incidents.perYear.map((y) => y.total) }],
      total: {
        label: k('total'),
        values: [
          incidents.perYear.reduce((a, y) => a + y.significant, 0),
          incidents.perYear.reduce((a, y) => a + y.total - y.significant, 0),
          incidents.total,
        ],
      },
    }),
    chart({
      id: 'term-costs',
      table: 'budget-per-year',
      title: k('termCosts'),
      categoryHeader: k('col.year'),
      categories: costYears,
      series: [
        { label: k('col.actual'), values: budget.perYear.map((y) => y.actual), tone: 'brand' },
        { label: k('col.budget'), values: budget.perYear.map((y) => y.budget), tone: 'warn' },
      ],
      format: 'sek',
      extra: [
        { header: k('col.incidentCost'), format: 'sek', values: budget.perYear.map((y) => y.incidentCost) },
        { header: k('col.measuresCost'), format: 'sek', values: budget.perYear.map((y) => y.measuresCost) },
        { header: k('col.unbudgeted'), format: 'sek', values: budget.perYear.map((y) => y.unbudgeted) },
      ],
    }),
  ];
}

/** The chart's table: header row and rows (series, then extras; the total last) — what a screen reader reads. */
export function chartTable(c: ReportChart): { columns: string[]; formats: CellFormat[]; rows: Cell[][] } {
  const rows: Cell[][] = c.categories.map((cat, i) => [
    cat,
    ...c.series.map((s) => s.values[i] ?? null),
    ...c.extra.map((e) => e.values[i] ?? null),
  ]);
  if (c.total) rows.push([c.total.label, ...c.total.values]);
  return {
    columns: [c.categoryHeader, ...c.series.map((s) => s.label), ...c.extra.map((e) => e.header)],
    formats: ['text', ...c.series.map(() => c.format), ...c.extra.map((e) => e.format)],
    rows,
  };
}

/** The chart in words, for an image's alt text: "Stapeldiagram: title. januari: 3; februari: 5 …". */
export function chartAltText(c: ReportChart): string {
  if (c.categories.length === 0) return `Stapeldiagram: ${c.title}. Inget att redovisa.`;
  const one = c.series.length === 1;
  const parts = c.categories.map((cat, i) =>
    one
      ? `${cat}: ${formatCell(c.series[0]!.values[i] ?? null, c.format)}`
      : `${cat}: ${c.series.map((s) => `${s.label} ${formatCell(s.values[i] ?? null, c.format)}`).join(', ')}`,
  );
  return `Stapeldiagram: ${c.title}. ${parts.join('; ')}.`;
}
