import { tf } from '@rnnkit/backend';
import { expect, it } from 'vitest';
import { createPipeline, fromArray } from '../../src/index.js';
import { toTensorDataset } from '../../src/tensors.js';

it('@rnnkit/data-pipeline/tensors yields tensors in Chromium without leaking', async () => {
  await tf.setBackend('cpu');
  const ds = toTensorDataset(createPipeline({ source: fromArray([{ x: [1, 2], y: 1 }, { x: [3], y: 0 }]), sequence: true, batchSize: 2 }));
  const before = tf.memory().numTensors;
  for await (const b of ds.epochBatches(0)) {
    expect(b.xs.arraySync()).toEqual([[1, 2], [0, 3]]);
    expect(b.mask!.arraySync()).toEqual([[1, 1], [0, 1]]);
    tf.dispose([b.xs, b.ys!, b.mask!]);
  }
  expect(tf.memory().numTensors).toBe(before);
});
