import { tf } from '../tfjs.js';
import type { StepResult } from './step-types.js';

type Tensor2D = tf.Tensor2D;

export interface TimeLoopArgs<X> {
  /** Per-step inputs in processing order (already reversed for goBackwards). */
  steps: X[];
  /** Per-step masks [B, 1] bool, same order; absent: every step is real. */
  stepMasks?: tf.Tensor[];
  initialStates: Tensor2D[];
  step: (x: X, states: Tensor2D[]) => StepResult;
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
export function runTimeLoop<X>(a: TimeLoopArgs<X>): { outputs: tf.Tensor; states: Tensor2D[] } {
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
  // Stack time-major and transpose once: stacking on axis 1 has unstack-on-axis-1 as its gradient, which the cpu
  // backend runs ~100x slower than the axis-0 split plus one transpose.
  return { outputs: a.returnSequences ? tf.transpose(tf.stack(emitted, 0), [1, 0, 2]) : lastOutput!, states };
}

/**
 * tf.unstack along axis 0, except that one slice is a reshape: tfjs' Unpack gradient hands `stack` a lone tensor
 * where it expects a list when the op has a single output, so gradients through a one-step unstack throw.
 */
export function unstackSteps(x: tf.Tensor): tf.Tensor[] {
  return x.shape[0] === 1 ? [tf.reshape(x, x.shape.slice(1))] : tf.unstack(x, 0);
}

/**
 * [B, T, ...] into T tensors [B, ...] in processing order, through one transpose and an axis-0 unstack (see above).
 * Copies before reversing: unstack returns the very array tfjs keeps on its tape as the op's outputs, and
 * reversing that in place would silently reorder the gradients.
 */
export function unstackTime(x: tf.Tensor, goBackwards: boolean): tf.Tensor[] {
  const perm = x.shape.map((_, i) => (i === 0 ? 1 : i === 1 ? 0 : i));
  const perStep = unstackSteps(tf.transpose(x, perm));
  return goBackwards ? [...perStep].reverse() : perStep;
}

/** [B, T] mask (any dtype; nonzero = real step) into per-step [B, 1] bool tensors, in processing order. */
export function splitMask(mask: tf.Tensor | undefined, goBackwards: boolean): tf.Tensor[] | undefined {
  if (!mask) return undefined;
  const bool = mask.dtype === 'bool' ? mask : tf.notEqual(mask, 0);
  return unstackTime(tf.expandDims(bool, 2), goBackwards);
}
