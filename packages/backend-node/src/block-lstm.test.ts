import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fusedRecurrentKernels, referenceRnnSequence, tf, useBackend } from '@rnnkit/backend';
import type { RnnSequenceArgs } from '@rnnkit/backend';
import { disposeArgs, makeCase, maxAbsDiff, toTensorArgs } from '@rnnkit/backend/testing';
import type { CaseOptions } from '@rnnkit/backend/testing';
import { blockLstmKernel, blockLstmSupports } from './block-lstm.js';
import { nodeAdapter } from './index.js';
import { resolveTfjsNode } from './tfjs-node-probe.js';

// As in the adapter's tests: in CI (where .ci/run builds tfjs-node offline) these must run, never skip.
const available = (await nodeAdapter.isAvailable()).available;
const mustRun = process.env.CI === 'true' && process.env.RNNKIT_NO_TFJS_NODE_WHEEL !== '1';
const suite = available || mustRun ? describe : describe.skip;

/** Outputs, states and gradients (inputs, kernel, recurrentKernel, bias, h0, c0) of a weighted sum of everything. */
function run(kernel: (a: RnnSequenceArgs) => { outputs: tf.Tensor; states: tf.Tensor[] }, args: RnnSequenceArgs) {
  const f = (x: tf.Tensor, k: tf.Tensor, rk: tf.Tensor, b: tf.Tensor, h0: tf.Tensor, c0: tf.Tensor) => {
    const r = kernel({ ...args, inputs: x as tf.Tensor3D, kernel: k as tf.Tensor2D, recurrentKernel: rk as tf.Tensor2D, bias: b, initialState: [h0 as tf.Tensor2D, c0 as tf.Tensor2D] });
    // Different weights per piece, so a swapped or misplaced gradient shows.
    const w = (t: tf.Tensor, s: number) => tf.sum(tf.mul(t, tf.reshape(tf.linspace(0.5 * s, 1.5 * s, t.size), t.shape)));
    return tf.addN([w(r.outputs, 1), w(r.states[0], 2), w(r.states[1], 3)]);
  };
  const ins = [args.inputs, args.kernel, args.recurrentKernel, args.bias!, ...args.initialState];
  const grads = tf.grads(f)(ins);
  const r = kernel(args);
  const out = { outputs: r.outputs.arraySync(), states: r.states.map((s) => s.arraySync()), grads: grads.map((g) => g.arraySync()) };
  tf.dispose([r.outputs, ...r.states, ...grads]);
  return out;
}

suite('LSTM on TensorFlow BlockLSTMV2', () => {
  beforeAll(async () => {
    await useBackend('tensorflow', { log: false });
  });

  const cases: [string, CaseOptions, boolean][] = [
    ['last output', { cell: 'lstm', time: 5, units: 3 }, false],
    ['returnSequences, goBackwards', { cell: 'lstm', time: 4, returnSequences: true, goBackwards: true }, false],
    ['input dropout', { cell: 'lstm', time: 3, dropout: true, returnSequences: true }, true],
    ['one step', { cell: 'lstm', time: 1, units: 4 }, false],
  ];
  for (const [name, options, inputDropoutOnly] of cases) {
    it(`${name}: values and gradients equal the reference kernel's, no tensors left`, () => {
      const args = toTensorArgs(makeCase({ ...options, seed: 7 }));
      if (inputDropoutOnly) {
        args.recurrentDropoutMask!.dispose();
        delete args.recurrentDropoutMask;
      }
      expect(blockLstmSupports(args)).toBe(true);
      const fallback = vi.fn(referenceRnnSequence);
      const kernel = blockLstmKernel(resolveTfjsNode, fallback);
      const before = tf.memory().numTensors;
      const ours = run(kernel, args);
      expect(tf.memory().numTensors).toBe(before);
      expect(fallback).not.toHaveBeenCalled();
      // At T = 1 the reference's Unpack gradient runs into tfjs-node's second tfjs-core copy; the JavaScript
      // fused kernel (itself held to the reference by the conformance suite) stands in there.
      const ref = run(options.time === 1 ? fusedRecurrentKernels('javascript').lstm! : referenceRnnSequence, args);
      expect(maxAbsDiff(ours.outputs, ref.outputs)).toBeLessThan(1e-5);
      expect(maxAbsDiff(ours.states, ref.states)).toBeLessThan(1e-5);
      ours.grads.forEach((g, i) => expect(maxAbsDiff(g, ref.grads[i]), `gradient ${i}`).toBeLessThan(1e-4));
      disposeArgs(args);
    });
  }

  it('hands masks, recurrent dropout and other activations to the fallback kernel', () => {
    const fallback = vi.fn(referenceRnnSequence);
    const kernel = blockLstmKernel(resolveTfjsNode, fallback);
    for (const options of [{ mask: 'right' }, { dropout: true }, { recurrentActivation: 'hardSigmoid' }, { activation: 'relu' }] as Partial<CaseOptions>[]) {
      const args = toTensorArgs(makeCase({ cell: 'lstm', ...options }));
      expect(blockLstmSupports(args)).toBe(false);
      const r = kernel(args);
      tf.dispose([r.outputs, ...r.states]);
      disposeArgs(args);
    }
    expect(fallback).toHaveBeenCalledTimes(4);
  });
});
