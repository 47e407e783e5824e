// Adam (Kingma & Ba) with Keras' formulation, optionally AMSGrad:
//   m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;  (amsgrad: vhat = max(vhat, v), used in place of v)
//   w -= lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps)
// eps is Keras' "epsilon hat", added to sqrt(v) before the bias correction is applied. tfjs' AdamOptimizer adds
// it to sqrt(v / (1 - b2^t)) instead, which differs while v is small (early steps, tiny gradients).
import { tf } from '@rnnkit/backend';
import { BASE_KEYS, RnnkitOptimizer } from './base-optimizer.js';
import type { BaseOptimizerConfig, StepContext } from './base-optimizer.js';
import { checkBoolean, checkKeys, checkNonNegative, checkUnitInterval } from './validate.js';

export interface AdamConfig extends BaseOptimizerConfig {
  /** Default 0.9. */
  beta1?: number;
  /** Default 0.999. */
  beta2?: number;
  /** Default 1e-7 (Keras). */
  epsilon?: number;
  /** Default false. */
  amsgrad?: boolean;
}

export const ADAM_KEYS = [...BASE_KEYS, 'beta1', 'beta2', 'epsilon', 'amsgrad'] as const;

export class Adam extends RnnkitOptimizer {
  static className = 'Adam';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly amsgrad: boolean;

  constructor(config: AdamConfig = {}, op = 'adam', keys: readonly string[] = ADAM_KEYS) {
    checkKeys(op, config, keys);
    super(op, config, 0.001);
    this.beta1 = checkUnitInterval(op, 'beta1', config.beta1 ?? 0.9);
    this.beta2 = checkUnitInterval(op, 'beta2', config.beta2 ?? 0.999);
    this.epsilon = checkNonNegative(op, 'epsilon', config.epsilon ?? 1e-7);
    this.amsgrad = checkBoolean(op, 'amsgrad', config.amsgrad ?? false);
  }

  protected slotNames(): readonly string[] { return this.amsgrad ? ['m', 'v', 'vhat'] : ['m', 'v']; }

  protected update(w: tf.Variable, g: tf.Tensor, slots: tf.Variable[], { lr, step }: StepContext): void {
    const [m, v, vhat] = slots as [tf.Variable, tf.Variable, tf.Variable | undefined];
    const alpha = (lr * Math.sqrt(1 - this.beta2 ** step)) / (1 - this.beta1 ** step);
    m.assign(tf.add(tf.mul(m, this.beta1), tf.mul(g, 1 - this.beta1)));
    v.assign(tf.add(tf.mul(v, this.beta2), tf.mul(tf.square(g), 1 - this.beta2)));
    let second: tf.Tensor = v;
    if (vhat !== undefined) {
      vhat.assign(tf.maximum(vhat, v));
      second = vhat;
    }
    w.assign(tf.sub(w, tf.div(tf.mul(m, alpha), tf.add(tf.sqrt(second), this.epsilon))));
  }

  protected ownConfig(): Record<string, unknown> {
    return { beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, amsgrad: this.amsgrad };
  }
}

/** `adam({ learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false, ... })` (Keras' defaults). */
export function adam(config: AdamConfig = {}): Adam {
  return new Adam(config);
}
