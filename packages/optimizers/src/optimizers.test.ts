// Every optimizer other than sgd/adam (sgd-adam.test.ts) against its plain-JS reference, 25 steps, within 1e-6.
import { tf } from '@rnnkit/backend';
import { describe, expect, it } from 'vitest';
import { maxDiff, tensorTrajectory } from '../test/harness.js';
import {
  problem, refAdadelta, refAdagrad, refAdam, refAdamax, refNadam, referenceTrajectory, refRmsprop,
} from '../test/reference.js';
import type { RefClip, RefOptimizer } from '../test/reference.js';
import { adadelta } from './adadelta.js';
import { adagrad } from './adagrad.js';
import { adamax } from './adamax.js';
import { adamw } from './adamw.js';
import type { RnnkitOptimizer } from './base-optimizer.js';
import { nadam } from './nadam.js';
import { rmsprop } from './rmsprop.js';
import { cosineDecay, cosineDecayRestarts, inverseTimeDecay, piecewiseConstantDecay } from './schedules.js';
import type { LearningRateSchedule } from './schedules.js';

const STEPS = 25;

interface Case {
  name: string;
  make: () => RnnkitOptimizer;
  ref: () => RefOptimizer;
  lr: number | LearningRateSchedule;
  clip?: RefClip;
  weightDecay?: number;
  scale?: number;
}

const warm = cosineDecay({ initialLearningRate: 0, decaySteps: 15, warmupTarget: 0.05, warmupSteps: 5, alpha: 0.1 });
const restarts = cosineDecayRestarts({ initialLearningRate: 0.05, firstDecaySteps: 4, tMul: 2, mMul: 0.8, alpha: 0.05 });
const piecewise = piecewiseConstantDecay({ boundaries: [5, 12], values: [0.08, 0.03, 0.01] });
const inverse = inverseTimeDecay({ initialLearningRate: 0.05, decaySteps: 3, decayRate: 0.5 });

const CASES: Case[] = [
  { name: 'adamw defaults', make: () => adamw(), ref: () => refAdam(), lr: 0.001, weightDecay: 0.004 },
  { name: 'adamw wd 0.1, lr 0.05, clipnorm 1', make: () => adamw({ learningRate: 0.05, weightDecay: 0.1, clipnorm: 1 }), ref: () => refAdam(), lr: 0.05, weightDecay: 0.1, clip: { clipnorm: 1 } },
  { name: 'adamw amsgrad, cosine warm-up', make: () => adamw({ learningRate: warm, amsgrad: true }), ref: () => refAdam(0.9, 0.999, 1e-7, true), lr: warm, weightDecay: 0.004 },
  { name: 'nadam defaults', make: () => nadam(), ref: () => refNadam(), lr: 0.001 },
  { name: 'nadam lr 0.05, beta1 0.8, beta2 0.95', make: () => nadam({ learningRate: 0.05, beta1: 0.8, beta2: 0.95 }), ref: () => refNadam(0.8, 0.95), lr: 0.05 },
  { name: 'nadam globalClipnorm 0.7, restarts', make: () => nadam({ learningRate: restarts, globalClipnorm: 0.7 }), ref: () => refNadam(), lr: restarts, clip: { globalClipnorm: 0.7 }, scale: 4 },
  { name: 'rmsprop defaults', make: () => rmsprop(), ref: () => refRmsprop(), lr: 0.001 },
  { name: 'rmsprop momentum 0.9, lr 0.01', make: () => rmsprop({ learningRate: 0.01, momentum: 0.9 }), ref: () => refRmsprop(0.9, 0.9), lr: 0.01 },
  { name: 'rmsprop centered, rho 0.8, eps 1e-3', make: () => rmsprop({ learningRate: 0.01, centered: true, rho: 0.8, epsilon: 1e-3 }), ref: () => refRmsprop(0.8, 0, 1e-3, true), lr: 0.01 },
  { name: 'rmsprop centered + momentum, clipvalue 0.5, piecewise', make: () => rmsprop({ learningRate: piecewise, centered: true, momentum: 0.5, clipvalue: 0.5, epsilon: 1e-2 }), ref: () => refRmsprop(0.9, 0.5, 1e-2, true), lr: piecewise, clip: { clipvalue: 0.5 } },
  { name: 'adagrad defaults', make: () => adagrad(), ref: () => refAdagrad(), lr: 0.001 },
  { name: 'adagrad lr 0.1, initial 0.5', make: () => adagrad({ learningRate: 0.1, initialAccumulatorValue: 0.5 }), ref: () => refAdagrad(0.5), lr: 0.1 },
  { name: 'adagrad clipnorm 0.5, inverse time', make: () => adagrad({ learningRate: inverse, clipnorm: 0.5 }), ref: () => refAdagrad(), lr: inverse, clip: { clipnorm: 0.5 }, scale: 3 },
  { name: 'adadelta defaults', make: () => adadelta(), ref: () => refAdadelta(), lr: 0.001 },
  { name: 'adadelta lr 1, rho 0.9, eps 1e-4', make: () => adadelta({ learningRate: 1, rho: 0.9, epsilon: 1e-4 }), ref: () => refAdadelta(0.9, 1e-4), lr: 1 },
  { name: 'adadelta lr 2, globalClipnorm 1', make: () => adadelta({ learningRate: 2, globalClipnorm: 1, epsilon: 1e-3 }), ref: () => refAdadelta(0.95, 1e-3), lr: 2, clip: { globalClipnorm: 1 }, scale: 3 },
  { name: 'adamax defaults', make: () => adamax(), ref: () => refAdamax(), lr: 0.001 },
  { name: 'adamax lr 0.05, beta1 0.7', make: () => adamax({ learningRate: 0.05, beta1: 0.7, beta2: 0.99 }), ref: () => refAdamax(0.7, 0.99), lr: 0.05 },
  { name: 'adamax clipvalue 1, weightDecay 0.05, cosine', make: () => adamax({ learningRate: warm, clipvalue: 1, weightDecay: 0.05 }), ref: () => refAdamax(), lr: warm, clip: { clipvalue: 1 }, weightDecay: 0.05, scale: 5 },
];

describe('trajectories against the plain-JS references (25 steps, 1e-6)', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const p = problem(c.scale ?? 1);
      const before = tf.memory().numTensors;
      const opt = c.make();
      const got = tensorTrajectory(p, opt, STEPS).trajectory;
      opt.dispose();
      expect(tf.memory().numTensors).toBe(before);
      const lr = c.lr;
      const want = referenceTrajectory(p, c.ref(), STEPS, {
        lr: typeof lr === 'number' ? () => lr : (s) => lr.at(s), clip: c.clip, weightDecay: c.weightDecay,
      });
      expect(maxDiff(got, want)).toBeLessThan(1e-6);
    });
  }
});
