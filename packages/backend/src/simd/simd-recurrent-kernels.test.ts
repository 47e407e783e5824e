import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tfjs.js';
import type { RnnSequenceArgs } from '../recurrent/types.js';
import { type CaseOptions, makeCase } from '../testing/cases.js';
import { compareWithReference } from '../testing/kernel-comparison.js';
import { createSimdRecurrentKernels } from './simd-recurrent-kernels.js';

// Shapes past the SIMD block sizes (5 rows: one 4-row block and a single row; 4*6 = 24 gate columns: 8-wide
// blocks; 6 units: a 4-wide block and scalar columns), so every code path of the module is on the hook.
const shape = { batch: 5, time: 4, features: 3, units: 6 } as const;

type Case = Omit<CaseOptions, keyof typeof shape | 'seed'>;
const cases: Case[] = [];
for (const cell of ['simpleRNN', 'lstm', 'gru'] as const) {
  cases.push({ cell }, { cell, returnSequences: true, mask: 'holes', goBackwards: true });
  cases.push({ cell, returnSequences: true, mask: 'holes', dropout: true, zeroOutputForMask: false });
}
cases.push({ cell: 'gru', resetAfter: false, returnSequences: true, mask: 'holes', dropout: true });
cases.push({ cell: 'lstm', activation: 'relu', recurrentActivation: 'hardSigmoid', returnSequences: true });
cases.push({ cell: 'gru', activation: 'relu6', recurrentActivation: 'tanh', mask: 'holes' });
cases.push({ cell: 'simpleRNN', activation: 'sigmoid', returnSequences: true });
// tfjs-layers' default gate activation has its own specialised steps.
cases.push({ cell: 'lstm', recurrentActivation: 'hardSigmoid', returnSequences: true, mask: 'holes', goBackwards: true });
cases.push({ cell: 'gru', recurrentActivation: 'hardSigmoid', returnSequences: true, mask: 'holes', dropout: true });

describe('fused kernels on the SIMD module equal the reference, values and gradients', () => {
  const simd = createSimdRecurrentKernels();
  beforeAll(async () => {
    await tf.setBackend('cpu');
    expect(await simd.init()).toBe(true);
    expect(simd.provider).toBe('wasm-simd');
  });

  it.each(cases.map((c) => [JSON.stringify(c), c] as const))('%s', (_, c) => {
    const r = compareWithReference(simd.kernels[c.cell]!, makeCase({ ...c, ...shape, seed: 11 }));
    expect(r.leaked).toBe(0);
    expect(r.outputs, 'outputs').toBeLessThan(2e-5);
    expect(r.states, 'states').toBeLessThan(2e-5);
    for (const [param, diff] of Object.entries(r.gradients)) expect(diff, `gradient of ${param}`).toBeLessThan(2e-5);
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
