// Adagrad (Duchi et al.), Keras' formulation: acc += g^2;  w -= lr g / sqrt(acc + eps).
// tfjs' AdagradOptimizer is the same formula (its epsilon is the backend's, 1e-7 on float32) with the same
// default initial accumulator 0.1; its default learning rate is required, Keras' is 0.001.
import { tf } from '@rnnkit/backend';
import { BASE_KEYS, RnnkitOptimizer } from './base-optimizer.js';
import type { BaseOptimizerConfig, StepContext } from './base-optimizer.js';
import { checkKeys, checkNonNegative } from './validate.js';

export interface AdagradConfig extends BaseOptimizerConfig {
  /** Starting value of the accumulator. Default 0.1. */
  initialAccumulatorValue?: number;
  /** Default 1e-7. */
  epsilon?: number;
}

export class Adagrad extends RnnkitOptimizer {
  static className = 'Adagrad';
  readonly initialAccumulatorValue: number;
  readonly epsilon: number;

  constructor(config: AdagradConfig = {}) {
    checkKeys('adagrad', config, [...BASE_KEYS, 'initialAccumulatorValue', 'epsilon']);
    super('adagrad', config, 0.001);
    this.initialAccumulatorValue = checkNonNegative('adagrad', 'initialAccumulatorValue', config.initialAccumulatorValue ?? 0.1);
    this.epsilon = checkNonNegative('adagrad', 'epsilon', config.epsilon ?? 1e-7);
  }

  protected slotNames(): readonly string[] { return ['accumulator']; }
  protected override initialSlotValue(): number { return this.initialAccumulatorValue; }

  protected update(w: tf.Variable, g: tf.Tensor, slots: tf.Variable[], { lr }: StepContext): void {
    const acc = slots[0]!;
    acc.assign(tf.add(acc, tf.square(g)));
    w.assign(tf.sub(w, tf.div(tf.mul(g, lr), tf.sqrt(tf.add(acc, this.epsilon)))));
  }

  protected ownConfig(): Record<string, unknown> {
    return { initialAccumulatorValue: this.initialAccumulatorValue, epsilon: this.epsilon };
  }
}

/** `adagrad({ learningRate: 0.001, initialAccumulatorValue: 0.1, epsilon: 1e-7 })` (Keras' defaults). */
export function adagrad(config: AdagradConfig = {}): Adagrad {
  return new Adagrad(config);
}
