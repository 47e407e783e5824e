// The elementwise half of one GRU time step with the reset gate after the recurrent product (Keras' default,
// resetAfter true; gates z, r, h), forward and backward, as two operations: the webgl adapter gives the sequence
// kernel one shader program for each. m [B, 1] is the step mask: a masked row carries h forward.
import { tf } from '@rnnkit/backend';

export interface GruStepOps {
  /** xz = x·kernel + input bias, hz = h·recurrentKernel + recurrent bias (both [B, 3U]), h [B, U], m [B, 1] -> h_new. */
  forward(xz: tf.Tensor2D, hz: tf.Tensor2D, h: tf.Tensor2D, m: tf.Tensor2D): tf.Tensor2D;
  /**
   * -> [B, 7U]: d xz (3U), d hz (3U), then the part of dh_prev that skips the recurrent product (dh·z, or dh on a
   * masked row; the product's part is added by the caller).
   */
  backward(xz: tf.Tensor2D, hz: tf.Tensor2D, h: tf.Tensor2D, dh: tf.Tensor2D, m: tf.Tensor2D): tf.Tensor2D;
}

function gates(xz: tf.Tensor2D, hz: tf.Tensor2D) {
  const [xzz, xzr, xzh] = tf.split(xz, 3, 1);
  const [hzz, hzr, hzh] = tf.split(hz, 3, 1);
  const z = tf.sigmoid(tf.add(xzz, hzz));
  const r = tf.sigmoid(tf.add(xzr, hzr));
  return { z, r, hzh, hh: tf.tanh(tf.add(xzh, tf.mul(r, hzh))) };
}

/** The same two operations composed of tfjs ops: any backend; the reference the shader programs are held to. */
export const tfjsGruStepOps: GruStepOps = {
  forward(xz, hz, h, m) {
    return tf.tidy(() => {
      const { z, hh } = gates(xz, hz);
      return tf.where(tf.greater(m, 0), tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), hh)), h) as tf.Tensor2D;
    });
  },
  backward(xz, hz, h, dh, m) {
    return tf.tidy(() => {
      const { z, r, hzh, hh } = gates(xz, hz);
      const dz = tf.mul(tf.mul(dh, tf.sub(h, hh)), tf.mul(z, tf.sub(1, z)));
      const dhh = tf.mul(tf.mul(dh, tf.sub(1, z)), tf.sub(1, tf.square(hh)));
      const dr = tf.mul(tf.mul(dhh, hzh), tf.mul(r, tf.sub(1, r)));
      const grads = tf.concat([dz, dr, dhh, dz, dr, tf.mul(dhh, r)], 1);
      const real = tf.greater(m, 0);
      return tf.concat([tf.where(real, grads, tf.zerosLike(grads)), tf.where(real, tf.mul(dh, z), dh)], 1) as tf.Tensor2D;
    });
  },
};
