// d act / dx written from the activation's output y = act(x), for the custom gradients of the op kernels (they save
// outputs, not pre-activations). Values are tfjs' own gradients' (relu: 1 where x > 0, which is where y > 0).
import { tf } from '../tfjs.js';
import type { ActivationName } from '../recurrent/types.js';

const FROM_OUTPUT: Partial<Record<ActivationName, (y: tf.Tensor) => tf.Tensor>> = {
  tanh: (y) => tf.sub(1, tf.square(y)),
  sigmoid: (y) => tf.mul(y, tf.sub(1, y)),
  relu: (y) => tf.cast(tf.greater(y, 0), 'float32'),
  linear: (y) => tf.onesLike(y),
};

/** The activations whose derivative follows from their output. */
export const DERIVATIVE_FROM_OUTPUT: ReadonlySet<ActivationName> = new Set(Object.keys(FROM_OUTPUT) as ActivationName[]);

export function derivativeFromOutput(name: ActivationName, y: tf.Tensor): tf.Tensor {
  const d = FROM_OUTPUT[name];
  if (!d) throw new Error(`derivativeFromOutput: activation '${name}' has no derivative from its output (expected one of ${[...DERIVATIVE_FROM_OUTPUT].join(', ')})`);
  return d(y);
}
