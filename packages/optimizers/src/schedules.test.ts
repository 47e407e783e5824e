// Schedule values against Keras' formulas worked by hand, and their config round trip.
import { describe, expect, it } from 'vitest';
import {
  cosineDecay, cosineDecayRestarts, exponentialDecay, inverseTimeDecay, piecewiseConstantDecay, scheduleFromConfig,
} from './schedules.js';

describe('schedules', () => {
  it('exponentialDecay, smooth and staircase', () => {
    const s = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 });
    expect(s.at(0)).toBe(0.1);
    expect(s.at(10)).toBeCloseTo(0.05, 15);
    expect(s.at(5)).toBeCloseTo(0.1 * Math.SQRT1_2, 15);
    const st = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase: true });
    expect(st.at(9)).toBe(0.1);
    expect(st.at(25)).toBeCloseTo(0.025, 15);
  });

  it('inverseTimeDecay', () => {
    const s = inverseTimeDecay({ initialLearningRate: 1, decaySteps: 2, decayRate: 0.5 });
    expect(s.at(4)).toBeCloseTo(0.5, 15);
    expect(inverseTimeDecay({ initialLearningRate: 1, decaySteps: 2, decayRate: 1, staircase: true }).at(3)).toBe(0.5);
  });

  it('piecewiseConstantDecay: a boundary step still uses the earlier value (Keras)', () => {
    const s = piecewiseConstantDecay({ boundaries: [10, 20], values: [1, 0.5, 0.1] });
    expect([0, 10, 11, 20, 21, 1000].map((t) => s.at(t))).toEqual([1, 1, 0.5, 0.5, 0.1, 0.1]);
  });

  it('cosineDecay without and with warm-up', () => {
    const s = cosineDecay({ initialLearningRate: 1, decaySteps: 10, alpha: 0.2 });
    expect(s.at(0)).toBe(1);
    expect(s.at(5)).toBeCloseTo(0.6, 15);
    expect(s.at(10)).toBeCloseTo(0.2, 15);
    expect(s.at(50)).toBeCloseTo(0.2, 15);
    const w = cosineDecay({ initialLearningRate: 0, decaySteps: 10, warmupTarget: 1, warmupSteps: 4 });
    expect([0, 1, 2, 4].map((t) => w.at(t))).toEqual([0, 0.25, 0.5, 1]);
    expect(w.at(9)).toBeCloseTo(0.5, 15);
    expect(w.at(14)).toBeCloseTo(0, 15);
  });

  it('cosineDecayRestarts: periods grow by tMul, peaks shrink by mMul', () => {
    const s = cosineDecayRestarts({ initialLearningRate: 1, firstDecaySteps: 4, tMul: 2, mMul: 0.5 });
    expect(s.at(0)).toBe(1);
    expect(s.at(2)).toBeCloseTo(0.5, 12);
    expect(s.at(4)).toBeCloseTo(0.5, 12); // restart 1 (period 8) at half the peak
    expect(s.at(8)).toBeCloseTo(0.25, 12);
    expect(s.at(12)).toBeCloseTo(0.25, 12); // restart 2 (period 16)
    const flat = cosineDecayRestarts({ initialLearningRate: 1, firstDecaySteps: 4, tMul: 1 });
    expect(flat.at(6)).toBeCloseTo(0.5, 12);
  });

  it('round trip through { className, config }, and errors', () => {
    const s = cosineDecay({ initialLearningRate: 0.1, decaySteps: 100, warmupTarget: 1, warmupSteps: 10 });
    const back = scheduleFromConfig(JSON.parse(JSON.stringify({ className: s.className, config: s.getConfig() })));
    for (const t of [0, 5, 10, 60, 200]) expect(back.at(t)).toBe(s.at(t));
    expect(() => piecewiseConstantDecay({ boundaries: [1, 2], values: [1, 2] })).toThrow('piecewiseConstantDecay: values must be an array of length 3 (boundaries.length + 1), got an array of length 2');
    expect(() => piecewiseConstantDecay({ boundaries: [5, 2], values: [1, 2, 3] })).toThrow('piecewiseConstantDecay: boundaries[1] must be greater than boundaries[0] (5), got 2');
    expect(() => exponentialDecay({ initialLearningRate: 0.1, decaySteps: 0, decayRate: 0.5 })).toThrow('exponentialDecay: decaySteps must be a finite number > 0, got 0');
    expect(() => cosineDecay({ initialLearningRate: 0.1, decaySteps: 10, warmupSteps: 5 })).toThrow('cosineDecay: warmupTarget must be a number when warmupSteps > 0 (the rate the warm-up reaches), got undefined');
    expect(() => scheduleFromConfig({ className: 'Linear' as never, config: {} })).toThrow("scheduleFromConfig: className must be one of ExponentialDecay, InverseTimeDecay, PiecewiseConstantDecay, CosineDecay, CosineDecayRestarts, got 'Linear'");
  });
});
