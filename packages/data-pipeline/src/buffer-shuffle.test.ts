import { describe, expect, it } from 'vitest';
import { SortednessProbe, bufferShuffle } from './buffer-shuffle.js';
import type { PipelineWarning } from './manifest.js';
import { createPipeline } from './pipeline.js';
import { createRng } from './random.js';
import { fromAsyncIterable } from './sources/source.js';

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const v of it) out.push(v);
  return out;
}

describe('bufferShuffle', () => {
  it('is a permutation, seeded, and a buffer of 1 keeps the order (tf.data semantics)', async () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const a = await all(bufferShuffle(items, 10, createRng(7)));
    expect([...a].sort((x, y) => x - y)).toEqual(items);
    expect(await all(bufferShuffle(items, 10, createRng(7)))).toEqual(a);
    expect(a).not.toEqual(items);
    expect(await all(bufferShuffle(items, 1, createRng(7)))).toEqual(items);
  });

  it('an element cannot move earlier than bufferSize - 1 places before its turn', async () => {
    const items = Array.from({ length: 200 }, (_, i) => i);
    const out = await all(bufferShuffle(items, 5, createRng(1)));
    out.forEach((v, pos) => expect(v).toBeLessThanOrEqual(pos + 4));
  });
});

describe('sortedness warning', () => {
  it('SortednessProbe sees sorted keys, not random ones', () => {
    const sorted = new SortednessProbe();
    for (const k of [1, 1, 2, 3, 3, 9]) sorted.observe(k);
    expect(sorted.looksSorted()).toBe(true);
    const random = new SortednessProbe();
    const rng = createRng(3);
    for (let i = 0; i < 100; i++) random.observe(rng.int(10));
    expect(random.looksSorted()).toBe(false);
  });

  const run = async (lengths: number[], bufferSize: number): Promise<PipelineWarning[]> => {
    const warnings: PipelineWarning[] = [];
    const p = createPipeline({
      source: fromAsyncIterable(() => lengths.map((n) => ({ x: Array(n).fill(1) }))),
      shuffle: { seed: 1, bufferSize }, sequence: true, batchSize: 4, onWarning: (w) => warnings.push(w),
    });
    await all(p.epochBatches(0));
    await all(p.epochBatches(1));
    expect(p.manifest.coverage().warnings).toEqual(warnings);
    return warnings;
  };

  it('warns once when the buffer is small and the data is sorted by length', async () => {
    const sorted = Array.from({ length: 100 }, (_, i) => 1 + Math.floor(i / 10));
    const w = await run(sorted, 10);
    expect(w).toEqual([{
      code: 'SMALL_SHUFFLE_BUFFER_ON_SORTED_DATA', epoch: 0,
      message: 'shuffle buffer of 10 holds 10.0% of the 100 samples and the source looks sorted by sequence length: '
        + 'batches will follow the source order; use bufferSize >= 100 or shuffle the file once on disk',
    }]);
  });

  it('does not warn for unsorted data or a buffer as large as the data', async () => {
    const rng = createRng(5);
    expect(await run(Array.from({ length: 100 }, () => 1 + rng.int(20)), 10)).toEqual([]);
    expect(await run(Array.from({ length: 100 }, (_, i) => 1 + i), 100)).toEqual([]);
  });
});
