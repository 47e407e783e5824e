import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBackends, tf, useBackend } from '@rnnkit/backend';
import { wasmAdapter } from '../../src/index.js';

describe('wasm adapter in Chromium', () => {
  beforeAll(async () => {
    await useBackend('wasm', { log: false });
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('is listed as available', async () => {
    expect((await listBackends()).find((b) => b.name === 'wasm')).toMatchObject({ registered: true, available: true });
  });

  it('loads its SIMD binary without setWasmPaths (embedded, served by the bundler as JS)', () => {
    expect(tf.getBackend()).toBe('wasm');
    const caps = wasmAdapter.capabilities();
    expect(caps).toMatchObject({ tfjsBackend: 'wasm', simd: true, floatPrecision: 32 });
    expect(typeof caps.threads).toBe('boolean');
    expect(caps.details?.binary).toBe(caps.threads ? 'tfjs-backend-wasm-threaded-simd.wasm' : 'tfjs-backend-wasm-simd.wasm');
  });

  it('multiplies matrices, transposed or not, without leaking tensors', () => {
    const before = tf.memory().numTensors;
    const out = tf.tidy(() => tf.matMul(tf.tensor2d([[1, 4], [2, 5], [3, 6]]), tf.tensor2d([[7, 8], [9, 10], [11, 12]]), true, false));
    expect(out.arraySync()).toEqual([[58, 64], [139, 154]]);
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
