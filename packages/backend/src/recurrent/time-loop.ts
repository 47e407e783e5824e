import { tf } from '../tfjs.js';
import type { StepResult } from './step-types.js';

type Tensor2D = tf.Tensor2D;

export interface TimeLoopArgs {
  /** Per-step inputs in processing order (already reversed for goBackwards). */
  steps: Tensor2D[];
  /** Per-step masks [B, 1] bool, same order; absent: every step is real. */
  stepMasks?: tf.Tensor[];
  initialStates: Tensor2D[];
  step: (x: Tensor2D, states: Tensor2D[]) => StepResult;
  returnSequences: boolean;
  zeroOutputForMask: boolean;
  /** Checks a step's result (custom cells); built-in cells skip it. */
  checkStep?: (result: StepResult, t: number) => void;
}

/**
 * The loop over time shared by the reference kernels and rnnLoop. At a masked step the states are carried
 * forward; the emitted output is zeros (zeroOutputForMask) or the last real output, and the last output
 * (returnSequences false) is always the last real output, as Keras. Outputs stay in processing order, as
 * Keras returns them (reversed for goBackwards). Call inside tf.tidy.
 */
export function runTimeLoop(a: TimeLoopArgs): { outputs: tf.Tensor; states: Tensor2D[] } {
  let states = a.initialStates;
  let lastOutput: Tensor2D | undefined;
  let zeros: Tensor2D | undefined;
  const emitted: Tensor2D[] = [];
  a.steps.forEach((x, t) => {
    const result = a.step(x, states);
    a.checkStep?.(result, t);
    const m = a.stepMasks?.[t];
    if (!m) {
      states = result.states;
      lastOutput = result.output;
      if (a.returnSequences) emitted.push(result.output);
      return;
    }
    const prev = states;
    states = result.states.map((s, i) => tf.where(m, s, prev[i]));
    zeros ??= tf.zerosLike(result.output);
    lastOutput = tf.where(m, result.output, lastOutput ?? zeros);
    if (a.returnSequences) emitted.push(a.zeroOutputForMask ? tf.where(m, result.output, zeros) : lastOutput);
  });
  return { outputs: a.returnSequences ? tf.stack(emitted, 1) : lastOutput!, states };
}

/** [B, T] mask (any dtype; nonzero = real step) into per-step [B, 1] bool tensors, in processing order. */
export function splitMask(mask: tf.Tensor | undefined, goBackwards: boolean): tf.Tensor[] | undefined {
  if (!mask) return undefined;
  const bool = mask.dtype === 'bool' ? mask : tf.notEqual(mask, 0);
  const [batch] = mask.shape;
  const perStep = tf.unstack(bool, 1).map((m) => tf.reshape(m, [batch, 1]));
  return goBackwards ? [...perStep].reverse() : perStep;
}
