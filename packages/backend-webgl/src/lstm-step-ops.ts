// The elementwise half of one LSTM time step (Keras gates i, f, c, o; sigmoid gates, tanh), forward and backward,
// as two operations: the sequence kernel calls these, and the webgl adapter gives it one shader program for each
// instead of the dozen tfjs ops per step that tfjs' autodiff would record. m [B, 1] is the step mask: a masked
// row carries h and c forward, and passes their gradients straight back.
import { tf } from '@rnnkit/backend';

export interface LstmStepOps {
  /** z [B, 4U] (pre-activation gates), c and h [B, U], m [B, 1] -> [B, 2U]: the new h, then the new c. */
  forward(z: tf.Tensor2D, c: tf.Tensor2D, h: tf.Tensor2D, m: tf.Tensor2D): tf.Tensor2D;
  /**
   * z, c_prev, dh, dc, m -> [B, 6U]: dz (the four gates' pre-activation gradients), dc_prev, and the part of dh_prev
   * that skips the recurrent product (dh on masked rows; the product's part is added by the caller).
   */
  backward(z: tf.Tensor2D, cPrev: tf.Tensor2D, dh: tf.Tensor2D, dc: tf.Tensor2D, m: tf.Tensor2D): tf.Tensor2D;
}

/** The same two operations composed of tfjs ops: any backend; the reference the shader programs are held to. */
export const tfjsLstmStepOps: LstmStepOps = {
  forward(z, c, h, m) {
    return tf.tidy(() => {
      const [zi, zf, zg, zo] = tf.split(z, 4, 1);
      const cn = tf.add(tf.mul(tf.sigmoid(zf), c), tf.mul(tf.sigmoid(zi), tf.tanh(zg)));
      const real = tf.greater(m, 0);
      return tf.concat([tf.where(real, tf.mul(tf.sigmoid(zo), tf.tanh(cn)), h), tf.where(real, cn, c)], 1) as tf.Tensor2D;
    });
  },
  backward(z, cPrev, dh, dc, m) {
    return tf.tidy(() => {
      const [zi, zf, zg, zo] = tf.split(z, 4, 1);
      const [i, f, g, o] = [tf.sigmoid(zi), tf.sigmoid(zf), tf.tanh(zg), tf.sigmoid(zo)];
      const tc = tf.tanh(tf.add(tf.mul(f, cPrev), tf.mul(i, g)));
      const dcn = tf.add(dc, tf.mul(tf.mul(dh, o), tf.sub(1, tf.square(tc))));
      const dSig = (y: tf.Tensor, d: tf.Tensor) => tf.mul(d, tf.mul(y, tf.sub(1, y)));
      const dz = tf.concat([
        dSig(i, tf.mul(dcn, g)),
        dSig(f, tf.mul(dcn, cPrev)),
        tf.mul(tf.mul(dcn, i), tf.sub(1, tf.square(g))),
        dSig(o, tf.mul(dh, tc)),
      ], 1);
      const real = tf.greater(m, 0);
      return tf.concat([tf.where(real, dz, tf.zerosLike(dz)), tf.where(real, tf.mul(dcn, f), dc), tf.where(real, tf.zerosLike(dh), dh)], 1) as tf.Tensor2D;
    });
  },
};
