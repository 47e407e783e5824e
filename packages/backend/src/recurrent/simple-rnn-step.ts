import { tf } from '../tfjs.js';
import { recurrentPart, type PreparedCell } from './prepared-cell.js';
import type { StepResult } from './step-types.js';

/** One SimpleRNN step: h' = act(x + h·R), with `x` = [x·kernel + bias] for this step. */
export function simpleRnnStep(p: PreparedCell, [x]: tf.Tensor2D[], [h]: tf.Tensor2D[]): StepResult {
  const hIn = p.recurrentDropoutMask ? tf.mul(h, p.recurrentDropoutMask) : h;
  const hNext = p.act(tf.add(x, recurrentPart(p, hIn, 0)));
  return { output: hNext as tf.Tensor2D, states: [hNext as tf.Tensor2D] };
}
