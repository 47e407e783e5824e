import { tf } from '@rnnkit/backend';
import { describe, expect, it } from 'vitest';
import { createPipeline } from './pipeline.js';
import { fromArray } from './sources/source.js';
import { batchToTensors, toTensorDataset } from './tensors.js';

describe('@rnnkit/data-pipeline/tensors', () => {
  it('yields xs, ys, mask, ids and sampleWeight with the batch values, and the manifest records them', async () => {
    await tf.setBackend('cpu');
    const p = createPipeline({
      source: fromArray([{ x: [1, 2], y: 1, weight: 0.5 }, { x: [3], y: 0 }, { x: [4, 5, 6], y: 1 }]),
      sequence: { padding: 'post' }, batchSize: 2, yDtype: 'int32',
    });
    const ds = toTensorDataset(p);
    expect(ds.size).toBe(3);
    const before = tf.memory().numTensors;
    const seen: number[][] = [];
    for await (const b of ds.epochBatches(0)) {
      seen.push(b.ids);
      if (b.ids.length === 2) {
        expect(b.xs.dtype).toBe('int32');
        expect(b.xs.shape).toEqual([2, 2]);
        expect(Array.from(await b.xs.data())).toEqual([1, 2, 3, 0]);
        expect(b.ys?.dtype).toBe('int32');
        expect(Array.from(await b.ys!.data())).toEqual([1, 0]);
        expect(Array.from(await b.mask!.data())).toEqual([1, 1, 1, 0]);
        expect(Array.from(await b.sampleWeight!.data())).toEqual([0.5, 1]);
        expect(b).toMatchObject({ epoch: 0, index: 0, lengths: new Int32Array([2, 1]) });
      } else {
        expect(b.sampleWeight).toBeUndefined();
      }
      tf.dispose([b.xs, b.ys, b.mask, b.sampleWeight].filter((t): t is tf.Tensor => t !== undefined));
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(seen).toEqual([[0, 1], [2]]);
    expect(p.manifest.coverage().epochs[0]).toMatchObject({ complete: true, seen: 3, neverSeen: [] });
  });

  it('float feature sequences become a float32 [B, T, F] tensor', () => {
    const before = tf.memory().numTensors;
    const t = batchToTensors({ ids: [0], epoch: 0, index: 0, x: { data: new Float32Array([1, 2, 3, 4]), shape: [1, 2, 2] } });
    expect(t.xs.shape).toEqual([1, 2, 2]);
    expect(t.xs.dtype).toBe('float32');
    t.xs.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects something that is not a pipeline', () => {
    expect(() => toTensorDataset({} as never)).toThrow("toTensorDataset: 'pipeline' must be a Pipeline (an object with epochBatches(epoch)), got object");
  });
});
