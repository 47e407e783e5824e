// Runs a tensor optimizer on the reference problem through tfjs' minimize(), one trajectory entry per step.
import { tf } from '@rnnkit/backend';
import { expect } from 'vitest';
import type { Params, Problem } from './reference.js';

let counter = 0;

export interface TensorRun { trajectory: Params[]; variables: tf.Variable[] }

export function makeVariables(p: Problem): tf.Variable[] {
  counter += 1;
  return p.init.map((v, k) => tf.tidy(() => tf.variable(tf.tensor(v), true, `opt-test-${counter}-w${k}`)));
}

export function lossOf(p: Problem, vars: tf.Variable[]): tf.Scalar {
  return tf.tidy(() => {
    const terms = vars.map((w, k) => {
      const d = tf.sub(w, tf.tensor(p.c[k]!));
      return tf.add(tf.sum(tf.mul(tf.tensor(p.a[k]!), tf.square(d))), tf.mul(p.q, tf.sum(tf.pow(w, 4))));
    });
    return tf.addN(terms) as tf.Scalar;
  });
}

/** Steps the optimizer `steps` times; the variables are disposed unless `keep`. */
export function tensorTrajectory(p: Problem, opt: tf.Optimizer, steps: number, keep = false, vars = makeVariables(p)): TensorRun {
  const trajectory: Params[] = [];
  for (let s = 0; s < steps; s++) {
    opt.minimize(() => lossOf(p, vars), false, vars);
    trajectory.push(vars.map((v) => Array.from(v.dataSync())));
  }
  if (!keep) vars.forEach((v) => v.dispose());
  return { trajectory, variables: keep ? vars : [] };
}

/** Largest absolute difference over every step and element. */
export function maxDiff(a: Params[], b: Params[]): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  a.forEach((pa, s) => pa.forEach((v, k) => v.forEach((x, i) => { d = Math.max(d, Math.abs(x - b[s]![k]![i]!)); })));
  return d;
}
