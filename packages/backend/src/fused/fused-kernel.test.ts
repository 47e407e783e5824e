import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tfjs.js';
import { referenceRnnSequence } from '../recurrent/reference-sequence.js';
import type { CellKind, RnnSequenceArgs } from '../recurrent/types.js';
import { createFusedKernel } from './fused-kernel.js';
import { engineMatMulProvider, jsMatMulProvider } from './matmul.js';
import { expectMatMulProviderMatchesTripleLoop } from '../testing/matmul-provider-check.js';
import { seededRandom } from '../testing/cases.js';

const B = 3, T = 5, F = 4, U = 3;
const gatesOf: Record<CellKind, number> = { simpleRNN: 1, lstm: 4, gru: 3 };

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
  useBias?: boolean;
  activation?: 'tanh' | 'relu' | 'linear';
  recurrentActivation?: 'sigmoid' | 'hardSigmoid';
}

function makeArgs(c: Case, seed: number): RnnSequenceArgs {
  const rnd = seeded(seed);
  const arr = (n: number, scale = 0.6) => Float32Array.from({ length: n }, () => rnd() * scale);
  const G = gatesOf[c.cell] * U;
  const biasShape = c.cell === 'gru' && c.resetAfter !== false ? [2, G] : [G];
  const nStates = c.cell === 'lstm' ? 2 : 1;
  // Row 1 right-padded, row 2 left-padded, row 0 full.
  const maskData = [1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1];
  return {
    cell: c.cell,
    inputs: tf.tensor3d(arr(B * T * F, 1), [B, T, F]),
    kernel: tf.tensor2d(arr(F * G), [F, G]),
    recurrentKernel: tf.tensor2d(arr(U * G), [U, G]),
    bias: c.useBias === false ? undefined : tf.tensor(arr(biasShape.reduce((a, b) => a * b), 0.3), biasShape),
    initialState: Array.from({ length: nStates }, () => tf.tensor2d(arr(B * U, 0.5), [B, U])),
    mask: c.mask ? tf.tensor2d(maskData, [B, T]) : undefined,
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

/** Values and gradients (of a fixed random weighting of outputs and every final state) for one kernel. */
function evaluate(kernel: (a: RnnSequenceArgs) => { outputs: tf.Tensor; states: tf.Tensor[] }, args: RnnSequenceArgs) {
  const xs = [args.inputs, args.kernel, args.recurrentKernel, ...(args.bias ? [args.bias] : []), ...args.initialState];
  const rnd = seeded(99);
  return tf.tidy(() => {
    const loss = (...vals: tf.Tensor[]) => {
      const a = { ...args, inputs: vals[0] as tf.Tensor3D, kernel: vals[1] as tf.Tensor2D, recurrentKernel: vals[2] as tf.Tensor2D };
      let i = 3;
      if (args.bias) a.bias = vals[i++];
      a.initialState = vals.slice(i) as tf.Tensor2D[];
      const r = kernel(a);
      const parts = [r.outputs, ...r.states].map((t) => tf.sum(tf.mul(t, tf.tensor(Float32Array.from({ length: t.size }, rnd), t.shape))));
      return tf.addN(parts) as tf.Scalar;
    };
    const { value, grads } = tf.valueAndGrads(loss)(xs);
    const plain = kernel(args);
    return {
      loss: value.dataSync()[0],
      outputs: Array.from(plain.outputs.dataSync()),
      states: plain.states.map((s) => Array.from(s.dataSync())),
      grads: grads.map((g) => Array.from(g.dataSync())),
    };
  });
}

const cases: Case[] = [];
for (const cell of ['simpleRNN', 'lstm', 'gru'] as CellKind[]) {
  for (const returnSequences of [false, true]) {
    for (const goBackwards of [false, true]) {
      cases.push({ cell, returnSequences, goBackwards, mask: true, zeroOutputForMask: goBackwards });
    }
  }
  cases.push({ cell, returnSequences: true, dropout: true, mask: true, zeroOutputForMask: false });
  cases.push({ cell, returnSequences: false, useBias: false });
}
cases.push({ cell: 'gru', resetAfter: false, returnSequences: true, mask: true, dropout: true, goBackwards: true });
cases.push({ cell: 'gru', resetAfter: false, returnSequences: false, useBias: true });
cases.push({ cell: 'lstm', recurrentActivation: 'hardSigmoid', activation: 'relu', returnSequences: true, mask: true });
cases.push({ cell: 'simpleRNN', activation: 'relu', returnSequences: true });
cases.push({ cell: 'simpleRNN', activation: 'linear', returnSequences: false, dropout: true });

const label = (c: Case) => Object.entries(c).map(([k, v]) => `${k}=${v}`).join(' ');

describe('fused recurrent kernels equal the reference, values and gradients', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  for (const [name, mm] of [['javascript', jsMatMulProvider], ['engine', engineMatMulProvider]] as const) {
    it.each(cases.map((c, i) => [label(c), c, i] as const))(`${name} matMul: %s`, (_, c, i) => {
      const args = makeArgs(c, 17 + i);
      const before = tf.memory().numTensors;
      const fused = evaluate(createFusedKernel(c.cell, mm), args);
      const ref = evaluate(referenceRnnSequence, args);
      expect(tf.memory().numTensors).toBe(before);
      const close = (a: number[], b: number[], what: string) => {
        expect(a.length, what).toBe(b.length);
        const worst = Math.max(0, ...a.map((v, k) => Math.abs(v - b[k]) / Math.max(1, Math.abs(b[k]))));
        expect(worst, what).toBeLessThan(2e-5);
      };
      close([fused.loss], [ref.loss], 'loss');
      close(fused.outputs, ref.outputs, 'outputs');
      fused.states.forEach((s, k) => close(s, ref.states[k], `state ${k}`));
      fused.grads.forEach((g, k) => close(g, ref.grads[k], `gradient ${k}`));
      tf.dispose([args.inputs, args.kernel, args.recurrentKernel, args.bias, ...args.initialState, args.mask, args.inputDropoutMask, args.recurrentDropoutMask].filter(Boolean) as tf.Tensor[]);
    });
  }

  it('predict (no tape) keeps nothing for backward and returns the same values', () => {
    const args = makeArgs({ cell: 'lstm', returnSequences: true, mask: true }, 5);
    const kernel = createFusedKernel('lstm', jsMatMulProvider);
    const before = tf.memory().numTensors;
    const r = kernel(args);
    const ref = referenceRnnSequence(args);
    expect(Array.from(r.outputs.dataSync()).map((v, k) => Math.abs(v - ref.outputs.dataSync()[k])).every((d) => d < 1e-5)).toBe(true);
    tf.dispose([r.outputs, ...r.states, ref.outputs, ...ref.states]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('the JavaScript and engine matMul providers', () => {
  for (const [name, mm] of [['javascript', jsMatMulProvider], ['engine', engineMatMulProvider]] as const) {
    it(`${name}: every entry point equals a triple loop, leaving no tensors`, async () => {
      await tf.setBackend('cpu');
      const before = tf.memory().numTensors;
      const random = seededRandom(11);
      for (const [m, k, n] of [[1, 1, 1], [4, 5, 3], [7, 2, 9], [9, 70, 13]] as const) {
        expectMatMulProviderMatchesTripleLoop(mm, [m, k, n], 1e-5 * Math.sqrt(k), () => random() * 2 - 1);
      }
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});

describe('matMulInto', () => {
  it('equals a plain triple loop for row counts that are and are not multiples of four, and accumulates', async () => {
    const { matMulInto } = await import('./matmul.js');
    const rnd = seeded(3);
    for (const [m, k, n] of [[1, 3, 2], [4, 5, 3], [7, 2, 9], [9, 6, 1]]) {
      const a = Float32Array.from({ length: m * k }, rnd);
      const b = Float32Array.from({ length: k * n }, rnd);
      const want = new Float64Array(m * n);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) for (let p = 0; p < k; p++) want[i * n + j] += a[i * k + p] * b[p * n + j];
      const got = matMulInto(a, m, k, b, n, new Float32Array(m * n));
      got.forEach((v, i) => expect(v).toBeCloseTo(want[i], 5));
      const twice = matMulInto(a, m, k, b, n, got.slice(), true);
      twice.forEach((v, i) => expect(v).toBeCloseTo(2 * want[i], 5));
    }
  });
});
