// Adamax (Kingma & Ba, section 7), Keras' formulation:
//   m = b1 m + (1-b1) g;  u = max(b2 u, |g|);  w -= lr m / ((1 - b1^t) (u + eps))
// tfjs' AdamaxOptimizer is the same formula; its default learning rate is 0.002, Keras' (and ours) 0.001.
import { tf } from '@rnnkit/backend';
import { BASE_KEYS, RnnkitOptimizer } from './base-optimizer.js';
import type { BaseOptimizerConfig, StepContext } from './base-optimizer.js';
import { checkKeys, checkNonNegative, checkUnitInterval } from './validate.js';

export interface AdamaxConfig extends BaseOptimizerConfig {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

export class Adamax extends RnnkitOptimizer {
  static className = 'Adamax';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;

  constructor(config: AdamaxConfig = {}) {
    checkKeys('adamax', config, [...BASE_KEYS, 'beta1', 'beta2', 'epsilon']);
    super('adamax', config, 0.001);
    this.beta1 = checkUnitInterval('adamax', 'beta1', config.beta1 ?? 0.9);
    this.beta2 = checkUnitInterval('adamax', 'beta2', config.beta2 ?? 0.999);
    this.epsilon = checkNonNegative('adamax', 'epsilon', config.epsilon ?? 1e-7);
  }

  protected slotNames(): readonly string[] { return ['m', 'u']; }

  protected update(w: tf.Variable, g: tf.Tensor, slots: tf.Variable[], { lr, step }: StepContext): void {
    const [m, u] = slots as [tf.Variable, tf.Variable];
    m.assign(tf.add(tf.mul(m, this.beta1), tf.mul(g, 1 - this.beta1)));
    u.assign(tf.maximum(tf.mul(u, this.beta2), tf.abs(g)));
    w.assign(tf.sub(w, tf.div(tf.mul(m, lr / (1 - this.beta1 ** step)), tf.add(u, this.epsilon))));
  }

  protected ownConfig(): Record<string, unknown> { return { beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon }; }
}

/** `adamax({ learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 })` (Keras' defaults). */
export function adamax(config: AdamaxConfig = {}): Adamax {
  return new Adamax(config);
}
