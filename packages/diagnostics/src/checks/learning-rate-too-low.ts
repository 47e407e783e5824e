// LEARNING_RATE_TOO_LOW: the loss falls steadily but slowly and is not slowing down, so a larger step would help.
import { fmt, pct, type Finding } from '../findings.js';
import { FIX } from '../fixes.js';
import { movingAverage } from '../stats.js';
import { edgeWindow, headTail, type LossSeries } from './loss-series.js';

export interface LearningRateTooLowOptions {
  learningRate?: number;
}

export function checkLearningRateTooLow(s: LossSeries, opts: LearningRateTooLowOptions = {}): Finding[] {
  const xs = s.finite;
  if (xs.length < 10) return [];
  const sm = movingAverage(xs, edgeWindow(xs.length));
  let down = 0;
  for (let i = 1; i < sm.length; i++) if (sm[i] < sm[i - 1]) down++;
  const steady = down / (sm.length - 1);
  const { head, tail } = headTail(xs);
  const improvement = head > 0 ? (head - tail) / head : 0;
  const mid = sm[Math.floor(sm.length / 2)];
  const firstHalf = sm[0] - mid;
  const secondHalf = mid - sm[sm.length - 1];
  // Convergence decelerates; a too-small step keeps a straight, slow descent.
  const notSlowing = firstHalf > 0 && secondHalf >= 0.6 * firstHalf;
  if (!(steady > 0.9 && improvement > 0.005 && improvement < 0.2 && notSlowing)) return [];
  const lr = opts.learningRate;
  return [{
    code: 'LEARNING_RATE_TOO_LOW',
    severity: 'warning',
    title: 'Learning rate too low',
    message: `The loss falls steadily but slowly: ${pct(improvement)} over ${xs.length} ${s.unit}es, and as fast in the second half as in the first` +
      `${lr !== undefined ? ` (learning rate ${fmt(lr)})` : ''}.`,
    evidence: { unit: s.unit, startLoss: head, endLoss: tail, improvement, steadyFraction: steady, firstHalfDrop: firstHalf, secondHalfDrop: secondHalf, learningRate: lr },
    fixes: [FIX.raiseLearningRate(lr !== undefined ? Math.min(lr * 10, 1e-2) : 1e-3)],
  }];
}
