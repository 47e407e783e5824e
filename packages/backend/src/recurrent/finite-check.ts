import { tf } from '../tfjs.js';
import { ValueError } from '../errors.js';

/** Counts NaN and infinite entries; one small read back per tensor. */
function countNonFinite(t: tf.Tensor): { nan: number; inf: number } {
  const counts = tf.tidy(() => tf.stack([tf.sum(tf.cast(tf.isNaN(t), 'int32')), tf.sum(tf.cast(tf.isInf(t), 'int32'))]));
  const [nan, inf] = Array.from(counts.dataSync());
  counts.dispose();
  return { nan, inf };
}

/** Throws a ValueError naming the tensor when it holds NaN or Infinity. */
export function assertFinite(op: string, argument: string, t: tf.Tensor, note = ''): void {
  const { nan, inf } = countNonFinite(t);
  if (nan + inf === 0) return;
  throw new ValueError({ op, argument, expected: 'all finite', got: `${nan} NaN and ${inf} infinite of ${t.size}${note}` });
}
