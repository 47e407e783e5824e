// Deterministic small recurrent cases, as plain arrays (for the Float64 oracle) and as tensors (for kernels).
import { tf } from '../tfjs.js';
import type { ActivationName, CellKind, RnnSequenceArgs } from '../recurrent/types.js';
import type { Matrix, PlainRnnArgs } from './plain-rnn.js';

/** mulberry32: a tiny seeded generator, so every run and every backend sees the same numbers. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CaseOptions {
  cell: CellKind;
  batch?: number;
  time?: number;
  features?: number;
  units?: number;
  seed?: number;
  /** 'right': per-sample lengths, padding at the end; 'holes': also a masked step in the middle. */
  mask?: 'none' | 'right' | 'holes';
  goBackwards?: boolean;
  returnSequences?: boolean;
  zeroOutputForMask?: boolean;
  resetAfter?: boolean;
  bias?: boolean;
  dropout?: boolean;
  activation?: ActivationName;
  recurrentActivation?: ActivationName;
}

const GATES: Record<CellKind, number> = { simpleRNN: 1, lstm: 4, gru: 3 };

export function makeCase(o: CaseOptions): PlainRnnArgs {
  const { cell, batch = 2, time = 4, features = 3, units = 2, seed = 1 } = o;
  const rnd = seededRandom(seed);
  const mat = (r: number, c: number, scale = 1): Matrix => Array.from({ length: r }, () => Array.from({ length: c }, () => (rnd() * 2 - 1) * scale));
  const g = GATES[cell] * units;
  const a: PlainRnnArgs = {
    cell,
    inputs: Array.from({ length: batch }, () => mat(time, features)),
    kernel: mat(features, g, 0.8),
    recurrentKernel: mat(units, g, 0.8),
    initialState: Array.from({ length: cell === 'lstm' ? 2 : 1 }, () => mat(batch, units, 0.5)),
  };
  if (cell === 'gru') a.resetAfter = o.resetAfter ?? true;
  if (o.bias !== false) a.bias = cell === 'gru' && a.resetAfter ? mat(2, g, 0.3) : mat(1, g, 0.3)[0];
  if (o.mask && o.mask !== 'none') a.mask = makeMask(batch, time, o.mask);
  if (o.dropout) {
    const keep = (r: number, c: number) => Array.from({ length: r }, () => Array.from({ length: c }, () => (rnd() < 0.3 ? 0 : 1 / 0.7)));
    a.inputDropoutMask = keep(batch, features);
    a.recurrentDropoutMask = keep(batch, units);
  }
  for (const key of ['goBackwards', 'returnSequences', 'zeroOutputForMask', 'activation', 'recurrentActivation'] as const) {
    if (o[key] !== undefined) (a as unknown as Record<string, unknown>)[key] = o[key];
  }
  return a;
}

/** Sample b has length time - b (at least 1); 'holes' also masks step 1 of sample 0. */
function makeMask(batch: number, time: number, kind: 'right' | 'holes'): Matrix {
  const m = Array.from({ length: batch }, (_, b) => Array.from({ length: time }, (_, t) => (t < Math.max(1, time - b) ? 1 : 0)));
  if (kind === 'holes' && time > 2) m[0][1] = 0;
  return m;
}

/** The same case as tensors; the caller disposes them (disposeArgs). */
export function toTensorArgs(a: PlainRnnArgs): RnnSequenceArgs {
  const t: RnnSequenceArgs = {
    cell: a.cell,
    inputs: tf.tensor3d(a.inputs),
    kernel: tf.tensor2d(a.kernel),
    recurrentKernel: tf.tensor2d(a.recurrentKernel),
    initialState: a.initialState.map((s) => tf.tensor2d(s)),
  };
  if (a.bias) t.bias = Array.isArray(a.bias[0]) ? tf.tensor2d(a.bias as Matrix) : tf.tensor1d(a.bias as number[]);
  if (a.mask) t.mask = tf.tensor2d(a.mask);
  if (a.inputDropoutMask) t.inputDropoutMask = tf.tensor2d(a.inputDropoutMask);
  if (a.recurrentDropoutMask) t.recurrentDropoutMask = tf.tensor2d(a.recurrentDropoutMask);
  for (const key of ['goBackwards', 'returnSequences', 'zeroOutputForMask', 'activation', 'recurrentActivation', 'resetAfter'] as const) {
    if (a[key] !== undefined) (t as unknown as Record<string, unknown>)[key] = a[key];
  }
  return t;
}

export function disposeArgs(args: RnnSequenceArgs): void {
  const all = [args.inputs, args.kernel, args.recurrentKernel, args.bias, args.mask, args.inputDropoutMask, args.recurrentDropoutMask, ...args.initialState];
  for (const t of all) t?.dispose();
}

/** Largest absolute difference between nested number arrays of the same shape (Infinity if the shapes differ). */
export function maxAbsDiff(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) || Number.isNaN(b) ? Infinity : Math.abs(a - b);
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, maxAbsDiff(a[i], b[i]));
  return m;
}
