// LSTM over a whole sequence as one custom gradient, for engines where every op is a GPU dispatch: the input
// projection for all steps is one matMul, each step is one matMul and one elementwise step op, and
// backpropagation through time walks back with one step op and one matMul per step; the weight gradients are
// three large matMuls at the end. Masks, dropout and goBackwards are handled; other activations go to the fallback.
import { tf } from '@rnnkit/backend';
import type { RecurrentKernel, RnnSequenceArgs } from '@rnnkit/backend';
import type { LstmStepOps } from './lstm-step-ops.js';
import { emittedOutputs, timeMajorInputs, timeMajorStepMask } from './sequence-emission.js';

/** Whether the sequence kernel computes exactly what these arguments ask for. */
export function lstmSequenceSupports(args: RnnSequenceArgs): boolean {
  return args.cell === 'lstm' && (args.activation ?? 'tanh') === 'tanh' && (args.recurrentActivation ?? 'sigmoid') === 'sigmoid';
}

export function lstmSequenceKernel(ops: LstmStepOps, fallback: RecurrentKernel): RecurrentKernel {
  return (args) => {
    if (!lstmSequenceSupports(args)) return fallback(args);
    const [B, T, F] = args.inputs.shape;
    const U = args.recurrentKernel.shape[0];
    const G = 4 * U;
    const dropH = args.recurrentDropoutMask;

    // Over time-major inputs and step mask; returns every step's carried h and the last c, packed flat.
    const sequence = tf.customGrad((...all: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [xT, maskT, kernel, rk, bias, h0, c0] = all as tf.Tensor2D[];
      const save = all[7] as tf.GradSaveFunc;
      const x2 = tf.reshape(xT, [T * B, F]);
      const xz = tf.unstack(tf.reshape(tf.add(tf.matMul(x2, kernel), bias), [T, B, G])) as tf.Tensor2D[];
      const m = tf.unstack(maskT) as tf.Tensor2D[];
      let h = h0, c = c0;
      const zs: tf.Tensor2D[] = [], hs: tf.Tensor2D[] = [], hIn: tf.Tensor2D[] = [], cPrev: tf.Tensor2D[] = [];
      for (let t = 0; t < T; t++) {
        const hDropped = dropH ? tf.mul(h, dropH) as tf.Tensor2D : h;
        hIn.push(hDropped);
        cPrev.push(c);
        const z = tf.add(xz[t], tf.matMul(hDropped, rk)) as tf.Tensor2D;
        zs.push(z);
        const hc = ops.forward(z, c, h, m[t]);
        h = tf.slice(hc, [0, 0], [B, U]);
        c = tf.slice(hc, [0, U], [B, U]);
        hs.push(h);
      }
      const value = tf.concat([tf.reshape(tf.stack(hs), [-1]), tf.reshape(c, [-1])]);
      save([x2, maskT, kernel, rk, tf.stack(zs), tf.stack(hIn), tf.stack(cPrev)]);
      return {
        value,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const [sx2, sMask, sKernel, sRk, zAll, hInAll, cPrevAll] = saved;
          const dHs = tf.unstack(tf.reshape(tf.slice(dy, 0, T * B * U), [T, B, U])) as tf.Tensor2D[];
          const z = tf.unstack(zAll) as tf.Tensor2D[];
          const cp = tf.unstack(cPrevAll) as tf.Tensor2D[];
          const ms = tf.unstack(sMask) as tf.Tensor2D[];
          const rkT = tf.transpose(sRk);
          let dh = tf.zeros([B, U]) as tf.Tensor2D;
          let dc = tf.reshape(tf.slice(dy, T * B * U, B * U), [B, U]) as tf.Tensor2D;
          const dz: tf.Tensor2D[] = new Array(T);
          for (let t = T - 1; t >= 0; t--) {
            const back = ops.backward(z[t], cp[t], tf.add(dh, dHs[t]), dc, ms[t]);
            dz[t] = tf.slice(back, [0, 0], [B, G]);
            dc = tf.slice(back, [0, G], [B, U]);
            const through = tf.matMul(dz[t], rkT);
            dh = tf.add(tf.slice(back, [0, G + U], [B, U]), dropH ? tf.mul(through, dropH) : through);
          }
          const dZ = tf.reshape(tf.stack(dz), [T * B, G]);
          const dX = tf.reshape(tf.matMul(dZ, tf.transpose(sKernel)), [T, B, F]);
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
      const packed = sequence(timeMajorInputs(args), stepMask, args.kernel, args.recurrentKernel, bias, h0, c0);
      const hAll = tf.reshape(tf.slice(packed, 0, T * B * U), [T, B, U]) as tf.Tensor3D;
      const hLast = tf.reshape(tf.slice(hAll, [T - 1, 0, 0], [1, B, U]), [B, U]) as tf.Tensor2D;
      const cLast = tf.reshape(tf.slice(packed, T * B * U, B * U), [B, U]) as tf.Tensor2D;
      return { outputs: emittedOutputs(args, hAll, stepMask), states: [hLast, cLast] };
    });
  };
}
