// LOSS_PLATEAU: the training loss does not move, or does not beat a constant predictor (the baseline loss).
import { fmt, pct, type Finding } from '../findings.js';
import { FIX } from '../fixes.js';
import { headTail, type LossSeries } from './loss-series.js';

export interface LossPlateauOptions {
  /** Loss of the best constant prediction (mse: variance of y; crossentropy: entropy of the label prior). */
  baselineLoss?: number;
  learningRate?: number;
  /** Cell of the recurrent layer, for the fix. */
  cell?: string;
}

export function checkLossPlateau(s: LossSeries, opts: LossPlateauOptions = {}): Finding[] {
  const xs = s.finite;
  if (xs.length < 5) return [];
  const { head, tail } = headTail(xs);
  const improvement = head > 0 ? (head - tail) / head : 0;
  const b = opts.baselineLoss;
  const noBetterThanConstant = b !== undefined && b > 0 && tail >= 0.9 * b;
  const flat = Math.abs(improvement) < 0.05 && tail > 1e-6;
  if (!noBetterThanConstant && !flat) return [];
  const message = noBetterThanConstant
    ? `The training loss ends at ${fmt(tail)} after ${xs.length} ${s.unit}es, no better than a constant prediction (${fmt(b!)}): ` +
      'the model has not learned beyond the trivial solution.'
    : `The training loss went from ${fmt(head)} to ${fmt(tail)} (${pct(Math.max(improvement, 0))} better) over ${xs.length} ${s.unit}es: it is not moving.`;
  return [{
    code: 'LOSS_PLATEAU',
    severity: 'warning',
    title: 'The loss is on a plateau',
    message,
    evidence: { unit: s.unit, startLoss: head, endLoss: tail, improvement, baselineLoss: b, points: xs.length },
    // A small step is the first suspect only when the rate is known to be small; otherwise inputs and memory are.
    fixes: opts.learningRate !== undefined && opts.learningRate < 1e-3
      ? [FIX.raiseLearningRate(1e-3), FIX.scaleInputs()]
      : [FIX.scaleInputs(), opts.cell === 'lstm' || opts.cell === 'gru' ? FIX.checkAbove() : FIX.gatedCell()],
  }];
}
