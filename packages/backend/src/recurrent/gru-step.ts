import { tf } from '../tfjs.js';
import { recurrentPart, type PreparedCell } from './prepared-cell.js';
import type { StepResult } from './step-types.js';

/**
 * One GRU step, Keras gate order z, r, h, from the step's per-gate input projections `x` (each [B, U], input bias in):
 *  resetAfter true (Keras 2+ default, cuDNN-compatible): hh = act(x_h + r * (h·R_h + b_h))
 *  resetAfter false (original):                            hh = act(x_h + (r * h)·R_h)
 *  h' = z*h + (1-z)*hh
 * Recurrent dropout multiplies h where it enters the recurrent matMuls; the carried z*h term keeps h intact.
 */
export function gruStep(p: PreparedCell, [xz, xr, xh]: tf.Tensor2D[], [h]: tf.Tensor2D[]): StepResult {
  const hIn = p.recurrentDropoutMask ? tf.mul(h, p.recurrentDropoutMask) : h;
  const inner = (g: number) => (p.recurrentBias ? tf.add(recurrentPart(p, hIn, g), p.recurrentBias[g]) : recurrentPart(p, hIn, g));
  const z = p.ract(tf.add(xz, inner(0)));
  const r = p.ract(tf.add(xr, inner(1)));
  const hh = p.resetAfter
    ? p.act(tf.add(xh, tf.mul(r, inner(2))))
    : p.act(tf.add(xh, recurrentPart(p, tf.mul(r, hIn), 2)));
  // z*h + (1-z)*hh written as hh + z*(h - hh): one op fewer per step, same value and gradient.
  const hNext = tf.add(hh, tf.mul(z, tf.sub(h, hh)));
  return { output: hNext as tf.Tensor2D, states: [hNext as tf.Tensor2D] };
}
