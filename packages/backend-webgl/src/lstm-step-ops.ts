// The elementwise half of one LSTM time step (Keras gates i, f, c, o; sigmoid gates, tanh), forward and backward,
// as two operations: the sequence kernel calls these, and the webgl adapter gives it one shader program for each
// instead of the dozen tfjs ops per step that tfjs' autodiff would record.
import { tf } from '@rnnkit/backend';

export interface LstmStepOps {
  /** z [B, 4U] (pre-activation gates), c [B, U] -> [B, 2U]: the new h, then the new c. */
  forward(z: tf.Tensor2D, c: tf.Tensor2D): tf.Tensor2D;
  /** z, c_prev, dh, dc -> [B, 5U]: dz (the four gates' pre-activation gradients), then dc_prev. */
  backward(z: tf.Tensor2D, cPrev: tf.Tensor2D, dh: tf.Tensor2D, dc: tf.Tensor2D): tf.Tensor2D;
}

/** The same two operations composed of tfjs ops: any backend; the reference the shader programs are held to. */
export const tfjsLstmStepOps: LstmStepOps = {
  forward(z, c) {
    return tf.tidy(() => {
      const [zi, zf, zg, zo] = tf.split(z, 4, 1);
      const cn = tf.add(tf.mul(tf.sigmoid(zf), c), tf.mul(tf.sigmoid(zi), tf.tanh(zg)));
      return tf.concat([tf.mul(tf.sigmoid(zo), tf.tanh(cn)), cn], 1) as tf.Tensor2D;
    });
  },
  backward(z, cPrev, dh, dc) {
    return tf.tidy(() => {
      const [zi, zf, zg, zo] = tf.split(z, 4, 1);
      const [i, f, g, o] = [tf.sigmoid(zi), tf.sigmoid(zf), tf.tanh(zg), tf.sigmoid(zo)];
      const tc = tf.tanh(tf.add(tf.mul(f, cPrev), tf.mul(i, g)));
      const dcn = tf.add(dc, tf.mul(tf.mul(dh, o), tf.sub(1, tf.square(tc))));
      const dSig = (y: tf.Tensor, d: tf.Tensor) => tf.mul(d, tf.mul(y, tf.sub(1, y)));
      return tf.concat([
        dSig(i, tf.mul(dcn, g)),
        dSig(f, tf.mul(dcn, cPrev)),
        tf.mul(tf.mul(dcn, i), tf.sub(1, tf.square(g))),
        dSig(o, tf.mul(dh, tc)),
        tf.mul(dcn, f),
      ], 1) as tf.Tensor2D;
    });
  },
};
