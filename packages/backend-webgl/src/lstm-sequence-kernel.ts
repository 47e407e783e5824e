// LSTM over a whole sequence as one custom gradient, for engines where every op is a GPU dispatch: the input
// projection for all steps is one matMul, each step is one matMul and one elementwise step op, and
// backpropagation through time walks back with one step op and one matMul per step; the weight gradients are
// three large matMuls at the end. Masks and recurrent dropout are not covered (they go to the fallback).
import { tf } from '@rnnkit/backend';
import type { RecurrentKernel, RnnSequenceArgs } from '@rnnkit/backend';
import type { LstmStepOps } from './lstm-step-ops.js';

/** Whether the sequence kernel computes exactly what these arguments ask for. */
export function lstmSequenceSupports(args: RnnSequenceArgs): boolean {
  return args.cell === 'lstm' && !args.mask && !args.recurrentDropoutMask
    && (args.activation ?? 'tanh') === 'tanh' && (args.recurrentActivation ?? 'sigmoid') === 'sigmoid';
}

export function lstmSequenceKernel(ops: LstmStepOps, fallback: RecurrentKernel): RecurrentKernel {
  return (args) => {
    if (!lstmSequenceSupports(args)) return fallback(args);
    const [B, T, F] = args.inputs.shape;
    const U = args.recurrentKernel.shape[0];
    const G = 4 * U;

    // Over time-major inputs [T, B, F]; returns every step's h and the last c, packed flat. Dropout on the
    // inputs, reversal and unpacking are ordinary ops around it.
    const sequence = tf.customGrad((...all: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [xT, kernel, rk, bias, h0, c0] = all as tf.Tensor2D[];
      const save = all[6] as tf.GradSaveFunc;
      const x2 = tf.reshape(xT, [T * B, F]);
      const xz = tf.unstack(tf.reshape(tf.add(tf.matMul(x2, kernel), bias), [T, B, G])) as tf.Tensor2D[];
      let h = h0, c = c0;
      const zs: tf.Tensor2D[] = [], hs: tf.Tensor2D[] = [], hPrev: tf.Tensor2D[] = [], cPrev: tf.Tensor2D[] = [];
      for (let t = 0; t < T; t++) {
        hPrev.push(h);
        cPrev.push(c);
        const z = tf.add(xz[t], tf.matMul(h, rk)) as tf.Tensor2D;
        zs.push(z);
        const hc = ops.forward(z, c);
        h = tf.slice(hc, [0, 0], [B, U]);
        c = tf.slice(hc, [0, U], [B, U]);
        hs.push(h);
      }
      const value = tf.concat([tf.reshape(tf.stack(hs), [-1]), tf.reshape(c, [-1])]);
      save([x2, kernel, rk, tf.stack(zs), tf.stack(hPrev), tf.stack(cPrev)]);
      return {
        value,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const [sx2, sKernel, sRk, zAll, hPrevAll, cPrevAll] = saved;
          const dHs = tf.unstack(tf.reshape(tf.slice(dy, 0, T * B * U), [T, B, U])) as tf.Tensor2D[];
          const z = tf.unstack(zAll) as tf.Tensor2D[];
          const cp = tf.unstack(cPrevAll) as tf.Tensor2D[];
          const rkT = tf.transpose(sRk);
          let dh = tf.zeros([B, U]) as tf.Tensor2D;
          let dc = tf.reshape(tf.slice(dy, T * B * U, B * U), [B, U]) as tf.Tensor2D;
          const dz: tf.Tensor2D[] = new Array(T);
          for (let t = T - 1; t >= 0; t--) {
            const back = ops.backward(z[t], cp[t], tf.add(dh, dHs[t]), dc);
            dz[t] = tf.slice(back, [0, 0], [B, G]);
            dc = tf.slice(back, [0, G], [B, U]);
            dh = tf.matMul(dz[t], rkT);
          }
          const dZ = tf.reshape(tf.stack(dz), [T * B, G]);
          const dX = tf.reshape(tf.matMul(dZ, tf.transpose(sKernel)), [T, B, F]);
          const dKernel = tf.matMul(tf.transpose(sx2), dZ);
          const dRk = tf.matMul(tf.transpose(tf.reshape(hPrevAll, [T * B, U])), dZ);
          return [dX, dKernel, dRk, tf.sum(dZ, 0), dh, dc];
        },
      };
    });

    return tf.tidy(() => {
      let x = args.inputs as tf.Tensor;
      if (args.inputDropoutMask) x = tf.mul(x, tf.expandDims(args.inputDropoutMask, 1));
      if (args.goBackwards) x = tf.reverse(x, 1);
      const bias = args.bias ? tf.reshape(args.bias, [G]) : tf.zeros([G]);
      const [h0, c0] = args.initialState;
      const packed = sequence(tf.transpose(x, [1, 0, 2]), args.kernel, args.recurrentKernel, bias, h0, c0);
      const hAll = tf.reshape(tf.slice(packed, 0, T * B * U), [T, B, U]);
      const hLast = tf.reshape(tf.slice(hAll, [T - 1, 0, 0], [1, B, U]), [B, U]) as tf.Tensor2D;
      const cLast = tf.reshape(tf.slice(packed, T * B * U, B * U), [B, U]) as tf.Tensor2D;
      return { outputs: args.returnSequences ? tf.transpose(hAll, [1, 0, 2]) : hLast, states: [hLast, cLast] };
    });
  };
}
