// LEARNING_RATE_TOO_HIGH: the loss diverges, spikes far above where it started, or oscillates without progress.
import { fmt, type Finding } from '../findings.js';
import { FIX } from '../fixes.js';
import { mean, median } from '../stats.js';
import { headTail, type LossSeries } from './loss-series.js';

export interface LearningRateTooHighOptions {
  learningRate?: number;
}

export function checkLearningRateTooHigh(s: LossSeries, opts: LearningRateTooHighOptions = {}): Finding[] {
  const xs = s.finite;
  const wentNonFinite = xs.length < s.values.length;
  if (xs.length < 5) return [];
  const { head, tail, w } = headTail(xs);
  const afterHead = xs.slice(w);
  const peak = Math.max(...afterHead);
  const low = Math.min(...xs);
  const diverged = tail > 1.5 * head && tail > 2 * low;
  // A loss that climbed tenfold from its low before going non-finite blew up; NaN from bad data does not climb first.
  const blewUp = wentNonFinite && Math.max(...xs.slice(-w)) > 10 * Math.max(low, 1e-12);
  // The loss before any update (batch 0) is the clean reference: a large first step shows as an early jump far
  // above it (a falling start is no jump, so the head window, which mixes both, is not the reference for this).
  const early = Math.max(...xs.slice(1, w + 1));
  const spiked = (peak > 3 * head && peak > 2 * median(xs)) || (early > 3 * xs[0] && early > 2 * median(xs));
  const half = xs.slice(Math.floor(xs.length / 2));
  let swing = 0;
  for (let i = 1; i < half.length; i++) swing += Math.abs(half[i] - half[i - 1]);
  const relSwing = half.length > 1 ? swing / (half.length - 1) / Math.max(mean(half), 1e-12) : 0;
  const oscillating = relSwing > 1 && mean(half) >= head * 0.9;
  // Healthy training rarely goes back above the untrained model's loss; a step too large keeps throwing it there.
  const above = xs.slice(1).filter((v) => v > 1.3 * xs[0]).length;
  const unstable = s.unit === 'batch' && above >= Math.max(3, 0.05 * xs.length) && tail >= 0.9 * xs[0];
  if (!diverged && !blewUp && !spiked && !oscillating && !unstable) return [];
  const how = diverged ? 'diverges' : blewUp ? 'blows up before going non-finite' : spiked ? 'spikes' : oscillating ? 'oscillates without progress'
    : `keeps jumping above its untrained value (${above} batches over 1.3x ${fmt(xs[0])}) without progress`;
  const lrText = opts.learningRate !== undefined ? ` at learning rate ${fmt(opts.learningRate)}` : '';
  return [{
    code: 'LEARNING_RATE_TOO_HIGH',
    severity: diverged || blewUp || spiked ? 'error' : 'warning',
    title: 'Learning rate too high',
    message: `The training loss ${how}${lrText}: it starts near ${fmt(head)}, ends near ${fmt(tail)} and peaks at ${fmt(Math.max(peak, early))} ` +
      `(per ${s.unit}; mean step-to-step swing ${fmt(relSwing)}x the loss in the second half).`,
    evidence: { unit: s.unit, initialLoss: xs[0], startLoss: head, endLoss: tail, peakLoss: Math.max(peak, early), minLoss: low, relativeSwing: relSwing, diverged, blewUp, spiked, oscillating, unstable, batchesAboveInitial: above, learningRate: opts.learningRate },
    fixes: [FIX.lowerLearningRate(opts.learningRate !== undefined ? Math.min(1e-3, opts.learningRate / 10) : 1e-3)],
  }];
}
