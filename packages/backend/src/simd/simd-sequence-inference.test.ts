import { beforeAll, describe, expect, it } from 'vitest';
import { fusedRecurrentKernels } from '../fused/fused-kernel.js';
import { referenceRnnSequence } from '../recurrent/reference-sequence.js';
import { tf } from '../tfjs.js';
import { disposeArgs, seededRandom } from '../testing/cases.js';
import type { ActivationName, CellKind, RnnSequenceArgs } from '../recurrent/types.js';
import type { MatMulProvider } from '../fused/matmul.js';
import type { ScalarActivation } from '../fused/activation-math.js';
import type { SequenceData } from '../fused/sequence-data.js';
import { instantiateSimdKernelsSync } from './simd-module.js';
import { simdMatMulProvider } from './simd-provider.js';
import { simdSequenceInference } from './simd-sequence-inference.js';
import { WasmHeap } from './wasm-heap.js';

const GATES: Record<CellKind, number> = { simpleRNN: 1, lstm: 4, gru: 3 };

/** Uniform in [-1, 1). */
function seeded(seed: number) {
  const rnd = seededRandom(seed);
  return () => rnd() * 2 - 1;
}

interface Case {
  cell: CellKind;
  B: number;
  T: number;
  F: number;
  U: number;
  mask?: 'none' | 'edges';
  returnSequences?: boolean;
  goBackwards?: boolean;
  zeroOutputForMask?: boolean;
  bias?: boolean;
  activation?: ActivationName;
  recurrentActivation?: ActivationName;
}

/**
 * 'edges': sample 0 has no real step, sample 1 starts with two masked steps (its nonzero initial state must not be
 * emitted), sample 2 has a hole in the middle; the rest are whole.
 */
function maskValue(b: number, t: number, T: number): number {
  if (b === 0) return 0;
  if (b === 1) return t < 2 ? 0 : 1;
  if (b === 2) return t === 1 && T > 2 ? 0 : 1;
  return 1;
}

function makeArgs(c: Case, seed: number): RnnSequenceArgs {
  const rnd = seeded(seed);
  const arr = (n: number, scale: number) => Float32Array.from({ length: n }, () => rnd() * scale);
  const { B, T, F, U } = c;
  const G = GATES[c.cell] * U;
  const biasShape = c.cell === 'gru' ? [2, G] : [G];
  return {
    cell: c.cell,
    inputs: tf.tensor3d(arr(B * T * F, 1), [B, T, F]),
    kernel: tf.tensor2d(arr(F * G, 0.6), [F, G]),
    recurrentKernel: tf.tensor2d(arr(U * G, 0.6), [U, G]),
    bias: c.bias === false ? undefined : tf.tensor(arr(biasShape.reduce((a, b) => a * b), 0.3), biasShape),
    initialState: Array.from({ length: c.cell === 'lstm' ? 2 : 1 }, () => tf.tensor2d(arr(B * U, 0.5), [B, U])),
    mask: c.mask === 'edges' ? tf.tensor2d(Float32Array.from({ length: B * T }, (_, i) => maskValue(Math.floor(i / T), i % T, T)), [B, T]) : undefined,
    goBackwards: c.goBackwards,
    returnSequences: c.returnSequences,
    zeroOutputForMask: c.zeroOutputForMask,
    activation: c.activation,
    recurrentActivation: c.recurrentActivation,
  };
}

const run = (kernel: (a: RnnSequenceArgs) => { outputs: tf.Tensor; states: tf.Tensor[] }, args: RnnSequenceArgs) =>
  tf.tidy(() => {
    const r = kernel(args);
    return [r.outputs, ...r.states].map((t) => Array.from(t.dataSync()));
  });

const worst = (got: number[][], want: number[][]) => {
  expect(got.map((g) => g.length)).toEqual(want.map((w) => w.length));
  return Math.max(...got.flatMap((g, k) => g.map((v, i) => Math.abs(v - want[k][i]))));
};

const cases: Case[] = [];
for (const cell of ['simpleRNN', 'lstm', 'gru'] as CellKind[]) {
  for (const returnSequences of [false, true]) {
    for (const mask of ['none', 'edges'] as const) {
      cases.push({ cell, B: 5, T: 4, F: 3, U: 6, mask, returnSequences });
      cases.push({ cell, B: 5, T: 4, F: 3, U: 6, mask, returnSequences, goBackwards: true, zeroOutputForMask: false });
    }
  }
  // Shapes past every block of the product (33 rows: 4-row blocks and a single row; 64 units: 8-column blocks).
  cases.push({ cell, B: 33, T: 3, F: 16, U: 64, returnSequences: true, mask: 'edges', zeroOutputForMask: true });
  cases.push({ cell, B: 6, T: 1, F: 2, U: 5, bias: false });
}
cases.push({ cell: 'lstm', B: 5, T: 4, F: 3, U: 6, recurrentActivation: 'hardSigmoid', returnSequences: true, mask: 'edges' });
cases.push({ cell: 'gru', B: 5, T: 4, F: 3, U: 6, recurrentActivation: 'hardSigmoid', mask: 'edges' });
for (const activation of ['relu', 'relu6', 'sigmoid', 'hardSigmoid', 'linear'] as ActivationName[]) {
  cases.push({ cell: 'simpleRNN', B: 5, T: 4, F: 3, U: 6, activation, returnSequences: true, mask: 'edges' });
}

describe('whole-sequence inference in the SIMD module', () => {
  const provider = simdMatMulProvider(instantiateSimdKernelsSync()!);
  let covered = 0;
  const counting: MatMulProvider = {
    ...provider,
    sequenceInference(cell, d) {
      const r = provider.sequenceInference!(cell, d);
      if (r) covered++;
      return r;
    },
  };
  const whole = fusedRecurrentKernels(counting);
  const perStep = fusedRecurrentKernels({ ...provider, sequenceInference: undefined });
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(cases.map((c) => [JSON.stringify(c), c] as const))('equals the per-step pass and the reference: %s', (_, c) => {
    const args = makeArgs(c, 5);
    const before = tf.memory().numTensors;
    const calls = covered;
    const got = run(whole[c.cell]!, args);
    expect(covered, 'the module ran the whole sequence').toBe(calls + 1);
    // Same arithmetic up to the order of the sums (two products with the bias folded in, against one stacked).
    expect(worst(got, run(perStep[c.cell]!, args))).toBeLessThan(4e-6);
    expect(worst(got, run(referenceRnnSequence, args))).toBeLessThan(2e-5);
    expect(tf.memory().numTensors).toBe(before);
    disposeArgs(args);
  });

  it('a sample with no real step emits zeros, not its initial state; masked steps emit zeros or the last output', () => {
    const c: Case = { cell: 'lstm', B: 4, T: 4, F: 3, U: 6, mask: 'edges', returnSequences: true, zeroOutputForMask: false };
    const args = makeArgs(c, 9);
    const [outputs, h] = run(whole.lstm!, args);
    const row = (b: number, s: number) => outputs.slice((b * 4 + s) * 6, (b * 4 + s + 1) * 6);
    const initialH = Array.from(args.initialState[0].dataSync()).slice(0, 6);
    expect(h.slice(0, 6)).toEqual(initialH); // sample 0 carries its state through
    for (let s = 0; s < 4; s++) expect(row(0, s)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(row(1, 0)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(row(1, 1)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(row(2, 1)).toEqual(row(2, 0)); // a hole repeats the last output
    expect(row(2, 1).some((v) => v !== 0)).toBe(true);
    disposeArgs(args);
  });

  it('declines what it does not cover: recurrent dropout, GRU with the reset before, unspecialised gate pairs', () => {
    const kernels = instantiateSimdKernelsSync()!;
    const infer = simdSequenceInference(kernels, new WasmHeap(kernels.memory), (n) => n + 4);
    const act = (name: ActivationName) => ({ name }) as ScalarActivation;
    const d = (over: Partial<SequenceData>): SequenceData => ({
      B: 2, T: 2, F: 1, U: 1, x: new Float32Array(4), kernel: new Float32Array(4), recurrentKernel: new Float32Array(4),
      initialState: [new Float32Array(2), new Float32Array(2)], goBackwards: false, returnSequences: false, zeroOutputForMask: true,
      act: act('tanh'), ract: act('sigmoid'), resetAfter: true, saveForBackward: false, ...over,
    });
    expect(infer('lstm', d({}))).toBeDefined();
    expect(infer('lstm', d({ recurrentDropout: new Float32Array(2) }))).toBeUndefined();
    expect(infer('gru', d({ kernel: new Float32Array(3), recurrentKernel: new Float32Array(3), resetAfter: false }))).toBeUndefined();
    expect(infer('lstm', d({ act: act('relu'), ract: act('hardSigmoid') }))).toBeUndefined();
  });

  it('leaves sequences past its memory budget to the per-step pass, without growing the module memory', () => {
    const kernels = instantiateSimdKernelsSync()!;
    const c: Case = { cell: 'lstm', B: 5, T: 40, F: 3, U: 6, returnSequences: true };
    const args = makeArgs(c, 4);
    const small = simdMatMulProvider(kernels);
    let declined = 0;
    // About 10 KiB of blocks for this sequence, against a budget of 4 KiB.
    const budget = simdSequenceInference(kernels, new WasmHeap(kernels.memory), (n) => n + 4, 4096);
    const capped = fusedRecurrentKernels({
      ...small,
      sequenceInference(cell, d) {
        const r = budget(cell, d);
        if (!r) declined++;
        return r;
      },
    });
    const bytes = kernels.memory.buffer.byteLength;
    const got = run(capped.lstm!, args);
    expect(declined).toBe(1);
    expect(worst(got, run(referenceRnnSequence, args))).toBeLessThan(2e-5);
    expect(kernels.memory.buffer.byteLength).toBeLessThanOrEqual(Math.max(bytes, 2 ** 20));
    disposeArgs(args);
  });

  it('frees its block of the module memory after every call', () => {
    const kernels = instantiateSimdKernelsSync()!;
    const heap = new WasmHeap(kernels.memory);
    const infer = simdSequenceInference(kernels, heap, (n) => n + 4);
    const used = heap.used;
    const rnd = seeded(3);
    const [B, T, F, U] = [3, 5, 2, 4];
    const r = infer('gru', {
      B, T, F, U, x: Float32Array.from({ length: T * B * F }, rnd), kernel: Float32Array.from({ length: F * 3 * U }, rnd),
      recurrentKernel: Float32Array.from({ length: U * 3 * U }, rnd), bias: Float32Array.from({ length: 6 * U }, rnd),
      initialState: [new Float32Array(B * U)], goBackwards: false, returnSequences: true, zeroOutputForMask: true,
      act: { name: 'tanh' } as ScalarActivation, ract: { name: 'sigmoid' } as ScalarActivation, resetAfter: true, saveForBackward: false,
    });
    expect(r!.outputs.length).toBe(B * T * U);
    expect(r!.outputs.every(Number.isFinite)).toBe(true);
    expect(heap.used).toBe(used);
  });
});
