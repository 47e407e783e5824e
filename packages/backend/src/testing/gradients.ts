// Gradient checks: a weighted-sum loss over a kernel's outputs and final states, differentiated three ways:
// tfjs autodiff, central differences on the plain Float64 oracle, and central differences on a backend (float32).
import { tf } from '../tfjs.js';
import type { RecurrentKernel, RnnSequenceArgs } from '../recurrent/types.js';
import { seededRandom } from './cases.js';
import { plainRnnSequence, type PlainRnnArgs, type PlainRnnResult } from './plain-rnn.js';

export type Nested = number | Nested[];
export interface LossWeights { outputs: Nested; states: Nested[] }

/** The differentiable arguments present in a case, in a fixed order. */
export function gradientParams(args: { bias?: unknown; initialState: unknown[] }): string[] {
  const names = ['inputs', 'kernel', 'recurrentKernel'];
  if (args.bias !== undefined) names.push('bias');
  args.initialState.forEach((_, i) => names.push(`initialState${i}`));
  return names;
}

function mapLeaves(n: Nested, f: () => number): Nested {
  return Array.isArray(n) ? n.map((c) => mapLeaves(c, f)) : f();
}

export function lossWeightsFor(plain: PlainRnnArgs, seed = 99): LossWeights {
  const rnd = seededRandom(seed);
  const shape = plainRnnSequence(plain);
  const f = () => rnd() * 2 - 1;
  return { outputs: mapLeaves(shape.outputs as Nested, f), states: shape.states.map((s) => mapLeaves(s as Nested, f)) };
}

function dot(a: Nested, b: Nested): number {
  if (typeof a === 'number') return a * (b as number);
  return a.reduce<number>((s, v, i) => s + dot(v, (b as Nested[])[i]), 0);
}

export function plainLoss(plain: PlainRnnArgs, w: LossWeights): number {
  const r: PlainRnnResult = plainRnnSequence(plain);
  return dot(r.outputs as Nested, w.outputs) + r.states.reduce((s, st, i) => s + dot(st as Nested, w.states[i]), 0);
}

function plainParam(plain: PlainRnnArgs, name: string): Nested {
  if (name.startsWith('initialState')) return plain.initialState[Number(name.slice(12))] as Nested;
  return (plain as unknown as Record<string, Nested>)[name];
}

/** Central differences in Float64 on the plain oracle, one gradient per parameter (nested like it). */
export function plainNumericGradients(plain: PlainRnnArgs, w: LossWeights, eps = 1e-6): Record<string, Nested> {
  const out: Record<string, Nested> = {};
  for (const name of gradientParams(plain)) {
    const visit = (n: Nested[]): Nested[] =>
      n.map((v, i) => {
        if (Array.isArray(v)) return visit(v);
        n[i] = v + eps;
        const up = plainLoss(plain, w);
        n[i] = v - eps;
        const down = plainLoss(plain, w);
        n[i] = v;
        return (up - down) / (2 * eps);
      });
    out[name] = visit(plainParam(plain, name) as Nested[]);
  }
  return out;
}

function getTensor(args: RnnSequenceArgs, name: string): tf.Tensor {
  if (name.startsWith('initialState')) return args.initialState[Number(name.slice(12))];
  return (args as unknown as Record<string, tf.Tensor>)[name];
}

function withParams(args: RnnSequenceArgs, names: string[], ts: tf.Tensor[]): RnnSequenceArgs {
  const a: RnnSequenceArgs = { ...args, initialState: [...args.initialState] };
  names.forEach((name, i) => {
    if (name.startsWith('initialState')) a.initialState[Number(name.slice(12))] = ts[i] as tf.Tensor2D;
    else (a as unknown as Record<string, tf.Tensor>)[name] = ts[i];
  });
  return a;
}

function weightedLoss(kernel: RecurrentKernel, args: RnnSequenceArgs, w: LossWeights): tf.Scalar {
  const r = kernel(args);
  let loss = tf.sum(tf.mul(r.outputs, tf.tensor(w.outputs as number[])));
  r.states.forEach((s, i) => {
    loss = tf.add(loss, tf.sum(tf.mul(s, tf.tensor(w.states[i] as number[]))));
  });
  return loss as tf.Scalar;
}

/** tfjs autodiff through `kernel`, as nested arrays. */
export function autodiffGradients(kernel: RecurrentKernel, args: RnnSequenceArgs, w: LossWeights): Record<string, Nested> {
  const names = gradientParams(args);
  return tf.tidy(() => {
    const grads = tf.grads((...ts: tf.Tensor[]) => weightedLoss(kernel, withParams(args, names, ts), w))(names.map((n) => getTensor(args, n)));
    return Object.fromEntries(names.map((n, i) => [n, grads[i].arraySync() as Nested]));
  });
}

/** Central differences of `kernel` itself on the active backend, in float32 (so eps is large). */
export function backendNumericGradients(kernel: RecurrentKernel, args: RnnSequenceArgs, w: LossWeights, eps = 1e-2): Record<string, Nested> {
  const names = gradientParams(args);
  const out: Record<string, Nested> = {};
  names.forEach((name, p) => {
    const base = getTensor(args, name);
    const values = Array.from(base.dataSync());
    const grad = values.map((v, i) => {
      const at = (x: number) =>
        tf.tidy(() => {
          const copy = values.slice();
          copy[i] = x;
          const ts = names.map((n, j) => (j === p ? tf.tensor(copy, base.shape) : getTensor(args, n)));
          return weightedLoss(kernel, withParams(args, names, ts), w).dataSync()[0];
        });
      return (at(v + eps) - at(v - eps)) / (2 * eps);
    });
    out[name] = tf.tidy(() => tf.tensor(grad, base.shape).arraySync() as Nested);
  });
  return out;
}

function flat(n: Nested): number[] {
  return Array.isArray(n) ? n.flatMap(flat) : [n];
}

/** ||a - b|| / max(||a||, ||b||, 1e-3): robust for gradients with entries near zero. */
export function relativeError(a: Nested, b: Nested): number {
  const x = flat(a);
  const y = flat(b);
  if (x.length !== y.length) return Infinity;
  const norm = (v: number[]) => Math.sqrt(v.reduce((s, e) => s + e * e, 0));
  return norm(x.map((v, i) => v - y[i])) / Math.max(norm(x), norm(y), 1e-3);
}
