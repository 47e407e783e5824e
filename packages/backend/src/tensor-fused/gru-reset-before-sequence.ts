// GRU with the reset gate before the recurrent product (resetAfter false, the original GRU) over a whole sequence
// as one custom gradient. The candidate's recurrent product takes r*h, so a step needs two recurrent matMuls (z, r
// columns on h; the h column on r*h) and two gate operations, each way; weight gradients are large matMuls at the end.
import { tf } from '../tfjs.js';
import type { RnnSequenceArgs, RnnSequenceResult } from '../recurrent/types.js';
import type { GateOps } from './gate-ops.js';
import { gruBiasRows } from './gru-sequence.js';
import { isRecordingGradients } from '../recurrent/tape.js';
import { emittedOutputs, gateActivations, stepOf, timeMajorInputs, timeMajorStepMask } from './sequence-io.js';

type T2 = tf.Tensor2D;

export function gruResetBeforeSequence(ops: GateOps, args: RnnSequenceArgs): RnnSequenceResult {
  const [B, T] = args.inputs.shape;
  const U = args.recurrentKernel.shape[0];
  const G = 3 * U;
  const acts = gateActivations(args);
  const drop = args.recurrentDropoutMask;
  const recording = isRecordingGradients();
  // The recurrent kernel's z, r columns [U, 2U] and h column [U, U].
  const split = (rk: tf.Tensor) => [tf.slice(rk, [0, 0], [U, 2 * U]), tf.slice(rk, [0, 2 * U], [U, U])] as T2[];

  // Inputs: time-major x [T*B, F], step mask [T, B, 1], weights, bias [3U], h0. Value: every step's carried h.
  const sequence = tf.customGrad((...all: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x2, maskT, kernel, rk, bias, h0] = all as T2[];
    const save = all[6] as tf.GradSaveFunc;
    const [rZR, rH] = split(rk);
    const xzAll = tf.reshape(tf.add(tf.matMul(x2, kernel), bias), [T, B, G]) as tf.Tensor3D;
    const m = tf.unstack(maskT) as T2[];
    let h = h0;
    const hzrs: T2[] = [], hzhs: T2[] = [], rhs: T2[] = [], hs: T2[] = [], hPrev: T2[] = [], hIn: T2[] = [];
    for (let t = 0; t < T; t++) {
      const xz = stepOf(xzAll, t);
      const hd = drop ? tf.mul(h, drop) as T2 : h;
      const hzr = tf.matMul(hd, rZR) as T2;
      const rh = ops.gruResetGate(xz, hzr, hd, acts);
      const hzh = tf.matMul(rh, rH) as T2;
      hPrev.push(h); hIn.push(hd); hzrs.push(hzr); hzhs.push(hzh); rhs.push(rh);
      h = ops.gruForwardResetBefore(xz, hzr, hzh, h, m[t], acts);
      hs.push(h);
    }
    if (recording) save([x2, maskT, kernel, rk, xzAll, ...[hzrs, hzhs, rhs, hPrev, hIn].map((l) => tf.stack(l))]);
    return {
      value: tf.reshape(tf.stack(hs), [-1]),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx2, sMask, sKernel, sRk, ...perStep] = saved;
        const dHs = tf.unstack(tf.reshape(dy, [T, B, U])) as T2[];
        const [xz, hzr, hzh, rh, hp, hin, ms] = [...perStep, sMask].map((s) => tf.unstack(s) as T2[]);
        const [rZRT, rHT] = split(sRk).map((w) => tf.transpose(w));
        let dh = tf.zeros([B, U]) as T2;
        const dxz: T2[] = new Array(T), dzr: T2[] = new Array(T), dah: T2[] = new Array(T);
        for (let t = T - 1; t >= 0; t--) {
          // back: d xz_z, d xz_h (= d hzh), dh skip; then the reset path needs d(r*hIn) = d hzh · R_h^T.
          const back = ops.gruBackwardResetBefore(xz[t], hzr[t], hzh[t], hp[t], tf.add(dh, dHs[t]), ms[t], acts);
          dah[t] = tf.slice(back, [0, U], [B, U]) as T2;
          const full = ops.gruResetGateBackward(xz[t], hzr[t], hin[t], tf.matMul(dah[t], rHT) as T2, back, acts);
          dxz[t] = tf.slice(full, [0, 0], [B, G]);
          dzr[t] = tf.slice(full, [0, 0], [B, 2 * U]);
          const dhIn = tf.add(tf.matMul(dzr[t], rZRT), tf.slice(full, [0, G], [B, U]));
          dh = tf.add(tf.slice(back, [0, 2 * U], [B, U]), drop ? tf.mul(dhIn, drop) : dhIn);
        }
        const flat = (l: T2[], w: number) => tf.reshape(tf.stack(l), [T * B, w]);
        const dXZ = flat(dxz, G);
        const dX = tf.matMul(dXZ, tf.transpose(sKernel));
        const dKernel = tf.matMul(tf.transpose(sx2), dXZ);
        const dRZR = tf.matMul(tf.transpose(flat(hin, U)), flat(dzr, 2 * U));
        const dRH = tf.matMul(tf.transpose(flat(rh, U)), flat(dah, U));
        return [dX, tf.zerosLike(sMask), dKernel, tf.concat([dRZR, dRH], 1), tf.sum(dXZ, 0), dh];
      },
    };
  });

  return tf.tidy(() => {
    const [bias] = gruBiasRows(args, G);
    const stepMask = timeMajorStepMask(args);
    const hAll = tf.reshape(sequence(timeMajorInputs(args), stepMask, args.kernel, args.recurrentKernel, bias, args.initialState[0]), [T, B, U]) as tf.Tensor3D;
    return { outputs: emittedOutputs(args, hAll, stepMask), states: [stepOf(hAll, T - 1)] };
  });
}
