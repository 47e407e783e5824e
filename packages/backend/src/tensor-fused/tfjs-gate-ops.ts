// The gate operations composed of plain tfjs ops: they run on any backend (the Node tests hold the sequence
// kernels to the reference with them on cpu) and are what the WebGL programs are held to.
import { tf } from '../tfjs.js';
import { activation } from '../recurrent/activations.js';
import type { ActivationName } from '../recurrent/types.js';
import { TENSOR_FUSED_ACTIVATIONS, type GateActivations, type GateOps } from './gate-ops.js';

type T = tf.Tensor;
type T2 = tf.Tensor2D;

/** d act(x)/dx from the pre-activation x and the activation y, with tfjs' own gradients' choices at the kinks. */
function derivative(name: ActivationName, x: T, y: T): T {
  switch (name) {
    case 'tanh': return tf.sub(1, tf.square(y));
    case 'sigmoid': return tf.mul(y, tf.sub(1, y));
    case 'hardSigmoid': {
      // clipByValue passes the gradient where min <= v <= max (inclusive), v = 0.2x + 0.5.
      const v = tf.add(tf.mul(x, 0.2), 0.5);
      return tf.mul(tf.cast(tf.logicalAnd(tf.greaterEqual(v, 0), tf.lessEqual(v, 1)), 'float32'), 0.2);
    }
    case 'relu': return tf.cast(tf.greater(x, 0), 'float32');
    case 'relu6': return tf.cast(tf.logicalAnd(tf.greater(x, 0), tf.lessEqual(x, 6)), 'float32');
    case 'linear': return tf.onesLike(x);
    default: throw new Error(`tensor-fused gate ops: activation '${name}' has no derivative here (expected one of ${TENSOR_FUSED_ACTIVATIONS.join(', ')})`);
  }
}

/** y = act(x) and its derivative. */
function activate(name: ActivationName, x: T): [T, T] {
  const y = activation(name)(x);
  return [y, derivative(name, x, y)];
}

/** Rows of `real` where the step is real, `carried` on masked rows. */
function pick(m: T2, real: T, carried: T): T {
  return tf.where(tf.greater(m, 0), real, carried);
}

const cols = (t: T, from: number, size: number) => tf.slice(t, [0, from], [t.shape[0]!, size]);

function gruGatesAfter(xz: T2, hz: T2, a: GateActivations) {
  const U = xz.shape[1] / 3;
  const [z, dz] = activate(a.recurrentActivation, tf.add(cols(xz, 0, U), cols(hz, 0, U)));
  const [r, dr] = activate(a.recurrentActivation, tf.add(cols(xz, U, U), cols(hz, U, U)));
  const hzh = cols(hz, 2 * U, U);
  const [hh, dhh] = activate(a.activation, tf.add(cols(xz, 2 * U, U), tf.mul(r, hzh)));
  return { z, dz, r, dr, hzh, hh, dhh };
}

function gruGatesBefore(xz: T2, hzr: T2, hzh: T2, a: GateActivations) {
  const U = xz.shape[1] / 3;
  const [z, dz] = activate(a.recurrentActivation, tf.add(cols(xz, 0, U), cols(hzr, 0, U)));
  const [hh, dhh] = activate(a.activation, tf.add(cols(xz, 2 * U, U), hzh));
  return { z, dz, hh, dhh };
}

export const tfjsGateOps: GateOps = {
  supports: (a) => TENSOR_FUSED_ACTIVATIONS.includes(a.activation) && TENSOR_FUSED_ACTIVATIONS.includes(a.recurrentActivation),

  lstmForward: (z, c, h, m, a) => tf.tidy(() => {
    const [zi, zf, zg, zo] = tf.split(z, 4, 1);
    const ract = activation(a.recurrentActivation), act = activation(a.activation);
    const cn = tf.add(tf.mul(ract(zf), c), tf.mul(ract(zi), act(zg)));
    return tf.concat([pick(m, tf.mul(ract(zo), act(cn)), h), pick(m, cn, c)], 0) as T2;
  }),

  lstmBackward: (z, cPrev, dh, dc, m, a) => tf.tidy(() => {
    const [zi, zf, zg, zo] = tf.split(z, 4, 1);
    const [[i, di], [f, df], [g, dg], [o, dO]] = [
      activate(a.recurrentActivation, zi), activate(a.recurrentActivation, zf), activate(a.activation, zg), activate(a.recurrentActivation, zo),
    ];
    const [ac, dac] = activate(a.activation, tf.add(tf.mul(f, cPrev), tf.mul(i, g)));
    const dcn = tf.add(dc, tf.mul(tf.mul(dh, o), dac));
    const grads = tf.concat([
      tf.mul(tf.mul(dcn, g), di), tf.mul(tf.mul(dcn, cPrev), df), tf.mul(tf.mul(dcn, i), dg), tf.mul(tf.mul(dh, ac), dO),
    ], 1);
    return tf.concat([pick(m, grads, tf.zerosLike(grads)), pick(m, tf.mul(dcn, f), dc), pick(m, tf.zerosLike(dh), dh)], 1) as T2;
  }),

  gruForward: (xz, hz, h, m, a) => tf.tidy(() => {
    const { z, hh } = gruGatesAfter(xz, hz, a);
    return pick(m, tf.add(hh, tf.mul(z, tf.sub(h, hh))), h) as T2;
  }),

  gruBackward: (xz, hz, h, dh, m, a) => tf.tidy(() => {
    const { z, dz, r, dr, hzh, hh, dhh } = gruGatesAfter(xz, hz, a);
    const gz = tf.mul(tf.mul(dh, tf.sub(h, hh)), dz);
    const gh = tf.mul(tf.mul(dh, tf.sub(1, z)), dhh);
    const gr = tf.mul(tf.mul(gh, hzh), dr);
    const grads = tf.concat([gz, gr, gh, gz, gr, tf.mul(gh, r)], 1);
    return tf.concat([pick(m, grads, tf.zerosLike(grads)), pick(m, tf.mul(dh, z), dh)], 1) as T2;
  }),

  gruResetGate: (xz, hzr, hIn, a) => tf.tidy(() => {
    const U = hIn.shape[1];
    return tf.mul(activation(a.recurrentActivation)(tf.add(cols(xz, U, U), cols(hzr, U, U))), hIn) as T2;
  }),

  gruForwardResetBefore: (xz, hzr, hzh, h, m, a) => tf.tidy(() => {
    const { z, hh } = gruGatesBefore(xz, hzr, hzh, a);
    return pick(m, tf.add(hh, tf.mul(z, tf.sub(h, hh))), h) as T2;
  }),

  gruBackwardResetBefore: (xz, hzr, hzh, h, dh, m, a) => tf.tidy(() => {
    const { z, dz, hh, dhh } = gruGatesBefore(xz, hzr, hzh, a);
    const grads = tf.concat([tf.mul(tf.mul(dh, tf.sub(h, hh)), dz), tf.mul(tf.mul(dh, tf.sub(1, z)), dhh)], 1);
    return tf.concat([pick(m, grads, tf.zerosLike(grads)), pick(m, tf.mul(dh, z), dh)], 1) as T2;
  }),

  gruResetGateBackward: (xz, hzr, hIn, drh, back, a) => tf.tidy(() => {
    const U = hIn.shape[1];
    const [r, dr] = activate(a.recurrentActivation, tf.add(cols(xz, U, U), cols(hzr, U, U)));
    return tf.concat([cols(back, 0, U), tf.mul(tf.mul(drh, hIn), dr), cols(back, U, U), tf.mul(drh, r)], 1) as T2;
  }),

  simpleForward: (z, h, m, a) => tf.tidy(() => pick(m, activation(a.activation)(z), h) as T2),

  simpleBackward: (z, dh, m, a) => tf.tidy(() => {
    const [, d] = activate(a.activation, z);
    return tf.concat([pick(m, tf.mul(dh, d), tf.zerosLike(dh)), pick(m, tf.zerosLike(dh), dh)], 1) as T2;
  }),
};
