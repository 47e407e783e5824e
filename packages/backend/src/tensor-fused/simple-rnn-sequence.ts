// SimpleRNN over a whole sequence as one custom gradient: one matMul for every step's input projection, then per
// step one recurrent matMul and one activation operation each way; the weight gradients are large matMuls at the end.
import { tf } from '../tfjs.js';
import type { RnnSequenceArgs, RnnSequenceResult } from '../recurrent/types.js';
import type { GateOps } from './gate-ops.js';
import { isRecordingGradients } from '../recurrent/tape.js';
import { emittedOutputs, gateActivations, stepOf, timeMajorInputs, timeMajorStepMask } from './sequence-io.js';

type T2 = tf.Tensor2D;

export function simpleRnnSequence(ops: GateOps, args: RnnSequenceArgs): RnnSequenceResult {
  const [B, T] = args.inputs.shape;
  const U = args.recurrentKernel.shape[0];
  const acts = gateActivations(args);
  const drop = args.recurrentDropoutMask;
  const recording = isRecordingGradients();

  // Inputs: time-major x [T*B, F], step mask [T, B, 1], weights, bias [U], h0. Value: every step's carried h.
  const sequence = tf.customGrad((...all: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x2, maskT, kernel, rk, bias, h0] = all as T2[];
    const save = all[6] as tf.GradSaveFunc;
    const xzAll = tf.reshape(tf.add(tf.matMul(x2, kernel), bias), [T, B, U]) as tf.Tensor3D;
    const m = tf.unstack(maskT) as T2[];
    let h = h0;
    const zs: T2[] = [], hs: T2[] = [], hIn: T2[] = [];
    for (let t = 0; t < T; t++) {
      const hd = drop ? tf.mul(h, drop) as T2 : h;
      const z = tf.add(stepOf(xzAll, t), tf.matMul(hd, rk)) as T2;
      hIn.push(hd); zs.push(z);
      h = ops.simpleForward(z, h, m[t], acts);
      hs.push(h);
    }
    if (recording) save([x2, maskT, kernel, rk, tf.stack(zs), tf.stack(hIn)]);
    return {
      value: tf.reshape(tf.stack(hs), [-1]),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx2, sMask, sKernel, sRk, zAll, hInAll] = saved;
        const dHs = tf.unstack(tf.reshape(dy, [T, B, U])) as T2[];
        const z = tf.unstack(zAll) as T2[];
        const ms = tf.unstack(sMask) as T2[];
        const rkT = tf.transpose(sRk);
        let dh = tf.zeros([B, U]) as T2;
        const dz: T2[] = new Array(T);
        for (let t = T - 1; t >= 0; t--) {
          const back = ops.simpleBackward(z[t], tf.add(dh, dHs[t]), ms[t], acts);
          dz[t] = tf.slice(back, [0, 0], [B, U]);
          const through = tf.matMul(dz[t], rkT);
          dh = tf.add(tf.slice(back, [0, U], [B, U]), drop ? tf.mul(through, drop) : through);
        }
        const dZ = tf.reshape(tf.stack(dz), [T * B, U]);
        const dX = tf.matMul(dZ, tf.transpose(sKernel));
        const dKernel = tf.matMul(tf.transpose(sx2), dZ);
        const dRk = tf.matMul(tf.transpose(tf.reshape(hInAll, [T * B, U])), dZ);
        return [dX, tf.zerosLike(sMask), dKernel, dRk, tf.sum(dZ, 0), dh];
      },
    };
  });

  return tf.tidy(() => {
    const bias = args.bias ? tf.reshape(args.bias, [U]) : tf.zeros([U]);
    const stepMask = timeMajorStepMask(args);
    const hAll = tf.reshape(sequence(timeMajorInputs(args), stepMask, args.kernel, args.recurrentKernel, bias, args.initialState[0]), [T, B, U]) as tf.Tensor3D;
    return { outputs: emittedOutputs(args, hAll, stepMask), states: [stepOf(hAll, T - 1)] };
  });
}
