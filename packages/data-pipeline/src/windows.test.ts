import { describe, expect, it } from 'vitest';
import { fitStandardizer, fromStats } from './standardize.js';
import { slidingWindows } from './windows.js';
import { trainValidationSplit } from './split.js';

describe('slidingWindows', () => {
  it('x = window rows, y = the horizon rows after it, every stride steps', () => {
    const series = [0, 1, 2, 3, 4, 5, 6, 7];
    const r = slidingWindows(series, { window: 3, horizon: 2, stride: 2 });
    expect(r.samples.map((s) => [s.x, s.y])).toEqual([
      [[[0], [1], [2]], [3, 4]],
      [[[2], [3], [4]], [5, 6]],
    ]);
    expect(r.unusedTailSteps).toBe(1);
  });

  it('multivariate with target columns', () => {
    const r = slidingWindows([[1, 10], [2, 20], [3, 30]], { window: 2, targetColumns: [1] });
    expect(r.samples).toEqual([{ id: 0, x: [[1, 10], [2, 20]], y: [30] }]);
    expect(r.unusedTailSteps).toBe(0);
  });

  it('rejects bad arguments', () => {
    expect(() => slidingWindows([1, 2], { window: 2 })).toThrow("slidingWindows: 'series' must be at least window + horizon = 3 steps, got 2");
    expect(() => slidingWindows([1, 2, 3], { window: 0 })).toThrow("slidingWindows: 'window' must be an integer >= 1, got 0");
    expect(() => slidingWindows([[1, 2], [3]], { window: 1 })).toThrow("slidingWindows: 'series[1]' must be 2 features like series[0], got 1");
  });
});

describe('fitStandardizer', () => {
  it('fits per-feature mean and population std on the training samples only', () => {
    const train = [{ x: [[1, 10], [3, 10]] }, { x: [[5, 10]] }];
    const s = fitStandardizer(train);
    expect(s.mean).toEqual([3, 10]);
    expect(s.std[0]).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(s.constantFeatures).toEqual([1]);
    expect(s.transform({ x: [[3, 12]], y: 1 })).toEqual({ x: [[0, 2]], y: 1 });
    const back = fromStats(JSON.parse(JSON.stringify(s.toJSON())));
    expect(back.transformX([5, 10])).toEqual(s.transformX([5, 10]));
  });

  it('rejects NaN, ragged rows and empty training sets', () => {
    expect(() => fitStandardizer([{ x: [[1, NaN]] }])).toThrow('fitStandardizer: sample 0: feature 1 is not a number: NaN');
    expect(() => fitStandardizer([{ x: [[1, 2]] }, { x: [[1]], id: 4 }])).toThrow('fitStandardizer: sample 4: ragged feature sizes: expected 2, got 1');
    expect(() => fitStandardizer([])).toThrow("fitStandardizer: 'trainSamples' is empty");
  });
});

describe('trainValidationSplit', () => {
  const items = Array.from({ length: 100 }, (_, i) => ({ id: i, label: i < 80 ? 0 : 1, group: Math.floor(i / 10) }));

  it('is seeded, disjoint and complete', () => {
    const a = trainValidationSplit(items, { validationFraction: 0.2, seed: 1 });
    expect(a.validation.length).toBe(20);
    expect([...a.trainIndices, ...a.validationIndices].sort((x, y) => x - y)).toEqual(items.map((_, i) => i));
    expect(trainValidationSplit(items, { validationFraction: 0.2, seed: 1 }).validationIndices).toEqual(a.validationIndices);
    expect(trainValidationSplit(items, { validationFraction: 0.2, seed: 2 }).validationIndices).not.toEqual(a.validationIndices);
  });

  it('stratified keeps label proportions', () => {
    const s = trainValidationSplit(items, { validationFraction: 0.25, seed: 3, stratifyBy: (it) => it.label });
    expect(s.validation.filter((it) => it.label === 0).length).toBe(20);
    expect(s.validation.filter((it) => it.label === 1).length).toBe(5);
  });

  it('grouped keeps each group on one side', () => {
    const s = trainValidationSplit(items, { validationFraction: 0.3, seed: 4, groupBy: (it) => it.group });
    const vGroups = new Set(s.validation.map((it) => it.group));
    expect(s.train.some((it) => vGroups.has(it.group))).toBe(false);
    expect(s.validation.length).toBe(30);
  });

  it('rejects bad arguments', () => {
    expect(() => trainValidationSplit([], { validationFraction: 0.2, seed: 1 })).toThrow("trainValidationSplit: 'items' is empty");
    expect(() => trainValidationSplit(items, { validationFraction: 1, seed: 1 })).toThrow("trainValidationSplit: 'validationFraction' must be a number in (0, 1), got 1");
  });
});
