import { describe, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { itIfTensorflow as runIf, runFixture } from './tensorflow-tests.js';

const script = fileURLToPath(new URL('./fixtures/predict-on-simd-threads.mjs', import.meta.url));

describe('tensorflow adapter: a process that predicted on the SIMD module\'s threads', () => {
  runIf('exits by itself, with the outputs TensorFlow\'s route gives', () => {
    // runFixture requires exit status 0 within its timeout.
    const out = runFixture(script, []);
    expect(out.simdModule).toBe(true);
    expect(out.inferenceThreads).toBeGreaterThanOrEqual(1);
    expect(out.values).toBe(32 * 128);
    expect(out.maxDifference as number).toBeLessThan(1e-5);
  });
});
