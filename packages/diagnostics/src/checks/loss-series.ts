// The loss series the optimisation checks read: per batch when recorded, else per epoch; finite prefix only.
import { InvalidEvidenceError, describeValue } from '../errors.js';
import { median } from '../stats.js';

export interface LossSeries {
  values: number[];
  unit: 'batch' | 'epoch';
  /** Values before the first non-finite one (non-finite losses are NON_FINITE's business). */
  finite: number[];
}

export function lossSeries(fn: string, arg: string, loss: unknown, unit: 'batch' | 'epoch'): LossSeries {
  if (!Array.isArray(loss) && !ArrayBuffer.isView(loss)) throw new InvalidEvidenceError(fn, arg, 'an array of numbers', describeValue(loss));
  const values = Array.from(loss as ArrayLike<number>);
  for (let i = 0; i < values.length; i++) {
    if (typeof values[i] !== 'number') throw new InvalidEvidenceError(fn, `${arg}[${i}]`, 'a number', describeValue(values[i]));
  }
  const cut = values.findIndex((v) => !Number.isFinite(v));
  return { values, unit, finite: cut < 0 ? values : values.slice(0, cut) };
}

/** Window size used to summarise the start and the end of a curve. */
export function edgeWindow(n: number): number {
  return Math.max(2, Math.ceil(n / 10));
}

/** Medians of the first and the last window of a series. */
export function headTail(xs: number[]): { head: number; tail: number; w: number } {
  const w = edgeWindow(xs.length);
  return { head: median(xs.slice(0, w)), tail: median(xs.slice(-w)), w };
}
