// Mixed use: a Keras-style fit loop (tfjs-layers, which drives optimizer.minimize like core-layers does) trains
// an LSTM with rnnkit optimizers, and per-variable clipping holds for the LSTM's kernel, recurrent kernel and bias.
import * as tfl from '@tensorflow/tfjs-layers';
import { tf } from '@rnnkit/backend';
import { describe, expect, it } from 'vitest';
import { adam, sgd } from '../src/index.js';
import type { ClipReport } from '../src/index.js';

function data(): { xs: tf.Tensor3D; ys: tf.Tensor2D } {
  // Deterministic inputs; targets far from the initial outputs so gradients are large.
  const x = Array.from({ length: 16 }, (_, n) => Array.from({ length: 5 }, (_, t) => [Math.sin(n + t), Math.cos(2 * n - t)]));
  const y = x.map((seq) => [10 * seq.reduce((s, [a]) => s + a!, 0)]);
  return { xs: tf.tensor3d(x), ys: tf.tensor2d(y) };
}

function lstmModel(): tfl.Sequential {
  const model = tfl.sequential();
  model.add(tfl.layers.lstm({ units: 4, inputShape: [5, 2] }));
  model.add(tfl.layers.dense({ units: 1 }));
  return model;
}

describe('tfjs-layers LSTM trained with rnnkit optimizers', () => {
  it('clipnorm bounds each LSTM variable\'s update to lr * clipnorm; the report sees every batch', async () => {
    const { xs, ys } = data();
    const model = lstmModel();
    const optimizer = sgd({ learningRate: 1, clipnorm: 0.01 });
    model.compile({ optimizer, loss: 'meanSquaredError' });
    const before = model.trainableWeights.map((w) => w.read().arraySync() as number[]);
    const reports: ClipReport[] = [];
    await model.fit(xs, ys, { epochs: 1, batchSize: 16, shuffle: false, verbose: 0, callbacks: { onBatchEnd: async () => { reports.push({ ...optimizer.lastClipReport! }); } } });
    expect(reports).toHaveLength(1);
    const names = model.trainableWeights.map((w) => (w.read() as tf.Variable).name);
    expect(Object.keys(reports[0]!.perVariableNorms!).sort()).toEqual([...names].sort());
    expect(reports[0]!.clipped).toBe(true);
    model.trainableWeights.forEach((w, i) => {
      const after = (w.read().arraySync() as number[]).flat(2) as number[];
      const prev = (before[i] as number[]).flat(2) as number[];
      const moved = Math.sqrt(after.reduce((s, a, k) => s + (a - prev[k]!) ** 2, 0));
      const norm = reports[0]!.perVariableNorms![(w.read() as tf.Variable).name]!;
      expect(moved).toBeCloseTo(Math.min(norm, 0.01), 6);
    });
    optimizer.dispose();
    model.dispose();
    tf.dispose([xs, ys]);
  });

  it('adam with globalClipnorm trains the LSTM: the loss falls and clipping is counted', async () => {
    const { xs, ys } = data();
    const model = lstmModel();
    const optimizer = adam({ learningRate: 0.05, globalClipnorm: 1 });
    model.compile({ optimizer, loss: 'meanSquaredError' });
    const history = await model.fit(xs, ys, { epochs: 15, batchSize: 8, shuffle: false, verbose: 0 });
    const losses = history.history.loss as number[];
    expect(losses[losses.length - 1]).toBeLessThan(losses[0]! * 0.9);
    expect(optimizer.iterations).toBe(30);
    expect(optimizer.lastClipReport!.clipCount).toBeGreaterThan(0);
    expect(optimizer.lastClipReport!.clipCount).toBeLessThanOrEqual(30);
    optimizer.dispose();
    model.dispose();
    tf.dispose([xs, ys]);
  });
});
