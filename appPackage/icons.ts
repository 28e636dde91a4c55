/**
 * Draws Systemkoll's Teams icons: a shield with a check mark.
 *   color.png   192×192, full colour: white shield on the accent colour, check mark in the accent.
 *   outline.png  32×32, white on transparent: the shield's outline and the check mark.
 * Run `npx tsx appPackage/icons.ts` after changing the design; the PNGs are committed.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

/** Systemkoll's accent colour (also manifest.json accentColor). */
export const ACCENT = '#1D5C96';

type Rgb = [number, number, number];
const hexToRgb = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;

interface Shield {
  cx: number;
  halfWidth: number;
  top: number;
  dip: number;
  shoulder: number;
  bottom: number;
}

/** Inside test in unit coordinates (0..1, y down): straight sides, a dipped top, a pointed bottom. */
function inShield(s: Shield, x: number, y: number): boolean {
  const dx = (x - s.cx) / s.halfWidth;
  if (Math.abs(dx) > 1) return false;
  const topY = s.top + s.dip * (1 - dx * dx);
  if (y < topY || y > s.bottom) return false;
  if (y <= s.shoulder) return true;
  const t = (y - s.shoulder) / (s.bottom - s.shoulder);
  return Math.abs(dx) <= 1 - t * t;
}

function inset(s: Shield, by: number): Shield {
  return { cx: s.cx, halfWidth: s.halfWidth - by, top: s.top + by, dip: s.dip, shoulder: s.shoulder, bottom: s.bottom - by * 1.6 };
}

/** Distance from a point to the segment a–b. */
function segDist(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const vx = bx - ax;
  const vy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(px - ax - t * vx, py - ay - t * vy);
}

/** The check mark, optionally scaled about the shield's centre (the small icon needs room around it). */
function inCheck(x: number, y: number, width: number, scale = 1): boolean {
  const at = (px: number, py: number): [number, number] => [0.5 + (px - 0.5) * scale, 0.5 + (py - 0.5) * scale];
  const a = at(0.35, 0.5);
  const b = at(0.46, 0.61);
  const c = at(0.66, 0.38);
  return segDist(x, y, ...a, ...b) <= width / 2 || segDist(x, y, ...b, ...c) <= width / 2;
}

const SHIELD: Shield = { cx: 0.5, halfWidth: 0.3, top: 0.14, dip: 0.04, shoulder: 0.5, bottom: 0.88 };

/** Renders with 5×5 supersampling; `shade` returns the colour and opacity of a sample point. */
function render(size: number, shade: (x: number, y: number) => [number, number, number, number]): PNG {
  const png = new PNG({ width: size, height: size });
  const n = 5;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const [cr, cg, cb, ca] = shade((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const i = (py * size + px) * 4;
      png.data[i] = a > 0 ? Math.round(r / a) : 0;
      png.data[i + 1] = a > 0 ? Math.round(g / a) : 0;
      png.data[i + 2] = a > 0 ? Math.round(b / a) : 0;
      png.data[i + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return png;
}

export function colorIcon(accent = ACCENT): PNG {
  const [ar, ag, ab] = hexToRgb(accent);
  return render(192, (x, y) => {
    if (inShield(SHIELD, x, y)) {
      return inCheck(x, y, 0.075) ? [ar, ag, ab, 1] : [255, 255, 255, 1];
    }
    return [ar, ag, ab, 1];
  });
}

export function outlineIcon(): PNG {
  const inner = inset(SHIELD, 0.085);
  return render(32, (x, y) => {
    const onOutline = inShield(SHIELD, x, y) && !inShield(inner, x, y);
    return onOutline || inCheck(x, y, 0.1, 0.8) ? [255, 255, 255, 1] : [255, 255, 255, 0];
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = dirname(fileURLToPath(import.meta.url));
  writeFileSync(join(dir, 'color.png'), PNG.sync.write(colorIcon()));
  writeFileSync(join(dir, 'outline.png'), PNG.sync.write(outlineIcon()));
  console.log(`Skrev ${join(dir, 'color.png')} (192×192) och ${join(dir, 'outline.png')} (32×32).`);
}
