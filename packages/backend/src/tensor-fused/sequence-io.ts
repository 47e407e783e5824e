// What the tensor-level sequence kernels share around their custom gradients: the time-major inputs and step
// mask going in, and the outputs a layer emits from the carried states coming out (Keras' masking semantics).
// All plain tfjs ops outside the custom gradient, so autodiff handles dropout, reversal and emission.
import { tf } from '../tfjs.js';
import type { RnnSequenceArgs } from '../recurrent/types.js';
import type { GateActivations } from './gate-ops.js';

export function gateActivations(args: RnnSequenceArgs): GateActivations {
  return { activation: args.activation ?? 'tanh', recurrentActivation: args.recurrentActivation ?? 'sigmoid' };
}

/** [T, B, 1] float32, 1 for a real step, in processing order; all ones without a mask. */
export function timeMajorStepMask(args: RnnSequenceArgs): tf.Tensor3D {
  const [B, T] = args.inputs.shape;
  if (!args.mask) return tf.ones([T, B, 1]);
  const real = tf.cast(tf.notEqual(args.mask, 0), 'float32');
  const stepMajor = tf.expandDims(tf.transpose(real), 2) as tf.Tensor3D;
  return args.goBackwards ? tf.reverse(stepMajor, 0) : stepMajor;
}

/** The inputs in processing order, time-major and flat [T*B, F], input dropout applied. */
export function timeMajorInputs(args: RnnSequenceArgs): tf.Tensor2D {
  const [B, T, F] = args.inputs.shape;
  let x = args.inputs as tf.Tensor;
  if (args.inputDropoutMask) x = tf.mul(x, tf.expandDims(args.inputDropoutMask, 1));
  if (args.goBackwards) x = tf.reverse(x, 1);
  return tf.reshape(tf.transpose(x, [1, 0, 2]), [T * B, F]);
}

/** Step t of a time-major [T, B, U] tensor as [B, U]. */
export function stepOf(all: tf.Tensor3D, t: number): tf.Tensor2D {
  const [, B, U] = all.shape;
  return tf.reshape(tf.slice(all, [t, 0, 0], [1, B, U]), [B, U]);
}

/**
 * The layer's outputs from every step's carried h ([T, B, U]; a masked step carries h forward): with a mask, a
 * returned sequence has zeros at masked steps (zeroOutputForMask, the default) or the last real output (zeros
 * before the first), and the last output is the last real step's (zeros when there is none).
 */
export function emittedOutputs(args: RnnSequenceArgs, hAll: tf.Tensor3D, stepMask: tf.Tensor3D): tf.Tensor {
  const T = hAll.shape[0];
  if (!args.mask) return args.returnSequences ? tf.transpose(hAll, [1, 0, 2]) : stepOf(hAll, T - 1);
  const seen = tf.greater(tf.cumsum(stepMask, 0), 0) as tf.Tensor3D;
  if (!args.returnSequences) return tf.where(stepOf(seen, T - 1), stepOf(hAll, T - 1), tf.zerosLike(stepOf(hAll, T - 1)));
  const show = (args.zeroOutputForMask ?? true) ? tf.greater(stepMask, 0) : seen;
  return tf.transpose(tf.where(show, hAll, tf.zerosLike(hAll)), [1, 0, 2]);
}
