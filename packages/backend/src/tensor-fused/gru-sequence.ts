// GRU with the reset gate after the recurrent product (resetAfter, Keras' default) over a whole sequence as one
// custom gradient: one matMul for every step's input projection, then per step one recurrent matMul and one gate
// operation each way; the weight gradients are large matMuls at the end.
import { tf } from '../tfjs.js';
import type { RnnSequenceArgs, RnnSequenceResult } from '../recurrent/types.js';
import type { GateOps } from './gate-ops.js';
import { isRecordingGradients } from '../recurrent/tape.js';
import { emittedOutputs, gateActivations, stepOf, timeMajorInputs, timeMajorStepMask } from './sequence-io.js';

type T2 = tf.Tensor2D;

/** A GRU bias as [input row, recurrent row], each [3U]: resetAfter keeps both ([2, 3U]); otherwise the recurrent row is zeros. */
export function gruBiasRows(args: RnnSequenceArgs, G: number): [tf.Tensor1D, tf.Tensor1D] {
  const bias = args.bias;
  if (!bias) return [tf.zeros([G]), tf.zeros([G])];
  if (bias.rank === 2) return [tf.reshape(tf.slice(bias, [0, 0], [1, G]), [G]), tf.reshape(tf.slice(bias, [1, 0], [1, G]), [G])];
  return [bias as tf.Tensor1D, tf.zeros([G])];
}

export function gruSequence(ops: GateOps, args: RnnSequenceArgs): RnnSequenceResult {
  const [B, T] = args.inputs.shape;
  const U = args.recurrentKernel.shape[0];
  const G = 3 * U;
  const acts = gateActivations(args);
  const drop = args.recurrentDropoutMask;
  const recording = isRecordingGradients();

  // Inputs: time-major x [T*B, F], step mask [T, B, 1], weights, both bias rows, h0. Value: every step's carried h.
  const sequence = tf.customGrad((...all: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x2, maskT, kernel, rk, biasIn, biasRec, h0] = all as T2[];
    const save = all[7] as tf.GradSaveFunc;
    const xzAll = tf.reshape(tf.add(tf.matMul(x2, kernel), biasIn), [T, B, G]) as tf.Tensor3D;
    const m = tf.unstack(maskT) as T2[];
    let h = h0;
    const hzs: T2[] = [], hs: T2[] = [], hPrev: T2[] = [], hIn: T2[] = [];
    for (let t = 0; t < T; t++) {
      const hd = drop ? tf.mul(h, drop) as T2 : h;
      const hz = tf.add(tf.matMul(hd, rk), biasRec) as T2;
      hPrev.push(h); hIn.push(hd); hzs.push(hz);
      h = ops.gruForward(stepOf(xzAll, t), hz, h, m[t], acts);
      hs.push(h);
    }
    if (recording) save([x2, maskT, kernel, rk, xzAll, tf.stack(hzs), tf.stack(hPrev), tf.stack(hIn)]);
    return {
      value: tf.reshape(tf.stack(hs), [-1]),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx2, sMask, sKernel, sRk, xzs, hzAll, hPrevAll, hInAll] = saved;
        const dHs = tf.unstack(tf.reshape(dy, [T, B, U])) as T2[];
        const xz = tf.unstack(xzs) as T2[];
        const hz = tf.unstack(hzAll) as T2[];
        const hp = tf.unstack(hPrevAll) as T2[];
        const ms = tf.unstack(sMask) as T2[];
        const rkT = tf.transpose(sRk);
        let dh = tf.zeros([B, U]) as T2;
        const dxz: T2[] = new Array(T), dhz: T2[] = new Array(T);
        for (let t = T - 1; t >= 0; t--) {
          const back = ops.gruBackward(xz[t], hz[t], hp[t], tf.add(dh, dHs[t]), ms[t], acts);
          dxz[t] = tf.slice(back, [0, 0], [B, G]);
          dhz[t] = tf.slice(back, [0, G], [B, G]);
          const through = tf.matMul(dhz[t], rkT);
          dh = tf.add(tf.slice(back, [0, 2 * G], [B, U]), drop ? tf.mul(through, drop) : through);
        }
        const dXZ = tf.reshape(tf.stack(dxz), [T * B, G]);
        const dHZ = tf.reshape(tf.stack(dhz), [T * B, G]);
        const dX = tf.matMul(dXZ, tf.transpose(sKernel));
        const dKernel = tf.matMul(tf.transpose(sx2), dXZ);
        const dRk = tf.matMul(tf.transpose(tf.reshape(hInAll, [T * B, U])), dHZ);
        return [dX, tf.zerosLike(sMask), dKernel, dRk, tf.sum(dXZ, 0), tf.sum(dHZ, 0), dh];
      },
    };
  });

  return tf.tidy(() => {
    const [biasIn, biasRec] = gruBiasRows(args, G);
    const stepMask = timeMajorStepMask(args);
    const hAll = tf.reshape(sequence(timeMajorInputs(args), stepMask, args.kernel, args.recurrentKernel, biasIn, biasRec, args.initialState[0]), [T, B, U]) as tf.Tensor3D;
    return { outputs: emittedOutputs(args, hAll, stepMask), states: [stepOf(hAll, T - 1)] };
  });
}
