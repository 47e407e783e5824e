import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { tf, useBackend } from '@rnnkit/backend';
import { layers } from './index.js';

beforeAll(async () => {
  await useBackend('cpu', { log: () => {} });
});
const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

describe('timeDistributed and layerNormalization equal tfjs-layers', () => {
  it('timeDistributed(dense) on [batch, time, features]', () => {
    const x = tf.randomNormal([2, 5, 3], 0, 1, 'float32', 4);
    const mine = layers.timeDistributed({ layer: layers.dense({ units: 4, activation: 'relu' }) });
    const ref = tfl.layers.timeDistributed({ layer: tfl.layers.dense({ units: 4, activation: 'relu' }) });
    (ref.apply(x) as tf.Tensor).dispose();
    (mine.apply(x) as tf.Tensor).dispose();
    mine.setWeights(ref.getWeights() as tf.Tensor[]);
    const out = mine.apply(x) as tf.Tensor;
    expect(out.shape).toEqual([2, 5, 4]);
    expect(maxDiff(out, ref.apply(x) as tf.Tensor)).toBeLessThan(1e-6);
  });

  it('layerNormalization on the last axis, with trained-looking gamma and beta', () => {
    const x = tf.randomNormal([3, 4, 6], 2, 3, 'float32', 5);
    const mine = layers.layerNormalization();
    const ref = tfl.layers.layerNormalization();
    (ref.apply(x) as tf.Tensor).dispose();
    (mine.apply(x) as tf.Tensor).dispose();
    const w = [tf.randomNormal([6], 1, 0.2, 'float32', 1), tf.randomNormal([6], 0, 0.2, 'float32', 2)];
    ref.setWeights(w);
    mine.setWeights(w);
    expect(maxDiff(mine.apply(x) as tf.Tensor, ref.apply(x) as tf.Tensor)).toBeLessThan(1e-5);
  });

  it('timeDistributed rejects a 2D input naming the shape', () => {
    const td = layers.timeDistributed({ layer: layers.dense({ units: 2 }), name: 'td' });
    expect(() => td.apply(tf.zeros([2, 3]))).toThrow('td: expected an input of rank >= 3 [batch, time, ...], got [2, 3]');
  });
});
