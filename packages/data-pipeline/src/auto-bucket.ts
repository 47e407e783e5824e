// Automatic bucket boundaries from length quantiles, with the padding they save against one global length.
import { EmptyDatasetError, InvalidArgumentError } from './errors.js';
import type { BucketConfig } from './bucket.js';

export interface AutoBucketConfig {
  auto: true;
  /** How many buckets to aim for (fewer when lengths repeat). */
  numBuckets: number;
  /** Batch size for every bucket. */
  batchSize: number;
  padToBucketBoundary?: boolean;
  dropRemainder?: boolean;
}

export interface PaddingEstimate {
  /** Padding fraction when every sequence is padded to the longest of the dataset. */
  unbucketed: number;
  /** Padding fraction when each bucket pads to its own longest (or its boundary - 1). */
  bucketed: number;
  /** unbucketed - bucketed. */
  saved: number;
}

export interface AutoBucketResult {
  config: BucketConfig;
  padding: PaddingEstimate;
  /** Samples per bucket. */
  counts: number[];
}

export function autoBucketBoundaries(lengths: ArrayLike<number>, c: Omit<AutoBucketConfig, 'auto'>): AutoBucketResult {
  const fn = 'autoBucketBoundaries';
  if (!Number.isInteger(c.numBuckets) || c.numBuckets < 1) throw new InvalidArgumentError(fn, 'numBuckets', 'a positive integer', String(c.numBuckets));
  if (!Number.isInteger(c.batchSize) || c.batchSize < 1) throw new InvalidArgumentError(fn, 'batchSize', 'a positive integer', String(c.batchSize));
  const n = lengths.length;
  if (n === 0) throw new EmptyDatasetError(fn, "'lengths'");
  const sorted = Float64Array.from(lengths).sort();
  const max = sorted[n - 1];
  const boundaries: number[] = [];
  for (let k = 1; k < c.numBuckets; k++) {
    const q = sorted[Math.ceil((k * n) / c.numBuckets) - 1];
    const b = q + 1; // lengths <= q fall below this boundary
    if (b > (boundaries.at(-1) ?? 0) && b <= max) boundaries.push(b);
  }
  // With padding to boundaries, the last bucket must be closed: tf.data rejects lengths >= the largest boundary there.
  if (c.padToBucketBoundary) boundaries.push(max + 1);
  if (boundaries.length === 0) boundaries.push(max + 1);
  const config: BucketConfig = {
    boundaries,
    batchSizes: Array(boundaries.length + 1).fill(c.batchSize),
    padToBucketBoundary: c.padToBucketBoundary ?? false,
    dropRemainder: c.dropRemainder ?? false,
  };
  const counts = Array(boundaries.length + 1).fill(0);
  const bucketMax = Array(boundaries.length + 1).fill(0);
  let total = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    const len = sorted[i];
    while (b < boundaries.length && len >= boundaries[b]) b++;
    counts[b]++;
    bucketMax[b] = Math.max(bucketMax[b], len);
    total += len;
  }
  let bucketedSteps = 0;
  for (let i = 0; i < counts.length; i++) {
    const width = config.padToBucketBoundary && i < boundaries.length ? boundaries[i] - 1 : bucketMax[i];
    bucketedSteps += counts[i] * width;
  }
  const frac = (steps: number): number => (steps === 0 ? 0 : 1 - total / steps);
  const unbucketed = frac(n * max);
  const bucketed = frac(bucketedSteps);
  return { config, padding: { unbucketed, bucketed, saved: unbucketed - bucketed }, counts };
}
