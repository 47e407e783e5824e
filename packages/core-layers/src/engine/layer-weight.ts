import { tf } from '@rnnkit/backend';
import type { WeightVariable } from './contracts.js';
import type { Regularizer } from '../initializers/regularizers.js';

/** A layer's named weight ('lstm_1/kernel'), backed by one tf.Variable. */
export class LayerWeight implements WeightVariable {
  readonly value: tf.Variable;
  constructor(readonly name: string, initial: tf.Tensor, readonly trainable: boolean, readonly regularizer?: Regularizer) {
    this.value = tf.variable(initial, trainable, `${name}_${nextId++}`);
    initial.dispose();
  }

  get shape(): number[] {
    return this.value.shape;
  }
}
let nextId = 0;
