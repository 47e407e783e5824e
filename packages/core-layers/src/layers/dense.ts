import { activation, tf, type ActivationName } from '@rnnkit/backend';
import { checkConfigKeys, LayerError, shapeText } from '../errors.js';
import type { InitializerSpec } from '../initializers/initializers.js';
import type { Regularizer } from '../initializers/regularizers.js';
import { BASE_KEYS, Layer, type BaseLayerConfig, type Shape } from '../engine/layer.js';
import type { LayerWeight } from '../engine/layer-weight.js';
import { kerasActivation } from '../io/serialization-names.js';

export interface DenseConfig extends BaseLayerConfig {
  units: number;
  activation?: ActivationName | 'softmax';
  useBias?: boolean;
  kernelInitializer?: InitializerSpec;
  biasInitializer?: InitializerSpec;
  kernelRegularizer?: Regularizer;
  biasRegularizer?: Regularizer;
  seed?: number;
}
const KEYS = [...BASE_KEYS, 'units', 'activation', 'useBias', 'kernelInitializer', 'biasInitializer', 'kernelRegularizer', 'biasRegularizer', 'seed'];

/** Densely connected layer on the last axis (any rank >= 2). */
export class Dense extends Layer {
  readonly className = 'Dense';
  private kernel?: LayerWeight;
  private bias?: LayerWeight;
  constructor(readonly config: DenseConfig) {
    super(config, 'dense');
    checkConfigKeys('dense', config, KEYS);
    if (!Number.isInteger(config.units) || config.units <= 0) throw new LayerError(`dense: units must be a positive integer, got ${config.units}`);
  }

  override build(inputShape: Shape): void {
    const inDim = inputShape[inputShape.length - 1];
    if (inDim == null) throw new LayerError(`${this.name}: the last input dimension must be known, got ${shapeText(inputShape)}`);
    this.kernel = this.addWeight('kernel', [inDim, this.config.units], this.config.kernelInitializer ?? 'glorotUniform', true, this.config.kernelRegularizer, this.config.seed);
    if (this.config.useBias !== false) this.bias = this.addWeight('bias', [this.config.units], this.config.biasInitializer ?? 'zeros', true, this.config.biasRegularizer);
  }

  call(x: tf.Tensor): tf.Tensor {
    const k = this.kernel!.value;
    if (x.shape[x.rank - 1] !== k.shape[0]) throw new LayerError(`${this.name}: expected last input dimension ${k.shape[0]}, got shape ${shapeText(x.shape)}`);
    return tf.tidy(() => {
      const flat = x.rank === 2 ? x : tf.reshape(x, [-1, k.shape[0]]);
      let y = tf.matMul(flat, k);
      if (this.bias) y = tf.add(y, this.bias.value);
      const act = this.config.activation ?? 'linear';
      y = act === 'softmax' ? tf.softmax(y) : activation(act)(y);
      return x.rank === 2 ? y : tf.reshape(y, [...x.shape.slice(0, -1), this.config.units]);
    });
  }

  computeOutputShape(s: Shape): Shape {
    return [...s.slice(0, -1), this.config.units];
  }

  override getConfig() {
    return { ...super.getConfig(), units: this.config.units, activation: kerasActivation(this.config.activation ?? 'linear'), use_bias: this.config.useBias !== false };
  }
}
