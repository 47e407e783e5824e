import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tf } from '../tfjs.js';
import { disposeArgs, makeCase, maxAbsDiff, toTensorArgs, type CaseOptions } from '../testing/cases.js';
import { createCellStep } from './create-cell-step.js';
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
  ['simpleRNN with bias', { cell: 'simpleRNN', mask: 'holes', returnSequences: true }],
  ['lstm with dropout', { cell: 'lstm', dropout: true, goBackwards: true }],
  ['gru resetAfter', { cell: 'gru', mask: 'right', returnSequences: true }],
  ['gru resetAfter=false', { cell: 'gru', resetAfter: false }],
];

describe('createCellStep', () => {
  it.each(cases)('with rnnLoop equals the reference kernel: %s', (_n, o) => {
    const a = toTensorArgs(makeCase({ ...o, seed: 51 }));
    const step = createCellStep({ ...a, kernel: a.kernel });
    const got = rnnLoop({ step, inputs: a.inputs, initialStates: a.initialState, mask: a.mask, goBackwards: a.goBackwards, returnSequences: a.returnSequences });
    const want = referenceRnnSequence(a);
    expect(step.units).toBe(2);
    expect(maxAbsDiff(got.outputs.arraySync(), want.outputs.arraySync())).toBeLessThan(1e-6);
    expect(maxAbsDiff(got.states.map((s) => s.arraySync()), want.states.map((s) => s.arraySync()))).toBeLessThan(1e-6);
    tf.dispose([got.outputs, ...got.states, want.outputs, ...want.states]);
    step.dispose();
    disposeArgs(a);
  });

  it('stacks two cells in one loop like two layers in a row, with gradients to both', () => {
    const l1 = toTensorArgs(makeCase({ cell: 'lstm', seed: 61, features: 3, units: 2, returnSequences: true }));
    const l2 = toTensorArgs(makeCase({ cell: 'gru', seed: 62, features: 2, units: 2 }));
    const twoLayers = (k1: tf.Tensor, k2: tf.Tensor) => {
      const first = referenceRnnSequence({ ...l1, kernel: k1 as tf.Tensor2D });
      return referenceRnnSequence({ ...l2, inputs: first.outputs as tf.Tensor3D, kernel: k2 as tf.Tensor2D }).states[0];
    };
    const stacked = (k1: tf.Tensor, k2: tf.Tensor) => {
      const s1 = createCellStep({ ...l1, kernel: k1 as tf.Tensor2D });
      const s2 = createCellStep({ ...l2, kernel: k2 as tf.Tensor2D });
      const step = (x: tf.Tensor2D, [h1, c1, h2]: tf.Tensor2D[]) => {
        const a = s1(x, [h1, c1]);
        const b = s2(a.output, [h2]);
        return { output: b.output, states: [...a.states, ...b.states] };
      };
      return rnnLoop({ step, inputs: l1.inputs, initialStates: [...l1.initialState, ...l2.initialState] }).states[2];
    };
    const [want, got] = tf.tidy(() => [twoLayers(l1.kernel, l2.kernel).arraySync(), stacked(l1.kernel, l2.kernel).arraySync()]);
    expect(maxAbsDiff(got, want)).toBeLessThan(1e-6);
    const [gWant, gGot] = tf.tidy(() => [
      tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(twoLayers(a, b)))([l1.kernel, l2.kernel]).map((g) => g.arraySync()),
      tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(stacked(a, b)))([l1.kernel, l2.kernel]).map((g) => g.arraySync()),
    ]);
    expect(maxAbsDiff(gGot, gWant)).toBeLessThan(1e-6);
    disposeArgs(l1);
    disposeArgs(l2);
  });

  it('checks each step input against the kernel', () => {
    const a = toTensorArgs(makeCase({ cell: 'simpleRNN' }));
    const step = createCellStep(a);
    const x = tf.zeros([2, 5]) as tf.Tensor2D;
    expect(() => step(x, a.initialState)).toThrow('createCellStep step: inputs must be shape [2, 3] ([batch, features] with features = 3 from the kernel), got shape [2, 5]');
    step.dispose();
    expect(a.bias!.isDisposed).toBe(false);
    x.dispose();
    disposeArgs(a);
  });
});
