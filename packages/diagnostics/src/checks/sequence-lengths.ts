// TRUNCATION_LOSES_DATA and PADDING_DOMINATES, from the pipeline's coverage or from raw lengths + maxlen.
import { pct, type Finding } from '../findings.js';
import type { LengthStats } from '../evidence.js';
import { FIX } from '../fixes.js';
import { quantile } from '../stats.js';

export interface SequenceBudget {
  realSteps: number;
  paddedSteps: number;
  stepsCut: number;
  samples: number;
  truncatedSamples: number;
  truncating: 'pre' | 'post';
  p95Length?: number;
}

/** Steps kept, padded and cut when every sequence is padded/truncated to maxlen (default: the longest). */
export function budgetFromLengths(s: LengthStats): SequenceBudget {
  const maxlen = s.maxlen ?? Math.max(...s.lengths, 0);
  let real = 0;
  let cut = 0;
  let truncated = 0;
  for (const l of s.lengths) {
    real += Math.min(l, maxlen);
    if (l > maxlen) {
      cut += l - maxlen;
      truncated++;
    }
  }
  return { realSteps: real, paddedSteps: s.lengths.length * maxlen - real, stepsCut: cut, samples: s.lengths.length,
    truncatedSamples: truncated, truncating: s.truncating ?? 'pre', p95Length: Math.ceil(quantile(s.lengths, 0.95)) };
}

export function checkTruncation(b: SequenceBudget | undefined): Finding[] {
  if (!b || b.samples === 0 || b.stepsCut === 0) return [];
  const cutShare = b.stepsCut / (b.realSteps + b.stepsCut);
  const sampleShare = b.truncatedSamples / b.samples;
  if (cutShare < 0.05 && sampleShare < 0.1) return [];
  const end = b.truncating === 'pre' ? 'the beginning of each long sequence (truncating: pre)' : 'the end of each long sequence, its most recent steps (truncating: post)';
  return [{
    code: 'TRUNCATION_LOSES_DATA',
    severity: cutShare > 0.25 ? 'error' : 'warning',
    title: 'Truncation loses data',
    message: `maxlen cuts ${pct(cutShare)} of all steps (${b.stepsCut} steps from ${b.truncatedSamples} of ${b.samples} sequences), from ${end}.`,
    evidence: { ...b, cutShare, sampleShare },
    fixes: b.p95Length ? [FIX.raiseMaxlen(b.p95Length), FIX.bucketing()] : [FIX.bucketing()],
  }];
}

export function checkPaddingDominates(b: SequenceBudget | undefined): Finding[] {
  if (!b) return [];
  const steps = b.realSteps + b.paddedSteps;
  const fraction = steps === 0 ? 0 : b.paddedSteps / steps;
  if (fraction <= 0.5) return [];
  return [{
    code: 'PADDING_DOMINATES',
    severity: 'warning',
    title: 'Most steps are padding',
    message: `${pct(fraction)} of the steps the model processes are padding: compute spent on nothing, and without a mask, noise.`,
    evidence: { paddedSteps: b.paddedSteps, realSteps: b.realSteps, fraction },
    fixes: [FIX.bucketing()],
  }];
}
