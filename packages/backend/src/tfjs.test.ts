import { describe, expect, it } from 'vitest';
import { tf } from './tfjs.js';

describe('tf instance', () => {
  it('has gradients and chained ops', async () => {
    await tf.setBackend('cpu');
    const x = tf.tensor([1, 2, 3]);
    expect(typeof (x as any).add).toBe('function');
    expect(Array.from(tf.grad((v: tf.Tensor) => tf.square(v))(x as any).dataSync())).toEqual([2, 4, 6]);
  });
});
