import { describe, expect, it } from 'vitest';
import { referenceRnnSequence, rnnSequence, selectedRecurrentKernel, tf, useBackend } from '@rnnkit/backend';
import { wasmAdapter } from '../index.js';

describe('the wasm adapter runs its recurrent kernels on the SIMD module', () => {
  it('reports the SIMD provider after init and dispatches every cell to its fused kernel', async () => {
    await useBackend('wasm', { log: false });
    expect(wasmAdapter.capabilities().details?.recurrentKernels).toBe('wasm-simd');
    for (const cell of ['lstm', 'gru', 'simpleRNN'] as const) {
      const selected = selectedRecurrentKernel(cell);
      expect(selected.source).toBe('adapter');
      expect(selected.kernel).toBe(wasmAdapter.kernels?.[cell]);
    }
    const before = tf.memory().numTensors;
    const [fast, ref] = tf.tidy(() => {
      const args = {
        cell: 'lstm' as const,
        inputs: tf.randomUniform([5, 3, 4], -1, 1, 'float32', 1) as tf.Tensor3D,
        kernel: tf.randomUniform([4, 24], -0.5, 0.5, 'float32', 2) as tf.Tensor2D,
        recurrentKernel: tf.randomUniform([6, 24], -0.5, 0.5, 'float32', 3) as tf.Tensor2D,
        initialState: [tf.zeros([5, 6]) as tf.Tensor2D, tf.zeros([5, 6]) as tf.Tensor2D],
        returnSequences: true,
      };
      return [rnnSequence(args).outputs.dataSync(), referenceRnnSequence(args).outputs.dataSync()];
    });
    expect(fast.length).toBe(5 * 3 * 6);
    fast.forEach((v, i) => expect(Math.abs(v - ref[i])).toBeLessThan(1e-5));
    expect(tf.memory().numTensors).toBe(before);
  });
});
