// Cases and measurements shared by the LSTM sequence kernel's Node test (tfjs-op step ops) and its browser test
// (the WebGL programs).
import { tf } from '@rnnkit/backend';
import type { RnnSequenceArgs } from '@rnnkit/backend';
import { makeCase, toTensorArgs } from '@rnnkit/backend/testing';
import type { CaseOptions } from '@rnnkit/backend/testing';

/** Outputs, states and gradients (inputs, kernel, recurrentKernel, bias, h0, c0) of a weighted sum of everything. */
export function outputsAndGradients(kernel: (a: RnnSequenceArgs) => { outputs: tf.Tensor; states: tf.Tensor[] }, args: RnnSequenceArgs) {
  const f = (x: tf.Tensor, k: tf.Tensor, rk: tf.Tensor, b: tf.Tensor, h0: tf.Tensor, c0: tf.Tensor) => {
    const r = kernel({ ...args, inputs: x as tf.Tensor3D, kernel: k as tf.Tensor2D, recurrentKernel: rk as tf.Tensor2D, bias: b, initialState: [h0 as tf.Tensor2D, c0 as tf.Tensor2D] });
    // Different weights per element and per piece, so a swapped or misplaced gradient shows.
    const w = (t: tf.Tensor, s: number) => tf.sum(tf.mul(t, tf.reshape(tf.linspace(0.5 * s, 1.5 * s, t.size), t.shape)));
    return tf.addN([w(r.outputs, 1), w(r.states[0], 2), w(r.states[1], 3)]);
  };
  const grads = tf.grads(f)([args.inputs, args.kernel, args.recurrentKernel, args.bias!, ...args.initialState]);
  const r = kernel(args);
  const out = { outputs: r.outputs.arraySync(), states: r.states.map((s) => s.arraySync()), grads: grads.map((g) => g.arraySync()) };
  tf.dispose([r.outputs, ...r.states, ...grads]);
  return out;
}

export const SEQUENCE_CASES: [string, CaseOptions, boolean][] = [
  ['last output', { cell: 'lstm', time: 5, units: 3 }, false],
  ['returnSequences, goBackwards', { cell: 'lstm', time: 4, returnSequences: true, goBackwards: true }, false],
  ['input dropout', { cell: 'lstm', time: 3, dropout: true, returnSequences: true }, true],
  ['one step', { cell: 'lstm', time: 1, units: 4 }, false],
];

export function sequenceArgs(options: CaseOptions, inputDropoutOnly: boolean): RnnSequenceArgs {
  const args = toTensorArgs(makeCase({ ...options, seed: 11 }));
  if (inputDropoutOnly) {
    args.recurrentDropoutMask!.dispose();
    delete args.recurrentDropoutMask;
  }
  return args;
}

