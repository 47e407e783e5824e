// What the sequence kernels share around their custom gradients: the time-major step mask and the outputs a
// layer emits from the carried states (Keras' masking semantics), as ordinary tfjs ops that autodiff handles.
import { tf } from '@rnnkit/backend';
import type { RnnSequenceArgs } from '@rnnkit/backend';

/** [T, B, 1] float32, 1 for a real step, in processing order; all ones without a mask. */
export function timeMajorStepMask(args: RnnSequenceArgs): tf.Tensor3D {
  const [B, T] = args.inputs.shape;
  if (!args.mask) return tf.ones([T, B, 1]);
  const real = tf.cast(tf.notEqual(args.mask, 0), 'float32');
  const stepMajor = tf.expandDims(tf.transpose(real), 2) as tf.Tensor3D;
  return args.goBackwards ? tf.reverse(stepMajor, 0) : stepMajor;
}

/** The inputs in processing order, time-major [T, B, F], input dropout applied. */
export function timeMajorInputs(args: RnnSequenceArgs): tf.Tensor3D {
  let x = args.inputs as tf.Tensor;
  if (args.inputDropoutMask) x = tf.mul(x, tf.expandDims(args.inputDropoutMask, 1));
  if (args.goBackwards) x = tf.reverse(x, 1);
  return tf.transpose(x, [1, 0, 2]) as tf.Tensor3D;
}

/**
 * The layer's outputs from every step's carried h ([T, B, U]; a masked step carries h forward): with a mask, a
 * returned sequence has zeros at masked steps (zeroOutputForMask, the default) or the last real output (zeros
 * before the first), and the last output is the last real step's (zeros when there is none).
 */
export function emittedOutputs(args: RnnSequenceArgs, hAll: tf.Tensor3D, stepMask: tf.Tensor3D): tf.Tensor {
  const [T, B, U] = hAll.shape;
  if (!args.mask) return args.returnSequences ? tf.transpose(hAll, [1, 0, 2]) : tf.reshape(tf.slice(hAll, [T - 1, 0, 0], [1, B, U]), [B, U]);
  const seen = tf.greater(tf.cumsum(stepMask, 0), 0);
  if (!args.returnSequences) {
    const last = (t: tf.Tensor) => tf.reshape(tf.slice(t, [T - 1, 0, 0], [1, B, t.shape[2]!]), [B, t.shape[2]!]);
    return tf.where(last(seen), last(hAll), tf.zeros([B, U]));
  }
  const show = (args.zeroOutputForMask ?? true) ? tf.greater(stepMask, 0) : seen;
  return tf.transpose(tf.where(show, hAll, tf.zerosLike(hAll)), [1, 0, 2]);
}
