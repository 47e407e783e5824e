import { describe, expect, it } from 'vitest';
import { tf } from '@rnnkit/backend';
import { Embedding } from './embedding.js';

describe('embedding', () => {
  it('gradient of the lookup equals tf.gather\'s (repeated ids accumulate)', () => {
    const e = new Embedding({ inputDim: 6, outputDim: 3, seed: 1 });
    const ids = tf.tensor2d([[1, 2, 2, 0], [5, 1, 1, 1]], [2, 4], 'int32');
    (e.apply(ids) as tf.Tensor).dispose();
    const table = e.weights[0].value;
    const w = tf.randomNormal([2, 4, 3], 0, 1, 'float32', 3);
    const ours = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(e.call(ids), w)))(table);
    const ref = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, ids), w)))(table);
    expect(Array.from(ours.dataSync()).map((v, i) => Math.abs(v - ref.dataSync()[i])).every((d) => d < 1e-6)).toBe(true);
  });

  it('rejects out-of-range ids naming the id and the vocabulary', () => {
    const e = new Embedding({ inputDim: 4, outputDim: 2, name: 'emb' });
    expect(() => e.apply(tf.tensor2d([[1, 4]], [1, 2], 'int32'))).toThrow('emb: token id 4 at flat index 1 is outside [0, 4) (inputDim 4)');
  });
});
