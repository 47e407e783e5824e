// Nadam (Dozat 2016), Keras' formulation with the momentum schedule mu_t = beta1 * (1 - 0.5 * 0.96^(t/250)):
//   m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;  P_t = mu_1 * ... * mu_t
//   mhat = mu_{t+1} m / (1 - P_t mu_{t+1}) + (1 - mu_t) g / (1 - P_t);  vhat = v / (1 - b2^t)
//   w -= lr * mhat / (sqrt(vhat) + eps)
// P_t is a function of t alone, so it is recomputed from `iterations` (no extra state to save). tfjs has no Nadam.
import { tf } from '@rnnkit/backend';
import { BASE_KEYS, RnnkitOptimizer } from './base-optimizer.js';
import type { BaseOptimizerConfig, StepContext } from './base-optimizer.js';
import { checkKeys, checkNonNegative, checkUnitInterval } from './validate.js';

export interface NadamConfig extends BaseOptimizerConfig {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

export class Nadam extends RnnkitOptimizer {
  static className = 'Nadam';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private product = { step: 0, value: 1 };

  constructor(config: NadamConfig = {}) {
    checkKeys('nadam', config, [...BASE_KEYS, 'beta1', 'beta2', 'epsilon']);
    super('nadam', config, 0.001);
    this.beta1 = checkUnitInterval('nadam', 'beta1', config.beta1 ?? 0.9);
    this.beta2 = checkUnitInterval('nadam', 'beta2', config.beta2 ?? 0.999);
    this.epsilon = checkNonNegative('nadam', 'epsilon', config.epsilon ?? 1e-7);
  }

  protected slotNames(): readonly string[] { return ['m', 'v']; }

  private mu(t: number): number { return this.beta1 * (1 - 0.5 * 0.96 ** (0.004 * t)); }

  /** mu_1 * ... * mu_t, cached for consecutive steps. */
  private muProduct(t: number): number {
    if (this.product.step > t) this.product = { step: 0, value: 1 };
    while (this.product.step < t) {
      this.product = { step: this.product.step + 1, value: this.product.value * this.mu(this.product.step + 1) };
    }
    return this.product.value;
  }

  protected update(w: tf.Variable, g: tf.Tensor, slots: tf.Variable[], { lr, step }: StepContext): void {
    const [m, v] = slots as [tf.Variable, tf.Variable];
    const ut = this.mu(step);
    const ut1 = this.mu(step + 1);
    const p = this.muProduct(step);
    m.assign(tf.add(tf.mul(m, this.beta1), tf.mul(g, 1 - this.beta1)));
    v.assign(tf.add(tf.mul(v, this.beta2), tf.mul(tf.square(g), 1 - this.beta2)));
    const mHat = tf.add(tf.mul(m, ut1 / (1 - p * ut1)), tf.mul(g, (1 - ut) / (1 - p)));
    const vHat = tf.div(v, 1 - this.beta2 ** step);
    w.assign(tf.sub(w, tf.div(tf.mul(mHat, lr), tf.add(tf.sqrt(vHat), this.epsilon))));
  }

  protected ownConfig(): Record<string, unknown> { return { beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon }; }
}

/** `nadam({ learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 })` (Keras' defaults). */
export function nadam(config: NadamConfig = {}): Nadam {
  return new Nadam(config);
}
