// Reading sequences element by element with checks: every value numeric, finite-or-not-NaN, integer for int32,
// every step of a feature-vector sequence the same size. Shared by padSequences and the pipeline's collation.
import { SampleError, describeValue } from './errors.js';
import type { Dtype } from './types.js';

export interface SampleRef {
  fn: string;
  id: number;
  line?: number;
}

/**
 * The feature size of one sequence: 0 for a token sequence (scalars per step), F for a sequence of F-vectors,
 * undefined for an empty sequence (it fits either).
 */
export function featureSizeOf(seq: unknown, ref: SampleRef): number | undefined {
  if (seq === null || typeof seq !== 'object' || typeof (seq as ArrayLike<unknown>).length !== 'number') {
    throw new SampleError(ref.fn, ref.id, ref.line, `expected a sequence (array), got ${describeValue(seq)}`);
  }
  const s = seq as ArrayLike<unknown>;
  if (s.length === 0) return undefined;
  const first = s[0];
  if (typeof first === 'number') return 0;
  if (first !== null && typeof first === 'object' && typeof (first as ArrayLike<unknown>).length === 'number') {
    return (first as ArrayLike<unknown>).length;
  }
  throw new SampleError(ref.fn, ref.id, ref.line, `step 0 must be a number or an array of numbers, got ${describeValue(first)}`);
}

export function checkValue(v: unknown, dtype: Dtype, ref: SampleRef, step: number, feature?: number): number {
  if (typeof v !== 'number' || Number.isNaN(v)) {
    const at = feature === undefined ? `step ${step}` : `step ${step}, feature ${feature}`;
    throw new SampleError(ref.fn, ref.id, ref.line, `${at}: expected a number, got ${describeValue(v)}`);
  }
  if (dtype === 'int32' && (v | 0) !== v) {
    const at = feature === undefined ? `step ${step}` : `step ${step}, feature ${feature}`;
    throw new SampleError(ref.fn, ref.id, ref.line,
      `${at}: dtype 'int32' needs integers in int32 range, got ${v}; pass dtype: 'float32' for real-valued features`);
  }
  return v;
}

/**
 * Copies steps [start, start+count) of `seq` into `out` at element `offset`, checking each value.
 * `features` is 0 for token sequences, F for F-vectors.
 */
export function writeSteps(
  out: Float32Array | Int32Array, offset: number, seq: ArrayLike<unknown>, start: number, count: number,
  features: number, dtype: Dtype, ref: SampleRef,
): void {
  if (features === 0) {
    for (let t = 0; t < count; t++) out[offset + t] = checkValue(seq[start + t], dtype, ref, start + t);
    return;
  }
  for (let t = 0; t < count; t++) {
    const step = seq[start + t] as ArrayLike<unknown> | null;
    if (step === null || typeof step !== 'object' || step.length !== features) {
      const got = step !== null && typeof step === 'object' ? `length ${step.length}` : describeValue(step);
      throw new SampleError(ref.fn, ref.id, ref.line,
        `ragged feature sizes: step ${start + t} must have ${features} features (as earlier steps and samples), got ${got}`);
    }
    const base = offset + t * features;
    for (let f = 0; f < features; f++) out[base + f] = checkValue(step[f], dtype, ref, start + t, f);
  }
}

export function checkFeatureSize(expected: number | undefined, got: number | undefined, ref: SampleRef): void {
  if (expected === undefined || got === undefined || expected === got) return;
  const what = (n: number): string => (n === 0 ? 'a token sequence (one number per step)' : `${n} features per step`);
  throw new SampleError(ref.fn, ref.id, ref.line, `ragged feature sizes: expected ${what(expected)}, got ${what(got)}`);
}
