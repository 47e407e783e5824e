import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPipeline, type Pipeline } from './pipeline.js';
import type { PipelineConfig } from './pipeline-config.js';
import { fromArray, fromAsyncIterable } from './sources/source.js';
import type { Batch, RawSample } from './types.js';

async function collect(p: Pipeline, epoch: number): Promise<Batch[]> {
  const out: Batch[] = [];
  for await (const b of p.epochBatches(epoch)) out.push(b);
  return out;
}

const order = (batches: Batch[]): number[] => batches.flatMap((b) => b.ids);

/** Sequences whose content encodes their id, so a test can check a row holds its own sample. */
function dataset(lengths: number[]): RawSample[] {
  return lengths.map((len, i) => ({ x: Array.from({ length: len }, (_, t) => i * 100 + t + 1), y: i % 3 }));
}

const configArb = fc.record({
  lengths: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 60 }),
  batchSize: fc.integer({ min: 1, max: 9 }),
  seed: fc.integer(),
  shuffle: fc.constantFrom('none', 'full', 'buffer'),
  bufferSize: fc.integer({ min: 1, max: 30 }),
  bucket: fc.option(fc.uniqueArray(fc.integer({ min: 2, max: 18 }), { minLength: 1, maxLength: 4 }), { nil: undefined }),
  stream: fc.boolean(),
});

interface Case {
  lengths: number[]; batchSize: number; seed: number; shuffle: string; bufferSize: number; bucket?: number[]; stream: boolean;
}

function build(c: Case): Pipeline {
  const samples = dataset(c.lengths);
  const source = c.stream || c.shuffle === 'buffer' ? fromAsyncIterable(() => samples) : fromArray(samples);
  const shuffle: PipelineConfig['shuffle'] = c.shuffle === 'none' ? false
    : c.shuffle === 'full' && source.kind === 'memory' ? { seed: c.seed } : { seed: c.seed, bufferSize: c.bufferSize };
  const boundaries = c.bucket ? [...c.bucket].sort((a, b) => a - b) : undefined;
  return createPipeline({
    source,
    shuffle,
    sequence: true,
    batchSize: c.batchSize,
    bucket: boundaries ? { boundaries, batchSizes: Array(boundaries.length + 1).fill(c.batchSize) } : undefined,
    onWarning: () => {},
  });
}

describe('pipeline properties', () => {
  it('every sample exactly once per epoch, for any size, batch size, buckets, shuffle and seed', async () => {
    await fc.assert(fc.asyncProperty(configArb, async (c) => {
      const p = build(c);
      for (const epoch of [0, 1]) {
        const batches = await collect(p, epoch);
        const ids = order(batches);
        expect([...ids].sort((a, b) => a - b)).toEqual(c.lengths.map((_, i) => i));
        for (const b of batches) {
          // each row holds its own sample: the last real step of row r is id*100 + length
          const T = b.x.shape[1];
          b.ids.forEach((id, r) => {
            expect(b.lengths![r]).toBe(c.lengths[id]);
            expect(b.x.data[r * T + T - 1]).toBe(id * 100 + c.lengths[id]);
          });
        }
      }
      const cov = p.manifest.coverage();
      expect(cov.totalSamples).toBe(c.lengths.length);
      for (const e of cov.epochs) {
        expect(e).toMatchObject({ complete: true, seen: c.lengths.length, yielded: c.lengths.length, neverSeen: [], seenTwice: [], droppedByFilter: [], droppedByRemainder: [] });
      }
    }), { numRuns: 60 });
  });

  it('with remainder drop and a filter, every sample is yielded once or listed as dropped, never both', async () => {
    await fc.assert(fc.asyncProperty(configArb, fc.integer({ min: 2, max: 5 }), async (c, modulo) => {
      const samples = dataset(c.lengths);
      const boundaries = c.bucket ? [...c.bucket].sort((a, b) => a - b) : undefined;
      const p = createPipeline({
        source: c.stream ? fromAsyncIterable(() => samples) : fromArray(samples),
        shuffle: { seed: c.seed, bufferSize: c.bufferSize },
        sequence: true,
        batchSize: c.batchSize,
        bucket: boundaries ? { boundaries, batchSizes: Array(boundaries.length + 1).fill(c.batchSize) } : undefined,
        remainder: 'drop',
        filter: (s) => s.id % modulo !== 0,
        onWarning: () => {},
      });
      const yielded = order(await collect(p, 0));
      const e = p.manifest.coverage().epochs[0];
      expect(e.droppedByFilter.sort((a, b) => a - b)).toEqual(c.lengths.map((_, i) => i).filter((i) => i % modulo === 0));
      const all = [...yielded, ...e.droppedByFilter, ...e.droppedByRemainder].sort((a, b) => a - b);
      expect(all).toEqual(c.lengths.map((_, i) => i));
      expect(e.neverSeen.sort((a, b) => a - b)).toEqual([...e.droppedByFilter, ...e.droppedByRemainder].sort((a, b) => a - b));
      expect(e.droppedByRemainder.length).toBeLessThan(c.batchSize * ((boundaries?.length ?? 0) + 1));
      expect(e.batchSizes.every((n) => n === c.batchSize)).toBe(true);
    }), { numRuns: 60 });
  });

  it('the same seed gives the same order; every epoch can be replayed alone', async () => {
    await fc.assert(fc.asyncProperty(configArb, async (c) => {
      const a = build(c);
      const b = build(c);
      const a1 = order(await collect(a, 1));
      expect(order(await collect(b, 0))).toEqual(order(await collect(a, 0)));
      expect(order(await collect(b, 1))).toEqual(a1);
    }), { numRuns: 40 });
  });

  it('different epochs give different orders (full and buffer shuffle)', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 20, max: 80 }), fc.integer(), fc.constantFrom('full', 'buffer'), fc.integer({ min: 1, max: 8 }),
      async (n, seed, kind, batchSize) => {
        const p = build({ lengths: Array(n).fill(3), batchSize, seed, shuffle: kind, bufferSize: 8, stream: kind === 'buffer' });
        const o0 = order(await collect(p, 0));
        const o1 = order(await collect(p, 1));
        expect(o1).not.toEqual(o0);
      },
    ), { numRuns: 60 });
  });
});

describe('pipeline batches', () => {
  it('pads each batch to its longest with pre padding by default, with mask and lengths', async () => {
    const p = createPipeline({ source: fromArray([{ x: [1] }, { x: [2, 3, 4] }, { x: [5, 6] }]), sequence: true, batchSize: 2 });
    const [b0, b1] = await collect(p, 0);
    expect(b0.x.shape).toEqual([2, 3]);
    expect(Array.from(b0.x.data)).toEqual([0, 0, 1, 2, 3, 4]);
    expect(Array.from(b0.mask!.data)).toEqual([0, 0, 1, 1, 1, 1]);
    expect(Array.from(b0.lengths!)).toEqual([1, 3]);
    expect(b1).toMatchObject({ ids: [2], index: 1, epoch: 0, x: { shape: [1, 2] } });
  });

  it('stacks fixed-shape samples with targets and weights', async () => {
    const p = createPipeline({ source: fromArray([{ x: [1, 2], y: [1, 0], weight: 2 }, { x: [3, 4], y: [0, 1] }]), batchSize: 4 });
    const [b] = await collect(p, 0);
    expect(b.x).toEqual({ data: new Float32Array([1, 2, 3, 4]), shape: [2, 2] });
    expect(b.y).toEqual({ data: new Float32Array([1, 0, 0, 1]), shape: [2, 2] });
    expect(b.sampleWeight).toEqual(new Float32Array([2, 1]));
    expect(b.mask).toBeUndefined();
  });

  it('maxlen truncates, pads to maxlen and reports the truncation', async () => {
    const p = createPipeline({ source: fromArray(dataset([2, 5, 4])), sequence: { maxlen: 3, padding: 'post' }, batchSize: 3 });
    const [b] = await collect(p, 0);
    expect(b.x.shape).toEqual([3, 3]);
    expect(Array.from(b.x.data)).toEqual([1, 2, 0, 103, 104, 105, 202, 203, 204]);
    expect(p.manifest.coverage().epochs[0].truncated).toEqual({ samples: 2, stepsCut: 3, ids: [1, 2] });
  });

  it('drop remainder reports the ids left out; filter reports the ids it dropped', async () => {
    const p = createPipeline({
      source: fromArray(dataset([1, 2, 3, 4, 5, 6, 7])), sequence: true, batchSize: 3, remainder: 'drop',
      filter: (s) => s.id !== 3,
    });
    const ids = order(await collect(p, 0));
    expect(ids).toEqual([0, 1, 2, 4, 5, 6]);
    const e = p.manifest.coverage().epochs[0];
    expect(e.droppedByFilter).toEqual([3]);
    expect(e.droppedByRemainder).toEqual([]);
    const q = createPipeline({ source: fromArray(dataset([1, 2, 3, 4, 5, 6, 7])), sequence: true, batchSize: 3, remainder: 'drop' });
    await collect(q, 0);
    expect(q.manifest.coverage().epochs[0]).toMatchObject({ droppedByRemainder: [6], neverSeen: [6], seen: 6 });
  });

  it('records what the consumer really took: an epoch stopped early is incomplete', async () => {
    const p = createPipeline({ source: fromArray(dataset([1, 1, 1, 1, 1])), sequence: true, batchSize: 2 });
    for await (const b of p.epochBatches(0)) {
      expect(b.index).toBe(0);
      break;
    }
    expect(p.manifest.coverage().epochs[0]).toMatchObject({ complete: false, seen: 2, neverSeen: [2, 3, 4] });
  });

  it('counts duplicated ids as seenTwice', async () => {
    const p = createPipeline({ source: fromArray([{ x: [1], id: 7 }, { x: [2], id: 8 }, { x: [1], id: 7 }]), sequence: true, batchSize: 2 });
    await collect(p, 0);
    expect(p.manifest.coverage().epochs[0]).toMatchObject({ seenTwice: [7], seen: 2, yielded: 3, neverSeen: [] });
  });

  it('per-step targets are truncated and padded exactly like x', async () => {
    const p = createPipeline({
      source: fromArray([{ x: [1, 2, 3], y: [10, 20, 30] }, { x: [4], y: [40] }]),
      sequence: { maxlen: 2, padding: 'post', truncating: 'pre', sequenceTargets: true, targetValue: -1 }, batchSize: 2, yDtype: 'int32',
    });
    const [b] = await collect(p, 0);
    expect(Array.from(b.x.data)).toEqual([2, 3, 4, 0]);
    expect(b.y).toEqual({ data: new Int32Array([20, 30, 40, -1]), shape: [2, 2] });
    const bad = createPipeline({ source: fromArray([{ x: [1, 2], y: [1] }]), sequence: { sequenceTargets: true }, batchSize: 1 });
    await expect(collect(bad, 0)).rejects.toThrow('pipeline: sample 0: per-step targets: y must have one step per x step (2), got 1');
  });

  it('the coverage report is plain JSON data', async () => {
    const p = createPipeline({ source: fromArray(dataset([3, 1, 2])), shuffle: { seed: 4 }, sequence: { maxlen: 2 }, batchSize: 2 });
    const ids = order(await collect(p, 0));
    const cov = p.manifest.coverage();
    expect(JSON.parse(JSON.stringify(cov))).toEqual(cov);
    expect(cov.pipeline).toEqual({ shuffle: { kind: 'full', seed: 4 }, remainder: 'keep', filter: false, batchSize: 2,
      sequence: { maxlen: 2, padding: 'pre', truncating: 'pre' } });
    expect(cov.epochs[0].order).toEqual(ids);
    expect(cov.epochs[0].batchSizes).toEqual([2, 1]);
    expect(p.manifest.coverage({ includeOrder: false }).epochs[0].order).toBeUndefined();
  });

  it('reports the padding fraction per epoch', async () => {
    const p = createPipeline({ source: fromArray(dataset([1, 4])), sequence: true, batchSize: 2 });
    await collect(p, 0);
    expect(p.manifest.coverage().epochs[0].padding).toEqual({ realSteps: 5, paddedSteps: 3, fraction: 3 / 8 });
  });
});
