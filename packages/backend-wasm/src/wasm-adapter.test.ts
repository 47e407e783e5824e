import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBackends, tf, useBackend } from '@rnnkit/backend';
import { wasmAdapter } from './index.js';

describe('wasm adapter (Node)', () => {
  beforeAll(async () => {
    await useBackend('wasm', { log: false });
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('registers on import without selecting itself, and is listed as available', async () => {
    const wasm = (await listBackends()).find((b) => b.name === 'wasm');
    expect(wasm).toMatchObject({ registered: true, available: true, packageName: '@rnnkit/backend-wasm' });
    expect(await wasmAdapter.isAvailable()).toEqual({ available: true });
  });

  it('initialises tfjs wasm with SIMD on and threads off, from its .wasm files without setWasmPaths', () => {
    expect(tf.getBackend()).toBe('wasm');
    const caps = wasmAdapter.capabilities();
    expect(caps).toMatchObject({ tfjsBackend: 'wasm', simd: true, threads: false, floatPrecision: 32 });
    expect(caps.details).toMatchObject({ binary: 'tfjs-backend-wasm-simd.wasm', threadCount: 1, explicitTransposeMatMul: true });
  });

  it("replaced tfjs' wasm BatchMatMul kernel with the explicit-transpose one", () => {
    const kernel = tf.getKernel('BatchMatMul', 'wasm') as unknown as Record<symbol, boolean>;
    expect(kernel[Symbol.for('rnnkit.wasm.explicitTransposeMatMul')]).toBe(true);
  });

  it('computes matMul with every transpose combination as the cpu reference does, without leaking', async () => {
    const a = [[1, 2, 3], [4, 5, 6]];
    const b = [[7, 8], [9, 10], [11, 12]];
    const expected = [[58, 64], [139, 154]];
    const before = tf.memory().numTensors;
    const cases: [number[][], number[][], boolean, boolean][] = [
      [a, b, false, false],
      [transpose(a), b, true, false],
      [a, transpose(b), false, true],
      [transpose(a), transpose(b), true, true],
    ];
    for (const [x, y, ta, tb] of cases) {
      const out = tf.tidy(() => tf.matMul(tf.tensor2d(x), tf.tensor2d(y), ta, tb));
      expect(out.arraySync()).toEqual(expected);
      out.dispose();
    }
    const batched = tf.tidy(() => tf.matMul(tf.ones([2, 3, 4]), tf.ones([2, 5, 4]), false, true));
    expect(batched.shape).toEqual([2, 3, 5]);
    expect(Array.from(batched.dataSync()).every((v) => v === 4)).toBe(true);
    batched.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives matMul gradients (which transpose) equal to the analytic ones', () => {
    const a = tf.tensor2d([[1, 2], [3, 4]]);
    const b = tf.tensor2d([[5, 6], [7, 8]]);
    const [da, db] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.matMul(x as tf.Tensor2D, y as tf.Tensor2D)))([a, b]);
    // d(sum(A·B))/dA = 1·Bᵀ, /dB = Aᵀ·1
    expect(da.arraySync()).toEqual([[11, 15], [11, 15]]);
    expect(db.arraySync()).toEqual([[4, 4], [6, 6]]);
    tf.dispose([a, b, da, db]);
  });

  it('switches back to wasm after another backend without reinitialising', async () => {
    await useBackend('cpu', { log: false });
    expect(tf.getBackend()).toBe('cpu');
    const choice = await useBackend('wasm', { log: false });
    expect(choice.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });
});

function transpose(m: number[][]): number[][] {
  return m[0].map((_, j) => m.map((row) => row[j]));
}
