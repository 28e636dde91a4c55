import type { ReactNode } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';
import { chartTable, formatCell, type ReportChart, type SeriesTone } from '../../../domain/reports/index.js';
import { FigureTable } from './FigureTable.js';

/** Each series' tone as a Fluent token: the bars follow the Teams theme (light, dark, high contrast). */
const TONE: Record<SeriesTone, string> = {
  brand: tokens.colorBrandBackground,
  good: tokens.colorPaletteGreenBackground3,
  warn: tokens.colorPaletteMarigoldBackground3,
  bad: tokens.colorPaletteRedBackground3,
  neutral: tokens.colorNeutralForeground3,
};

interface BarSeries {
  label: string;
  values: readonly (number | null)[];
  color: string;
}

const useStyles = makeStyles({
  figure: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, margin: 0 },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },
  body: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXL, alignItems: 'flex-start' },
  chart: { flex: '1 1 18rem', minWidth: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  table: { flex: '1 1 18rem', minWidth: 0 },
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(5rem, 38%) minmax(0, 1fr) auto',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  label: { overflowWrap: 'anywhere', color: tokens.colorNeutralForeground1 },
  value: { color: tokens.colorNeutralForeground2, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  svg: { display: 'block', width: '100%' },
  legend: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, margin: 0, padding: 0, listStyleType: 'none' },
  swatch: {
    display: 'inline-block',
    width: '0.75rem',
    height: '0.75rem',
    marginRight: tokens.spacingHorizontalXS,
    verticalAlign: 'middle',
  },
  note: { margin: 0, color: tokens.colorNeutralForeground2 },
});

const BAR = 14;

/**
 * Series after the first are hatched as well as coloured (lines, dots, cross-hatch), so they stay
 * apart where colour does not: high contrast, colour blindness, a black-and-white print.
 */
function Patterns({ id, series }: { id: string; series: readonly BarSeries[] }) {
  const line = tokens.colorNeutralBackground1;
  return (
    <svg width="0" height="0" style={{ position: 'absolute' }} focusable="false">
      <defs>
        {series.map((s, k) =>
          k === 0 ? null : (
            <pattern key={k} id={`${id}-p${k}`} width="6" height="6" patternUnits="userSpaceOnUse">
              <rect width="6" height="6" fill={s.color} />
              {k % 3 === 1 ? <path d="M-1,7 L7,-1" stroke={line} strokeWidth="1.5" /> : null}
              {k % 3 === 2 ? <circle cx="3" cy="3" r="1.2" fill={line} /> : null}
              {k % 3 === 0 ? <path d="M0,3 H6 M3,0 V6" stroke={line} strokeWidth="1.2" /> : null}
            </pattern>
          ),
        )}
      </defs>
    </svg>
  );
}

/**
 * A report chart (src/domain/reports/charts.ts — the same data the .docx draws as images) as
 * horizontal bars in plain SVG with Fluent tokens, and beside it the table of the same figures:
 * the chart is hidden from screen readers, the table is what they read. Stacked series are drawn
 * end to end (parts of one whole), others side by side. The table's cells are the report's
 * figures formatted as the documents write them.
 */
export function BarChart({ chart, note }: { chart: ReportChart; note?: ReactNode | undefined }) {
  const styles = useStyles();
  const { categories, stacked, format } = chart;
  const series: BarSeries[] = chart.series.map((s) => ({ label: s.label, values: s.values, color: TONE[s.tone] }));
  const props = { id: chart.id, title: chart.title, note };
  const totals = categories.map((_, i) => series.reduce((a, s) => a + (s.values[i] ?? 0), 0));
  const largest = stacked ? Math.max(0, ...totals) : Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const max = chart.max ?? (largest > 0 ? largest : 1);
  const pct = (v: number | null) => `${Math.max(0, Math.min(100, ((v ?? 0) / max) * 100))}%`;
  const height = stacked || series.length === 1 ? BAR : series.length * (BAR - 2) + (series.length - 1) * 2;
  const titleId = `chart-${props.id}-title`;
  const fill = (k: number) => (k === 0 ? (series[0]?.color ?? '') : `url(#chart-${props.id}-p${k})`);
  const { columns: headers, formats, rows } = chartTable(chart);
  return (
    <figure className={styles.figure} aria-labelledby={titleId} data-testid={`chart-${props.id}`}>
      <h3 id={titleId} className={styles.title}>
        {props.title}
      </h3>
      {props.note ? <p className={styles.note}>{props.note}</p> : null}
      <div className={styles.body}>
        <div className={styles.chart} aria-hidden="true">
          {series.length > 1 ? (
            <>
              <Patterns id={`chart-${props.id}`} series={series} />
              <ul className={styles.legend}>
                {series.map((s, k) => (
                  <li key={s.label}>
                    <svg className={styles.swatch} viewBox="0 0 12 12" focusable="false">
                      <rect width="12" height="12" fill={fill(k)} stroke={tokens.colorNeutralForeground1} strokeWidth="1" />
                    </svg>
                    {s.label}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {categories.map((c, i) => {
            let x = 0;
            return (
              <div key={`${c}-${i}`} className={styles.row}>
                <span className={styles.label}>{c}</span>
                <svg className={styles.svg} height={height} role="presentation" focusable="false">
                  <rect x="0" y="0" width="100%" height={height} fill={tokens.colorNeutralBackground3} />
                  {series.map((s, k) => {
                    const v = s.values[i] ?? 0;
                    if (stacked) {
                      const rect = (
                        <rect
                          key={s.label}
                          x={pct(x)}
                          y="0"
                          width={pct(v)}
                          height={height}
                          fill={fill(k)}
                          stroke={v > 0 ? tokens.colorNeutralBackground1 : 'none'}
                          strokeWidth="1"
                        />
                      );
                      x += v;
                      return rect;
                    }
                    const y = series.length === 1 ? 0 : k * BAR;
                    return <rect key={s.label} x="0" y={y} width={pct(v)} height={series.length === 1 ? BAR : BAR - 2} fill={fill(k)} />;
                  })}
                </svg>
                <span className={styles.value}>
                  {series.length === 1
                    ? formatCell(series[0]!.values[i] ?? null, format)
                    : stacked
                      ? formatCell(totals[i] ?? 0, format)
                      : ''}
                </span>
              </div>
            );
          })}
        </div>
        <div className={styles.table}>
          <FigureTable label={props.title} testId={`dashboard-table-${props.id}`} columns={headers} formats={formats} rows={rows} />
        </div>
      </div>
    </figure>
  );
}
