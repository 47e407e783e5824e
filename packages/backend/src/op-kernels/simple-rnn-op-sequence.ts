// SimpleRNN over a whole sequence as one custom gradient of whole-tensor ops, the fewest per step: forward a
// recurrent matMul, an add and the activation; backward the product of the step's gradient with the activation's
// derivative (from the saved outputs, for all steps at once) and one matMul. The weight gradients are large matMuls
// at the end. Without returnSequences only the last h leaves the gradient, so no per-step output gradient is added.
// A forward kernel given by the adapter (`forward`) may compute every step's h instead of the per-step ops: the
// backward pass needs only those, so a faster inference pass (rnnkit's SIMD module on its threads) serves training.
import { tf } from '../tfjs.js';
import { activation } from '../recurrent/activations.js';
import { isRecordingGradients } from '../recurrent/tape.js';
import type { RnnSequenceArgs, RnnSequenceResult } from '../recurrent/types.js';
import type { SequenceDims } from '../recurrent/validate-sequence.js';
import { timeMajorInputs } from '../tensor-fused/sequence-io.js';
import { DERIVATIVE_FROM_OUTPUT, derivativeFromOutput } from './derivative-from-output.js';
import { givenStates, type SequenceForward, statesBefore } from './sequence-forward.js';

type T2 = tf.Tensor2D;

/** Whether simpleRnnOpSequence runs these arguments: no mask, and an activation whose derivative follows from its output. */
export function simpleRnnOpSequenceSupports(args: RnnSequenceArgs): boolean {
  return !args.mask && DERIVATIVE_FROM_OUTPUT.has(args.activation ?? 'tanh');
}

export function simpleRnnOpSequence(args: RnnSequenceArgs, dims: SequenceDims, forward?: SequenceForward): RnnSequenceResult {
  const { batch: B, time: T, units: U } = dims;
  const actName = args.activation ?? 'tanh';
  const act = activation(actName);
  const drop = args.recurrentDropoutMask;
  const returnSequences = args.returnSequences ?? false;
  const recording = isRecordingGradients();

  // Inputs: time-major x [T*B, F], weights, bias [U], h0. Value: every step's h [T, B, U] or the last [B, U].
  const sequence = tf.customGrad((...all: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x2, kernel, rk, bias, h0] = all as T2[];
    const save = all[5] as tf.GradSaveFunc;
    const given = givenStates(args, forward);
    let hAll: tf.Tensor3D | undefined, h: T2, hInAll: (() => tf.Tensor) | undefined;
    if (given) {
      ({ hAll, last: h } = given);
      // Step t's recurrent input is the h before it (times the recurrent dropout mask).
      hInAll = () => {
        const before = statesBefore(h0, given.hAll);
        return drop ? tf.mul(before, drop) : before;
      };
    } else {
      const xz = tf.unstack(tf.reshape(tf.add(tf.matMul(x2, kernel), bias), [T, B, U])) as T2[];
      h = h0;
      const hs: T2[] = [], hIn: T2[] = [];
      for (let t = 0; t < T; t++) {
        const hd = drop ? tf.mul(h, drop) as T2 : h;
        h = act(tf.add(xz[t]!, tf.matMul(hd, rk))) as T2;
        hIn.push(hd);
        hs.push(h);
      }
      if (recording || returnSequences) hAll = tf.stack(hs) as tf.Tensor3D;
      hInAll = () => tf.stack(hIn);
    }
    if (recording) save([x2, kernel, rk, hAll!, hInAll()]);
    return {
      value: returnSequences ? hAll! : h,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx2, sKernel, sRk, sH, sHIn] = saved;
        const dHs = returnSequences ? tf.unstack(dy) as T2[] : undefined;
        // The activation's derivative at every step in two or three ops over the whole sequence, not per step.
        const derivatives = actName === 'linear' ? undefined : tf.unstack(derivativeFromOutput(actName, sH!)) as T2[];
        const rkT = tf.transpose(sRk!);
        const dz: T2[] = new Array(T);
        let dh: T2 | undefined = returnSequences ? undefined : dy as T2;
        for (let t = T - 1; t >= 0; t--) {
          const g = dHs ? (dh ? tf.add(dh, dHs[t]!) : dHs[t]!) : dh!;
          dz[t] = (derivatives ? tf.mul(g, derivatives[t]!) : g) as T2;
          const through = tf.matMul(dz[t]!, rkT);
          dh = (drop ? tf.mul(through, drop) : through) as T2;
        }
        const dZ = tf.reshape(tf.stack(dz), [T * B, U]);
        const dX = tf.matMul(dZ, tf.transpose(sKernel!));
        const dKernel = tf.matMul(tf.transpose(sx2!), dZ);
        const dRk = tf.matMul(tf.transpose(tf.reshape(sHIn!, [T * B, U])), dZ);
        return [dX, dKernel, dRk, tf.sum(dZ, 0), dh!];
      },
    };
  });

  return tf.tidy(() => {
    const bias = args.bias ? tf.reshape(args.bias, [U]) : tf.zeros([U]);
    const value = sequence(timeMajorInputs(args), args.kernel, args.recurrentKernel, bias, args.initialState[0]!);
    if (!returnSequences) return { outputs: value, states: [value as T2] };
    const last = tf.reshape(tf.slice(value, [T - 1, 0, 0], [1, B, U]), [B, U]) as T2;
    return { outputs: tf.transpose(value, [1, 0, 2]), states: [last] };
  });
}
