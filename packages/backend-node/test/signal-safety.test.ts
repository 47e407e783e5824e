import { describe, expect } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { itIfTensorflow as runIf, runFixture } from './tensorflow-tests.js';

const script = fileURLToPath(new URL('./fixtures/train-under-profiler.mjs', import.meta.url));

/** Runs the fixture under a 100-microsecond sampling profiler and returns what it printed. */
function underProfiler(cell: string, steps: number, env: Record<string, string>): Record<string, unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'rnnkit-prof-'));
  try {
    const printed = runFixture(script, [cell, String(steps)], env, ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', dir]);
    // The profile was written: the profiler really sampled this run.
    expect(readdirSync(dir).some((f) => f.endsWith('.cpuprofile'))).toBe(true);
    return printed;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// BlockLSTMV2 and every small product of the fused kernels are Eigen contractions. With oneDNN's JIT sgemm inside
// (TensorFlow's default) they aborted with "corrupted size vs. prev_size" within seconds under the profiler: at 64
// units BlockLSTMV2, at 128 units the fused kernels' SparseMatMul too. The adapter loads TensorFlow with Eigen's own
// contraction kernel (eigen-contraction.ts); the default kernels must survive a process that is being profiled.
describe('tensorflow adapter: the default kernels survive signals (node --cpu-prof)', () => {
  for (const cell of ['lstm', 'gru', 'simpleRNN']) {
    for (const units of [64, 128]) {
      runIf(`${cell}, ${units} units: 40 training steps and 10 predictions under a 100-microsecond sampling profiler exit cleanly`, () => {
        const result = underProfiler(cell, 40, { RNNKIT_TEST_UNITS: String(units) });
        expect(result).toMatchObject({ backend: 'tensorflow', blockLstm: true, eigenContractionKernel: true, predictions: 10 });
        expect(Number.isFinite(result.loss)).toBe(true);
      }, 130_000);
    }
  }

  runIf('LSTM on the fused kernel (enableBlockLstm(false)), 128 units, under the profiler exits cleanly', () => {
    const result = underProfiler('lstm', 40, { RNNKIT_TEST_UNITS: '128', RNNKIT_TEST_BLOCK_LSTM: '0' });
    expect(result).toMatchObject({ backend: 'tensorflow', blockLstm: false, eigenContractionKernel: true, predictions: 10 });
  }, 130_000);

  runIf("LSTM's default BlockLSTMV2: 200 training steps under the profiler exit cleanly", () => {
    const result = underProfiler('lstm', 200, {});
    expect(result).toMatchObject({ backend: 'tensorflow', blockLstm: true, eigenContractionKernel: true, predictions: 10 });
    expect(Number.isFinite(result.loss)).toBe(true);
  }, 130_000);

  // With oneDNN's ops off every tf.matMul is an Eigen contraction too: a [32, 128] x [128, 256] BatchMatMulV2 aborted
  // under the profiler before the adapter set Eigen's own kernel in that case as well.
  runIf('with TF_ENABLE_ONEDNN_OPTS=0: GRU, 128 units, 40 training steps and 10 predictions under the profiler exit cleanly', () => {
    const result = underProfiler('gru', 40, { RNNKIT_TEST_UNITS: '128', TF_ENABLE_ONEDNN_OPTS: '0' });
    expect(result).toMatchObject({ backend: 'tensorflow', eigenContractionKernel: true, predictions: 10 });
  }, 130_000);

  // The other safe configuration: the user keeps oneDNN's sgemm but limits it to SSE4.1. Without that limit the same
  // run aborted every time within 200 steps.
  runIf('BlockLSTMV2 forced on with oneDNN\'s sgemm at ONEDNN_MAX_CPU_ISA=SSE41: 200 training steps under the profiler exit cleanly', () => {
    const result = underProfiler('lstm', 200, {
      RNNKIT_TEST_BLOCK_LSTM: '1', ONEDNN_MAX_CPU_ISA: 'SSE41', TENSORFLOW_USE_CUSTOM_CONTRACTION_KERNEL: 'true',
    });
    expect(result).toMatchObject({ backend: 'tensorflow', blockLstm: true, eigenContractionKernel: false, predictions: 10 });
    expect(Number.isFinite(result.loss)).toBe(true);
  }, 130_000);
});
