import { tf } from '../tfjs.js';
import type { PreparedCell } from './prepared-cell.js';
import type { StepResult } from './step-types.js';

/**
 * One GRU step, Keras gate order z, r, h; `xp` is x·kernel + input bias [B, 3U].
 *  resetAfter true (Keras 2+ default, cuDNN-compatible): hh = act(xh + r * (h·Rh + bh))
 *  resetAfter false (original):                            hh = act(xh + (r * h)·Rh)
 *  h' = z*h + (1-z)*hh
 * Recurrent dropout multiplies h where it enters the recurrent matMul; the carried z*h term keeps h intact.
 */
export function gruStep(p: PreparedCell, xp: tf.Tensor2D, [h]: tf.Tensor2D[]): StepResult {
  const hIn = p.recurrentDropoutMask ? tf.mul(h, p.recurrentDropoutMask) : h;
  const [xz, xr, xh] = tf.split(xp, 3, 1);
  let z: tf.Tensor;
  let hh: tf.Tensor;
  if (p.resetAfter) {
    let inner = tf.matMul(hIn, p.recurrentKernel);
    if (p.recurrentBias) inner = tf.add(inner, p.recurrentBias);
    const [rz, rr, rh] = tf.split(inner, 3, 1);
    z = p.ract(tf.add(xz, rz));
    const r = p.ract(tf.add(xr, rr));
    hh = p.act(tf.add(xh, tf.mul(r, rh)));
  } else {
    const [rz, rr] = tf.split(tf.matMul(hIn, p.recurrentKernelZR!), 2, 1);
    z = p.ract(tf.add(xz, rz));
    const r = p.ract(tf.add(xr, rr));
    hh = p.act(tf.add(xh, tf.matMul(tf.mul(r, hIn), p.recurrentKernelH!)));
  }
  // z*h + (1-z)*hh written as hh + z*(h - hh): one op fewer per step, same value and gradient.
  const hNext = tf.add(hh, tf.mul(z, tf.sub(h, hh)));
  return { output: hNext as tf.Tensor2D, states: [hNext as tf.Tensor2D] };
}
