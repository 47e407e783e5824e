// GRU (resetAfter) over a whole sequence as one custom gradient, for engines where every op is a GPU dispatch:
// one matMul for the input projection of all steps, then per step one matMul and one elementwise step op, and
// backward one step op and one matMul per step; the weight gradients are large matMuls at the end. Masks,
// dropout and goBackwards are handled; resetAfter false and other activations go to the fallback.
import { tf } from '@rnnkit/backend';
import type { RecurrentKernel, RnnSequenceArgs } from '@rnnkit/backend';
import type { GruStepOps } from './gru-step-ops.js';
import { emittedOutputs, timeMajorInputs, timeMajorStepMask } from './sequence-emission.js';

/** Whether the sequence kernel computes exactly what these arguments ask for. */
export function gruSequenceSupports(args: RnnSequenceArgs): boolean {
  return args.cell === 'gru' && (args.resetAfter ?? true)
    && (args.activation ?? 'tanh') === 'tanh' && (args.recurrentActivation ?? 'sigmoid') === 'sigmoid';
}

export function gruSequenceKernel(ops: GruStepOps, fallback: RecurrentKernel): RecurrentKernel {
  return (args) => {
    if (!gruSequenceSupports(args)) return fallback(args);
    const [B, T, F] = args.inputs.shape;
    const U = args.recurrentKernel.shape[0];
    const G = 3 * U;
    const dropH = args.recurrentDropoutMask;

    // Over time-major inputs and step mask; returns every step's carried h, flat.
    const sequence = tf.customGrad((...all: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [xT, maskT, kernel, rk, biasIn, biasRec, h0] = all as tf.Tensor2D[];
      const save = all[7] as tf.GradSaveFunc;
      const x2 = tf.reshape(xT, [T * B, F]);
      const xz = tf.unstack(tf.reshape(tf.add(tf.matMul(x2, kernel), biasIn), [T, B, G])) as tf.Tensor2D[];
      const m = tf.unstack(maskT) as tf.Tensor2D[];
      let h = h0;
      const hzs: tf.Tensor2D[] = [], hs: tf.Tensor2D[] = [], hPrev: tf.Tensor2D[] = [], hIn: tf.Tensor2D[] = [];
      for (let t = 0; t < T; t++) {
        const hDropped = dropH ? tf.mul(h, dropH) as tf.Tensor2D : h;
        hPrev.push(h);
        hIn.push(hDropped);
        const hz = tf.add(tf.matMul(hDropped, rk), biasRec) as tf.Tensor2D;
        hzs.push(hz);
        h = ops.forward(xz[t], hz, h, m[t]);
        hs.push(h);
      }
      save([x2, maskT, kernel, rk, tf.stack(xz), tf.stack(hzs), tf.stack(hPrev), tf.stack(hIn)]);
      return {
        value: tf.reshape(tf.stack(hs), [-1]),
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const [sx2, sMask, sKernel, sRk, xzAll, hzAll, hPrevAll, hInAll] = saved;
          const dHs = tf.unstack(tf.reshape(dy, [T, B, U])) as tf.Tensor2D[];
          const xzs = tf.unstack(xzAll) as tf.Tensor2D[];
          const hz = tf.unstack(hzAll) as tf.Tensor2D[];
          const hp = tf.unstack(hPrevAll) as tf.Tensor2D[];
          const ms = tf.unstack(sMask) as tf.Tensor2D[];
          const rkT = tf.transpose(sRk);
          let dh = tf.zeros([B, U]) as tf.Tensor2D;
          const dxz: tf.Tensor2D[] = new Array(T), dhz: tf.Tensor2D[] = new Array(T);
          for (let t = T - 1; t >= 0; t--) {
            const back = ops.backward(xzs[t], hz[t], hp[t], tf.add(dh, dHs[t]), ms[t]);
            dxz[t] = tf.slice(back, [0, 0], [B, G]);
            dhz[t] = tf.slice(back, [0, G], [B, G]);
            const through = tf.matMul(dhz[t], rkT);
            dh = tf.add(tf.slice(back, [0, 2 * G], [B, U]), dropH ? tf.mul(through, dropH) : through);
          }
          const dXZ = tf.reshape(tf.stack(dxz), [T * B, G]);
          const dHZ = tf.reshape(tf.stack(dhz), [T * B, G]);
          const dX = tf.reshape(tf.matMul(dXZ, tf.transpose(sKernel)), [T, B, F]);
          const dKernel = tf.matMul(tf.transpose(sx2), dXZ);
          const dRk = tf.matMul(tf.transpose(tf.reshape(hInAll, [T * B, U])), dHZ);
          return [dX, tf.zerosLike(sMask), dKernel, dRk, tf.sum(dXZ, 0), tf.sum(dHZ, 0), dh];
        },
      };
    });

    return tf.tidy(() => {
      // resetAfter keeps an input and a recurrent bias row ([2, 3U]).
      const bias = args.bias;
      const biasIn = !bias ? tf.zeros([G]) : bias.rank === 2 ? tf.reshape(tf.slice(bias, [0, 0], [1, G]), [G]) : bias;
      const biasRec = bias && bias.rank === 2 ? tf.reshape(tf.slice(bias, [1, 0], [1, G]), [G]) : tf.zeros([G]);
      const stepMask = timeMajorStepMask(args);
      const hAll = tf.reshape(sequence(timeMajorInputs(args), stepMask, args.kernel, args.recurrentKernel, biasIn, biasRec, args.initialState[0]), [T, B, U]) as tf.Tensor3D;
      const hLast = tf.reshape(tf.slice(hAll, [T - 1, 0, 0], [1, B, U]), [B, U]) as tf.Tensor2D;
      return { outputs: emittedOutputs(args, hAll, stepMask), states: [hLast] };
    });
  };
}
