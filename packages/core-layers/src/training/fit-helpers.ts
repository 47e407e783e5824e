// Small pieces fit, evaluate and fitDataset share: tensor-or-list arguments, a seeded shuffle, class weights, the
// callback list and the once-per-fit NaN warning.
import { tf } from '@rnnkit/backend';
import type { ModelCore } from '../engine/contracts.js';
import { InputError } from '../errors.js';
import type { Callback } from './callbacks.js';

export type TrainableModel = ModelCore & { optimizer?: tf.Optimizer; getWeights(): tf.Tensor[]; setWeights(w: tf.Tensor[]): void };
/** One tensor for a single-input (or single-output) model, a list for several. */
export type TensorOrList = tf.Tensor | tf.Tensor[];
export const asList = (t: TensorOrList): tf.Tensor[] => (Array.isArray(t) ? t : [t]);

/** A small LCG: shuffles are reproducible with `seed`. */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

export function permutation(n: number, next: () => number): Int32Array {
  const p = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}

/** Per-sample weights from a class-weight table: the class is the arg max of one-hot rows, else the rounded label. */
export function classWeights(y: tf.Tensor, table: Record<number, number>): tf.Tensor1D {
  for (const [k, v] of Object.entries(table)) {
    if (!Number.isFinite(v) || v < 0) throw new InputError(`fit: classWeight[${k}] must be a finite number >= 0, got ${v}`);
  }
  return tf.tidy(() => {
    const labels = y.rank > 1 && y.shape[y.rank - 1] > 1 ? tf.argMax(y, -1) : tf.reshape(tf.round(y), [y.shape[0], -1]);
    if (labels.rank > 1 && labels.shape[1] !== 1) throw new InputError(`fit: classWeight needs one class label per sample, but y has shape [${y.shape.join(', ')}]`);
    return tf.tensor1d(Array.from(labels.dataSync(), (c) => table[c] ?? 1));
  });
}

export const callbackList = (c: Callback[] | Callback | undefined): Callback[] => (c === undefined ? [] : Array.isArray(c) ? c : [c]);

/** Warns once per fit about a NaN or infinite loss, with where it happened and what to do. */
export function nanWarner(fn: string): (loss: number, epoch: number, batch: number) => void {
  let warned = false;
  return (loss, epoch, batch) => {
    if (Number.isFinite(loss) || warned) return;
    warned = true;
    console.warn(`${fn}: loss is ${loss} at epoch ${epoch + 1}, batch ${batch + 1} (add terminateOnNaN() to stop there; lower the learning rate or clip gradients with the optimizer's clipnorm)`);
  };
}

export const disposeAll = (ts: (tf.Tensor | null | undefined)[]): void => tf.dispose(ts.filter((t): t is tf.Tensor => !!t));
