import { afterAll, describe, expect, it } from 'vitest';
import { tf, useBackend } from '@rnnkit/backend';
import { nodeAdapter } from './index.js';
import { EIGEN_MAX_PRODUCT_SIZE, eigenMatMul, tensorflowMatMulProvider } from './tensorflow-matmul-provider.js';

const available = (await nodeAdapter.isAvailable()).available;
const mustRun = process.env.CI === 'true' && process.env.RNNKIT_NO_TFJS_NODE_WHEEL !== '1';
const runIf = available || mustRun ? it : it.skip;

function naive(a: Float32Array, m: number, k: number, b: Float32Array, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) for (let p = 0; p < k; p++) c[i * n + j] += a[i * k + p] * b[p * n + j];
  return c;
}
const wave = (size: number, seed: number) => Float32Array.from({ length: size }, (_, i) => Math.sin(seed + i * 0.7));
function worst(got: ArrayLike<number>, want: ArrayLike<number>): number {
  expect(got.length).toBe(want.length);
  let w = 0;
  for (let i = 0; i < got.length; i++) w = Math.max(w, Math.abs(got[i] - want[i]));
  return w;
}

describe('tensorflowMatMulProvider', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('eigenMatMul names the backend it needs when another one is active', async () => {
    await tf.setBackend('cpu');
    expect(() => eigenMatMul(tf.zeros([1, 1]), tf.zeros([1, 1])))
      .toThrow("eigenMatMul needs the 'tensorflow' backend active (the active one is 'cpu')");
  });

  runIf('products on either op, with a bias row and with an addend, equal a triple loop and leak nothing', async () => {
    await useBackend('tensorflow', { log: false });
    const before = tf.memory().numTensors;
    for (const eigen of [true, false]) {
      const mm = tensorflowMatMulProvider(() => eigen);
      // Below and above EIGEN_MAX_PRODUCT_SIZE (32 x 256 x 256), where the provider changes op.
      for (const [m, k, n] of [[1, 1, 1], [3, 5, 7], [32, 64, 256], [17, 300, 9], [32, 256, 512]]) {
        const a = wave(m * k, 1), b = wave(k * n, 2), want = naive(a, m, k, b, n);
        const tol = 1e-5 * Math.sqrt(k) * 4;
        expect(worst(mm.matMul(a, m, k, b, n), want)).toBeLessThan(tol);
        const bias = wave(n, 3);
        expect(worst(mm.matMul(a, m, k, b, n, bias), want.map((v, i) => v + bias[i % n]))).toBeLessThan(tol);
        const right = mm.prepareRight(b, k, n);
        expect(worst(right.mul(a, m), want)).toBeLessThan(tol);
        const addend = wave(m * n, 4);
        expect(worst(right.mul(a, m, addend), want.map((v, i) => v + addend[i]))).toBeLessThan(tol);
        // m rows of a longer buffer.
        expect(worst(right.mul(wave((m + 2) * k, 1), m), want)).toBeLessThan(tol);
        right.dispose();
      }
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  runIf('small products go to SparseMatMul only where Eigen contractions are safe; large ones to BatchMatMul', async () => {
    await useBackend('tensorflow', { log: false });
    expect(EIGEN_MAX_PRODUCT_SIZE).toBe(32 * 256 * 256);
    // tf.profile sees the kernels run through tfjs (BatchMatMul), not SparseMatMul's direct native call.
    const batchMatMuls = async (eigen: boolean, m: number, k: number, n: number) => {
      const mm = tensorflowMatMulProvider(() => eigen);
      const info = await tf.profile(() => { mm.matMul(wave(m * k, 1), m, k, wave(k * n, 2), n); });
      return info.kernels.filter((kernel) => kernel.name === 'BatchMatMul').length;
    };
    expect(await batchMatMuls(true, 32, 256, 256)).toBe(0);
    expect(await batchMatMuls(true, 32, 256, 257)).toBe(1);
    expect(await batchMatMuls(false, 32, 64, 64)).toBe(1);
  });
});
