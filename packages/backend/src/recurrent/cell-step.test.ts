import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tf } from '../tfjs.js';
import { ValueError } from '../errors.js';
import { disposeArgs, makeCase, maxAbsDiff, toTensorArgs, type CaseOptions } from '../testing/cases.js';
import { plainRnnSequence } from '../testing/plain-rnn.js';
import { rnnCellStep } from './cell-step.js';
import type { RnnCellStepArgs } from './step-types.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
let before = 0;
beforeEach(() => {
  before = tf.memory().numTensors;
});
afterEach(() => {
  expect(tf.memory().numTensors).toBe(before);
});

const cases: Array<[string, CaseOptions]> = [
  ['simpleRNN', { cell: 'simpleRNN' }],
  ['lstm', { cell: 'lstm' }],
  ['lstm with dropout masks', { cell: 'lstm', dropout: true }],
  ['gru resetAfter', { cell: 'gru' }],
  ['gru resetAfter=false with dropout masks', { cell: 'gru', resetAfter: false, dropout: true }],
  ['gru resetAfter, hardSigmoid gates', { cell: 'gru', recurrentActivation: 'hardSigmoid', dropout: true }],
];

describe('rnnCellStep', () => {
  it.each(cases)('%s: one step equals the oracle with time 1, from inputs or from the input projection', (_n, o) => {
    const plain = makeCase({ ...o, time: 1, seed: 21 });
    const want = plainRnnSequence(plain);
    const seq = toTensorArgs(plain);
    const x = tf.squeeze(seq.inputs, [1]) as tf.Tensor2D;
    const step: RnnCellStepArgs = {
      cell: seq.cell, inputs: x, states: seq.initialState, kernel: seq.kernel, recurrentKernel: seq.recurrentKernel, bias: seq.bias,
      activation: seq.activation, recurrentActivation: seq.recurrentActivation, resetAfter: seq.resetAfter,
      inputDropoutMask: seq.inputDropoutMask, recurrentDropoutMask: seq.recurrentDropoutMask,
    };
    const r = rnnCellStep(step);
    expect(maxAbsDiff(r.output.arraySync(), want.outputs)).toBeLessThan(2e-6);
    expect(maxAbsDiff(r.states.map((s) => s.arraySync()), want.states)).toBeLessThan(2e-6);

    // The projection a layer computes once for all steps: (x * inputDropoutMask)·kernel + input-side bias.
    const projection = tf.tidy(() => {
      const xd = seq.inputDropoutMask ? tf.mul(x, seq.inputDropoutMask) : x;
      let p: tf.Tensor = tf.matMul(xd, seq.kernel);
      if (seq.bias) p = tf.add(p, seq.bias.rank === 2 ? tf.slice(seq.bias, [0, 0], [1, -1]) : seq.bias);
      return p as tf.Tensor2D;
    });
    const { inputs: _i, inputDropoutMask: _m, kernel: _k, ...rest } = step;
    const r2 = rnnCellStep({ ...rest, inputProjection: projection });
    expect(maxAbsDiff(r2.output.arraySync(), want.outputs)).toBeLessThan(2e-6);
    expect(maxAbsDiff(r2.states.map((s) => s.arraySync()), want.states)).toBeLessThan(2e-6);
    tf.dispose([x, projection, r.output, ...r.states, r2.output, ...r2.states]);
    disposeArgs(seq);
  });

  it('wants exactly one of inputs and inputProjection, and checks the projection width', () => {
    const seq = toTensorArgs(makeCase({ cell: 'gru', time: 1 }));
    const base = { cell: seq.cell, states: seq.initialState, kernel: seq.kernel, recurrentKernel: seq.recurrentKernel, bias: seq.bias };
    const x = tf.zeros([2, 3]) as tf.Tensor2D;
    const bad = tf.zeros([2, 4]) as tf.Tensor2D;
    expect(() => rnnCellStep(base)).toThrow(new ValueError({ op: 'rnnCellStep', argument: 'inputs / inputProjection', expected: 'exactly one of them', got: 'neither' }));
    expect(() => rnnCellStep({ ...base, inputs: x, inputProjection: bad })).toThrow('rnnCellStep: inputs / inputProjection must be exactly one of them, got both');
    expect(() => rnnCellStep({ ...base, inputProjection: bad })).toThrow('rnnCellStep: inputProjection must be shape [2, 6] ([batch, 3 * units] for gru), got shape [2, 4]');
    expect(() => rnnCellStep({ ...base, inputs: x, states: [] })).toThrow('rnnCellStep: states must be 1 tensor ([h] for gru), got 0');
    tf.dispose([x, bad]);
    disposeArgs(seq);
  });

  it('is differentiable with respect to its inputs and weights', () => {
    const seq = toTensorArgs(makeCase({ cell: 'lstm', time: 1 }));
    const x = tf.squeeze(seq.inputs, [1]) as tf.Tensor2D;
    const grads = tf.grads((xx: tf.Tensor, k: tf.Tensor) => {
      const r = rnnCellStep({ cell: 'lstm', inputs: xx as tf.Tensor2D, kernel: k as tf.Tensor2D, recurrentKernel: seq.recurrentKernel, states: seq.initialState });
      return tf.add(tf.sum(r.output), tf.sum(r.states[1]));
    })([x, seq.kernel]);
    expect(grads.map((g) => g.shape)).toEqual([[2, 3], [3, 8]]);
    expect(Math.max(...grads.map((g) => tf.tidy(() => tf.max(tf.abs(g)).dataSync()[0])))).toBeGreaterThan(0);
    tf.tidy(() => grads.forEach((g) => expect(tf.any(tf.isNaN(g)).dataSync()[0]).toBe(0)));
    tf.dispose([x, ...grads]);
    disposeArgs(seq);
  });
});
