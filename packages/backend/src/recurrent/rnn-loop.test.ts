import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tf } from '../tfjs.js';
import { ShapeError } from '../errors.js';
import { disposeArgs, makeCase, maxAbsDiff, toTensorArgs, type CaseOptions } from '../testing/cases.js';
import { rnnCellStep } from './cell-step.js';
import { referenceRnnSequence } from './reference-sequence.js';
import { rnnLoop } from './rnn-loop.js';

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
  ['lstm, mask with holes, sequences', { cell: 'lstm', mask: 'holes', returnSequences: true }],
  ['gru goBackwards, right mask', { cell: 'gru', mask: 'right', goBackwards: true }],
  ['simpleRNN goBackwards, sequences, zeroOutputForMask false', { cell: 'simpleRNN', mask: 'holes', goBackwards: true, returnSequences: true, zeroOutputForMask: false }],
];

describe('rnnLoop', () => {
  it.each(cases)('with rnnCellStep as the step, matches the reference kernel: %s', (_n, o) => {
    const args = toTensorArgs(makeCase({ ...o, seed: 31 }));
    const want = referenceRnnSequence(args);
    const got = rnnLoop({
      step: (x, states) => rnnCellStep({ cell: args.cell, inputs: x, states, kernel: args.kernel, recurrentKernel: args.recurrentKernel, bias: args.bias, resetAfter: args.resetAfter }),
      inputs: args.inputs,
      initialStates: args.initialState,
      mask: args.mask,
      goBackwards: args.goBackwards,
      returnSequences: args.returnSequences,
      zeroOutputForMask: args.zeroOutputForMask,
    });
    expect(maxAbsDiff(got.outputs.arraySync(), want.outputs.arraySync())).toBeLessThan(1e-6);
    expect(maxAbsDiff(got.states.map((s) => s.arraySync()), want.states.map((s) => s.arraySync()))).toBeLessThan(1e-6);
    tf.dispose([got.outputs, ...got.states, want.outputs, ...want.states]);
    disposeArgs(args);
  });

  it('runs a custom cell with two states of different sizes and is differentiable', () => {
    const inputs = tf.tensor3d([[[1], [2], [3]]]);
    const s0 = tf.zeros([1, 1]) as tf.Tensor2D;
    const s1 = tf.zeros([1, 2]) as tf.Tensor2D;
    // A running sum and a running [sum of squares, count]: exact values to check.
    const step = (x: tf.Tensor2D, [a, b]: tf.Tensor2D[]) => {
      const a2 = tf.add(a, x) as tf.Tensor2D;
      const b2 = tf.add(b, tf.concat([tf.square(x), tf.onesLike(x)], 1)) as tf.Tensor2D;
      return { output: a2, states: [a2, b2] };
    };
    const mask = tf.tensor2d([[1, 0, 1]]);
    const r = rnnLoop({ step, inputs, initialStates: [s0, s1], returnSequences: true, goBackwards: true, mask });
    expect(r.outputs.arraySync()).toEqual([[[3], [0], [4]]]);
    expect(r.states.map((s) => s.arraySync())).toEqual([[[4]], [[10, 2]]]);
    const g = tf.grad((x: tf.Tensor) => tf.sum(rnnLoop({ step, inputs: x as tf.Tensor3D, initialStates: [s0, s1] }).states[1]))(inputs);
    expect(g.arraySync()).toEqual([[[2], [4], [6]]]);
    tf.dispose([inputs, s0, s1, mask, r.outputs, ...r.states, g]);
  });

  it("names the step that broke the contract", () => {
    const inputs = tf.zeros([2, 3, 1]) as tf.Tensor3D;
    const h = tf.zeros([2, 4]) as tf.Tensor2D;
    let calls = 0;
    const step = (x: tf.Tensor2D, [s]: tf.Tensor2D[]) => {
      calls += 1;
      const next = calls === 2 ? (tf.zeros([2, 5]) as tf.Tensor2D) : (tf.add(s, 1) as tf.Tensor2D);
      return { output: next, states: [next] };
    };
    const before2 = tf.memory().numTensors;
    expect(() => rnnLoop({ step, inputs, initialStates: [h] })).toThrow(
      new ShapeError({ op: 'rnnLoop', argument: 'step result at time 1: output', expected: 'shape [2, 4] as at time 0', got: 'shape [2, 5]' }),
    );
    expect(tf.memory().numTensors).toBe(before2);
    expect(() => rnnLoop({ step: (x) => ({ output: x, states: [] }), inputs, initialStates: [h] })).toThrow(
      'rnnLoop: step result at time 0: states must be 1 tensors, as initialStates, got 0',
    );
    expect(() => rnnLoop({ step, inputs, initialStates: [] })).toThrow('rnnLoop: initialStates must be an array of at least one tensor [batch, size], got []');
    tf.dispose([inputs, h]);
  });
});
