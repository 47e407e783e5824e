import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { tf, useBackend } from '@rnnkit/backend';
import { input, layers, model } from '../index.js';

beforeAll(async () => {
  await useBackend('cpu', { log: () => {} });
});
const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

function encoderDecoder(lib: 'rnnkit' | 'tfjs') {
  if (lib === 'rnnkit') {
    const enc = input({ shape: [6, 3] });
    const dec = input({ shape: [4, 2] });
    const [, h, c] = layers.lstm({ units: 5, returnState: true }).apply(enc) as ReturnType<typeof input>[];
    const seq = layers.lstm({ units: 5, returnSequences: true }).apply(dec, { initialState: [h, c] }) as ReturnType<typeof input>;
    const out = layers.timeDistributed({ layer: layers.dense({ units: 2 }) }).apply(seq) as ReturnType<typeof input>;
    return model({ inputs: [enc, dec], outputs: out });
  }
  const enc = tfl.input({ shape: [6, 3] });
  const dec = tfl.input({ shape: [4, 2] });
  const [, h, c] = tfl.layers.lstm({ units: 5, returnState: true, recurrentActivation: 'sigmoid' }).apply(enc) as tfl.SymbolicTensor[];
  const seq = tfl.layers.lstm({ units: 5, returnSequences: true, recurrentActivation: 'sigmoid' }).apply(dec, { initialState: [h, c] }) as tfl.SymbolicTensor;
  const out = tfl.layers.timeDistributed({ layer: tfl.layers.dense({ units: 2 }) }).apply(seq) as tfl.SymbolicTensor;
  return tfl.model({ inputs: [enc, dec], outputs: out });
}

describe('functional model', () => {
  it('an encoder-decoder (returnState into a second LSTM) equals tfjs-layers with the same weights', () => {
    const mine = encoderDecoder('rnnkit');
    const ref = encoderDecoder('tfjs');
    mine.setWeights(ref.getWeights() as tf.Tensor[]);
    const x = [tf.randomNormal([2, 6, 3], 0, 1, 'float32', 1), tf.randomNormal([2, 4, 2], 0, 1, 'float32', 2)];
    expect(maxDiff(mine.predict(x) as tf.Tensor, ref.predict(x) as tf.Tensor)).toBeLessThan(1e-5);
  });

  it('trains with two inputs and two outputs, summing the losses, without leaks', async () => {
    const a = input({ shape: [5, 2] });
    const b = input({ shape: [3] });
    const seqOut = layers.gru({ units: 4 }).apply(a) as ReturnType<typeof input>;
    const o1 = layers.dense({ units: 1 }).apply(seqOut) as ReturnType<typeof input>;
    const o2 = layers.dense({ units: 2 }).apply(b) as ReturnType<typeof input>;
    const m = model({ inputs: [a, b], outputs: [o1, o2] });
    m.compile({ optimizer: 'adam', loss: 'mse' });
    const xs = [tf.randomNormal([20, 5, 2]), tf.randomNormal([20, 3])];
    const ys = [tf.randomNormal([20, 1]), tf.randomNormal([20, 2])];
    await m.fit(xs, ys, { epochs: 1, verbose: 0 });
    const before = tf.memory().numTensors;
    const h = await m.fit(xs, ys, { epochs: 3, batchSize: 8, verbose: 0 });
    const preds = m.predict(xs) as tf.Tensor[];
    expect(preds.map((p) => p.shape)).toEqual([[20, 1], [20, 2]]);
    tf.dispose(preds);
    expect(tf.memory().numTensors).toBe(before);
    expect(h.history.loss[2]).toBeLessThan(h.history.loss[0]);
    const total = m.evaluate(xs, ys).loss;
    const parts = tf.tidy(() => {
      const [p1, p2] = m.predict(xs) as tf.Tensor[];
      return tf.losses.meanSquaredError(ys[0], p1).dataSync()[0] + tf.losses.meanSquaredError(ys[1], p2).dataSync()[0];
    });
    expect(total).toBeCloseTo(parts, 4);
  });

  it('errors: an output not computable from the inputs, and a wrong number of input tensors', () => {
    const a = input({ shape: [3] });
    const stray = input({ shape: [3] });
    const out = layers.dense({ units: 1 }).apply(stray) as ReturnType<typeof input>;
    expect(() => model({ inputs: a, outputs: out })).toThrow(`model: '${stray.name}' is needed to compute the outputs but is not among the model's inputs`);
    const m = model({ inputs: a, outputs: layers.dense({ units: 1 }).apply(a) as ReturnType<typeof input> });
    expect(() => m.predict([tf.zeros([1, 3]), tf.zeros([1, 3])])).toThrow('predict: the model has 1 input(s), got 2 x tensor(s)');
  });
});
