/**
 * A report chart (src/domain/reports/charts.ts) as a standalone SVG for print: horizontal bars with
 * the category on the left and the figure at the bar's end, a legend when there is more than one
 * series, series after the first hatched as well as coloured (they stay apart in black and white).
 * Pure and browser-safe; the server turns it into the .docx's PNG (src/server/reports/chart-png.ts).
 * Text widths are estimated (no font metrics here), generously, and long labels wrap.
 */
import { formatCell, type ReportChart, type SeriesTone } from '../../domain/reports/index.js';

export interface ChartSvg {
  svg: string;
  width: number;
  height: number;
}

const FONT = "Calibri, Carlito, 'Liberation Sans', Arial, 'DejaVu Sans', sans-serif";
const TONES: Record<SeriesTone, string> = {
  brand: '#2F5597',
  good: '#3A7D44',
  warn: '#C07F00',
  bad: '#B3261E',
  neutral: '#7F7F7F',
};
const TRACK = '#EEF1F6';
const INK = '#1F1F1F';
const MUTED = '#505050';

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
/** A generous estimate of a text's width (px) at a font size: Calibri is narrower, DejaVu wider. */
const textWidth = (s: string, size: number) => s.length * size * 0.56;

/** Words into at most `maxLines` lines of about `width` px (the last one cut with an ellipsis). */
function wrap(text: string, width: number, size: number, maxLines = 4): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (textWidth(next, size) <= width || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]!.replace(/\s+\S*$/, '')} …`;
  return kept;
}

function pattern(id: string, k: number, color: string): string {
  const mark =
    k % 3 === 1
      ? '<path d="M-1,7 L7,-1" stroke="#FFFFFF" stroke-width="1.5"/>'
      : k % 3 === 2
        ? '<circle cx="3" cy="3" r="1.2" fill="#FFFFFF"/>'
        : '<path d="M0,3 H6 M3,0 V6" stroke="#FFFFFF" stroke-width="1.2"/>';
  return `<pattern id="${id}-p${k}" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="${color}"/>${mark}</pattern>`;
}

export function chartSvg(chart: ReportChart, options: { width?: number } = {}): ChartSvg {
  const W = options.width ?? 600;
  const size = 12;
  const line = 15;
  const pad = 6;
  const { series, categories, format, stacked } = chart;
  const many = series.length > 1;
  const id = `c-${chart.id}`;
  const fill = (k: number) => (k === 0 ? TONES[series[0]!.tone] : `url(#${id}-p${k})`);
  const totals = categories.map((_, i) => series.reduce((a, s) => a + Math.max(0, s.values[i] ?? 0), 0));
  const largest = stacked ? Math.max(0, ...totals) : Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const max = chart.max ?? (largest > 0 ? largest : 1);
  const label = (v: number | null) => formatCell(v, format);
  const valueTexts = categories.flatMap((_, i) =>
    stacked || !many ? [label(stacked ? totals[i]! : (series[0]!.values[i] ?? null))] : series.map((s) => label(s.values[i] ?? null)),
  );
  const valueW = Math.min(140, Math.max(48, ...valueTexts.map((v) => textWidth(v, size))) + 8);
  // The label column: a third of the width, more (up to 45 %) when labels are long.
  const longestLabel = Math.max(0, ...categories.map((c) => textWidth(c, size)));
  const labelW = Math.round(Math.min(W * 0.45, Math.max(W * 0.32, longestLabel / 3 + 16)));
  const barX = pad + labelW + 8;
  const barW = W - barX - valueW - pad;
  const barH = 16;
  const groupBar = 12;
  const blockH = stacked || !many ? barH : series.length * groupBar + (series.length - 1) * 2;
  const scale = (v: number | null) => (Math.max(0, Math.min(max, v ?? 0)) / max) * barW;

  const parts: string[] = [];
  const defs = series.map((s, k) => (k === 0 ? '' : pattern(id, k, TONES[s.tone]))).join('');
  let y = pad;

  if (many) {
    // The legend, wrapping to more lines when it does not fit.
    let x = pad;
    for (const [k, s] of series.entries()) {
      const w = 14 + 6 + textWidth(s.label, size) + 16;
      if (x + w > W - pad && x > pad) {
        x = pad;
        y += line + 4;
      }
      parts.push(
        `<rect x="${x}" y="${y + 1}" width="12" height="12" fill="${fill(k)}" stroke="${INK}" stroke-width="0.75"/>`,
        `<text x="${x + 18}" y="${y + 11}">${esc(s.label)}</text>`,
      );
      x += w;
    }
    y += line + 12;
  }

  if (categories.length === 0) {
    parts.push(`<text x="${pad}" y="${y + size}" fill="${MUTED}" font-style="italic">Inget att redovisa.</text>`);
    y += line + pad;
  }
  for (const [i, cat] of categories.entries()) {
    const lines = wrap(cat, labelW, size);
    const rowH = Math.max(blockH, lines.length * line);
    const top = y;
    const labelTop = top + (rowH - lines.length * line) / 2;
    parts.push(
      `<text x="${pad}" y="${labelTop}">${lines.map((l, n) => `<tspan x="${pad}" dy="${n === 0 ? size : line}">${esc(l)}</tspan>`).join('')}</text>`,
    );
    const barTop = top + (rowH - blockH) / 2;
    parts.push(`<rect x="${barX}" y="${barTop}" width="${barW}" height="${blockH}" fill="${TRACK}"/>`);
    if (stacked || !many) {
      let x = barX;
      for (const [k, s] of series.entries()) {
        const w = scale(s.values[i] ?? 0);
        if (w > 0)
          parts.push(
            `<rect x="${x.toFixed(1)}" y="${barTop}" width="${w.toFixed(1)}" height="${barH}" fill="${fill(k)}" stroke="#FFFFFF" stroke-width="${many ? 1 : 0}"/>`,
          );
        x += w;
      }
      const v = stacked ? totals[i]! : (series[0]!.values[i] ?? null);
      parts.push(`<text x="${W - pad}" y="${barTop + barH / 2 + size / 2 - 1}" text-anchor="end" fill="${MUTED}">${esc(label(v))}</text>`);
    } else {
      for (const [k, s] of series.entries()) {
        const by = barTop + k * (groupBar + 2);
        const w = scale(s.values[i] ?? null);
        if (w > 0) parts.push(`<rect x="${barX}" y="${by}" width="${w.toFixed(1)}" height="${groupBar}" fill="${fill(k)}"/>`);
        parts.push(
          `<text x="${W - pad}" y="${by + groupBar - 2}" text-anchor="end" font-size="${size - 1}" fill="${MUTED}">${esc(label(s.values[i] ?? null))}</text>`,
        );
      }
    }
    y += rowH + 8;
  }
  const height = Math.ceil(y + pad - 8);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" font-family="${esc(FONT)}" font-size="${size}" fill="${INK}">` +
    `<title>${esc(chart.title)}</title>` +
    (defs ? `<defs>${defs}</defs>` : '') +
    `<rect width="${W}" height="${height}" fill="#FFFFFF"/>` +
    parts.join('') +
    '</svg>';
  return { svg, width: W, height };
}
