// LSTM over a whole sequence as one custom gradient built from whole-tensor ops: the input projection of every
// step is one matMul, each step is one recurrent matMul and one gate operation, and backpropagation through time
// walks back with one gate operation and one matMul per step; the weight gradients are large matMuls at the end.
import { tf } from '../tfjs.js';
import type { RnnSequenceArgs, RnnSequenceResult } from '../recurrent/types.js';
import type { GateOps } from './gate-ops.js';
import { isRecordingGradients } from '../recurrent/tape.js';
import { emittedOutputs, gateActivations, stepOf, timeMajorInputs, timeMajorStepMask } from './sequence-io.js';

type T2 = tf.Tensor2D;

export function lstmSequence(ops: GateOps, args: RnnSequenceArgs): RnnSequenceResult {
  const [B, T] = args.inputs.shape;
  const U = args.recurrentKernel.shape[0];
  const G = 4 * U;
  const acts = gateActivations(args);
  const drop = args.recurrentDropoutMask;
  const recording = isRecordingGradients();

  // Inputs: time-major x [T*B, F], step mask [T, B, 1], weights, h0, c0. Value: every step's carried h, then the last c.
  const sequence = tf.customGrad((...all: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x2, maskT, kernel, rk, bias, h0, c0] = all as T2[];
    const save = all[7] as tf.GradSaveFunc;
    const xz = tf.reshape(tf.add(tf.matMul(x2, kernel), bias), [T, B, G]) as tf.Tensor3D;
    const m = tf.unstack(maskT) as T2[];
    let h = h0, c = c0;
    const zs: T2[] = [], hs: T2[] = [], hIn: T2[] = [], cPrev: T2[] = [];
    for (let t = 0; t < T; t++) {
      const hd = drop ? tf.mul(h, drop) as T2 : h;
      const z = tf.add(stepOf(xz, t), tf.matMul(hd, rk)) as T2;
      const hc = ops.lstmForward(z, c, h, m[t], acts);
      hIn.push(hd); cPrev.push(c); zs.push(z);
      h = tf.slice(hc, [0, 0], [B, U]);
      c = tf.slice(hc, [B, 0], [B, U]);
      hs.push(h);
    }
    if (recording) save([x2, maskT, kernel, rk, tf.stack(zs), tf.stack(hIn), tf.stack(cPrev)]);
    return {
      value: tf.concat([tf.reshape(tf.stack(hs), [-1]), tf.reshape(c, [-1])]),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx2, sMask, sKernel, sRk, zAll, hInAll, cPrevAll] = saved;
        const dHs = tf.unstack(tf.reshape(tf.slice(dy, 0, T * B * U), [T, B, U])) as T2[];
        const z = tf.unstack(zAll) as T2[];
        const cp = tf.unstack(cPrevAll) as T2[];
        const ms = tf.unstack(sMask) as T2[];
        const rkT = tf.transpose(sRk);
        let dh = tf.zeros([B, U]) as T2;
        let dc = tf.reshape(tf.slice(dy, T * B * U, B * U), [B, U]) as T2;
        const dz: T2[] = new Array(T);
        for (let t = T - 1; t >= 0; t--) {
          const back = ops.lstmBackward(z[t]!, cp[t]!, tf.add(dh, dHs[t]!), dc, ms[t]!, acts);
          dz[t] = tf.slice(back, [0, 0], [B, G]);
          dc = tf.slice(back, [0, G], [B, U]);
          const through = tf.matMul(dz[t]!, rkT);
          dh = tf.add(tf.slice(back, [0, G + U], [B, U]), drop ? tf.mul(through, drop) : through);
        }
        // Weight gradients over all steps at once: [T*B, ·] products.
        const dZ = tf.reshape(tf.stack(dz), [T * B, G]);
        const dX = tf.matMul(dZ, tf.transpose(sKernel));
        const dKernel = tf.matMul(tf.transpose(sx2), dZ);
        const dRk = tf.matMul(tf.transpose(tf.reshape(hInAll, [T * B, U])), dZ);
        return [dX, tf.zerosLike(sMask), dKernel, dRk, tf.sum(dZ, 0), dh, dc];
      },
    };
  });

  return tf.tidy(() => {
    const bias = args.bias ? tf.reshape(args.bias, [G]) : tf.zeros([G]);
    const [h0, c0] = args.initialState;
    const stepMask = timeMajorStepMask(args);
    const packed = sequence(timeMajorInputs(args), stepMask, args.kernel, args.recurrentKernel, bias, h0!, c0!);
    const hAll = tf.reshape(tf.slice(packed, 0, T * B * U), [T, B, U]) as tf.Tensor3D;
    const cLast = tf.reshape(tf.slice(packed, T * B * U, B * U), [B, U]) as T2;
    return { outputs: emittedOutputs(args, hAll, stepMask), states: [stepOf(hAll, T - 1), cLast] };
  });
}
