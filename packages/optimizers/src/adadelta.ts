// Adadelta (Zeiler 2012), Keras' formulation (with a learning-rate factor, 0.001 by default as in Keras):
//   ag = rho ag + (1-rho) g^2;  delta = -sqrt(ad + eps) / sqrt(ag + eps) * g;  ad = rho ad + (1-rho) delta^2
//   w += lr * delta
// tfjs' AdadeltaOptimizer is the same formula and defaults.
import { tf } from '@rnnkit/backend';
import { BASE_KEYS, RnnkitOptimizer } from './base-optimizer.js';
import type { BaseOptimizerConfig, StepContext } from './base-optimizer.js';
import { checkKeys, checkNonNegative, checkUnitInterval } from './validate.js';

export interface AdadeltaConfig extends BaseOptimizerConfig {
  /** Default 0.95. */
  rho?: number;
  /** Default 1e-7. */
  epsilon?: number;
}

export class Adadelta extends RnnkitOptimizer {
  static className = 'Adadelta';
  readonly rho: number;
  readonly epsilon: number;

  constructor(config: AdadeltaConfig = {}) {
    checkKeys('adadelta', config, [...BASE_KEYS, 'rho', 'epsilon']);
    super('adadelta', config, 0.001);
    this.rho = checkUnitInterval('adadelta', 'rho', config.rho ?? 0.95);
    this.epsilon = checkNonNegative('adadelta', 'epsilon', config.epsilon ?? 1e-7);
  }

  protected slotNames(): readonly string[] { return ['accumulatedGrad', 'accumulatedDelta']; }

  protected update(w: tf.Variable, g: tf.Tensor, slots: tf.Variable[], { lr }: StepContext): void {
    const [ag, ad] = slots as [tf.Variable, tf.Variable];
    ag.assign(tf.add(tf.mul(ag, this.rho), tf.mul(tf.square(g), 1 - this.rho)));
    const delta = tf.mul(tf.neg(tf.div(tf.sqrt(tf.add(ad, this.epsilon)), tf.sqrt(tf.add(ag, this.epsilon)))), g);
    ad.assign(tf.add(tf.mul(ad, this.rho), tf.mul(tf.square(delta), 1 - this.rho)));
    w.assign(tf.add(w, tf.mul(delta, lr)));
  }

  protected ownConfig(): Record<string, unknown> { return { rho: this.rho, epsilon: this.epsilon }; }
}

/** `adadelta({ learningRate: 0.001, rho: 0.95, epsilon: 1e-7 })` (Keras' defaults). */
export function adadelta(config: AdadeltaConfig = {}): Adadelta {
  return new Adadelta(config);
}
