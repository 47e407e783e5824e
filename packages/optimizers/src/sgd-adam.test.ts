import { tf } from '@rnnkit/backend';
import { describe, expect, it } from 'vitest';
import { maxDiff, tensorTrajectory } from '../test/harness.js';
import { problem, referenceTrajectory, refAdam, refSgd } from '../test/reference.js';
import { adam } from './adam.js';
import { exponentialDecay } from './schedules.js';
import { sgd } from './sgd.js';

const STEPS = 25;

describe('sgd against the plain-JS reference', () => {
  const cases = [
    { name: 'plain', cfg: { learningRate: 0.01 }, ref: () => refSgd(), clip: {} },
    { name: 'momentum 0.9', cfg: { learningRate: 0.01, momentum: 0.9 }, ref: () => refSgd(0.9), clip: {} },
    { name: 'nesterov, clipnorm 1', cfg: { learningRate: 0.02, momentum: 0.5, nesterov: true, clipnorm: 1 }, ref: () => refSgd(0.5, true), clip: { clipnorm: 1 } },
    { name: 'globalClipnorm 0.5', cfg: { learningRate: 0.05, globalClipnorm: 0.5 }, ref: () => refSgd(), clip: { globalClipnorm: 0.5 } },
    { name: 'clipvalue 0.3, weight decay', cfg: { learningRate: 0.05, clipvalue: 0.3, weightDecay: 0.1 }, ref: () => refSgd(), clip: { clipvalue: 0.3 }, wd: 0.1 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const p = problem();
      const before = tf.memory().numTensors;
      const opt = sgd(c.cfg);
      const got = tensorTrajectory(p, opt, STEPS).trajectory;
      opt.dispose();
      expect(tf.memory().numTensors).toBe(before);
      const want = referenceTrajectory(p, c.ref(), STEPS, { lr: () => c.cfg.learningRate, clip: c.clip, weightDecay: c.wd });
      expect(maxDiff(got, want)).toBeLessThan(1e-6);
    });
  }
  it('momentum with a schedule (Keras velocity form: differs from tfjs momentum once the rate changes)', () => {
    const p = problem();
    const schedule = exponentialDecay({ initialLearningRate: 0.02, decaySteps: 5, decayRate: 0.5 });
    const opt = sgd({ learningRate: schedule, momentum: 0.8 });
    const got = tensorTrajectory(p, opt, STEPS).trajectory;
    opt.dispose();
    const want = referenceTrajectory(p, refSgd(0.8), STEPS, { lr: (s) => schedule.at(s) });
    expect(maxDiff(got, want)).toBeLessThan(1e-6);
  });
});

describe('adam against the plain-JS reference', () => {
  const cases = [
    { name: 'defaults', cfg: {}, ref: () => refAdam(), lr: 0.001, clip: {} },
    { name: 'lr 0.05, beta1 0.5, beta2 0.9', cfg: { learningRate: 0.05, beta1: 0.5, beta2: 0.9 }, ref: () => refAdam(0.5, 0.9), lr: 0.05, clip: {} },
    { name: 'amsgrad, epsilon 1e-3, clipnorm 2', cfg: { learningRate: 0.1, amsgrad: true, epsilon: 1e-3, clipnorm: 2 }, ref: () => refAdam(0.9, 0.999, 1e-3, true), lr: 0.1, clip: { clipnorm: 2 } },
    { name: 'globalClipnorm 1', cfg: { learningRate: 0.03, globalClipnorm: 1 }, ref: () => refAdam(), lr: 0.03, clip: { globalClipnorm: 1 } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const p = problem();
      const before = tf.memory().numTensors;
      const opt = adam(c.cfg);
      const got = tensorTrajectory(p, opt, STEPS).trajectory;
      opt.dispose();
      expect(tf.memory().numTensors).toBe(before);
      const want = referenceTrajectory(p, c.ref(), STEPS, { lr: () => c.lr, clip: c.clip });
      expect(maxDiff(got, want)).toBeLessThan(1e-6);
    });
  }
  it('with a schedule and clipping', () => {
    const p = problem(5);
    const schedule = exponentialDecay({ initialLearningRate: 0.05, decaySteps: 4, decayRate: 0.7, staircase: true });
    const opt = adam({ learningRate: schedule, clipnorm: 1.5 });
    const got = tensorTrajectory(p, opt, STEPS).trajectory;
    opt.dispose();
    const want = referenceTrajectory(p, refAdam(), STEPS, { lr: (s) => schedule.at(s), clip: { clipnorm: 1.5 } });
    expect(maxDiff(got, want)).toBeLessThan(1e-6);
  });
});
