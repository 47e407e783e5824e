import { describe, expect, it } from 'vitest';
import { checkLearningRateTooHigh } from './learning-rate-too-high.js';
import { checkLearningRateTooLow } from './learning-rate-too-low.js';
import { checkLossPlateau } from './loss-plateau.js';
import { lossSeries } from './loss-series.js';
import { checkOverfitting } from './overfitting.js';

const series = (xs: number[]) => lossSeries('test', 'loss', xs, 'batch');
// A healthy curve: fast exponential drop to a floor, with mild deterministic batch noise.
const healthy = Array.from({ length: 100 }, (_, i) => 0.1 + 0.6 * Math.exp(-i / 15) + 0.03 * Math.sin(i * 2.3));
const all = (xs: number[]) => [
  ...checkLearningRateTooHigh(series(xs)), ...checkLearningRateTooLow(series(xs)), ...checkLossPlateau(series(xs)),
];

describe('loss-curve checks', () => {
  it('report nothing on a healthy curve', () => {
    expect(all(healthy)).toEqual([]);
  });

  it('LEARNING_RATE_TOO_HIGH on a diverging curve (error)', () => {
    const xs = Array.from({ length: 40 }, (_, i) => 0.7 * 1.1 ** i);
    const f = checkLearningRateTooHigh(series(xs), { learningRate: 1 });
    expect(f.map((x) => [x.code, x.severity])).toEqual([['LEARNING_RATE_TOO_HIGH', 'error']]);
    expect(f[0].evidence.diverged).toBe(true);
    expect(f[0].message).toContain('learning rate 1');
    expect(f[0].fixes[0].snippet).toContain('adam({ learningRate: 0.001, clipnorm: 1 })');
  });

  it('LEARNING_RATE_TOO_HIGH on a curve that oscillates wildly without progress', () => {
    const xs = Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? 0.2 : 2.5));
    const f = checkLearningRateTooHigh(series(xs));
    expect(f).toHaveLength(1);
    expect(f[0].evidence.oscillating).toBe(true);
  });

  it('LEARNING_RATE_TOO_HIGH when the loss climbs tenfold and then goes NaN', () => {
    const xs = [1, 0.8, 0.7, 0.9, 3, 20, 300, NaN, NaN];
    const f = checkLearningRateTooHigh(series(xs));
    expect(f[0].evidence.blewUp).toBe(true);
    expect(f[0].severity).toBe('error');
  });

  it('a NaN from bad data on a falling curve is not blamed on the learning rate', () => {
    expect(checkLearningRateTooHigh(series([1, 0.9, 0.8, 0.7, 0.6, 0.55, NaN]))).toEqual([]);
  });

  it('LOSS_PLATEAU on a flat noisy curve, and against a baseline', () => {
    const flat = Array.from({ length: 50 }, (_, i) => 0.17 + 0.01 * Math.sin(i));
    expect(checkLossPlateau(series(flat)).map((f) => f.code)).toEqual(['LOSS_PLATEAU']);
    const slightlyBetter = Array.from({ length: 50 }, (_, i) => 0.2 - 0.0006 * i);
    expect(checkLossPlateau(series(slightlyBetter), { baselineLoss: 0.18 })).toHaveLength(1);
    expect(checkLossPlateau(series(slightlyBetter), { baselineLoss: 0.5 })).toEqual([]);
  });

  it('LEARNING_RATE_TOO_LOW on a slow straight descent but not on a converging one', () => {
    const slow = Array.from({ length: 100 }, (_, i) => 0.7 - 0.0008 * i);
    const f = checkLearningRateTooLow(series(slow), { learningRate: 1e-5 });
    expect(f.map((x) => x.code)).toEqual(['LEARNING_RATE_TOO_LOW']);
    expect(f[0].fixes[0].snippet).toContain('learningRate: 0.0001');
    expect(checkLearningRateTooLow(series(healthy))).toEqual([]);
  });

  it('OVERFITTING when validation rises while training falls', () => {
    const loss = [1, 0.8, 0.6, 0.5, 0.4, 0.3, 0.2];
    const val = [1, 0.85, 0.7, 0.72, 0.8, 0.9, 1.0];
    const f = checkOverfitting(loss, val);
    expect(f[0].evidence).toMatchObject({ bestEpoch: 2, bestValLoss: 0.7, lastValLoss: 1 });
    expect(checkOverfitting(loss, [1, 0.8, 0.6, 0.5, 0.45, 0.4, 0.38])).toEqual([]);
  });

  it('names the argument when the loss is not an array of numbers', () => {
    expect(() => lossSeries('diagnose', 'history.loss', 'x', 'epoch')).toThrow("diagnose: 'history.loss' must be an array of numbers, got string \"x\"");
    expect(() => lossSeries('diagnose', 'history.loss', [1, '2'], 'epoch')).toThrow("'history.loss[1]' must be a number");
  });
});

describe('LEARNING_RATE_TOO_HIGH unstable', () => {
  it('a loss thrown back above its untrained value again and again, without progress, is a step too large', () => {
    const xs = [0.7, 1.72, 1.81, 0.64, 0.75, 0.83, 0.78, 0.78, 0.73, 0.65, 0.57, 0.75, 0.81, 0.77, 0.62, 0.54, 0.65, 0.85, 1, 0.76, 0.68, 0.98, 1.11, 0.47, 0.53, 0.7, 0.77, 0.7, 0.97, 0.71, 0.69, 0.61];
    const f = checkLearningRateTooHigh(series(xs));
    expect(f[0].evidence).toMatchObject({ unstable: true, batchesAboveInitial: 6 });
    expect(f[0].severity).toBe('warning');
    // The same swings on a curve that ends well below its start are noise, not instability.
    expect(checkLearningRateTooHigh(series(xs.map((v, i) => (i < 3 ? v : v * 0.4))))).toEqual([]);
  });
});

describe('LEARNING_RATE_TOO_HIGH spikes', () => {
  it('an early jump far above the loss before any update is a spike, a noisy healthy start is not', () => {
    const jump = [0.69, 2.7, 2.9, 1.8, 0.69, 1.7, 1.2, 0.54, 0.68, 0.85, 0.71, 0.8, 0.59, 0.64, 0.7, 0.74, 0.62, 0.64, 0.56, 0.77];
    expect(checkLearningRateTooHigh(series(jump))[0].evidence).toMatchObject({ spiked: true, peakLoss: 2.9 });
    const noisy = [0.69, 0.75, 0.66, 0.7, 0.62, 0.65, 0.58, 0.6, 0.55, 0.5, 0.52, 0.47, 0.45, 0.44, 0.4, 0.42, 0.38, 0.36, 0.37, 0.33];
    expect(checkLearningRateTooHigh(series(noisy))).toEqual([]);
  });
});
