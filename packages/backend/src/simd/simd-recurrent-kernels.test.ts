import { beforeAll, describe, expect, it } from 'vitest';
import { referenceRnnSequence } from '../recurrent/reference-sequence.js';
import { tf } from '../tfjs.js';
import type { ActivationName, CellKind, RecurrentKernel, RnnSequenceArgs } from '../recurrent/types.js';
import { createSimdRecurrentKernels } from './simd-recurrent-kernels.js';

// Shapes past the SIMD block sizes (5 rows: one 4-row block and a single row; 4*6 = 24 gate columns: 8-wide
// blocks; 6 units: a 4-wide block and scalar columns), so every code path of the module is on the hook.
const B = 5, T = 4, F = 3, U = 6;
const GATES: Record<CellKind, number> = { simpleRNN: 1, lstm: 4, gru: 3 };

function seeded(seed: number) {
  let s = seed;
  return () => ((s = (s * 1664525 + 1013904223) % 4294967296) / 4294967296) * 2 - 1;
}

interface Case {
  cell: CellKind;
  resetAfter?: boolean;
  goBackwards?: boolean;
  returnSequences?: boolean;
  zeroOutputForMask?: boolean;
  mask?: boolean;
  dropout?: boolean;
  activation?: ActivationName;
  recurrentActivation?: ActivationName;
}

function makeArgs(c: Case, seed: number): RnnSequenceArgs {
  const rnd = seeded(seed);
  const arr = (n: number, scale: number) => Float32Array.from({ length: n }, () => rnd() * scale);
  const G = GATES[c.cell] * U;
  const biasShape = c.cell === 'gru' && c.resetAfter !== false ? [2, G] : [G];
  const mask = Float32Array.from({ length: B * T }, (_, i) => (Math.floor(i / T) === 1 && i % T === 2) || (Math.floor(i / T) === 3 && i % T === 3) ? 0 : 1);
  return {
    cell: c.cell,
    inputs: tf.tensor3d(arr(B * T * F, 1), [B, T, F]),
    kernel: tf.tensor2d(arr(F * G, 0.6), [F, G]),
    recurrentKernel: tf.tensor2d(arr(U * G, 0.6), [U, G]),
    bias: tf.tensor(arr(biasShape.reduce((a, b) => a * b), 0.3), biasShape),
    initialState: Array.from({ length: c.cell === 'lstm' ? 2 : 1 }, () => tf.tensor2d(arr(B * U, 0.5), [B, U])),
    mask: c.mask ? tf.tensor2d(mask, [B, T]) : undefined,
    inputDropoutMask: c.dropout ? tf.tensor2d(Float32Array.from({ length: B * F }, (_, i) => (i % 3 === 0 ? 0 : 1.5)), [B, F]) : undefined,
    recurrentDropoutMask: c.dropout ? tf.tensor2d(Float32Array.from({ length: B * U }, (_, i) => (i % 4 === 1 ? 0 : 4 / 3)), [B, U]) : undefined,
    goBackwards: c.goBackwards,
    returnSequences: c.returnSequences,
    zeroOutputForMask: c.zeroOutputForMask,
    resetAfter: c.resetAfter,
    activation: c.activation,
    recurrentActivation: c.recurrentActivation,
  };
}

/** Outputs, final states and the gradients of a fixed weighting of all of them with respect to every input. */
function evaluate(kernel: RecurrentKernel, args: RnnSequenceArgs) {
  const xs = [args.inputs, args.kernel, args.recurrentKernel, args.bias!, ...args.initialState];
  const rnd = seeded(99);
  return tf.tidy(() => {
    const loss = (...v: tf.Tensor[]) => {
      const r = kernel({ ...args, inputs: v[0] as tf.Tensor3D, kernel: v[1] as tf.Tensor2D, recurrentKernel: v[2] as tf.Tensor2D, bias: v[3], initialState: v.slice(4) as tf.Tensor2D[] });
      return tf.addN([r.outputs, ...r.states].map((t) => tf.sum(tf.mul(t, tf.tensor(Float32Array.from({ length: t.size }, rnd), t.shape))))) as tf.Scalar;
    };
    const { grads } = tf.valueAndGrads(loss)(xs);
    const plain = kernel(args);
    return [plain.outputs, ...plain.states, ...grads].map((t) => Array.from(t.dataSync()));
  });
}

const cases: Case[] = [];
for (const cell of ['simpleRNN', 'lstm', 'gru'] as CellKind[]) {
  cases.push({ cell }, { cell, returnSequences: true, mask: true, goBackwards: true });
  cases.push({ cell, returnSequences: true, mask: true, dropout: true, zeroOutputForMask: false });
}
cases.push({ cell: 'gru', resetAfter: false, returnSequences: true, mask: true, dropout: true });
cases.push({ cell: 'lstm', activation: 'relu', recurrentActivation: 'hardSigmoid', returnSequences: true });
cases.push({ cell: 'gru', activation: 'relu6', recurrentActivation: 'tanh', mask: true });
cases.push({ cell: 'simpleRNN', activation: 'sigmoid', returnSequences: true });
// tfjs-layers' default gate activation has its own specialised steps.
cases.push({ cell: 'lstm', recurrentActivation: 'hardSigmoid', returnSequences: true, mask: true, goBackwards: true });
cases.push({ cell: 'gru', recurrentActivation: 'hardSigmoid', returnSequences: true, mask: true, dropout: true });

describe('fused kernels on the SIMD module equal the reference, values and gradients', () => {
  const simd = createSimdRecurrentKernels();
  beforeAll(async () => {
    await tf.setBackend('cpu');
    expect(await simd.init()).toBe(true);
    expect(simd.provider).toBe('wasm-simd');
  });

  it.each(cases.map((c) => [JSON.stringify(c), c] as const))('%s', (_, c) => {
    const args = makeArgs(c, 11);
    const before = tf.memory().numTensors;
    const got = evaluate(simd.kernels[c.cell]!, args);
    const want = evaluate(referenceRnnSequence, args);
    expect(tf.memory().numTensors).toBe(before);
    got.forEach((g, k) => {
      expect(g.length).toBe(want[k].length);
      const err = Math.max(...g.map((v, i) => Math.abs(v - want[k][i]) / Math.max(1, Math.abs(want[k][i]))));
      expect(err, `result ${k}`).toBeLessThan(2e-5);
    });
    tf.dispose([args.inputs, args.kernel, args.recurrentKernel, args.bias!, ...args.initialState, args.mask, args.inputDropoutMask, args.recurrentDropoutMask].filter((t): t is tf.Tensor => !!t));
  });
});

describe('which calls the SIMD module covers itself (covers)', () => {
  const base = { inputs: tf.zeros([1, 1, 1]), kernel: tf.zeros([1, 1]), recurrentKernel: tf.zeros([1, 1]), initialState: [] } as unknown as RnnSequenceArgs;
  const simd = createSimdRecurrentKernels();
  const covers = (c: Partial<RnnSequenceArgs>, recording: boolean) => simd.covers({ ...base, ...c } as RnnSequenceArgs, recording);

  it('covers nothing before init', () => {
    expect(covers({ cell: 'lstm' }, false)).toBe(false);
  });

  it('covers every cell with the default and module activations (tanh with sigmoid or hardSigmoid; SimpleRNN: any the module has), inference and training', async () => {
    expect(await simd.init()).toBe(true);
    for (const recording of [false, true]) {
      for (const cell of ['lstm', 'gru', 'simpleRNN'] as const) expect(covers({ cell }, recording), `${cell} ${recording}`).toBe(true);
      expect(covers({ cell: 'gru', recurrentActivation: 'hardSigmoid' }, recording)).toBe(true);
      expect(covers({ cell: 'simpleRNN', activation: 'relu' }, recording)).toBe(true);
    }
  });

  it('does not cover a resetAfter: false GRU or activations the module lacks (they would run in JavaScript loops)', () => {
    for (const recording of [false, true]) {
      expect(covers({ cell: 'gru', resetAfter: false }, recording)).toBe(false);
      expect(covers({ cell: 'lstm', activation: 'relu', recurrentActivation: 'hardSigmoid' }, recording)).toBe(false);
      expect(covers({ cell: 'gru', recurrentActivation: 'softsign' }, recording)).toBe(false);
      expect(covers({ cell: 'simpleRNN', activation: 'selu' }, recording)).toBe(false);
    }
  });
});
