// Sliding windows over a time series: x = `window` consecutive rows, y = the `horizon` rows after it.
import { InvalidArgumentError } from './errors.js';
import { checkValue } from './sequence-values.js';
import type { RawSample } from './types.js';

export interface WindowConfig {
  window: number;
  /** Steps to predict after each window. Default 1. */
  horizon?: number;
  /** Steps between window starts. Default 1. */
  stride?: number;
  /** Feature columns the targets take. Default every column. */
  targetColumns?: number[];
}

export interface WindowResult {
  /** x: window x F rows; y: horizon x targets, flattened row-major; id: window index. */
  samples: RawSample[];
  /** Trailing steps no window reached because the stride overshot them (never silently ignored). */
  unusedTailSteps: number;
}

/** Series rows are F-vectors; a 1-D series is one feature. */
export function slidingWindows(series: ArrayLike<number> | ArrayLike<ArrayLike<number>>, config: WindowConfig): WindowResult {
  const fn = 'slidingWindows';
  const { window } = config;
  const horizon = config.horizon ?? 1;
  const stride = config.stride ?? 1;
  for (const [k, v, min] of [['window', window, 1], ['horizon', horizon, 0], ['stride', stride, 1]] as const) {
    if (!Number.isInteger(v) || v < min) throw new InvalidArgumentError(fn, k, `an integer >= ${min}`, String(v));
  }
  const T = series.length;
  const rows: number[][] = [];
  for (let t = 0; t < T; t++) {
    const r = series[t];
    const row = typeof r === 'number' ? [r] : Array.from(r as ArrayLike<number>);
    if (t > 0 && row.length !== rows[0].length) {
      throw new InvalidArgumentError(fn, `series[${t}]`, `${rows[0].length} features like series[0]`, `${row.length}`);
    }
    row.forEach((v, f) => checkValue(v, 'float32', { fn, id: t }, t, f));
    rows.push(row);
  }
  const F = rows[0]?.length ?? 0;
  const targets = config.targetColumns ?? Array.from({ length: F }, (_, i) => i);
  for (const c of targets) if (!Number.isInteger(c) || c < 0 || c >= F) throw new InvalidArgumentError(fn, 'targetColumns', `indices in [0, ${F})`, String(c));
  if (T < window + horizon) throw new InvalidArgumentError(fn, 'series', `at least window + horizon = ${window + horizon} steps`, `${T}`);
  const count = Math.floor((T - window - horizon) / stride) + 1;
  const samples: RawSample[] = [];
  for (let k = 0; k < count; k++) {
    const s = k * stride;
    const y: number[] = [];
    for (let h = 0; h < horizon; h++) for (const c of targets) y.push(rows[s + window + h][c]);
    samples.push({ id: k, x: rows.slice(s, s + window), y });
  }
  const lastEnd = (count - 1) * stride + window + horizon;
  return { samples, unusedTailSteps: T - lastEnd };
}
