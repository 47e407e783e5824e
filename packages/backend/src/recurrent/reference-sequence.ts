import { tf } from '../tfjs.js';
import { stepPrepared } from './cell-step.js';
import { prepareCell, projectByGate } from './prepared-cell.js';
import { runTimeLoop, splitMask, unstackSteps, unstackTime } from './time-loop.js';
import type { RnnSequenceArgs, RnnSequenceResult } from './types.js';
import { validateRnnSequenceArgs, type SequenceDims } from './validate-sequence.js';

/**
 * The reference recurrent kernel: tfjs-core ops only, so tfjs autodiff gives its gradients and any backend
 * runs it. The inputs are made time-major once and every step's input is projected with one matMul per gate;
 * only the recurrent matMuls and the gates run per step. Validates its arguments (rnnSequence validates once
 * and calls `referenceRnnSequenceUnchecked`).
 */
export function referenceRnnSequence(args: RnnSequenceArgs): RnnSequenceResult {
  return referenceRnnSequenceUnchecked(args, validateRnnSequenceArgs(args, 'referenceRnnSequence'));
}

export function referenceRnnSequenceUnchecked(args: RnnSequenceArgs, dims: SequenceDims): RnnSequenceResult {
  const { batch, time, features, units, resetAfter } = dims;
  const goBackwards = args.goBackwards ?? false;
  return tf.tidy(() => {
    const prepared = prepareCell({ ...args, resetAfter }, units);
    const x = args.inputDropoutMask ? tf.mul(args.inputs, tf.expandDims(args.inputDropoutMask, 1)) : args.inputs;
    // Time-major [T*B, F], so each gate's projection [T*B, U] reshapes to [T, B, U] and unstacks along axis 0.
    const timeMajor = tf.reshape(tf.transpose(x, [1, 0, 2]), [time * batch, features]) as tf.Tensor2D;
    const byGate = projectByGate(prepared, timeMajor).map((p) => unstackSteps(tf.reshape(p, [time, batch, units])) as tf.Tensor2D[]);
    const order = Array.from({ length: time }, (_, s) => (goBackwards ? time - 1 - s : s));
    const { outputs, states } = runTimeLoop({
      steps: order.map((t) => byGate.map((g) => g[t])),
      stepMasks: splitMask(args.mask, goBackwards),
      initialStates: args.initialState,
      step: (xs, s) => stepPrepared(prepared, xs, s),
      returnSequences: args.returnSequences ?? false,
      zeroOutputForMask: args.zeroOutputForMask ?? true,
    });
    return { outputs, states };
  });
}
