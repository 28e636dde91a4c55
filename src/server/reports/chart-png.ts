/**
 * The .docx's chart images: each chart's SVG (src/shared/reports/chart-svg.ts) rendered to PNG by
 * resvg (prebuilt per platform from npm, no system libraries), at 2.5 × the layout size so a printed
 * page stays sharp. Text uses the system's fonts: Calibri or Carlito where installed, otherwise
 * Liberation Sans, Arial or DejaVu Sans.
 */
import { Resvg } from '@resvg/resvg-js';
import type { ReportChart } from '../../domain/reports/index.js';
import { chartSvg } from '../../shared/reports/chart-svg.js';
import type { ChartImage } from '../../shared/reports/docx.js';

const SCALE = 2.5;

export function chartPng(svg: string, width: number): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round(width * SCALE) },
    font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans' },
    background: '#FFFFFF',
  });
  return new Uint8Array(resvg.render().asPng());
}

/** Every chart as the image the document shows above the table of its figures. */
export function chartImages(charts: readonly ReportChart[]): ChartImage[] {
  return charts.map((chart) => {
    const { svg, width, height } = chartSvg(chart);
    return { chart, png: chartPng(svg, width), width, height };
  });
}
