// SEQUENCES_TOO_LONG: typical sequences are longer than the measured memory horizon.
import { type Finding } from '../findings.js';
import { FIX } from '../fixes.js';
import { median, quantile } from '../stats.js';

export function checkSequencesTooLong(lengths: number[] | undefined, horizon: { horizon: number; steps: number; decayPerStep?: number } | undefined, cell?: string): Finding[] {
  // A horizon only means something for a gradient that decays going back (not one that grows or is flat).
  if (!lengths || lengths.length === 0 || !horizon || horizon.horizon >= horizon.steps || !((horizon.decayPerStep ?? 0) < 1)) return [];
  const med = median(lengths);
  if (!(horizon.horizon < 0.5 * med)) return [];
  const fixes = [FIX.truncatedBptt(Math.max(2, horizon.horizon))];
  if (cell === 'simpleRNN' || cell === undefined) fixes.unshift(FIX.gatedCell());
  return [{
    code: 'SEQUENCES_TOO_LONG',
    severity: 'warning',
    title: 'Sequences longer than the memory horizon',
    message: `Half the sequences are longer than ${med} steps, but gradients reach only ${horizon.horizon} steps back.`,
    evidence: { medianLength: med, p90Length: quantile(lengths, 0.9), horizon: horizon.horizon },
    fixes,
  }];
}
