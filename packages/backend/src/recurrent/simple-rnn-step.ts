import { tf } from '../tfjs.js';
import type { PreparedCell } from './prepared-cell.js';
import type { StepResult } from './step-types.js';

/** One SimpleRNN step: h' = act(xp + h·Rk), with `xp` = x·kernel + bias [B, U]. */
export function simpleRnnStep(p: PreparedCell, xp: tf.Tensor2D, [h]: tf.Tensor2D[]): StepResult {
  const hIn = p.recurrentDropoutMask ? tf.mul(h, p.recurrentDropoutMask) : h;
  const hNext = p.act(tf.add(xp, tf.matMul(hIn, p.recurrentKernel)));
  return { output: hNext as tf.Tensor2D, states: [hNext as tf.Tensor2D] };
}
