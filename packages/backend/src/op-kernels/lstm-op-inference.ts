import { tf } from '../tfjs.js';
import { activation } from '../recurrent/activations.js';
import { splitMask, runTimeLoop } from '../recurrent/time-loop.js';
import type { RnnSequenceArgs, RnnSequenceResult } from '../recurrent/types.js';
import type { SequenceDims } from '../recurrent/validate-sequence.js';
import { projectedSteps } from './step-inputs.js';

type T2 = tf.Tensor2D;

/** LSTM inference, gates i, f, c, o: z = x·W + b + h·R [B, 4U] in one recurrent matMul, one split per step. */
export function lstmOpInference(args: RnnSequenceArgs, dims: SequenceDims): RnnSequenceResult {
  const U = dims.units;
  const act = activation(args.activation ?? 'tanh');
  const ract = activation(args.recurrentActivation ?? 'sigmoid');
  const drop = args.recurrentDropoutMask;
  return tf.tidy(() => {
    const [xz] = projectedSteps(args, args.bias as tf.Tensor1D | undefined, [4 * U]);
    const rk = args.recurrentKernel;
    const { outputs, states } = runTimeLoop({
      steps: xz,
      stepMasks: splitMask(args.mask, args.goBackwards ?? false),
      initialStates: args.initialState,
      returnSequences: args.returnSequences ?? false,
      zeroOutputForMask: args.zeroOutputForMask ?? true,
      step: (x, [h, c]) => tf.tidy(() => {
        const hIn = drop ? tf.mul(h, drop) as T2 : h;
        const [zi, zf, zc, zo] = tf.split(tf.add(x, tf.matMul(hIn, rk)), 4, 1);
        const cNext = tf.add(tf.mul(ract(zf), c), tf.mul(ract(zi), act(zc))) as T2;
        const hNext = tf.mul(ract(zo), act(cNext)) as T2;
        return { output: hNext, states: [hNext, cNext] };
      }),
    });
    return { outputs, states };
  });
}
