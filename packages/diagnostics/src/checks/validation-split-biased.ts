// VALIDATION_SPLIT_BIASED: the validation part differs from the training part (a tail of sorted data, a bad split).
import { fmt, type Finding } from '../findings.js';
import { FIX } from '../fixes.js';
import { mean, std } from '../stats.js';

export interface SplitEvidence {
  trainLabels?: number[];
  valLabels?: number[];
  trainLengths?: number[];
  valLengths?: number[];
  /** Per-sample mean of the inputs, training part and validation part. */
  trainInputMeans?: number[];
  valInputMeans?: number[];
  /** How the split was made, for the message ('the last 20% (validationSplit)'). */
  description?: string;
}

/** Total variation distance between two label distributions. */
export function labelDistance(a: number[], b: number[]): { tv: number; classes: number } {
  const keys = new Set([...a, ...b]);
  let tv = 0;
  for (const k of keys) {
    const pa = a.filter((v) => v === k).length / a.length;
    const pb = b.filter((v) => v === k).length / b.length;
    tv += Math.abs(pa - pb);
  }
  return { tv: tv / 2, classes: keys.size };
}

/** Standardised mean difference of two samples. */
export function meanDifference(a: number[], b: number[]): number {
  const s = Math.sqrt((std(a) ** 2 + std(b) ** 2) / 2);
  const d = mean(b) - mean(a);
  return s === 0 ? (d === 0 ? 0 : Infinity) : d / s;
}

function discrete(a: number[]): boolean {
  return a.every(Number.isInteger) && new Set(a).size <= 50;
}

interface Gap { what: string; value: number; warn: number; err: number }

function gaps(e: SplitEvidence): Gap[] {
  const out: Gap[] = [];
  const { trainLabels: tl, valLabels: vl, trainLengths: tn, valLengths: vn } = e;
  if (tl && vl && tl.length > 0 && vl.length > 0) {
    if (discrete(tl) && discrete(vl)) {
      const { tv, classes } = labelDistance(tl, vl);
      // Random-split noise of the TV distance is about sqrt((k-1)/(4 n_val)); require several of those.
      const sd = Math.sqrt((classes - 1) / (4 * vl.length));
      out.push({ what: 'label distribution (total variation)', value: tv, warn: Math.max(0.15, 3 * sd), err: Math.max(0.3, 5 * sd) });
    } else {
      const sd = Math.sqrt(1 / vl.length + 1 / tl.length);
      out.push({ what: 'target mean (standardised difference)', value: Math.abs(meanDifference(tl, vl)), warn: Math.max(0.3, 3 * sd), err: Math.max(0.6, 5 * sd) });
    }
  }
  const pairs: [string, number[] | undefined, number[] | undefined][] = [
    ['sequence length (standardised difference)', tn, vn],
    ['input mean per sample (standardised difference)', e.trainInputMeans?.filter(Number.isFinite), e.valInputMeans?.filter(Number.isFinite)],
  ];
  for (const [what, a, b] of pairs) {
    if (!a || !b || a.length < 2 || b.length < 2) continue;
    const sd = Math.sqrt(1 / b.length + 1 / a.length);
    out.push({ what, value: Math.abs(meanDifference(a, b)), warn: Math.max(0.3, 3 * sd), err: Math.max(0.6, 5 * sd) });
  }
  return out;
}

export function checkValidationSplitBiased(e: SplitEvidence | undefined): Finding[] {
  if (!e) return [];
  const g = gaps(e);
  const bad = g.filter((x) => x.value > x.warn);
  if (bad.length === 0) return [];
  const error = bad.some((x) => x.value > x.err);
  return [{
    code: 'VALIDATION_SPLIT_BIASED',
    severity: error ? 'error' : 'warning',
    title: 'Validation split is biased',
    message: `The validation data${e.description ? ` (${e.description})` : ''} differs from the training data: ` +
      `${bad.map((x) => `${x.what} ${fmt(x.value)}`).join('; ')}. Validation metrics will not reflect the training distribution.`,
    evidence: { gaps: g, trainSize: e.trainLabels?.length ?? e.trainLengths?.length, valSize: e.valLabels?.length ?? e.valLengths?.length },
    fixes: [FIX.stratifiedSplit()],
  }];
}
