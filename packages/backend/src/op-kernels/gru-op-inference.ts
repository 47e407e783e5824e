import { tf } from '../tfjs.js';
import { activation } from '../recurrent/activations.js';
import { splitMask, runTimeLoop } from '../recurrent/time-loop.js';
import type { RnnSequenceArgs, RnnSequenceResult } from '../recurrent/types.js';
import type { SequenceDims } from '../recurrent/validate-sequence.js';
import { columns, projectedSteps } from './step-inputs.js';

type T2 = tf.Tensor2D;

/**
 * GRU inference, gates z, r, h. resetAfter: hz = h·R [B, 3U] in one matMul; the recurrent bias of z and r is
 * folded into the input projection (it only adds there), that of h is added to hz_h before r multiplies it.
 * resetAfter false: h·R_zr [B, 2U], then (r*h)·R_h. Per step about a dozen ops instead of the reference's twenty.
 */
export function gruOpInference(args: RnnSequenceArgs, dims: SequenceDims): RnnSequenceResult {
  const { units: U, resetAfter } = dims;
  const act = activation(args.activation ?? 'tanh');
  const ract = activation(args.recurrentActivation ?? 'sigmoid');
  const drop = args.recurrentDropoutMask;
  return tf.tidy(() => {
    let inputBias: tf.Tensor1D | undefined;
    let hBias: tf.Tensor1D | undefined;
    if (args.bias && args.bias.rank === 2) {
      const [inputRow, recurrentRow] = tf.unstack(args.bias, 0) as tf.Tensor1D[];
      inputBias = tf.add(inputRow, tf.concat([tf.slice(recurrentRow, [0], [2 * U]), tf.zeros([U])])) as tf.Tensor1D;
      hBias = tf.slice(recurrentRow, [2 * U], [U]);
    } else if (args.bias) {
      inputBias = args.bias as tf.Tensor1D;
    }
    const [xzr, xh] = projectedSteps(args, inputBias, [2 * U, U]);
    const rk = args.recurrentKernel;
    const rkZr = resetAfter ? undefined : columns(rk, 0, 2 * U);
    const rkH = resetAfter ? undefined : columns(rk, 2 * U, U);
    const { outputs, states } = runTimeLoop({
      steps: xzr.map((x, t) => [x, xh[t]]),
      stepMasks: splitMask(args.mask, args.goBackwards ?? false),
      initialStates: args.initialState,
      returnSequences: args.returnSequences ?? false,
      zeroOutputForMask: args.zeroOutputForMask ?? true,
      step: ([xzrT, xhT], [h]) => tf.tidy(() => {
        const hIn = drop ? tf.mul(h, drop) as T2 : h;
        let gates: T2, candidate: tf.Tensor;
        if (resetAfter) {
          const hz = tf.matMul(hIn, rk) as T2;
          gates = ract(tf.add(xzrT, columns(hz, 0, 2 * U))) as T2;
          const hzH = columns(hz, 2 * U, U);
          candidate = tf.mul(columns(gates, U, U), hBias ? tf.add(hzH, hBias) : hzH);
        } else {
          gates = ract(tf.add(xzrT, tf.matMul(hIn, rkZr!))) as T2;
          candidate = tf.matMul(tf.mul(columns(gates, U, U), hIn), rkH!);
        }
        const hh = act(tf.add(xhT, candidate));
        // z*h + (1-z)*hh as hh + z*(h - hh), as the reference step.
        const hNext = tf.add(hh, tf.mul(columns(gates, 0, U), tf.sub(h, hh))) as T2;
        return { output: hNext, states: [hNext] };
      }),
    });
    return { outputs, states };
  });
}
