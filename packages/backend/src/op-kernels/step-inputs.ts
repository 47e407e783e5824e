// What the op-inference kernels share: the per-step input projections in processing order, and the time loop.
import { tf } from '../tfjs.js';
import type { RnnSequenceArgs } from '../recurrent/types.js';
import { unstackSteps } from '../recurrent/time-loop.js';

/** Columns [from, from + size) of a [rows, cols] tensor. */
export const columns = (t: tf.Tensor2D, from: number, size: number): tf.Tensor2D => tf.slice(t, [0, from], [t.shape[0], size]);

/**
 * x·kernel + bias for every step at once, cut into column groups of `widths` (each group's per-step tensors
 * [B, width], in processing order). Input dropout and goBackwards are applied to x first. Call inside tf.tidy.
 */
export function projectedSteps(args: RnnSequenceArgs, bias: tf.Tensor1D | undefined, widths: number[]): tf.Tensor2D[][] {
  const [B, T, F] = args.inputs.shape;
  let x: tf.Tensor = args.inputs;
  if (args.inputDropoutMask) x = tf.mul(x, tf.expandDims(args.inputDropoutMask, 1));
  if (args.goBackwards) x = tf.reverse(x, 1);
  const timeMajor = tf.reshape(tf.transpose(x, [1, 0, 2]), [T * B, F]) as tf.Tensor2D;
  const product = tf.matMul(timeMajor, args.kernel);
  const all = (bias ? tf.add(product, bias) : product) as tf.Tensor2D;
  let from = 0;
  return widths.map((w) => {
    const group = widths.length === 1 ? all : columns(all, from, w);
    from += w;
    return unstackSteps(tf.reshape(group, [T, B, w])) as tf.Tensor2D[];
  });
}
