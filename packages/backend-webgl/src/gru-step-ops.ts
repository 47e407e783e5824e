// The elementwise half of one GRU time step with the reset gate after the recurrent product (Keras' default,
// resetAfter true; gates z, r, h), forward and backward, as two operations: the webgl adapter gives the sequence
// kernel one shader program for each.
import { tf } from '@rnnkit/backend';

export interface GruStepOps {
  /** xz = x·kernel + input bias, hz = h·recurrentKernel + recurrent bias (both [B, 3U]), h [B, U] -> h_new [B, U]. */
  forward(xz: tf.Tensor2D, hz: tf.Tensor2D, h: tf.Tensor2D): tf.Tensor2D;
  /** -> [B, 7U]: d xz (3U), d hz (3U), then the direct part of dh_prev (dh·z; the product's part is added by the caller). */
  backward(xz: tf.Tensor2D, hz: tf.Tensor2D, h: tf.Tensor2D, dh: tf.Tensor2D): tf.Tensor2D;
}

/** The same two operations composed of tfjs ops: any backend; the reference the shader programs are held to. */
export const tfjsGruStepOps: GruStepOps = {
  forward(xz, hz, h) {
    return tf.tidy(() => {
      const [xzz, xzr, xzh] = tf.split(xz, 3, 1);
      const [hzz, hzr, hzh] = tf.split(hz, 3, 1);
      const z = tf.sigmoid(tf.add(xzz, hzz));
      const r = tf.sigmoid(tf.add(xzr, hzr));
      const hh = tf.tanh(tf.add(xzh, tf.mul(r, hzh)));
      return tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), hh)) as tf.Tensor2D;
    });
  },
  backward(xz, hz, h, dh) {
    return tf.tidy(() => {
      const [xzz, xzr, xzh] = tf.split(xz, 3, 1);
      const [hzz, hzr, hzh] = tf.split(hz, 3, 1);
      const z = tf.sigmoid(tf.add(xzz, hzz));
      const r = tf.sigmoid(tf.add(xzr, hzr));
      const hh = tf.tanh(tf.add(xzh, tf.mul(r, hzh)));
      const dz = tf.mul(tf.mul(dh, tf.sub(h, hh)), tf.mul(z, tf.sub(1, z)));
      const dhh = tf.mul(tf.mul(dh, tf.sub(1, z)), tf.sub(1, tf.square(hh)));
      const dr = tf.mul(tf.mul(dhh, hzh), tf.mul(r, tf.sub(1, r)));
      return tf.concat([dz, dr, dhh, dz, dr, tf.mul(dhh, r), tf.mul(dh, z)], 1) as tf.Tensor2D;
    });
  },
};
