// Fit loss trajectory parity from first principles: a dense model trained with SGD on mse, computed here in plain
// JavaScript (Keras semantics: per-batch loss before the update, mean over the batch with sample weights as
// sum(w * loss) / batch size, the last partial batch trained, epoch loss = sample-weighted mean of batch losses),
// against fit through a hand-written ModelCore and through a real sequential model.
import { beforeAll, describe, expect, it } from 'vitest';
import { tf, useBackend } from '@rnnkit/backend';
import { sgd } from '@rnnkit/optimizers';
import { compileModel, fitModel } from '../../src/training/index.js';
import { layers, sequential } from '../../src/index.js';
import { TinyDense } from './tiny-models.js';

beforeAll(async () => {
  await useBackend('cpu', { log: () => {} });
});

const X = [[0.5, -1], [1, 2], [-0.3, 0.8], [2, 0.1], [-1.5, -0.5], [0.7, 0.7], [0.2, -2]];
const Y = [0.3, 1.2, -0.4, 0.9, -1.1, 0.5, 0.05];
const W0 = [[0.1], [-0.2]];
const B0 = [0.05];

/** Plain-JS SGD on mse: returns the epoch losses and the final weights. */
function reference(epochs: number, batchSize: number, lr: number, w: number[] = Y.map(() => 1)) {
  let [k0, k1, b] = [W0[0][0], W0[1][0], B0[0]];
  const losses: number[] = [];
  for (let e = 0; e < epochs; e++) {
    let sum = 0;
    for (let s = 0; s < X.length; s += batchSize) {
      const idx = [...Array(Math.min(batchSize, X.length - s)).keys()].map((i) => s + i);
      let loss = 0;
      let g0 = 0;
      let g1 = 0;
      let gb = 0;
      for (const i of idx) {
        const err = k0 * X[i][0] + k1 * X[i][1] + b - Y[i];
        loss += (w[i] * err * err) / idx.length;
        g0 += (2 * w[i] * err * X[i][0]) / idx.length;
        g1 += (2 * w[i] * err * X[i][1]) / idx.length;
        gb += (2 * w[i] * err) / idx.length;
      }
      [k0, k1, b] = [k0 - lr * g0, k1 - lr * g1, b - lr * gb];
      sum += loss * idx.length;
    }
    losses.push(sum / X.length);
  }
  return { losses, weights: [k0, k1, b] };
}

const expectClose = (got: number[], want: number[], tol: number) => {
  expect(got).toHaveLength(want.length);
  got.forEach((g, i) => expect(Math.abs(g - want[i]), `index ${i}: ${g} vs ${want[i]}`).toBeLessThan(tol * Math.max(1, Math.abs(want[i]))));
};

describe('SGD fit trajectory (first principles)', () => {
  it('a hand-written ModelCore: epoch losses and final weights over 4 epochs with a partial last batch', async () => {
    const want = reference(4, 3, 0.1);
    const model = new TinyDense(W0, B0);
    const compiled = compileModel(model, { optimizer: sgd({ learningRate: 0.1 }), loss: 'mse' });
    const x = tf.tensor2d(X);
    const y = tf.tensor2d(Y, [Y.length, 1]);
    const h = await fitModel(model, compiled, x, y, { epochs: 4, batchSize: 3, shuffle: false, verbose: 0 });
    expectClose(h.history.loss, want.losses, 1e-6);
    expectClose(model.weights.flatMap((w) => Array.from(w.value.dataSync())), want.weights, 1e-6);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('a real sequential dense model, with sample weights: the same numbers', async () => {
    const sw = [1, 2, 0.5, 1, 3, 0, 1];
    const want = reference(3, 4, 0.05, sw);
    const m = sequential({ layers: [layers.dense({ units: 1, inputShape: [2] })] });
    m.setWeights([tf.tensor2d(W0), tf.tensor1d(B0)]);
    m.compile({ optimizer: sgd({ learningRate: 0.05 }), loss: 'mse' });
    const h = await m.fit(tf.tensor2d(X), tf.tensor1d(Y), { epochs: 3, batchSize: 4, shuffle: false, verbose: 0, sampleWeight: tf.tensor1d(sw) });
    expectClose(h.history.loss, want.losses, 1e-6);
    expectClose(m.getWeights().flatMap((w) => Array.from(w.dataSync())), want.weights, 1e-6);
  });
});
