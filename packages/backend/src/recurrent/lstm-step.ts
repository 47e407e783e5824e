import { tf } from '../tfjs.js';
import { recurrentPart, type PreparedCell } from './prepared-cell.js';
import type { StepResult } from './step-types.js';

/**
 * One LSTM step, Keras gate order i, f, c, o, from the step's per-gate input projections `x` (each [B, U]):
 *   z_g = x_g + h·R_g;  c' = f*c + i*act(z_c);  h' = o*act(c')
 */
export function lstmStep(p: PreparedCell, x: tf.Tensor2D[], [h, c]: tf.Tensor2D[]): StepResult {
  const hIn = p.recurrentDropoutMask ? tf.mul(h, p.recurrentDropoutMask) : h;
  const [zi, zf, zc, zo] = x.map((xg, g) => tf.add(xg, recurrentPart(p, hIn, g)));
  const cNext = tf.add(tf.mul(p.ract(zf), c), tf.mul(p.ract(zi), p.act(zc)));
  const hNext = tf.mul(p.ract(zo), p.act(cNext));
  return { output: hNext as tf.Tensor2D, states: [hNext as tf.Tensor2D, cNext as tf.Tensor2D] };
}
