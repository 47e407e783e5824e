import { tf } from '../tfjs.js';
import { ValueError } from '../errors.js';
import type { ActivationName } from './types.js';

type Tensor = tf.Tensor;

// tfjs-layers' meanings, so weights trained there behave the same here.
export type ActivationFn = (x: Tensor) => Tensor;

const ACTIVATIONS: Record<ActivationName, ActivationFn> = {
  tanh: (x) => tf.tanh(x),
  sigmoid: (x) => tf.sigmoid(x),
  hardSigmoid: (x) => tf.clipByValue(tf.add(tf.mul(x, 0.2), 0.5), 0, 1),
  relu: (x) => tf.relu(x),
  relu6: (x) => tf.relu6(x),
  linear: (x) => x,
  elu: (x) => tf.elu(x),
  selu: (x) => tf.selu(x),
  softsign: (x) => tf.div(x, tf.add(tf.abs(x), 1)),
  softplus: (x) => tf.softplus(x),
  swish: (x) => tf.mul(x, tf.sigmoid(x)),
  mish: (x) => tf.mul(x, tf.tanh(tf.softplus(x))),
  gelu: (x) => tf.mul(x, tf.mul(0.5, tf.add(1, tf.erf(tf.div(x, Math.SQRT2))))),
};

export const ACTIVATION_NAMES = Object.keys(ACTIVATIONS) as ActivationName[];

export function isActivationName(name: unknown): name is ActivationName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(ACTIVATIONS, name);
}

/** The tensor function for an activation name; an unknown name is a ValueError listing the valid ones. */
export function activation(name: ActivationName, op = 'activation', argument = 'name'): ActivationFn {
  if (!isActivationName(name)) {
    throw new ValueError({ op, argument, expected: `one of ${ACTIVATION_NAMES.join(', ')}`, got: JSON.stringify(name) });
  }
  return ACTIVATIONS[name];
}
