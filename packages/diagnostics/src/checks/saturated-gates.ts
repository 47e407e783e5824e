// SATURATED_GATES: sigmoid/tanh units pinned near their limits pass (almost) no gradient.
import { pct, type Finding } from '../findings.js';
import type { GateStats } from '../evidence.js';
import { FIX } from '../fixes.js';

export interface SaturatedGatesOptions {
  /** Fraction of saturated activations above which a gate is reported. Default 0.5. */
  threshold?: number;
}

/** Saturated fraction of one gate; an LSTM forget gate open near 1 is remembering, not stuck, so only its low side counts. */
export function saturatedFraction(g: GateStats): number {
  return g.gate === 'f' ? g.lowFraction : g.lowFraction + g.highFraction;
}

export function checkSaturatedGates(stats: GateStats[] | undefined, opts: SaturatedGatesOptions = {}): Finding[] {
  if (!stats || stats.length === 0) return [];
  const thr = opts.threshold ?? 0.5;
  const bad = stats.filter((g) => g.count > 0 && saturatedFraction(g) > thr);
  if (bad.length === 0) return [];
  const worst = bad.reduce((a, b) => (saturatedFraction(b) > saturatedFraction(a) ? b : a));
  return [{
    code: 'SATURATED_GATES',
    severity: 'warning',
    title: 'Saturated gates',
    message: `${bad.length} gate(s) are pinned near their limits for more than ${pct(thr)} of activations; worst: ${worst.layer} gate '${worst.gate}' ` +
      `(${worst.activation}) at ${pct(saturatedFraction(worst))}. Saturated units pass almost no gradient.`,
    evidence: { gates: bad.map((g) => ({ ...g, saturated: saturatedFraction(g) })), threshold: thr },
    fixes: [FIX.scaleInputs(), FIX.lowerLearningRate()],
  }];
}
