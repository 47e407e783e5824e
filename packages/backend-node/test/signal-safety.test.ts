import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeAdapter } from '../src/index.js';

const available = (await nodeAdapter.isAvailable()).available;
const mustRun = process.env.CI === 'true' && process.env.RNNKIT_NO_TFJS_NODE_WHEEL !== '1';
const runIf = available || mustRun ? it : it.skip;
const script = fileURLToPath(new URL('./fixtures/train-under-profiler.mjs', import.meta.url));

/** Runs the fixture under a 100-microsecond sampling profiler and returns what it printed. */
function underProfiler(cell: string, steps: number, env: Record<string, string>): Record<string, unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'rnnkit-prof-'));
  try {
    const run = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', dir, script, cell, String(steps)], {
      encoding: 'utf8',
      env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2', ...env },
      timeout: 120_000,
    });
    expect({ status: run.status, signal: run.signal, stderr: run.status === 0 ? '' : run.stderr.slice(-500) }).toEqual({ status: 0, signal: null, stderr: '' });
    // The profile was written: the profiler really sampled this run.
    expect(readdirSync(dir).some((f) => f.endsWith('.cpuprofile'))).toBe(true);
    return JSON.parse(run.stdout.trim().split('\n').at(-1)!);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// BlockLSTMV2 (formerly the default LSTM kernel here) aborted with "corrupted size vs. prev_size" within a few
// dozen steps under the profiler: TensorFlow's oneDNN JIT code is not safe against signals. The default kernels
// must survive a process that is being profiled.
// The step products are SparseMatMul calls, Eigen contractions: at 128 units (a contraction depth of 128) TensorFlow
// would multiply their blocks with oneDNN's JIT sgemm, which aborted the same way within seconds, unless the adapter
// has Eigen use its own kernel (eigen-contraction.ts).
describe('tensorflow adapter: the default kernels survive signals (node --cpu-prof)', () => {
  for (const cell of ['lstm', 'gru', 'simpleRNN']) {
    for (const units of [64, 128]) {
      runIf(`${cell}, ${units} units: 40 training steps and 10 predictions under a 100-microsecond sampling profiler exit cleanly`, () => {
        const result = underProfiler(cell, 40, { RNNKIT_TEST_UNITS: String(units) });
        expect(result).toMatchObject({ backend: 'tensorflow', blockLstm: false, eigenContractionKernel: true, predictions: 10 });
        expect(Number.isFinite(result.loss)).toBe(true);
      }, 130_000);
    }
  }

  // With oneDNN's ops off every tf.matMul is an Eigen contraction too: a [32, 128] x [128, 256] BatchMatMulV2 aborted
  // under the profiler before the adapter set Eigen's own kernel in that case as well.
  runIf('with TF_ENABLE_ONEDNN_OPTS=0: LSTM, 128 units, 40 training steps and 10 predictions under the profiler exit cleanly', () => {
    const result = underProfiler('lstm', 40, { RNNKIT_TEST_UNITS: '128', TF_ENABLE_ONEDNN_OPTS: '0' });
    expect(result).toMatchObject({ backend: 'tensorflow', blockLstm: false, eigenContractionKernel: true, predictions: 10 });
  }, 130_000);

  // Without the variable the same run aborted every time within 200 steps ("corrupted size vs. prev_size").
  runIf('enableBlockLstm() with ONEDNN_MAX_CPU_ISA=SSE41: 200 BlockLSTMV2 training steps under the profiler exit cleanly', () => {
    const result = underProfiler('lstm', 200, { RNNKIT_TEST_BLOCK_LSTM: '1', ONEDNN_MAX_CPU_ISA: 'SSE41' });
    expect(result).toMatchObject({ backend: 'tensorflow', blockLstm: true, predictions: 10 });
    expect(Number.isFinite(result.loss)).toBe(true);
  }, 130_000);
});
