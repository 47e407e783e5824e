// Bucketing by sequence length, as tf.data's bucket_by_sequence_length: bucket i holds lengths in
// [boundaries[i-1], boundaries[i]); each bucket batches on its own, so a batch pads only to its own longest.
import { InvalidArgumentError } from './errors.js';

export interface BucketConfig {
  /** Strictly increasing positive integers. N boundaries make N+1 buckets. */
  boundaries: number[];
  /** One batch size per bucket (boundaries.length + 1). */
  batchSizes: number[];
  /** Pad each batch to its bucket's upper boundary - 1 instead of its longest sequence. Default false. */
  padToBucketBoundary?: boolean;
  /** Drop each bucket's last partial batch (reported in the manifest). Default false. */
  dropRemainder?: boolean;
}

export function validateBucketConfig(fn: string, c: BucketConfig): void {
  const b = c.boundaries;
  if (!Array.isArray(b) || b.some((v, i) => !Number.isInteger(v) || v <= 0 || (i > 0 && v <= b[i - 1]))) {
    throw new InvalidArgumentError(fn, 'boundaries', 'strictly increasing positive integers', JSON.stringify(b));
  }
  const s = c.batchSizes;
  if (!Array.isArray(s) || s.length !== b.length + 1 || s.some((v) => !Number.isInteger(v) || v <= 0)) {
    throw new InvalidArgumentError(fn, 'batchSizes', `${b.length + 1} positive integers (boundaries.length + 1)`, JSON.stringify(s));
  }
}

export function bucketIndex(length: number, boundaries: readonly number[]): number {
  let lo = 0;
  let hi = boundaries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (length < boundaries[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The padded length of a batch from bucket `b`: the boundary - 1 when padding to boundaries, else the batch's longest. */
export function bucketPadLength(bucket: number, longest: number, c: BucketConfig): number {
  return c.padToBucketBoundary ? c.boundaries[bucket] - 1 : longest;
}

export interface BucketGroup<T> {
  bucket: number;
  items: T[];
}

/**
 * Groups items into per-bucket batches as they stream. Full batches are emitted as soon as they fill; the partial
 * batches left at the end are emitted in bucket order, or passed to onDropped when dropRemainder is set.
 */
export async function* bucketBySequenceLength<T>(
  items: AsyncIterable<T> | Iterable<T>,
  config: BucketConfig,
  lengthOf: (item: T) => number = (item) => (item as unknown as ArrayLike<unknown>).length,
  onDropped?: (items: T[]) => void,
): AsyncGenerator<BucketGroup<T>> {
  const fn = 'bucketBySequenceLength';
  validateBucketConfig(fn, config);
  const buckets: T[][] = config.batchSizes.map(() => []);
  const last = config.boundaries.length;
  for await (const item of items as AsyncIterable<T>) {
    const len = lengthOf(item);
    const b = bucketIndex(len, config.boundaries);
    if (config.padToBucketBoundary && b === last) {
      throw new InvalidArgumentError(fn, 'boundaries',
        `to cover every length when padToBucketBoundary is set (largest boundary ${config.boundaries[last - 1]})`,
        `a sequence of length ${len}; add a larger boundary or set maxlen`);
    }
    buckets[b].push(item);
    if (buckets[b].length === config.batchSizes[b]) {
      yield { bucket: b, items: buckets[b] };
      buckets[b] = [];
    }
  }
  for (let b = 0; b < buckets.length; b++) {
    if (buckets[b].length === 0) continue;
    if (config.dropRemainder) onDropped?.(buckets[b]);
    else yield { bucket: b, items: buckets[b] };
  }
}
