import { describe, expect, it, vi } from 'vitest';
import { tf } from './tfjs.js';

describe('tf instance', () => {
  it('has gradients and chained ops', async () => {
    await tf.setBackend('cpu');
    const x = tf.tensor([1, 2, 3]);
    expect(typeof (x as any).add).toBe('function');
    expect(Array.from(tf.grad((v: tf.Tensor) => tf.square(v))(x as any).dataSync())).toEqual([2, 4, 6]);
    x.dispose();
  });

  it("does not print tfjs-backend-cpu's Node banner on first use", async () => {
    const warn = vi.spyOn(console, 'warn');
    try {
      // A fresh cpu backend instance has an unspent first-use flag: remove and recreate it.
      tf.engine().registry['cpu']?.dispose();
      delete tf.engine().registry['cpu'];
      await tf.setBackend('cpu');
      expect(tf.env().getBool('IS_NODE')).toBe(true);
      tf.tensor([1, 2]).dispose();
      const banner = warn.mock.calls.filter((args) => String(args[0]).includes('looks like you are running TensorFlow.js'));
      expect(banner).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });
});
