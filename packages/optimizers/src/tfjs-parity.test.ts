// Against tfjs-core's own optimizers on the same problem: equal where the formulas agree, and the documented
// difference (Adam's epsilon placement) shown where they do not.
import { tf } from '@rnnkit/backend';
import { describe, expect, it } from 'vitest';
import { maxDiff, tensorTrajectory } from '../test/harness.js';
import { problem } from '../test/reference.js';
import { adadelta } from './adadelta.js';
import { adagrad } from './adagrad.js';
import { adam } from './adam.js';
import { adamax } from './adamax.js';
import { rmsprop } from './rmsprop.js';
import { sgd } from './sgd.js';

const STEPS = 25;

function both(ours: tf.Optimizer, theirs: tf.Optimizer, scale = 1): number {
  const p = problem(scale);
  const a = tensorTrajectory(p, ours, STEPS).trajectory;
  const b = tensorTrajectory(p, theirs, STEPS).trajectory;
  ours.dispose(); theirs.dispose();
  return maxDiff(a, b);
}

describe('same results as tfjs-core where the formulas agree', () => {
  it('sgd = tf.train.sgd', () => expect(both(sgd({ learningRate: 0.05 }), tf.train.sgd(0.05))).toBeLessThan(1e-6));
  it('sgd momentum (constant rate) = tf.train.momentum', () => expect(both(sgd({ learningRate: 0.02, momentum: 0.9 }), tf.train.momentum(0.02, 0.9))).toBeLessThan(1e-6));
  it('sgd nesterov = tf.train.momentum(useNesterov)', () => expect(both(sgd({ learningRate: 0.02, momentum: 0.8, nesterov: true }), tf.train.momentum(0.02, 0.8, true))).toBeLessThan(1e-6));
  it('rmsprop + momentum = tf.train.rmsprop (not centered)', () => expect(both(rmsprop({ learningRate: 0.01, rho: 0.8, momentum: 0.5, epsilon: 1e-3 }), tf.train.rmsprop(0.01, 0.8, 0.5, 1e-3))).toBeLessThan(1e-6));
  it('adagrad = tf.train.adagrad (same 0.1 initial accumulator)', () => expect(both(adagrad({ learningRate: 0.1 }), tf.train.adagrad(0.1))).toBeLessThan(1e-6));
  it('adamax = tf.train.adamax', () => expect(both(adamax({ learningRate: 0.02 }), tf.train.adamax(0.02, 0.9, 0.999, 1e-7))).toBeLessThan(1e-6));
  // Same formula with epsilon 0; float32 rounding differs (Keras folds the bias corrections into one factor).
  it('adam with epsilon 0 = tf.train.adam with epsilon 0', () => expect(both(adam({ learningRate: 0.02, epsilon: 0 }), tf.train.adam(0.02, 0.9, 0.999, 0))).toBeLessThan(1e-5));
});

describe('documented differences', () => {
  it('adam: Keras adds epsilon before the bias correction, tfjs after (visible with a large epsilon, small gradients)', () => {
    const d = both(adam({ learningRate: 0.02, epsilon: 1e-2 }), tf.train.adam(0.02, 0.9, 0.999, 1e-2), 0.01);
    expect(d).toBeGreaterThan(1e-3);
  });
  it('rmsprop centered: tfjs subtracts epsilon under the square root (sqrt(ms - mg^2 - eps)), Keras adds it', () => {
    const ours = rmsprop({ learningRate: 0.01, rho: 0.8, centered: true, epsilon: 1e-3 });
    const theirs = tf.train.rmsprop(0.01, 0.8, 0, 1e-3, true);
    const p = problem();
    const a = tensorTrajectory(p, ours, 1).trajectory[0]!;
    const b = tensorTrajectory(p, theirs, 1).trajectory[0]!;
    ours.dispose(); theirs.dispose();
    // Step 1: ms - mg^2 = 0.16 g^2, so Keras moves each weight by lr * g / sqrt(0.16 g^2 + eps); tfjs by lr * g / sqrt(0.16 g^2 - eps).
    const g0 = 2 * p.a[0]![0]! * (p.init[0]![0]! - p.c[0]![0]!) + 4 * p.q * p.init[0]![0]! ** 3;
    expect(a[0]![0]).toBeCloseTo(p.init[0]![0]! - (0.01 * g0) / Math.sqrt(0.16 * g0 * g0 + 1e-3), 6);
    expect(b[0]![0]).toBeCloseTo(p.init[0]![0]! - (0.01 * g0) / Math.sqrt(0.16 * g0 * g0 - 1e-3), 6);
  });
  it('adadelta: tfjs scales by the previous step\'s gradient accumulator, so its first update is lr * g', () => {
    const ours = adadelta({ learningRate: 1, rho: 0.95, epsilon: 1e-6 });
    const theirs = tf.train.adadelta(1, 0.95, 1e-6);
    const p = problem();
    const a = tensorTrajectory(p, ours, 1).trajectory[0]!;
    const b = tensorTrajectory(p, theirs, 1).trajectory[0]!;
    ours.dispose(); theirs.dispose();
    const g0 = 2 * p.a[0]![0]! * (p.init[0]![0]! - p.c[0]![0]!) + 4 * p.q * p.init[0]![0]! ** 3;
    expect(b[0]![0]).toBeCloseTo(p.init[0]![0]! - g0, 6);
    expect(a[0]![0]).toBeCloseTo(p.init[0]![0]! - (Math.sqrt(1e-6) / Math.sqrt(0.05 * g0 * g0 + 1e-6)) * g0, 6);
  });
  it('sgd momentum with a changing rate: Keras velocity (rnnkit) vs tfjs accumulator', () => {
    const ours = sgd({ learningRate: 0.05, momentum: 0.9 });
    const theirs = tf.train.momentum(0.05, 0.9);
    const p = problem();
    const a = tensorTrajectory(p, ours, 3, true);
    const b = tensorTrajectory(p, theirs, 3, true);
    ours.setLearningRate(0.01);
    theirs.setLearningRate(0.01);
    const a2 = tensorTrajectory(p, ours, 3, false, a.variables).trajectory;
    const b2 = tensorTrajectory(p, theirs, 3, false, b.variables).trajectory;
    expect(maxDiff(a.trajectory, b.trajectory)).toBeLessThan(1e-6);
    expect(maxDiff(a2, b2)).toBeGreaterThan(1e-3);
    ours.dispose(); theirs.dispose();
  });
});
