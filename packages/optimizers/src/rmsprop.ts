// RMSprop (Hinton's lecture 6e), Keras' formulation, epsilon inside the square root as in Keras and tfjs:
//   ms = rho ms + (1-rho) g^2;  (centered: mg = rho mg + (1-rho) g, denominator ms - mg^2)
//   inc = lr g / sqrt(denominator + eps);  momentum > 0: mom = momentum mom + inc, w -= mom;  else w -= inc
// tfjs' RMSPropOptimizer uses the same formula but names rho `decay` and defaults epsilon to its backend epsilon.
import { tf } from '@rnnkit/backend';
import { BASE_KEYS, RnnkitOptimizer } from './base-optimizer.js';
import type { BaseOptimizerConfig, StepContext } from './base-optimizer.js';
import { checkBoolean, checkKeys, checkNonNegative, checkUnitInterval } from './validate.js';

export interface RmspropConfig extends BaseOptimizerConfig {
  /** Decay of the squared-gradient average. Default 0.9. */
  rho?: number;
  /** Default 0. */
  momentum?: number;
  /** Default 1e-7. */
  epsilon?: number;
  /** Normalise by the estimated variance instead of the second moment. Default false. */
  centered?: boolean;
}

export class RMSprop extends RnnkitOptimizer {
  static className = 'RMSprop';
  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;

  constructor(config: RmspropConfig = {}) {
    checkKeys('rmsprop', config, [...BASE_KEYS, 'rho', 'momentum', 'epsilon', 'centered']);
    super('rmsprop', config, 0.001);
    this.rho = checkUnitInterval('rmsprop', 'rho', config.rho ?? 0.9);
    this.momentum = checkUnitInterval('rmsprop', 'momentum', config.momentum ?? 0);
    this.epsilon = checkNonNegative('rmsprop', 'epsilon', config.epsilon ?? 1e-7);
    this.centered = checkBoolean('rmsprop', 'centered', config.centered ?? false);
  }

  protected slotNames(): readonly string[] {
    return ['velocity', ...(this.centered ? ['averageGradient'] : []), ...(this.momentum > 0 ? ['momentum'] : [])];
  }

  protected update(w: tf.Variable, g: tf.Tensor, slots: tf.Variable[], { lr }: StepContext): void {
    const [ms, ...rest] = slots as [tf.Variable, ...tf.Variable[]];
    ms.assign(tf.add(tf.mul(ms, this.rho), tf.mul(tf.square(g), 1 - this.rho)));
    let denominator: tf.Tensor = ms;
    if (this.centered) {
      const mg = rest.shift()!;
      mg.assign(tf.add(tf.mul(mg, this.rho), tf.mul(g, 1 - this.rho)));
      denominator = tf.sub(ms, tf.square(mg));
    }
    const increment = tf.div(tf.mul(g, lr), tf.sqrt(tf.add(denominator, this.epsilon)));
    if (this.momentum > 0) {
      const mom = rest.shift()!;
      mom.assign(tf.add(tf.mul(mom, this.momentum), increment));
      w.assign(tf.sub(w, mom));
    } else {
      w.assign(tf.sub(w, increment));
    }
  }

  protected ownConfig(): Record<string, unknown> {
    return { rho: this.rho, momentum: this.momentum, epsilon: this.epsilon, centered: this.centered };
  }
}

/** `rmsprop({ learningRate: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false })` (Keras' defaults). */
export function rmsprop(config: RmspropConfig = {}): RMSprop {
  return new RMSprop(config);
}
