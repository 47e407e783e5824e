// Inference workers are unref'd: a Node process that predicted on several threads must still exit by itself.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = `
import { rnnSequence, tf, useBackend } from '@rnnkit/backend';
import { wasmAdapter } from '@rnnkit/backend-wasm';
await useBackend('wasm', { log: false });
const [B, T, F, U] = [32, 25, 16, 64];
const r = rnnSequence({
  cell: 'lstm', inputs: tf.ones([B, T, F]), kernel: tf.fill([F, 4 * U], 0.01), recurrentKernel: tf.fill([U, 4 * U], 0.01),
  bias: tf.zeros([4 * U]), initialState: [tf.zeros([B, U]), tf.zeros([B, U])],
});
console.log(JSON.stringify({ threads: wasmAdapter.capabilities().details.inferenceThreads, h: r.outputs.dataSync()[0] }));
`;

describe('a process with inference workers', () => {
  it('exits by itself after predicting on several threads', () => {
    const cwd = fileURLToPath(new URL('..', import.meta.url));
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd, encoding: 'utf8', timeout: 60_000 });
    expect(run.error, 'the process did not exit within 60 s').toBeUndefined();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout.trim().split('\n').pop()!) as { threads: number; h: number };
    expect(out.threads).toBeGreaterThanOrEqual(2);
    expect(out.h).toBeGreaterThan(0);
  });
});
