import { availableParallelism } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBackends, referenceRnnSequence, rnnSequence, tf, useBackend } from '@rnnkit/backend';
import type { RnnSequenceArgs } from '@rnnkit/backend';
import { seededRandom } from '@rnnkit/backend/testing';
import { setInferenceThreads, wasmAdapter } from './index.js';

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

describe('wasm adapter: inference threads (Node)', () => {
  beforeAll(async () => {
    await useBackend('wasm', { log: false });
  });
  afterAll(async () => {
    await setInferenceThreads(Math.min(4, availableParallelism()));
    await tf.setBackend('cpu');
  });

  it('starts as many threads as Node reports cores (at most 4) and reports them', () => {
    expect(wasmAdapter.capabilities().details?.inferenceThreads).toBe(Math.min(4, availableParallelism()));
  });

  it('rejects a thread count that is not a whole number >= 1, naming it', async () => {
    await expect(setInferenceThreads(0)).rejects.toThrow('setInferenceThreads: count must be a whole number >= 1, got 0');
    await expect(setInferenceThreads(1.5)).rejects.toThrow('setInferenceThreads: count must be a whole number >= 1, got 1.5');
  });

  it('predicts the same values on 1, 2 and 3 threads, without leaking tensors', async () => {
    const rnd = seededRandom(17);
    const t = (shape: number[], s: number) => tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b) }, () => (rnd() * 2 - 1) * s), shape);
    const [B, T, F, U] = [32, 25, 16, 64];
    const args: RnnSequenceArgs = {
      cell: 'lstm', inputs: t([B, T, F], 1) as tf.Tensor3D, kernel: t([F, 4 * U], 0.3) as tf.Tensor2D,
      recurrentKernel: t([U, 4 * U], 0.2) as tf.Tensor2D, bias: t([4 * U], 0.1),
      initialState: [tf.zeros([B, U]), tf.zeros([B, U])], returnSequences: true,
    };
    const outputs: number[][] = [];
    const before = tf.memory().numTensors;
    for (const threads of [1, 2, 3]) {
      await setInferenceThreads(threads);
      expect(wasmAdapter.capabilities().details?.inferenceThreads).toBe(threads);
      const r = rnnSequence(args);
      outputs.push(Array.from(r.outputs.dataSync()));
      tf.dispose([r.outputs, ...r.states]);
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(outputs[1]).toEqual(outputs[0]);
    expect(outputs[2]).toEqual(outputs[0]);
    const ref = tf.tidy(() => Array.from(referenceRnnSequence(args).outputs.dataSync()));
    expect(Math.max(...ref.map((v, i) => Math.abs(v - outputs[2][i])))).toBeLessThan(2e-5);
    tf.dispose([args.inputs, args.kernel, args.recurrentKernel, args.bias!, ...args.initialState]);
  });
});

function transpose(m: number[][]): number[][] {
  return m[0].map((_, j) => m.map((row) => row[j]));
}
