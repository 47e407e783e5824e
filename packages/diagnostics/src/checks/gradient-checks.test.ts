import { describe, expect, it } from 'vitest';
import { checkExplodingGradients } from './exploding-gradients.js';
import { checkGradientFlow, effectiveHorizon } from './gradient-flow.js';
import { checkNonFinite } from './non-finite.js';
import { checkSaturatedGates } from './saturated-gates.js';
import { checkSequencesTooLong } from './sequences-too-long.js';

/** Norms of a geometric decay r^k going back from the last of T steps (oldest first). */
const geometric = (r: number, T: number) => Array.from({ length: T }, (_, t) => r ** (T - 1 - t));

describe('effectiveHorizon', () => {
  it('gives ceil(log(threshold)/log(r)) steps for a geometric decay r', () => {
    for (const r of [0.5, 0.8, 0.9, 0.95]) {
      const h = effectiveHorizon(geometric(r, 200), 1e-2);
      expect(h.horizon).toBe(Math.ceil(Math.log(1e-2) / Math.log(r)));
      expect(h.decayPerStep).toBeCloseTo(r, 6);
      expect(h.ratio).toBeCloseTo(r ** 198, 12); // median of the earliest three steps
    }
  });

  it('is the whole length when the gradient never decays below the threshold, and skips NaN steps', () => {
    expect(effectiveHorizon(geometric(0.99, 50)).horizon).toBe(50);
    const withPadding = [NaN, NaN, ...geometric(0.5, 10)];
    expect(effectiveHorizon(withPadding).steps).toBe(10);
    expect(effectiveHorizon(withPadding).horizon).toBe(7);
  });
});

describe('checkGradientFlow', () => {
  const flow = (norms: number[]) => ({ probes: [{ batch: 0, epoch: 0, norms }] });

  it('VANISHING_GRADIENTS with the horizon when the gradient decays by orders of magnitude', () => {
    const f = checkGradientFlow(flow(geometric(0.8, 100)), { cell: 'simpleRNN' });
    expect(f.map((x) => [x.code, x.severity])).toEqual([['VANISHING_GRADIENTS', 'error']]);
    expect(f[0].evidence.horizon).toBe(21);
    expect(f[0].message).toContain('Effective horizon: 21 steps');
    expect(f[0].fixes[0].snippet).toContain('layers.lstm({ units: 64 })');
    expect(f[0].fixes[1].snippet).toContain('slidingWindows(series, { window: 42, horizon: 1 })');
    const lstm = checkGradientFlow(flow(geometric(0.9, 80)), { cell: 'lstm' });
    expect(lstm[0].severity).toBe('warning');
    expect(lstm[0].fixes.map((x) => x.snippet)).toEqual(['layers.lstm({ units: 64, unitForgetBias: true })', expect.stringContaining('slidingWindows(series, { window: 88, horizon: 1 })')]);
  });

  it('nothing for a gradient that reaches the start, and EXPLODING_GRADIENTS when it grows backwards', () => {
    expect(checkGradientFlow(flow(geometric(0.99, 100)))).toEqual([]);
    const grow = checkGradientFlow(flow(geometric(1.2, 60)));
    expect(grow.map((x) => x.code)).toEqual(['EXPLODING_GRADIENTS']);
  });

  it('uses the median of the recent probes', () => {
    const probes = [geometric(0.5, 40), geometric(0.99, 40), geometric(0.99, 40), geometric(0.99, 40)].map((norms, i) => ({ batch: i, epoch: 0, norms }));
    expect(checkGradientFlow({ probes })).toEqual([]);
  });
});

describe('checkSequencesTooLong', () => {
  it('fires when the median length is over twice the horizon', () => {
    const f = checkSequencesTooLong([100, 120, 150], { horizon: 20, steps: 150 }, 'lstm');
    expect(f[0].evidence).toMatchObject({ medianLength: 120, horizon: 20 });
    expect(f[0].fixes[0].snippet).toContain('slidingWindows');
    expect(checkSequencesTooLong([30, 35], { horizon: 20, steps: 35 })).toEqual([]);
  });
});

describe('checkExplodingGradients', () => {
  it('finds spikes relative to the recent median', () => {
    const g = Array.from({ length: 50 }, (_, i) => (i === 30 ? 500 : 1 + 0.1 * Math.sin(i)));
    const f = checkExplodingGradients(g);
    expect(f[0].evidence.spikeCount).toBe(1);
    expect((f[0].evidence.spikes as { batch: number }[])[0].batch).toBe(30);
    expect(f[0].severity).toBe('warning'); // one jump, but 500x
    const once = g.map((v, i) => (i === 30 ? 50 : v));
    expect(checkExplodingGradients(once)[0].severity).toBe('info'); // one isolated jump below 100x
    const twice = once.map((v, i) => (i === 40 ? 50 : v));
    expect(checkExplodingGradients(twice)[0].severity).toBe('warning');
    expect(checkExplodingGradients(twice)[0].evidence.spikeCount).toBe(2);
  });

  it('is an error when the norm becomes non-finite after growing, and silent on a smooth decline', () => {
    const g = [1, 1, 1.2, 1, 5, 30, 200, Infinity];
    expect(checkExplodingGradients(g)[0].severity).toBe('error');
    expect(checkExplodingGradients(Array.from({ length: 50 }, (_, i) => 10 * Math.exp(-i / 10)))).toEqual([]);
    // A gradient that is non-finite from the first batch on finite data: the model blew up.
    expect(checkExplodingGradients([Infinity, NaN], { dataFinite: true })[0].message).toContain('became non-finite at batch 0 although the data is finite');
    expect(checkExplodingGradients([Infinity, NaN])).toEqual([]);
  });
});

describe('checkNonFinite', () => {
  it('reports the first batch with a NaN loss and the data source', () => {
    const f = checkNonFinite({ loss: [1, 0.9, NaN, NaN], inputs: { count: 3, firstSample: 17 } });
    expect(f[0].severity).toBe('error');
    expect(f[0].message).toContain('3 input values (first in sample 17)');
    expect(f[0].message).toContain('the loss from batch 2 on');
    expect(f[0].evidence.firstLoss).toEqual({ batch: 2, value: 'NaN' });
    expect(checkNonFinite({ loss: [1, 0.5], gradNorm: [1, 2] })).toEqual([]);
  });
});

describe('checkSaturatedGates', () => {
  it('reports gates pinned at their limits, but not an LSTM forget gate held open', () => {
    const stats = [
      { layer: 'lstm', gate: 'f', activation: 'sigmoid' as const, lowFraction: 0.01, highFraction: 0.9, count: 100 },
      { layer: 'lstm', gate: 'i', activation: 'sigmoid' as const, lowFraction: 0.4, highFraction: 0.4, count: 100 },
    ];
    const f = checkSaturatedGates(stats);
    expect((f[0].evidence.gates as { gate: string }[]).map((g) => g.gate)).toEqual(['i']);
    expect(checkSaturatedGates([stats[0]])).toEqual([]);
  });
});

describe('checkGradientFlow: reach', () => {
  it('a faint first step with most of the sequence in reach is not vanishing', () => {
    // Flat for 36 of 40 steps, faint (1e-4) only at the first four: horizon 36 > 75% of the steps.
    const slow = Array.from({ length: 40 }, (_, t) => (t < 4 ? 1e-4 : 1));
    const h = effectiveHorizon(slow);
    expect(h.horizon).toBeGreaterThan(0.75 * h.steps);
    expect(h.ratio).toBeLessThan(1e-3);
    expect(checkGradientFlow({ probes: [{ batch: 0, epoch: 0, norms: slow }] })).toEqual([]);
    // ... unless the first steps are gone entirely (below the error ratio).
    const gone = slow.map((v) => (v < 1 ? 1e-7 : v));
    expect(checkGradientFlow({ probes: [{ batch: 0, epoch: 0, norms: gone }] })[0].severity).toBe('error');
  });
});
