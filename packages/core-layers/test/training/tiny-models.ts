// Hand-written ModelCore implementations built directly on tf ops: training and persistence are tested against the
// contract alone, independent of the layer graph.
import { tf } from '@rnnkit/backend';
import type { ForwardOptions, ModelCore, WeightVariable } from '../../src/engine/contracts.js';

let uid = 0;
const weight = (name: string, values: number[], shape: number[]): WeightVariable => {
  const initial = tf.tensor(values, shape);
  const value = tf.variable(initial, true, `${name}_tiny_${uid++}`);
  initial.dispose();
  return { name, trainable: true, value, get shape() { return value.shape; } };
};

abstract class TinyModel implements ModelCore {
  stopTraining = false;
  optimizer?: tf.Optimizer;
  abstract readonly name: string;
  abstract readonly inputShapes: (number | null)[][];
  abstract readonly outputNames: string[];
  readonly inputNames = ['input'];
  abstract readonly weights: WeightVariable[];
  get trainableWeights(): WeightVariable[] {
    return this.weights.filter((w) => w.trainable);
  }
  abstract forward(inputs: tf.Tensor[], options: ForwardOptions): tf.Tensor[];
  regularizationLosses(): tf.Scalar[] {
    return [];
  }
  toTopologyJSON(): Record<string, unknown> {
    return { class_name: 'Sequential', config: { name: this.name, layers: [] } };
  }
  resetStates(): void {}
  getWeights(): tf.Tensor[] {
    return this.weights.map((w) => tf.clone(w.value));
  }
  setWeights(values: tf.Tensor[]): void {
    this.weights.forEach((w, i) => w.value.assign(values[i]));
  }
  dispose(): void {
    for (const w of this.weights) w.value.dispose();
  }
}

/** y = x W + b: one dense layer 'dense' with kernel [inDim, units] and bias [units]. */
export class TinyDense extends TinyModel {
  readonly name = 'tiny_dense';
  readonly outputNames = ['dense'];
  readonly inputShapes: (number | null)[][];
  readonly weights: WeightVariable[];
  constructor(kernel: number[][], bias: number[], private readonly activation: 'linear' | 'sigmoid' = 'linear') {
    super();
    this.inputShapes = [[kernel.length]];
    this.weights = [weight('dense/kernel', kernel.flat(), [kernel.length, bias.length]), weight('dense/bias', bias, [bias.length])];
  }
  forward([x]: tf.Tensor[], _options?: ForwardOptions): tf.Tensor[] {
    const z = tf.add(tf.matMul(x as tf.Tensor2D, this.weights[0].value as tf.Tensor2D), this.weights[1].value);
    return [this.activation === 'sigmoid' ? tf.sigmoid(z) : z];
  }
}

/**
 * h_t = tanh(x_t Wx + h_{t-1} Wh), masked steps carry h forward; output h_T through a dense 'head'. Two "layers"
 * ('rnn' and 'head'), so per-layer gradient norms have something to group.
 */
export class TinyRnn extends TinyModel {
  readonly name = 'tiny_rnn';
  readonly outputNames = ['head'];
  readonly inputShapes: (number | null)[][];
  readonly weights: WeightVariable[];
  constructor(readonly T: number, readonly F: number, readonly units: number, seed = 1) {
    super();
    let s = seed;
    const r = (n: number) => Array.from({ length: n }, () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 0.8);
    this.inputShapes = [[T, F]];
    this.weights = [weight('rnn/kernel', r(F * units), [F, units]), weight('rnn/recurrent_kernel', r(units * units), [units, units]), weight('head/kernel', r(units), [units, 1]), weight('head/bias', [0], [1])];
  }
  forward([x]: tf.Tensor[], options: ForwardOptions): tf.Tensor[] {
    const [wx, wh, wd, bd] = this.weights.map((w) => w.value);
    const mask = options.masks?.[0] ?? null;
    let h: tf.Tensor = tf.zeros([x.shape[0], this.units]);
    for (let t = 0; t < this.T; t++) {
      const xt = tf.reshape(tf.slice(x, [0, t, 0], [-1, 1, -1]), [x.shape[0], this.F]);
      const next = tf.tanh(tf.add(tf.matMul(xt, wx as tf.Tensor2D), tf.matMul(h as tf.Tensor2D, wh as tf.Tensor2D)));
      if (mask) {
        const m = tf.reshape(tf.slice(mask, [0, t], [-1, 1]), [x.shape[0], 1]);
        h = tf.add(tf.mul(m, next), tf.mul(tf.sub(1, m), h));
      } else h = next;
    }
    return [tf.add(tf.matMul(h as tf.Tensor2D, wd as tf.Tensor2D), bd)];
  }
}

/** Two outputs from one input x [N, 2]: 'reg' = x w1 (linear), 'cls' = sigmoid(x w2). */
export class TinyTwoHeads extends TinyModel {
  readonly name = 'tiny_two_heads';
  readonly outputNames = ['reg', 'cls'];
  readonly inputShapes: (number | null)[][] = [[2]];
  readonly weights = [weight('reg/kernel', [0.5, -0.25], [2, 1]), weight('cls/kernel', [0.3, 0.2], [2, 1])];
  forward([x]: tf.Tensor[], _options?: ForwardOptions): tf.Tensor[] {
    return [tf.matMul(x as tf.Tensor2D, this.weights[0].value as tf.Tensor2D), tf.sigmoid(tf.matMul(x as tf.Tensor2D, this.weights[1].value as tf.Tensor2D))];
  }
}
