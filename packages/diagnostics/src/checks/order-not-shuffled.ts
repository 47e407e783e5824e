// ORDER_NOT_SHUFFLED: the training order follows the label (grouped) or the length (sorted).
import { fmt, type Finding } from '../findings.js';
import { FIX } from '../fixes.js';
import { spearman } from '../stats.js';

export interface OrderEvidence {
  /** Labels in training order (one epoch). Class ids or regression targets. */
  labels?: number[];
  /** Sequence lengths in training order. */
  lengths?: number[];
  /** What the trainer said about shuffling, if known. */
  shuffled?: boolean;
}

/** Label changes between neighbours divided by the number expected from a random order (1 = random, 0 = grouped). */
export function labelRunsRatio(labels: number[]): number {
  const n = labels.length;
  const counts = new Map<number, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  let sumSq = 0;
  for (const c of counts.values()) sumSq += (c / n) ** 2;
  const expected = (n - 1) * (1 - sumSq) * (n / Math.max(n - 1, 1));
  let changes = 0;
  for (let i = 1; i < n; i++) if (labels[i] !== labels[i - 1]) changes++;
  return expected > 0 ? changes / expected : 1;
}

function isCategorical(xs: number[]): boolean {
  return xs.every(Number.isInteger) && new Set(xs).size <= Math.max(2, Math.min(50, xs.length / 10));
}

export function checkOrderNotShuffled(e: OrderEvidence): Finding[] {
  if (e.shuffled === true) return [];
  const reasons: string[] = [];
  const ev: Record<string, unknown> = { shuffled: e.shuffled };
  let error = false;
  const pos = (n: number) => Array.from({ length: n }, (_, i) => i);
  if (e.labels && e.labels.length >= 8) {
    const n = e.labels.length;
    if (isCategorical(e.labels)) {
      const r = labelRunsRatio(e.labels);
      ev.labelRunsRatio = r;
      if (r < 0.5) {
        reasons.push(`labels come in runs: ${fmt(r)}x the label changes a random order would have`);
        error ||= r < 0.25;
      }
    } else {
      const rho = spearman(pos(n), e.labels);
      ev.labelSpearman = rho;
      if (Math.abs(rho) > Math.max(0.3, 4 / Math.sqrt(n))) {
        reasons.push(`targets are sorted (rank correlation with position ${fmt(rho)})`);
        error ||= Math.abs(rho) > 0.6;
      }
    }
  }
  if (e.lengths && e.lengths.length >= 8) {
    const rho = spearman(pos(e.lengths.length), e.lengths);
    ev.lengthSpearman = rho;
    if (Math.abs(rho) > Math.max(0.3, 4 / Math.sqrt(e.lengths.length))) {
      reasons.push(`lengths are sorted (rank correlation with position ${fmt(rho)})`);
      error ||= Math.abs(rho) > 0.6;
    }
  }
  if (reasons.length === 0) return [];
  return [{
    code: 'ORDER_NOT_SHUFFLED',
    severity: error ? 'error' : 'warning',
    title: 'Training order is not shuffled',
    message: `The order the model trains in follows the data: ${reasons.join('; ')}. Each stretch of batches pulls the weights toward one kind of sample.`,
    evidence: ev,
    fixes: [FIX.shuffle()],
  }];
}
