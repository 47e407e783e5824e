import { afterAll, describe, expect, it } from 'vitest';
import { tf, useBackend } from '@rnnkit/backend';
import { expectMatMulProviderMatchesTripleLoop, seededRandom } from '@rnnkit/backend/testing';
import { itIfTensorflow as runIf } from '../test/tensorflow-tests.js';
import { EIGEN_MAX_PRODUCT_SIZE, eigenMatMul, tensorflowMatMulProvider } from './tensorflow-matmul-provider.js';


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
      const random = seededRandom(eigen ? 1 : 2);
      for (const [m, k, n] of [[1, 1, 1], [3, 5, 7], [32, 64, 256], [17, 300, 9], [32, 256, 512]] as const) {
        expectMatMulProviderMatchesTripleLoop(mm, [m, k, n], 1e-5 * Math.sqrt(k) * 4, () => random() * 2 - 1);
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
      const info = await tf.profile(() => { mm.matMul(new Float32Array(m * k), m, k, new Float32Array(k * n), n); });
      return info.kernels.filter((kernel) => kernel.name === 'BatchMatMul').length;
    };
    expect(await batchMatMuls(true, 32, 256, 256)).toBe(0);
    expect(await batchMatMuls(true, 32, 256, 257)).toBe(1);
    expect(await batchMatMuls(false, 32, 64, 64)).toBe(1);
  });
});
