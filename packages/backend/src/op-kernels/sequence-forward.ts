// A forward pass given to the op sequences (opKernels' `forward`) and what they read from it: the backward passes
// need only every step's h and the h before each step.
import { tf } from '../tfjs.js';
import type { RnnSequenceArgs, RnnSequenceResult } from '../recurrent/types.js';
import { stepOf } from '../tensor-fused/sequence-io.js';

/**
 * An inference pass of the same call (the layer's values, no gradient) that an op sequence may use for its forward
 * pass: the backward passes need only every step's h, from which the rest follows in whole-sequence ops. Returns
 * undefined for a call it does not take (the per-step ops run).
 */
export type SequenceForward = (args: RnnSequenceArgs) => RnnSequenceResult | undefined;

/**
 * Runs `forward` on the call with every step returned: each h time-major [T, B, U] in processing order, and the
 * last; undefined where there is no forward pass or it declines. Call inside the custom gradient's body, where no
 * tape records (so the forward pass runs as inference).
 */
export function givenStates(args: RnnSequenceArgs, forward: SequenceForward | undefined): { hAll: tf.Tensor3D; last: tf.Tensor2D } | undefined {
  const given = forward?.({ ...args, returnSequences: true });
  if (!given) return undefined;
  tf.dispose(given.states);
  const hAll = tf.transpose(given.outputs, [1, 0, 2]) as tf.Tensor3D;
  return { hAll, last: stepOf(hAll, hAll.shape[0] - 1) };
}

/** The h before each step, [T, B, U]: h0, then every h of `hAll` but the last. */
export function statesBefore(h0: tf.Tensor2D, hAll: tf.Tensor3D): tf.Tensor3D {
  const [T, B, U] = hAll.shape;
  const first = tf.expandDims(h0, 0) as tf.Tensor3D;
  return T > 1 ? tf.concat([first, tf.slice(hAll, [0, 0, 0], [T - 1, B, U])]) : first;
}
