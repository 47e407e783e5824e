import { describe, expect, it } from 'vitest';
import { autoBucketBoundaries } from './auto-bucket.js';
import { bucketBySequenceLength, bucketIndex } from './bucket.js';
import { createPipeline } from './pipeline.js';
import { fromArray } from './sources/source.js';
import type { Batch } from './types.js';

const seqs = (lengths: number[]): { x: number[] }[] => lengths.map((n) => ({ x: Array(n).fill(1) }));

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const v of it) out.push(v);
  return out;
}

describe('bucketBySequenceLength (tf.data semantics)', () => {
  it('bucket i holds lengths in [boundaries[i-1], boundaries[i])', () => {
    expect([1, 2, 3, 4, 5, 9, 10].map((n) => bucketIndex(n, [3, 5, 10]))).toEqual([0, 0, 1, 1, 2, 2, 3]);
  });

  it('emits full batches as they fill, then partial ones in bucket order', async () => {
    const lengths = [1, 5, 2, 6, 1, 7, 2];
    const groups = await all(bucketBySequenceLength(lengths.map((n) => Array(n).fill(0)), { boundaries: [4], batchSizes: [2, 2] }));
    expect(groups.map((g) => [g.bucket, g.items.map((s) => s.length)])).toEqual([
      [0, [1, 2]], [1, [5, 6]], [0, [1, 2]], [1, [7]],
    ]);
  });

  it('dropRemainder hands the partial batches to onDropped', async () => {
    const dropped: number[][] = [];
    const groups = await all(bucketBySequenceLength([[1], [1, 1, 1, 1, 1], [2]], { boundaries: [4], batchSizes: [2, 2], dropRemainder: true },
      undefined, (items) => dropped.push(items.map((s) => s.length))));
    expect(groups.length).toBe(1);
    expect(dropped).toEqual([[5]]);
  });

  it('rejects bad configs and lengths beyond the last boundary when padding to boundaries', async () => {
    await expect(all(bucketBySequenceLength([[1]], { boundaries: [3, 2], batchSizes: [1, 1, 1] })))
      .rejects.toThrow("bucketBySequenceLength: 'boundaries' must be strictly increasing positive integers, got [3,2]");
    await expect(all(bucketBySequenceLength([[1]], { boundaries: [3], batchSizes: [1] })))
      .rejects.toThrow("'batchSizes' must be 2 positive integers (boundaries.length + 1), got [1]");
    await expect(all(bucketBySequenceLength([[1, 1, 1, 1]], { boundaries: [3], batchSizes: [1, 1], padToBucketBoundary: true })))
      .rejects.toThrow('got a sequence of length 4; add a larger boundary or set maxlen');
  });
});

describe('bucketing in the pipeline', () => {
  it('pads to the bucket boundary - 1 with padToBucketBoundary, and never mixes buckets', async () => {
    const p = createPipeline({
      source: fromArray(seqs([1, 8, 2, 9, 3, 4, 7])), shuffle: { seed: 3 },
      bucket: { boundaries: [5, 10], batchSizes: [2, 2, 2], padToBucketBoundary: true },
    });
    const batches: Batch[] = await all(p.epochBatches(0));
    for (const b of batches) {
      const lens = Array.from(b.lengths!);
      const buckets = new Set(lens.map((n) => bucketIndex(n, [5, 10])));
      expect(buckets.size).toBe(1);
      expect(b.x.shape[1]).toBe([4, 9][[...buckets][0]]);
    }
    expect(batches.flatMap((b) => b.ids).sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(p.manifest.coverage().pipeline.bucket).toEqual({ boundaries: [5, 10], batchSizes: [2, 2, 2], padToBucketBoundary: true, auto: false });
  });

  it("the pipeline's remainder: 'drop' drops each bucket's partial batch and reports it", async () => {
    const p = createPipeline({ source: fromArray(seqs([1, 1, 1, 6, 6])), bucket: { boundaries: [5], batchSizes: [2, 2] }, remainder: 'drop' });
    await all(p.epochBatches(0));
    expect(p.manifest.coverage().epochs[0]).toMatchObject({ droppedByRemainder: [2], seen: 4, neverSeen: [2] });
  });
});

describe('automatic bucket boundaries', () => {
  it('picks boundaries from length quantiles and reports the padding saved', () => {
    const lengths = [...Array(50).fill(2), ...Array(30).fill(10), ...Array(20).fill(100)];
    const r = autoBucketBoundaries(lengths, { numBuckets: 3, batchSize: 8 });
    expect(r.config.boundaries).toEqual([3, 11]);
    expect(r.counts).toEqual([50, 30, 20]);
    const total = 50 * 2 + 30 * 10 + 20 * 100;
    expect(r.padding.unbucketed).toBeCloseTo(1 - total / (100 * 100), 12);
    expect(r.padding.bucketed).toBeCloseTo(1 - total / (50 * 2 + 30 * 10 + 20 * 100), 12);
    expect(r.padding.saved).toBeCloseTo(r.padding.unbucketed - r.padding.bucketed, 12);
  });

  it('closes the last bucket when padding to boundaries', () => {
    const r = autoBucketBoundaries([1, 2, 3, 4], { numBuckets: 2, batchSize: 2, padToBucketBoundary: true });
    expect(r.config.boundaries).toEqual([3, 5]);
    expect(r.counts).toEqual([2, 2, 0]);
  });

  it('the pipeline computes them on first use and uses them', async () => {
    const p = createPipeline({ source: fromArray(seqs([1, 1, 1, 1, 20, 20, 20, 20])), bucket: { auto: true, numBuckets: 2, batchSize: 4 } });
    const r = await p.autoBuckets();
    expect(r?.config.boundaries).toEqual([2]);
    const batches = await all(p.epochBatches(0));
    expect(batches.map((b) => b.x.shape)).toEqual([[4, 1], [4, 20]]);
    expect(p.manifest.coverage().epochs[0].padding.paddedSteps).toBe(0);
    expect(p.manifest.coverage().pipeline.bucket?.auto).toBe(true);
  });

  it('rejects an empty length list', () => {
    expect(() => autoBucketBoundaries([], { numBuckets: 2, batchSize: 2 })).toThrow("autoBucketBoundaries: 'lengths' is empty");
  });
});
