// Stochastic gradient descent with optional (Nesterov) momentum, Keras' formulation:
//   m = momentum * m - lr * g;  w += m            (nesterov: w += momentum * m - lr * g)
// tfjs' MomentumOptimizer keeps m = momentum * m + g and does w -= lr * m: the same while lr is constant,
// different once a schedule changes it (Keras' velocity carries the old rates).
import { tf } from '@rnnkit/backend';
import { BASE_KEYS, RnnkitOptimizer } from './base-optimizer.js';
import type { BaseOptimizerConfig, StepContext } from './base-optimizer.js';
import { checkBoolean, checkKeys, checkUnitInterval } from './validate.js';

export interface SgdConfig extends BaseOptimizerConfig {
  /** Default 0 (plain SGD). */
  momentum?: number;
  /** Default false. */
  nesterov?: boolean;
}

export class SGD extends RnnkitOptimizer {
  static className = 'SGD';
  readonly momentum: number;
  readonly nesterov: boolean;

  constructor(config: SgdConfig = {}) {
    checkKeys('sgd', config, [...BASE_KEYS, 'momentum', 'nesterov']);
    super('sgd', config, 0.01);
    this.momentum = checkUnitInterval('sgd', 'momentum', config.momentum ?? 0);
    this.nesterov = checkBoolean('sgd', 'nesterov', config.nesterov ?? false);
  }

  protected slotNames(): readonly string[] { return this.momentum > 0 ? ['momentum'] : []; }

  protected update(w: tf.Variable, g: tf.Tensor, slots: tf.Variable[], { lr }: StepContext): void {
    if (this.momentum === 0) {
      w.assign(tf.sub(w, tf.mul(g, lr)));
      return;
    }
    const m = slots[0]!;
    const next = tf.sub(tf.mul(m, this.momentum), tf.mul(g, lr));
    m.assign(next);
    w.assign(this.nesterov ? tf.sub(tf.add(w, tf.mul(next, this.momentum)), tf.mul(g, lr)) : tf.add(w, next));
  }

  protected ownConfig(): Record<string, unknown> { return { momentum: this.momentum, nesterov: this.nesterov }; }
}

/** `sgd({ learningRate: 0.01, momentum: 0, nesterov: false, ... })` with Keras' defaults. */
export function sgd(config: SgdConfig = {}): SGD {
  return new SGD(config);
}
