// Minimal SVG drawing: axes, polylines, rectangles, text. No dependencies, so the HTML report is self-contained.

export const W = 640;
export const H = 240;
export const M = { left: 56, right: 16, top: 28, bottom: 36 };

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function num(x: number): string {
  return Number.isFinite(x) ? String(Math.round(x * 100) / 100) : '0';
}

export function tick(x: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e4 || a < 1e-2 ? x.toExponential(0) : String(Number(x.toPrecision(3)));
}

export interface Scale {
  (v: number): number;
  lo: number;
  hi: number;
}

export function linear(lo: number, hi: number, a: number, b: number): Scale {
  const span = hi - lo || 1;
  const f = ((v: number) => a + ((v - lo) / span) * (b - a)) as Scale;
  f.lo = lo;
  f.hi = hi;
  return f;
}

export function svgOpen(title: string, klass: string, w = W, h = H): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart ${klass}" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${esc(title)}">` +
    `<text x="${M.left}" y="16" font-size="13" font-weight="bold">${esc(title)}</text>`;
}

export interface AxesOptions {
  yFmt?: (v: number) => string;
  /** Counts (batches, epochs, steps): ticks at whole numbers only. */
  xInt?: boolean;
  yInt?: boolean;
  /** Leave the x tick labels to the caller (bars labelled under their middle). */
  noXTicks?: boolean;
  w?: number;
  h?: number;
}

/** Up to five tick values over [lo, hi]; whole numbers only when asked (no "epoch 0.75"). */
function ticks(lo: number, hi: number, int: boolean): number[] {
  const raw = Array.from({ length: 5 }, (_, i) => lo + ((hi - lo) * i) / 4);
  return int ? [...new Set(raw.map((v) => Math.round(v)))] : raw;
}

export function axes(x: Scale, y: Scale, xLabel: string, yLabel: string, o: AxesOptions = {}): string {
  const { yFmt = tick, w = W, h = H } = o;
  const parts = [`<g stroke="#999" fill="none"><line x1="${M.left}" y1="${h - M.bottom}" x2="${w - M.right}" y2="${h - M.bottom}"/>` +
    `<line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${h - M.bottom}"/></g>`];
  for (const yv of ticks(y.lo, y.hi, o.yInt === true)) {
    parts.push(`<text x="${M.left - 4}" y="${num(y(yv) + 4)}" font-size="10" text-anchor="end">${esc(yFmt(yv))}</text>`);
  }
  for (const xv of o.noXTicks ? [] : ticks(x.lo, x.hi, o.xInt === true)) {
    parts.push(`<text x="${num(x(xv))}" y="${h - M.bottom + 14}" font-size="10" text-anchor="middle">${esc(tick(Math.round(xv * 100) / 100))}</text>`);
  }
  parts.push(`<text x="${(w + M.left) / 2}" y="${h - 4}" font-size="11" text-anchor="middle">${esc(xLabel)}</text>`);
  parts.push(`<text x="12" y="${(h) / 2}" font-size="11" text-anchor="middle" transform="rotate(-90 12 ${h / 2})">${esc(yLabel)}</text>`);
  return parts.join('');
}

export const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b'];
