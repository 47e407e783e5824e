// GRU (resetAfter, Keras' default) over a whole sequence as one custom gradient of whole-tensor ops: per step one
// recurrent matMul over all gates and about fourteen ops forward, about seventeen and one matMul back; the weight
// gradients are large matMuls at the end. The recurrent bias of z and r is folded into the input projection (it only
// adds there); that of h is added to hz_h before r multiplies it.
import { tf } from '../tfjs.js';
import { activation } from '../recurrent/activations.js';
import { isRecordingGradients } from '../recurrent/tape.js';
import type { RnnSequenceArgs, RnnSequenceResult } from '../recurrent/types.js';
import type { SequenceDims } from '../recurrent/validate-sequence.js';
import { timeMajorInputs } from '../tensor-fused/sequence-io.js';
import { DERIVATIVE_FROM_OUTPUT, derivativeFromOutput } from './derivative-from-output.js';
import { columns } from './step-inputs.js';

type T2 = tf.Tensor2D;

/** Whether gruOpSequence runs these arguments: resetAfter, no mask, activations whose derivative follows from their output. */
export function gruOpSequenceSupports(args: RnnSequenceArgs): boolean {
  return (args.resetAfter ?? true) && !args.mask
    && DERIVATIVE_FROM_OUTPUT.has(args.activation ?? 'tanh') && DERIVATIVE_FROM_OUTPUT.has(args.recurrentActivation ?? 'sigmoid');
}

export function gruOpSequence(args: RnnSequenceArgs, dims: SequenceDims): RnnSequenceResult {
  const { batch: B, time: T, units: U } = dims;
  const G = 3 * U;
  const actName = args.activation ?? 'tanh', ractName = args.recurrentActivation ?? 'sigmoid';
  const act = activation(actName), ract = activation(ractName);
  const drop = args.recurrentDropoutMask;
  const returnSequences = args.returnSequences ?? false;
  const recording = isRecordingGradients();

  // Inputs: time-major x [T*B, F], weights, bias [2, 3U] (input row, recurrent row), h0. Value: every h or the last.
  const sequence = tf.customGrad((...all: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x2, kernel, rk, bias, h0] = all as T2[];
    const save = all[5] as tf.GradSaveFunc;
    const [inputRow, recurrentRow] = tf.unstack(bias!) as tf.Tensor1D[];
    const folded = tf.add(inputRow!, tf.concat([tf.slice(recurrentRow!, [0], [2 * U]), tf.zeros([U])]));
    const hBias = tf.slice(recurrentRow!, [2 * U], [U]);
    const xz = tf.add(tf.matMul(x2!, kernel!), folded) as T2;
    const xzr = tf.unstack(tf.reshape(columns(xz, 0, 2 * U), [T, B, 2 * U])) as T2[];
    const xh = tf.unstack(tf.reshape(columns(xz, 2 * U, U), [T, B, U])) as T2[];
    let h = h0!;
    const hs: T2[] = [], hPrev: T2[] = [], hIn: T2[] = [], zrs: T2[] = [], hzhs: T2[] = [], hhs: T2[] = [];
    for (let t = 0; t < T; t++) {
      const hd = drop ? tf.mul(h, drop) as T2 : h;
      const hz = tf.matMul(hd, rk!) as T2;
      const zr = ract(tf.add(xzr[t]!, columns(hz, 0, 2 * U))) as T2;
      const hzh = tf.add(columns(hz, 2 * U, U), hBias) as T2;
      const hh = act(tf.add(xh[t]!, tf.mul(columns(zr, U, U), hzh))) as T2;
      hPrev.push(h); hIn.push(hd); zrs.push(zr); hzhs.push(hzh); hhs.push(hh);
      h = tf.add(hh, tf.mul(columns(zr, 0, U), tf.sub(h, hh))) as T2;
      hs.push(h);
    }
    if (recording) save([x2!, kernel!, rk!, ...[hPrev, hIn, zrs, hzhs, hhs].map((list) => tf.stack(list))]);
    return {
      value: returnSequences ? tf.stack(hs) : h,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx2, sKernel, sRk, sHp, sHIn, ...stacks] = saved;
        const hp = tf.unstack(sHp!) as T2[];
        const [zr, hzh, hh] = stacks.map((s) => tf.unstack(s) as T2[]);
        const dHs = returnSequences ? tf.unstack(dy) as T2[] : undefined;
        const rkT = tf.transpose(sRk!);
        const dxz: T2[] = new Array(T), dhz: T2[] = new Array(T);
        let dh: T2 | undefined = returnSequences ? undefined : dy as T2;
        for (let t = T - 1; t >= 0; t--) {
          const g = dHs ? (dh ? tf.add(dh, dHs[t]!) : dHs[t]!) : dh!;
          // h' = hh + z*(h - hh): d hh = g - g*z, d z = g*(h - hh), and g*z flows straight to h.
          const gz = tf.mul(g, columns(zr![t]!, 0, U));
          const dhhPre = tf.mul(tf.sub(g, gz), derivativeFromOutput(actName, hh![t]!));
          const dr = tf.mul(dhhPre, hzh![t]!);
          const dzr = tf.mul(tf.concat([tf.mul(g, tf.sub(hp[t]!, hh![t]!)), dr], 1), derivativeFromOutput(ractName, zr![t]!));
          dxz[t] = tf.concat([dzr, dhhPre], 1) as T2;
          dhz[t] = tf.concat([dzr, tf.mul(dhhPre, columns(zr![t]!, U, U))], 1) as T2;
          const through = tf.matMul(dhz[t]!, rkT);
          dh = tf.add(gz, drop ? tf.mul(through, drop) : through) as T2;
        }
        const dXZ = tf.reshape(tf.stack(dxz), [T * B, G]);
        const dHZ = tf.reshape(tf.stack(dhz), [T * B, G]);
        const dX = tf.matMul(dXZ, tf.transpose(sKernel!));
        const dKernel = tf.matMul(tf.transpose(sx2!), dXZ);
        const dRk = tf.matMul(tf.transpose(tf.reshape(sHIn!, [T * B, U])), dHZ);
        return [dX, dKernel, dRk, tf.stack([tf.sum(dXZ, 0), tf.sum(dHZ, 0)]), dh!];
      },
    };
  });

  return tf.tidy(() => {
    const bias = args.bias ? args.bias : tf.zeros([2, G]);
    const value = sequence(timeMajorInputs(args), args.kernel, args.recurrentKernel, bias, args.initialState[0]!);
    if (!returnSequences) return { outputs: value, states: [value as T2] };
    const last = tf.reshape(tf.slice(value, [T - 1, 0, 0], [1, B, U]), [B, U]) as T2;
    return { outputs: tf.transpose(value, [1, 0, 2]), states: [last] };
  });
}
