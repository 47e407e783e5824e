// LSTM on TensorFlow's own fused ops: BlockLSTMV2 runs the whole sequence (Keras gate layout i, f, c, o) in one
// native call, and BlockLSTMGradV2 its backpropagation through time in another, instead of a tensor round trip
// per time step. They have no per-sample mask and no recurrent dropout, and only sigmoid gates with tanh: other
// arguments go to the fallback kernel.
import { createRequire } from 'node:module';
import { tf } from '@rnnkit/backend';
import type { RecurrentKernel, RnnSequenceArgs } from '@rnnkit/backend';
import { activeTensorflowBackend, type TfAttr } from './tensorflow-backend.js';

type Int64ScalarClass = new (value: number) => unknown;

/** Whether BlockLSTMV2 computes exactly what these arguments ask for. */
export function blockLstmSupports(args: RnnSequenceArgs): boolean {
  return args.cell === 'lstm' && !args.mask && !args.recurrentDropoutMask
    && (args.activation ?? 'tanh') === 'tanh' && (args.recurrentActivation ?? 'sigmoid') === 'sigmoid';
}

/**
 * The kernel, given tfjs-node's entry (its Int64Scalar makes the op's int64 sequence-length input) and the kernel
 * for what BlockLSTMV2 does not cover.
 */
export function blockLstmKernel(tfjsNodeEntry: () => string | null, fallback: RecurrentKernel): RecurrentKernel {
  let Int64Scalar: Int64ScalarClass | undefined;
  const int64 = (n: number): unknown => {
    if (!Int64Scalar) {
      const entry = tfjsNodeEntry();
      if (!entry) throw new Error('BlockLSTMV2 needs @tensorflow/tfjs-node, which is not installed');
      Int64Scalar = (createRequire(entry)('./int64_tensors') as { Int64Scalar: Int64ScalarClass }).Int64Scalar;
    }
    return new Int64Scalar(n);
  };

  return (args) => {
    const be = activeTensorflowBackend();
    if (!be || !blockLstmSupports(args)) return fallback(args);
    const [B, T] = args.inputs.shape;
    const U = args.recurrentKernel.shape[0];
    const bd = be.binding;
    const attrs = (extra: TfAttr[]): TfAttr[] => [
      { name: 'use_peephole', type: bd.TF_ATTR_BOOL, value: false },
      { name: 'T', type: bd.TF_ATTR_TYPE, value: bd.TF_FLOAT },
      ...extra,
    ];

    // One custom gradient over time-major inputs, the stacked weights [kernel; recurrentKernel], the bias and the
    // initial state. It returns every step's h and the last c, packed flat; everything around it (transposes,
    // reversal, dropout, unpacking) is ordinary tfjs ops that autodiff handles.
    const sequence = tf.customGrad((...all: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [x, w, bias, h0, c0] = all as tf.Tensor[];
      const save = all[5] as tf.GradSaveFunc;
      const peephole = tf.zeros([U]);
      const outs = be.executeMultipleOutputs('BlockLSTMV2', attrs([{ name: 'cell_clip', type: bd.TF_ATTR_FLOAT, value: 0 }]),
        [int64(T), x, c0, h0, w, peephole, peephole, peephole, bias], 7);
      const [, cs, , , , , h] = outs;
      const value = tf.concat([tf.reshape(h, [-1]), tf.reshape(tf.slice(cs, [T - 1, 0, 0], [1, B, U]), [-1])]);
      save([x, w, bias, h0, c0, peephole, ...outs]);
      return {
        value,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const [sx, sw, sb, sh0, sc0, sp, i, csAll, f, o, ci, co, hAll] = saved;
          const hGrad = tf.reshape(tf.slice(dy, 0, T * B * U), [T, B, U]);
          const csGrad = tf.concat([tf.zeros([T - 1, B, U]), tf.reshape(tf.slice(dy, T * B * U, B * U), [1, B, U])]);
          const grads = be.executeMultipleOutputs('BlockLSTMGradV2', attrs([]),
            [int64(T), sx, sc0, sh0, sw, sp, sp, sp, sb, i, csAll, f, o, ci, co, hAll, csGrad, hGrad], 8);
          const [dx, dc0, dh0, dw, dwci, dwcf, dwco, db] = grads;
          tf.dispose([dwci, dwcf, dwco, hGrad, csGrad]);
          return [dx, dw, db, dh0, dc0];
        },
      };
    });

    return tf.tidy(() => {
      let x = args.inputs as tf.Tensor;
      if (args.inputDropoutMask) x = tf.mul(x, tf.expandDims(args.inputDropoutMask, 1));
      if (args.goBackwards) x = tf.reverse(x, 1);
      const xT = tf.transpose(x, [1, 0, 2]);
      const w = tf.concat([args.kernel, args.recurrentKernel], 0);
      const bias = args.bias ? tf.reshape(args.bias, [4 * U]) : tf.zeros([4 * U]);
      const [h0, c0] = args.initialState;
      const packed = sequence(xT, w, bias, h0, c0);
      const hAll = tf.reshape(tf.slice(packed, 0, T * B * U), [T, B, U]);
      const hLast = tf.reshape(tf.slice(hAll, [T - 1, 0, 0], [1, B, U]), [B, U]) as tf.Tensor2D;
      const cLast = tf.reshape(tf.slice(packed, T * B * U, B * U), [B, U]) as tf.Tensor2D;
      const outputs = args.returnSequences ? tf.transpose(hAll, [1, 0, 2]) : hLast;
      return { outputs, states: [hLast, cLast] };
    });
  };
}
