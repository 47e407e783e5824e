// Sliding windows -> split -> standardiser fitted on the training split only -> fixed-shape batches.
import { describe, expect, it } from 'vitest';
import { createPipeline, fitStandardizer, fromArray, slidingWindows, trainValidationSplit, type Batch } from '../src/index.js';

async function all(it: AsyncIterable<Batch>): Promise<Batch[]> {
  const out: Batch[] = [];
  for await (const b of it) out.push(b);
  return out;
}

describe('time-series path', () => {
  it('windows become [B, window, F] batches with standardised features', async () => {
    const series = Array.from({ length: 40 }, (_, t) => [t, 100 + 2 * t]);
    const { samples } = slidingWindows(series, { window: 5, horizon: 1, targetColumns: [0] });
    expect(samples.length).toBe(35);
    const split = trainValidationSplit(samples, { validationFraction: 0.2, seed: 9 });
    const scaler = fitStandardizer(split.train);
    const train = createPipeline({ source: fromArray(split.train), map: scaler.transform, shuffle: { seed: 1 }, batchSize: 8 });
    const batches = await all(train.epochBatches(0));
    expect(batches[0].x.shape).toEqual([8, 5, 2]);
    expect(batches[0].y?.shape).toEqual([8, 1]);
    // standardised with the training statistics: mean 0 over the training split's steps
    let sum = 0;
    let count = 0;
    for (const b of batches) for (let i = 0; i < b.x.data.length; i += 2) { sum += b.x.data[i]; count++; }
    expect(sum / count).toBeCloseTo(0, 5);
    expect(train.manifest.coverage().epochs[0]).toMatchObject({ seen: 28, neverSeen: [] });
    expect(batches.flatMap((b) => b.ids).sort((a, b) => a - b)).toEqual(split.train.map((s) => s.id));
  });

  it('fixed-shape samples of different lengths are an error naming the sample', async () => {
    const p = createPipeline({ source: fromArray([{ x: [1, 2] }, { x: [1, 2, 3] }]), batchSize: 2 });
    await expect(all(p.epochBatches(0))).rejects.toThrow(
      "pipeline: sample 1: ragged x: expected length 2 as earlier samples (set 'sequence' to pad variable lengths), got 3");
  });

  it('pipeline config errors name the field', () => {
    const source = fromArray([{ x: [1] }]);
    expect(() => createPipeline({ source, sequence: { maxlen: 0 }, batchSize: 1 })).toThrow("createPipeline: 'maxlen' must be a positive integer, got 0");
    expect(() => createPipeline({ source })).toThrow("createPipeline: 'batchSize' must be a positive integer, got undefined");
    expect(() => createPipeline({ source, batchSize: 1, remainder: 'skip' as never })).toThrow("createPipeline: 'remainder' must be 'keep' or 'drop', got skip");
  });
});
