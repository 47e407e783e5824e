// The report's charts, each an inline SVG string: loss curves, gradient norms, gradient-flow heatmap, lengths, coverage.
import type { GradientFlow, LengthStats } from '../evidence.js';
import { COLORS, H, M, W, axes, esc, linear, num, svgOpen, tick } from './svg.js';
import type { CoverageChartData } from './report-types.js';

export interface Series {
  name: string;
  values: number[];
}

/** Lines over their index; log scale when asked (non-positive and non-finite points are gaps). */
export function lineChart(title: string, series: Series[], opts: { xLabel: string; yLabel: string; log?: boolean }): string {
  const tf = (v: number) => (opts.log ? (v > 0 ? Math.log10(v) : NaN) : v);
  const all = series.flatMap((s) => s.values.map(tf)).filter(Number.isFinite);
  const n = Math.max(...series.map((s) => s.values.length), 2);
  if (all.length === 0) return '';
  const x = linear(0, n - 1, M.left, W - M.right);
  const y = linear(Math.min(...all), Math.max(...all), H - M.bottom, M.top);
  const paths = series.map((s, k) => {
    let d = '';
    let pen = false;
    s.values.forEach((v, i) => {
      const t = tf(v);
      if (!Number.isFinite(t)) return void (pen = false);
      d += `${pen ? 'L' : 'M'}${num(x(i))} ${num(y(t))}`;
      pen = true;
    });
    return `<path d="${d}" fill="none" stroke="${COLORS[k % COLORS.length]}" stroke-width="1.5"><title>${esc(s.name)}</title></path>` +
      `<text x="${W - M.right - 4}" y="${M.top + 12 * k}" font-size="10" text-anchor="end" fill="${COLORS[k % COLORS.length]}">${esc(s.name)}</text>`;
  });
  const yFmt = opts.log ? (v: number) => tick(10 ** v) : tick;
  return `${svgOpen(title, 'line')}${axes(x, y, opts.xLabel, opts.yLabel, { yFmt, xInt: true })}${paths.join('')}</svg>`;
}

/** Time step (x) by probe (y, top = first; labelled with its epoch and the batches trained before it); colour = log10 of |d loss / d x_t| relative to each row's maximum. */
export function gradientHeatmap(flow: GradientFlow): string {
  const rows = flow.probes;
  if (rows.length === 0) return '';
  const T = Math.max(...rows.map((r) => r.norms.length));
  const h = Math.max(H, M.top + M.bottom + rows.length * 6);
  const cw = (W - M.left - M.right) / T;
  const ch = (h - M.top - M.bottom) / rows.length;
  const cells: string[] = [];
  rows.forEach((r, j) => {
    const max = Math.max(...r.norms.filter((v) => Number.isFinite(v) && v > 0), 0);
    r.norms.forEach((v, t) => {
      // 0 orders of magnitude below the row max = yellow, 8 or more = dark blue; padding (NaN) grey.
      const orders = Number.isFinite(v) && v > 0 && max > 0 ? Math.min(8, -Math.log10(v / max)) : NaN;
      const fill = Number.isFinite(orders) ? `hsl(${num(60 + (orders / 8) * 180)},80%,${num(55 - orders * 3)}%)` : '#ddd';
      cells.push(`<rect x="${num(M.left + t * cw)}" y="${num(M.top + j * ch)}" width="${num(cw + 0.3)}" height="${num(ch + 0.3)}" fill="${fill}"/>`);
    });
  });
  const x = linear(0, T - 1, M.left, W - M.right);
  const y = linear(0, rows.length, M.top, h - M.bottom);
  // Row labels: the epoch of each probe where it changes, so the y axis reads as epochs.
  const labels = rows.map((r, j) => (j === 0 || r.epoch !== rows[j - 1].epoch
    ? `<text x="${M.left - 4}" y="${num(y(j + 0.5) + 4)}" font-size="10" text-anchor="end"><title>after ${r.batch} batches</title>${r.epoch}</text>` : ''));
  const legend = `<text x="${W - M.right}" y="${M.top - 4}" font-size="10" text-anchor="end">yellow: largest; blue: 8+ orders smaller; grey: padding</text>`;
  return `${svgOpen('Gradient flow: |d loss / d x_t| (orders of magnitude below the largest step)', 'heatmap', W, h)}${cells.join('')}` +
    `${axes(x, linear(0, 1, h - M.bottom, M.top), 'time step t', 'epoch', { yFmt: () => '', xInt: true, w: W, h })}${labels.join('')}${legend}</svg>`;
}

/** Length histogram with the maxlen (truncation) cut-off drawn as a line. */
export function lengthHistogram(s: LengthStats): string {
  if (s.lengths.length === 0) return '';
  const maxLen = Math.max(...s.lengths, s.maxlen ?? 0);
  const bins = Math.min(40, maxLen);
  const width = Math.ceil((maxLen + 1) / bins);
  const counts = new Array<number>(Math.ceil((maxLen + 1) / width)).fill(0);
  for (const l of s.lengths) counts[Math.floor(l / width)]++;
  const x = linear(0, counts.length * width, M.left, W - M.right);
  const y = linear(0, Math.max(...counts), H - M.bottom, M.top);
  const bars = counts.map((c, i) => `<rect x="${num(x(i * width))}" y="${num(y(c))}" width="${num(x(width) - x(0) - 1)}" height="${num(y(0) - y(c))}" fill="#1f77b4"><title>${i * width}-${(i + 1) * width - 1}: ${c}</title></rect>`);
  let cut = '';
  if (s.maxlen !== undefined) {
    cut = `<line class="maxlen" x1="${num(x(s.maxlen))}" y1="${M.top}" x2="${num(x(s.maxlen))}" y2="${H - M.bottom}" stroke="#d62728" stroke-dasharray="4 3"/>` +
      `<text x="${num(x(s.maxlen) - 4)}" y="${M.top + 10}" font-size="10" text-anchor="end" fill="#d62728">maxlen ${s.maxlen}${[s.truncating && `truncating ${s.truncating}`, s.padding && `padding ${s.padding}`].filter(Boolean).map((t) => ` ${t}`).join(',')}</text>`;
  }
  return `${svgOpen('Sequence lengths', 'lengths')}${axes(x, y, 'length (steps)', 'sequences', { xInt: true, yInt: true })}${bars.join('')}${cut}</svg>`;
}

/** Per epoch: samples trained on vs never seen vs duplicated, out of the dataset. */
export function coverageChart(c: CoverageChartData): string {
  if (c.epochs.length === 0) return '';
  const x = linear(0, c.epochs.length, M.left, W - M.right);
  // Bars are labelled with their epoch number under their middle.
  const epochLabels = c.epochs.map((e, i) => `<text x="${num(x(i + 0.5))}" y="${H - M.bottom + 14}" font-size="10" text-anchor="middle">${e.epoch}</text>`);
  const y = linear(0, Math.max(c.totalSamples, ...c.epochs.map((e) => e.seen + e.neverSeen + e.duplicated)), H - M.bottom, M.top);
  const bw = x(1) - x(0) - 4;
  const bars = c.epochs.map((e, i) => {
    const seg = (from: number, n: number, fill: string, label: string) => n <= 0 ? '' :
      `<rect x="${num(x(i) + 2)}" y="${num(y(from + n))}" width="${num(bw)}" height="${num(y(from) - y(from + n))}" fill="${fill}"><title>epoch ${e.epoch}: ${label} ${n}</title></rect>`;
    return seg(0, e.seen, '#2ca02c', 'seen') + seg(e.seen, e.neverSeen, '#d62728', 'never seen') + seg(e.seen + e.neverSeen, e.duplicated, '#ff7f0e', 'duplicated');
  });
  return `${svgOpen(`Epoch coverage (${c.totalSamples} samples): seen, never seen, duplicated`, 'coverage')}` +
    `${axes(x, y, 'epoch', 'samples', { yInt: true, noXTicks: true })}${bars.join('')}${epochLabels.join('')}</svg>`;
}
