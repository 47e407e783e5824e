import { describe, expect, it } from 'vitest';
import type { CoverageReport, EpochCoverage } from '@rnnkit/data-pipeline';
import { checkOrderNotShuffled, labelRunsRatio } from './order-not-shuffled.js';
import { checkPaddingNotMasked } from './padding-not-masked.js';
import { checkSamplesDropped } from './samples-dropped.js';
import { checkSamplesDuplicated } from './samples-duplicated.js';
import { budgetFromLengths, checkPaddingDominates, checkTruncation } from './sequence-lengths.js';
import { checkUnscaledInputs } from './unscaled-inputs.js';
import { checkValidationSplitBiased, labelDistance } from './validation-split-biased.js';

function epoch(e: number, over: Partial<EpochCoverage>): EpochCoverage {
  return { epoch: e, complete: true, batches: 3, yielded: 10, seen: 10, neverSeen: [], seenTwice: [], droppedByFilter: [], droppedByRemainder: [],
    truncated: { samples: 0, stepsCut: 0, ids: [] }, padding: { realSteps: 0, paddedSteps: 0, fraction: 0 }, batchSizes: [4, 4, 2], ...over };
}
const coverage = (epochs: EpochCoverage[]): CoverageReport => ({
  totalSamples: 10, epochs, pipeline: { shuffle: { kind: 'none' }, remainder: 'drop', filter: false, batchSize: 4 }, warnings: [],
});
// A deterministic "random" permutation (LCG) for orders that should look shuffled.
function scrambled(n: number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  let s = 12345;
  for (let i = n - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

describe('coverage checks', () => {
  it('SAMPLES_DROPPED names the remainder policy and the ids never trained on', () => {
    const c = coverage([0, 1].map((e) => epoch(e, { seen: 8, yielded: 8, neverSeen: [8, 9], droppedByRemainder: [8, 9], batchSizes: [4, 4] })));
    const f = checkSamplesDropped(c);
    expect(f[0].severity).toBe('error');
    expect(f[0].evidence).toMatchObject({ neverSeenInAnyEpoch: 2, exampleIds: [8, 9] });
    expect(f[0].message).toContain("remainder: 'drop'");
    expect(f[0].fixes[0].snippet).toContain("remainder: 'keep'");
    expect(checkSamplesDropped(coverage([epoch(0, {})]))).toEqual([]);
  });

  it('SAMPLES_DROPPED from counted epochs, and an epoch cut short', () => {
    expect(checkSamplesDropped(undefined, { datasetSize: 100, seenPerEpoch: [96, 96] })[0].evidence.shortEpochs).toEqual([
      { epoch: 0, seen: 96, missing: 4 }, { epoch: 1, seen: 96, missing: 4 }]);
    const cut = checkSamplesDropped(coverage([epoch(0, { complete: false, seen: 4, neverSeen: [4, 5, 6, 7, 8, 9] })]));
    expect(cut[0].message).toContain('stepsPerEpoch');
  });

  it('SAMPLES_DUPLICATED', () => {
    const f = checkSamplesDuplicated(coverage([epoch(0, { seenTwice: [3] })]));
    expect(f[0].evidence.perEpoch).toEqual([{ epoch: 0, duplicated: 1, yielded: 10, seen: 10, exampleIds: [3] }]);
  });

  it('TRUNCATION_LOSES_DATA and PADDING_DOMINATES from lengths', () => {
    const lengths = [...Array(90).fill(10), ...Array(10).fill(200)];
    const b = budgetFromLengths({ lengths, maxlen: 50, truncating: 'post' });
    expect(b).toMatchObject({ stepsCut: 1500, truncatedSamples: 10, realSteps: 1400, paddedSteps: 3600 });
    const t = checkTruncation(b);
    expect(t[0].severity).toBe('error');
    expect(t[0].message).toContain('most recent steps (truncating: post)');
    const p = checkPaddingDominates(b);
    expect(p[0].evidence.fraction).toBeCloseTo(0.72, 6);
    expect(p[0].fixes[0].snippet).toContain('bucketBySequenceLength');
    const even = budgetFromLengths({ lengths: [10, 11, 12] });
    expect([...checkTruncation(even), ...checkPaddingDominates(even)]).toEqual([]);
  });
});

describe('checkOrderNotShuffled', () => {
  it('labelRunsRatio is 1-ish for a random order and near 0 for a sorted one', () => {
    const labels = scrambled(200).map((i) => i % 2);
    expect(labelRunsRatio(labels)).toBeGreaterThan(0.8);
    expect(labelRunsRatio([...Array(100).fill(0), ...Array(100).fill(1)])).toBeCloseTo(1 / 100, 2);
  });

  it('reports label-sorted and length-sorted orders, not shuffled ones', () => {
    const sorted = checkOrderNotShuffled({ labels: [...Array(50).fill(0), ...Array(50).fill(1)] });
    expect(sorted.map((f) => [f.code, f.severity])).toEqual([['ORDER_NOT_SHUFFLED', 'error']]);
    const byLength = checkOrderNotShuffled({ lengths: Array.from({ length: 100 }, (_, i) => 5 + i) });
    expect(byLength[0].evidence.lengthSpearman).toBeCloseTo(1, 9);
    const order = scrambled(100);
    expect(checkOrderNotShuffled({ labels: order.map((i) => i % 3), lengths: order.map((i) => 5 + i) })).toEqual([]);
    expect(checkOrderNotShuffled({ labels: [...Array(50).fill(0), ...Array(50).fill(1)], shuffled: true })).toEqual([]);
  });
});

describe('checkPaddingNotMasked', () => {
  const model = (masked: boolean) => ({ layers: [{ name: 'lstm_1', className: 'LSTM', recurrent: true, masked, cell: 'lstm' as const }] });
  const post = { rows: 100, steps: 50, leading: 0, trailing: 2000, paddedRows: 90 };
  it('error for unmasked post-padding, nothing when masked or barely padded', () => {
    const f = checkPaddingNotMasked(model(false), post);
    expect(f[0]).toMatchObject({ code: 'PADDING_NOT_MASKED', severity: 'error' });
    expect(f[0].evidence).toMatchObject({ fraction: 0.4, side: 'post', unmaskedLayers: ['lstm_1'] });
    expect(checkPaddingNotMasked(model(true), post)).toEqual([]);
    expect(checkPaddingNotMasked(model(false), { ...post, trailing: 100 })).toEqual([]);
    expect(checkPaddingNotMasked(model(false), { ...post, leading: 2000, trailing: 0 })[0].severity).toBe('warning');
  });
});

describe('checkUnscaledInputs', () => {
  it('error for inputs around 1e4, warning for features 1e3 apart, nothing for standardised ones', () => {
    const f = checkUnscaledInputs({ mean: [0], std: [1e4], rms: [1e4], nonFinite: 0 });
    expect(f[0].severity).toBe('error');
    expect(f[0].fixes[0].snippet).toContain('fitStandardizer');
    expect(checkUnscaledInputs({ mean: [0, 0], std: [5, 0.004], rms: [5, 0.004], nonFinite: 0 })[0].severity).toBe('warning');
    expect(checkUnscaledInputs({ mean: [0, 0], std: [1, 0.5], rms: [1, 0.5], nonFinite: 0 })).toEqual([]);
  });
});

describe('checkValidationSplitBiased', () => {
  it('labelDistance is the total variation distance', () => {
    expect(labelDistance([0, 0, 1, 1], [1, 1])).toEqual({ tv: 0.5, classes: 2 });
  });

  it('error for a label-sorted tail, nothing for a random split', () => {
    const labels = [...Array(100).fill(0), ...Array(100).fill(1)];
    const f = checkValidationSplitBiased({ trainLabels: labels.slice(0, 160), valLabels: labels.slice(160), description: 'the last 20%' });
    expect(f[0].severity).toBe('error');
    expect(f[0].message).toContain('(the last 20%)');
    const mixed = scrambled(200).map((i) => labels[i]);
    expect(checkValidationSplitBiased({ trainLabels: mixed.slice(0, 160), valLabels: mixed.slice(160) })).toEqual([]);
    const targets = Array.from({ length: 200 }, (_, i) => i / 200);
    expect(checkValidationSplitBiased({ trainLabels: targets.slice(0, 160), valLabels: targets.slice(160) })[0].severity).toBe('error');
  });
});

describe('checkValidationSplitBiased on inputs', () => {
  it('flags a validation tail whose inputs drifted (a time-ordered series), not a random one', () => {
    const drift = Array.from({ length: 200 }, (_, i) => i / 50 + Math.sin(i));
    const f = checkValidationSplitBiased({ trainInputMeans: drift.slice(0, 160), valInputMeans: drift.slice(160) });
    expect((f[0].evidence.gaps as { what: string }[])[0].what).toBe('input mean per sample (standardised difference)');
    const noise = scrambled(200).map((i) => Math.sin(i * 12.9898) * 10);
    expect(checkValidationSplitBiased({ trainInputMeans: noise.slice(0, 160), valInputMeans: noise.slice(160) })).toEqual([]);
  });
});
