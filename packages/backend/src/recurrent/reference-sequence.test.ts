import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tfjs.js';
import { disposeArgs, makeCase, maxAbsDiff, toTensorArgs, type CaseOptions } from '../testing/cases.js';
import { plainRnnSequence } from '../testing/plain-rnn.js';
import { referenceRnnSequence } from './reference-sequence.js';
import type { RnnSequenceResult } from './types.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

let before = 0;
afterEach(() => {
  expect(tf.memory().numTensors).toBe(before);
});

function run(o: CaseOptions): { got: { outputs: unknown; states: unknown }; want: ReturnType<typeof plainRnnSequence> } {
  before = tf.memory().numTensors;
  const plain = makeCase(o);
  const args = toTensorArgs(plain);
  const result: RnnSequenceResult = referenceRnnSequence(args);
  const got = { outputs: result.outputs.arraySync(), states: result.states.map((s) => s.arraySync()) };
  tf.dispose([result.outputs, ...result.states]);
  disposeArgs(args);
  return { got, want: plainRnnSequence(plain) };
}

const cases: Array<[string, CaseOptions]> = [];
for (const cell of ['simpleRNN', 'lstm', 'gru'] as const) {
  for (const mask of ['none', 'right', 'holes'] as const) {
    for (const goBackwards of [false, true]) {
      for (const returnSequences of [false, true]) {
        cases.push([`${cell} mask=${mask} goBackwards=${goBackwards} returnSequences=${returnSequences}`, { cell, mask, goBackwards, returnSequences, seed: cases.length + 1 }]);
      }
    }
  }
}
cases.push(['gru resetAfter=false', { cell: 'gru', resetAfter: false, returnSequences: true, mask: 'holes' }]);
cases.push(['gru resetAfter=false, no bias, goBackwards', { cell: 'gru', resetAfter: false, bias: false, goBackwards: true }]);
cases.push(['lstm zeroOutputForMask=false', { cell: 'lstm', mask: 'holes', returnSequences: true, zeroOutputForMask: false }]);
cases.push(['gru zeroOutputForMask=false goBackwards', { cell: 'gru', mask: 'right', returnSequences: true, zeroOutputForMask: false, goBackwards: true }]);
cases.push(['lstm dropout masks', { cell: 'lstm', dropout: true, returnSequences: true }]);
cases.push(['gru dropout masks, resetAfter=false', { cell: 'gru', dropout: true, resetAfter: false }]);
cases.push(['gru dropout masks, resetAfter=true', { cell: 'gru', dropout: true, returnSequences: true }]);
cases.push(['simpleRNN dropout masks, relu', { cell: 'simpleRNN', dropout: true, activation: 'relu' }]);
cases.push(['lstm hardSigmoid gates, softsign', { cell: 'lstm', recurrentActivation: 'hardSigmoid', activation: 'softsign', returnSequences: true }]);
cases.push(['lstm without bias, batch 1, time 1', { cell: 'lstm', bias: false, batch: 1, time: 1 }]);
cases.push(['gru larger', { cell: 'gru', batch: 3, time: 7, features: 5, units: 4, mask: 'holes', returnSequences: true }]);

describe('referenceRnnSequence against the plain Float64 oracle', () => {
  it.each(cases)('%s', (_name, o) => {
    const { got, want } = run(o);
    expect(maxAbsDiff(got.outputs, want.outputs)).toBeLessThan(2e-6);
    expect(maxAbsDiff(got.states, want.states)).toBeLessThan(2e-6);
  });

  it.each(['tanh', 'sigmoid', 'hardSigmoid', 'relu', 'relu6', 'linear', 'elu', 'selu', 'softsign', 'softplus', 'swish', 'mish', 'gelu'] as const)(
    'simpleRNN and gru with activation %s',
    (activation) => {
      for (const cell of ['simpleRNN', 'gru'] as const) {
        const { got, want } = run({ cell, activation, returnSequences: true, seed: 7 });
        expect(maxAbsDiff(got.outputs, want.outputs)).toBeLessThan(1e-5);
      }
      const { got, want } = run({ cell: 'gru', recurrentActivation: activation, activation: 'tanh', returnSequences: true, seed: 8 });
      expect(maxAbsDiff(got.outputs, want.outputs)).toBeLessThan(1e-5);
    },
  );

  it('returns a goBackwards sequence in processing order, as Keras', () => {
    const forward = run({ cell: 'simpleRNN', returnSequences: true, seed: 3, batch: 1, time: 3 });
    const reversedInputs = makeCase({ cell: 'simpleRNN', seed: 3, batch: 1, time: 3, returnSequences: true });
    reversedInputs.inputs = reversedInputs.inputs.map((s) => [...s].reverse());
    const args = toTensorArgs({ ...reversedInputs, goBackwards: true });
    const r = referenceRnnSequence(args);
    // Running backwards over reversed inputs replays the forward pass step for step, in the same order.
    expect(maxAbsDiff(r.outputs.arraySync(), forward.got.outputs)).toBeLessThan(1e-6);
    tf.dispose([r.outputs, ...r.states]);
    disposeArgs(args);
  });
});

describe('referenceRnnSequence over one time step', () => {
  // tfjs' Unpack gradient throws for a single output; one-step sequences must still train.
  for (const cell of ['lstm', 'gru', 'simpleRNN'] as const) {
    it(`${cell}: gradients equal finite differences of the kernel`, () => {
      const args = toTensorArgs(makeCase({ cell, time: 1, returnSequences: true }));
      const loss = (k: tf.Tensor) => {
        const r = referenceRnnSequence({ ...args, kernel: k as tf.Tensor2D });
        return tf.add(tf.sum(tf.square(r.outputs)), tf.sum(r.states[0]));
      };
      const [g] = tf.grads(loss)([args.kernel]);
      const k = args.kernel.arraySync();
      const eps = 1e-2;
      const at = (i: number, j: number, d: number) => {
        const kk = k.map((row) => row.slice());
        kk[i][j] += d;
        return tf.tidy(() => loss(tf.tensor2d(kk)).dataSync()[0]);
      };
      const numeric = k.map((row, i) => row.map((_, j) => (at(i, j, eps) - at(i, j, -eps)) / (2 * eps)));
      expect(maxAbsDiff(g.arraySync(), numeric)).toBeLessThan(5e-3);
      g.dispose();
      disposeArgs(args);
    });
  }
});
