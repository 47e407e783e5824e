import { tf } from '../tfjs.js';
import { stepPrepared } from './cell-step.js';
import { inputSideBias, prepareCell } from './prepared-cell.js';
import { runTimeLoop, splitMask } from './time-loop.js';
import type { RnnSequenceArgs, RnnSequenceResult } from './types.js';
import { validateRnnSequenceArgs, type SequenceDims } from './validate-sequence.js';

/**
 * The reference recurrent kernel: tfjs-core ops only, so tfjs autodiff gives its gradients and any backend
 * runs it. Every input step is projected by one matMul and time is unstacked once; only the recurrent
 * matMul and the gates run per step. Validates its arguments (rnnSequence validates once and calls
 * `referenceRnnSequenceUnchecked`).
 */
export function referenceRnnSequence(args: RnnSequenceArgs): RnnSequenceResult {
  return referenceRnnSequenceUnchecked(args, validateRnnSequenceArgs(args, 'referenceRnnSequence'));
}

export function referenceRnnSequenceUnchecked(args: RnnSequenceArgs, dims: SequenceDims): RnnSequenceResult {
  const { batch, time, features, units, gates, resetAfter } = dims;
  const goBackwards = args.goBackwards ?? false;
  return tf.tidy(() => {
    const x = args.inputDropoutMask ? tf.mul(args.inputs, tf.expandDims(args.inputDropoutMask, 1)) : args.inputs;
    let projected: tf.Tensor = tf.matMul(tf.reshape(x, [batch * time, features]), args.kernel);
    const bias = inputSideBias(args.cell, args.bias, resetAfter, units);
    if (bias) projected = tf.add(projected, bias);
    const perStep = tf.unstack(tf.reshape(projected, [batch, time, gates * units]), 1) as tf.Tensor2D[];
    const prepared = prepareCell({ ...args, resetAfter }, units);
    const { outputs, states } = runTimeLoop({
      // Copy before reversing: unstack returns the very array tfjs keeps on its tape as the op's outputs, and
      // reversing that in place would silently reorder the gradients.
      steps: goBackwards ? [...perStep].reverse() : perStep,
      stepMasks: splitMask(args.mask, goBackwards),
      initialStates: args.initialState,
      step: (xp, s) => stepPrepared(prepared, xp, s),
      returnSequences: args.returnSequences ?? false,
      zeroOutputForMask: args.zeroOutputForMask ?? true,
    });
    return { outputs, states };
  });
}
