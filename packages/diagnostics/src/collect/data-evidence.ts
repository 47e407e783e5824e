// Evidence from raw arrays: non-finite values, padding runs, lengths, per-feature scale, labels, splits and order.
import type { PaddingProfile } from '../checks/padding-not-masked.js';
import type { FeatureStats } from '../evidence.js';
import { labelsOf, type Dense, type Ragged } from './dense.js';

export interface DataEvidence {
  samples: number;
  /** Real steps per sample (padding excluded). */
  lengths: number[];
  /** Time steps per row (dense input) or the longest sequence. */
  steps: number;
  padding?: PaddingProfile;
  features: FeatureStats;
  nonFinite: { count: number; firstSample: number };
  /** True when x is [N, T] integers: token ids for an embedding. */
  tokens: boolean;
  /** Mean over each sample's real steps and features (NaN for an empty sample). */
  sampleMeans: number[];
}

/** Views any x as rows of steps of feature vectors, without copying dense data. */
function rowsOf(x: Dense | Ragged): { n: number; T: (i: number) => number; F: number; at: (i: number, t: number, f: number) => number } {
  if ('steps' in x) {
    const F = x.steps.find((s) => s.length > 0)?.[0].length ?? 1;
    return { n: x.steps.length, T: (i) => x.steps[i].length, F, at: (i, t, f) => x.steps[i][t][f] };
  }
  const [n, T = 1, F = 1] = x.shape;
  return { n, T: () => T, F, at: (i, t, f) => Number(x.data[(i * T + t) * F + f]) };
}

export function dataEvidence(x: Dense | Ragged, padValue = 0): DataEvidence {
  const r = rowsOf(x);
  const ragged = 'steps' in x;
  const isPad = (i: number, t: number) => {
    for (let f = 0; f < r.F; f++) if (r.at(i, t, f) !== padValue) return false;
    return true;
  };
  const lengths: number[] = [];
  let integral = true;
  let leading = 0;
  let trailing = 0;
  let paddedRows = 0;
  let maxT = 0;
  const sum = new Float64Array(r.F);
  const sq = new Float64Array(r.F);
  // Finite values per feature: a NaN is counted as NON_FINITE, not averaged in.
  const counts = new Float64Array(r.F);
  let nonFinite = 0;
  let firstSample = -1;
  const sampleMeans: number[] = [];
  for (let i = 0; i < r.n; i++) {
    let rowSum = 0;
    let rowCount = 0;
    const T = r.T(i);
    maxT = Math.max(maxT, T);
    let lo = 0;
    let hi = T;
    // Ragged sequences are not padded yet; dense rows are, at the front or the back.
    if (!ragged) {
      while (hi > 0 && isPad(i, hi - 1)) hi--;
      while (lo < hi && isPad(i, lo)) lo++;
    }
    leading += lo;
    trailing += T - hi;
    if (lo > 0 || hi < T) paddedRows++;
    lengths.push(hi - lo);
    for (let t = lo; t < hi; t++) {
      for (let f = 0; f < r.F; f++) {
        const v = r.at(i, t, f);
        if (!Number.isFinite(v)) {
          nonFinite++;
          if (firstSample < 0) firstSample = i;
          continue;
        }
        if (integral && !Number.isInteger(v)) integral = false;
        sum[f] += v;
        sq[f] += v * v;
        counts[f]++;
        rowSum += v;
        rowCount++;
      }
    }
    sampleMeans.push(rowCount ? rowSum / rowCount : NaN);
  }
  const mean = Array.from(sum, (s, f) => (counts[f] ? s / counts[f] : 0));
  const rms = Array.from(sq, (s, f) => (counts[f] ? Math.sqrt(s / counts[f]) : 0));
  const std = rms.map((q, f) => Math.sqrt(Math.max(0, q * q - mean[f] * mean[f])));
  // Token ids: [N, T] integers, or ragged rows of single integers (tokenizer output before padding).
  const tokens = ragged ? r.F === 1 && integral : x.shape.length === 2 && isIntegral(x.data);
  return {
    samples: r.n,
    lengths,
    steps: maxT,
    padding: ragged ? undefined : { rows: r.n, steps: maxT, leading, trailing, paddedRows },
    features: { mean, std, rms, nonFinite },
    nonFinite: { count: nonFinite, firstSample },
    tokens,
    sampleMeans,
  };
}

function isIntegral(d: ArrayLike<number>): boolean {
  const n = Math.min(d.length, 10000);
  for (let i = 0; i < n; i++) if (!Number.isInteger(d[i])) return false;
  return true;
}

/** Non-finite targets and one label per sample. */
export function targetEvidence(y: Dense): { labels?: number[]; nonFinite: { count: number; firstSample: number } } {
  let count = 0;
  let first = -1;
  const per = y.data.length / Math.max(y.shape[0], 1);
  for (let i = 0; i < y.data.length; i++) {
    if (!Number.isFinite(Number(y.data[i]))) {
      count++;
      if (first < 0) first = Math.floor(i / per);
    }
  }
  return { labels: labelsOf(y), nonFinite: { count, firstSample: first } };
}

/** The loss of the best constant prediction, for the plateau check. */
export function baselineLoss(loss: string | undefined, labels: number[] | undefined): number | undefined {
  if (!loss || !labels || labels.length === 0) return undefined;
  const finite = labels.filter(Number.isFinite);
  if (finite.length === 0) return undefined;
  const n = finite.length;
  const mu = finite.reduce((a, b) => a + b, 0) / n;
  const l = loss.toLowerCase().replace(/[_\s]/g, '');
  if (l === 'mse' || l === 'meansquarederror') return finite.reduce((a, b) => a + (b - mu) ** 2, 0) / n;
  if (l === 'mae' || l === 'meanabsoluteerror') {
    const s = [...finite].sort((a, b) => a - b);
    const med = s[Math.floor(n / 2)];
    return finite.reduce((a, b) => a + Math.abs(b - med), 0) / n;
  }
  if (l.includes('crossentropy')) {
    const counts = new Map<number, number>();
    for (const v of finite) counts.set(v, (counts.get(v) ?? 0) + 1);
    let h = 0;
    for (const c of counts.values()) h -= (c / n) * Math.log(c / n);
    return h;
  }
  return undefined;
}
