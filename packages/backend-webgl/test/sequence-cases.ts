// Cases and measurements shared by the sequence kernels' Node tests (tfjs-op step ops) and their browser tests
// (the WebGL programs).
import { tf } from '@rnnkit/backend';
import type { CellKind, RnnSequenceArgs } from '@rnnkit/backend';
import { makeCase, toTensorArgs } from '@rnnkit/backend/testing';
import type { CaseOptions } from '@rnnkit/backend/testing';

type Kernel = (a: RnnSequenceArgs) => { outputs: tf.Tensor; states: tf.Tensor[] };

/** Outputs, states and gradients (inputs, kernel, recurrentKernel, bias, ...initialState) of a weighted sum of everything. */
export function outputsAndGradients(kernel: Kernel, args: RnnSequenceArgs) {
  const f = (x: tf.Tensor, k: tf.Tensor, rk: tf.Tensor, b: tf.Tensor, ...states: tf.Tensor[]) => {
    const r = kernel({ ...args, inputs: x as tf.Tensor3D, kernel: k as tf.Tensor2D, recurrentKernel: rk as tf.Tensor2D, bias: b, initialState: states as tf.Tensor2D[] });
    // Different weights per element and per piece, so a swapped or misplaced gradient shows.
    const w = (t: tf.Tensor, s: number) => tf.sum(tf.mul(t, tf.reshape(tf.linspace(0.5 * s, 1.5 * s, t.size), t.shape)));
    return tf.addN([w(r.outputs, 1), ...r.states.map((s, i) => w(s, i + 2))]);
  };
  const grads = tf.grads(f)([args.inputs, args.kernel, args.recurrentKernel, args.bias!, ...args.initialState]);
  const r = kernel(args);
  const out = { outputs: r.outputs.arraySync(), states: r.states.map((s) => s.arraySync()), grads: grads.map((g) => g.arraySync()) };
  tf.dispose([r.outputs, ...r.states, ...grads]);
  return out;
}

/** [name, options, input dropout only (no recurrent dropout)] for a cell. */
export function sequenceCases(cell: CellKind): [string, CaseOptions, boolean][] {
  return [
    ['last output', { cell, time: 5, units: 3 }, false],
    ['returnSequences, goBackwards', { cell, time: 4, returnSequences: true, goBackwards: true }, false],
    ['input dropout', { cell, time: 3, dropout: true, returnSequences: true }, true],
    ['one step', { cell, time: 1, units: 4 }, false],
    ['input and recurrent dropout', { cell, time: 4, dropout: true }, false],
    ['right-padded mask, returnSequences', { cell, time: 5, batch: 3, mask: 'right', returnSequences: true }, false],
    ['mask with holes, last output, goBackwards', { cell, time: 5, batch: 3, mask: 'holes', goBackwards: true }, false],
    ['mask with holes, previous output at masked steps', { cell, time: 5, batch: 3, mask: 'holes', returnSequences: true, zeroOutputForMask: false }, false],
  ];
}

export function sequenceArgs(options: CaseOptions, inputDropoutOnly: boolean): RnnSequenceArgs {
  const args = toTensorArgs(makeCase({ ...options, seed: 11 }));
  if (inputDropoutOnly) {
    args.recurrentDropoutMask!.dispose();
    delete args.recurrentDropoutMask;
  }
  return args;
}
