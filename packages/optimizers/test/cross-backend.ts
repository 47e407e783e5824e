// One run of every optimizer (with clipping and a schedule somewhere) on whatever tfjs backend is active, for
// comparing backends with each other and with the float64 references. Shared by the Node and Chromium suites.
import { tf } from '@rnnkit/backend';
import {
  adadelta, adagrad, adam, adamax, adamw, cosineDecay, nadam, rmsprop, sgd,
} from '../src/index.js';
import type { RnnkitOptimizer } from '../src/index.js';
import { tensorTrajectory } from './harness.js';
import {
  problem, refAdadelta, refAdagrad, refAdam, refAdamax, refNadam, referenceTrajectory, refRmsprop, refSgd,
} from './reference.js';
import type { Params, RefClip, RefOptimizer } from './reference.js';

export const CROSS_STEPS = 20;

interface CrossCase { name: string; make: () => RnnkitOptimizer; ref: () => RefOptimizer; lr: (s: number) => number; clip?: RefClip; wd?: number }

const warm = cosineDecay({ initialLearningRate: 0.001, decaySteps: 10, warmupTarget: 0.03, warmupSteps: 4 });

export const CROSS_CASES: CrossCase[] = [
  { name: 'sgd nesterov clipnorm', make: () => sgd({ learningRate: 0.02, momentum: 0.9, nesterov: true, clipnorm: 1 }), ref: () => refSgd(0.9, true), lr: () => 0.02, clip: { clipnorm: 1 } },
  { name: 'adam globalClipnorm + warm-up', make: () => adam({ learningRate: warm, globalClipnorm: 1 }), ref: () => refAdam(), lr: (s) => warm.at(s), clip: { globalClipnorm: 1 } },
  { name: 'adamw amsgrad', make: () => adamw({ learningRate: 0.02, weightDecay: 0.05, amsgrad: true }), ref: () => refAdam(0.9, 0.999, 1e-7, true), lr: () => 0.02, wd: 0.05 },
  { name: 'nadam', make: () => nadam({ learningRate: 0.02 }), ref: () => refNadam(), lr: () => 0.02 },
  { name: 'rmsprop centered momentum clipvalue', make: () => rmsprop({ learningRate: 0.01, centered: true, momentum: 0.5, clipvalue: 0.5, epsilon: 1e-3 }), ref: () => refRmsprop(0.9, 0.5, 1e-3, true), lr: () => 0.01, clip: { clipvalue: 0.5 } },
  { name: 'adagrad', make: () => adagrad({ learningRate: 0.1 }), ref: () => refAdagrad(), lr: () => 0.1 },
  { name: 'adadelta', make: () => adadelta({ learningRate: 1, epsilon: 1e-4 }), ref: () => refAdadelta(0.95, 1e-4), lr: () => 1 },
  { name: 'adamax', make: () => adamax({ learningRate: 0.02 }), ref: () => refAdamax(), lr: () => 0.02 },
];

export interface CrossResult { name: string; trajectory: Params[]; reference: Params[]; leaked: number; stateAfterDispose: number }

/** Runs every case on the active backend; `leaked` counts tensors left after the optimizer and variables are disposed. */
export function runCrossCases(): CrossResult[] {
  return CROSS_CASES.map((c) => {
    const p = problem(2);
    const before = tf.memory().numTensors;
    const opt = c.make();
    const trajectory = tensorTrajectory(p, opt, CROSS_STEPS).trajectory;
    opt.dispose();
    const leaked = tf.memory().numTensors - before;
    const reference = referenceTrajectory(p, c.ref(), CROSS_STEPS, { lr: c.lr, clip: c.clip, weightDecay: c.wd });
    return { name: c.name, trajectory, reference, leaked, stateAfterDispose: opt.stateTensorCount };
  });
}
