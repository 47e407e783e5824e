import { describe, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { itIfTensorflow as runIf, runFixture } from './tensorflow-tests.js';

const script = fileURLToPath(new URL('./fixtures/tfjs-node-loaded-first.mjs', import.meta.url));

const decision = (who: 'first' | 'adapter', env: Record<string, string>) => runFixture(script, [who], env);

// TensorFlow fixes its contraction kernel at its first contraction (eigen-contraction.ts): only a tfjs-node the
// adapter loads itself can be given Eigen's own, signal-safe kernel.
describe('tensorflow adapter: who loads tfjs-node decides the contraction kernel', () => {
  runIf('loaded by the adapter: Eigen\'s own kernel and BlockLSTMV2, and the environment is left as it was', () => {
    expect(decision('adapter', {})).toEqual({ eigenContractionKernel: true, blockLstm: true, variable: null });
  });

  runIf('loaded (and used) before rnnkit: oneDNN\'s sgemm may be in force, so neither SparseMatMul nor BlockLSTMV2', () => {
    expect(decision('first', {})).toEqual({ eigenContractionKernel: false, blockLstm: false, variable: null });
  });

  runIf('loaded before rnnkit, with the variable set by the user from the start: both', () => {
    expect(decision('first', { TENSORFLOW_USE_CUSTOM_CONTRACTION_KERNEL: 'false' })).toEqual({ eigenContractionKernel: true, blockLstm: true, variable: 'false' });
  });

  runIf('a user who asks for oneDNN\'s sgemm keeps it, and the fused kernels on BatchMatMulV2', () => {
    expect(decision('adapter', { TENSORFLOW_USE_CUSTOM_CONTRACTION_KERNEL: 'true' })).toEqual({ eigenContractionKernel: false, blockLstm: false, variable: 'true' });
  });
});
