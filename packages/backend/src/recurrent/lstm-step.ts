import { tf } from '../tfjs.js';
import type { PreparedCell } from './prepared-cell.js';
import type { StepResult } from './step-types.js';

/**
 * One LSTM step, Keras gate order i, f, c, o:
 *   z = xp + h·Rk;  c' = f*c + i*act(zc);  h' = o*act(c')
 * `xp` is x·kernel + bias for this step [B, 4U].
 */
export function lstmStep(p: PreparedCell, xp: tf.Tensor2D, [h, c]: tf.Tensor2D[]): StepResult {
  const hIn = p.recurrentDropoutMask ? tf.mul(h, p.recurrentDropoutMask) : h;
  const z = tf.add(xp, tf.matMul(hIn, p.recurrentKernel));
  const [zi, zf, zc, zo] = tf.split(z, 4, 1);
  const cNext = tf.add(tf.mul(p.ract(zf), c), tf.mul(p.ract(zi), p.act(zc)));
  const hNext = tf.mul(p.ract(zo), p.act(cNext));
  return { output: hNext as tf.Tensor2D, states: [hNext as tf.Tensor2D, cNext as tf.Tensor2D] };
}
