// Per-feature standardisation, fitted on the training samples only and then applied to every split.
import { EmptyDatasetError, SampleError } from './errors.js';
import type { RawSample } from './types.js';

export interface StandardizerJSON {
  mean: number[];
  std: number[];
  /** Samples and steps it was fitted on. */
  samples: number;
  steps: number;
}

export interface Standardizer extends StandardizerJSON {
  /** Features whose std was 0 in training; they are centred, not scaled. */
  constantFeatures: number[];
  transformX(x: RawSample['x']): number[][] | number[];
  transform<S extends RawSample>(sample: S): S;
  toJSON(): StandardizerJSON;
}

function rowsOf(x: RawSample['x']): ArrayLike<ArrayLike<number>> {
  return x.length > 0 && typeof x[0] === 'number' ? [x as ArrayLike<number>] : (x as ArrayLike<ArrayLike<number>>);
}

/** Fits mean and std per feature over every step of every sample (x as T x F rows, or one F-vector). */
export function fitStandardizer(trainSamples: Iterable<RawSample>): Standardizer {
  const fn = 'fitStandardizer';
  let mean: Float64Array | undefined;
  let m2: Float64Array | undefined;
  let steps = 0;
  let samples = 0;
  for (const s of trainSamples) {
    for (const row of Array.from(rowsOf(s.x))) {
      mean ??= new Float64Array(row.length);
      m2 ??= new Float64Array(row.length);
      if (row.length !== mean.length) throw new SampleError(fn, s.id ?? samples, s.line, `ragged feature sizes: expected ${mean.length}, got ${row.length}`);
      steps++;
      for (let f = 0; f < row.length; f++) {
        const v = row[f];
        if (typeof v !== 'number' || Number.isNaN(v)) throw new SampleError(fn, s.id ?? samples, s.line, `feature ${f} is not a number: ${String(v)}`);
        const d = v - mean[f]; // Welford: stable for long series
        mean[f] += d / steps;
        m2[f] += d * (v - mean[f]);
      }
    }
    samples++;
  }
  if (!mean || !m2 || steps === 0) throw new EmptyDatasetError(fn, "'trainSamples'");
  const std = Array.from(m2, (v) => Math.sqrt(v / steps));
  return fromStats({ mean: Array.from(mean), std, samples, steps });
}

/** Rebuilds a fitted standardizer from its JSON. */
export function fromStats(stats: StandardizerJSON): Standardizer {
  const { mean, std } = stats;
  const constantFeatures = std.flatMap((s, i) => (s === 0 ? [i] : []));
  const scale = std.map((s) => (s === 0 ? 1 : s));
  const row = (r: ArrayLike<number>): number[] => Array.from(r, (v, f) => (v - mean[f]) / scale[f]);
  const transformX = (x: RawSample['x']): number[][] | number[] =>
    x.length > 0 && typeof x[0] === 'number' ? row(x as ArrayLike<number>) : Array.from(x as ArrayLike<ArrayLike<number>>, row);
  return {
    ...stats,
    constantFeatures,
    transformX,
    transform: (s) => ({ ...s, x: transformX(s.x) }),
    toJSON: () => ({ ...stats }),
  };
}
