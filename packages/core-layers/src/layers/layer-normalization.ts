import { tf } from '@rnnkit/backend';
import { checkConfigKeys, LayerError, shapeText } from '../errors.js';
import { BASE_KEYS, Layer, type BaseLayerConfig, type Shape } from '../engine/layer.js';
import type { LayerWeight } from '../engine/layer-weight.js';

export interface LayerNormalizationConfig extends BaseLayerConfig {
  epsilon?: number;
  center?: boolean;
  scale?: boolean;
}

/** Normalises the last axis of each sample to zero mean and unit variance, then scales (gamma) and shifts (beta). */
export class LayerNormalization extends Layer {
  readonly className = 'LayerNormalization';
  private gamma?: LayerWeight;
  private beta?: LayerWeight;
  readonly epsilon: number;
  constructor(readonly config: LayerNormalizationConfig = {}) {
    super(config, 'layerNormalization');
    checkConfigKeys('layerNormalization', config, [...BASE_KEYS, 'epsilon', 'center', 'scale']);
    this.epsilon = config.epsilon ?? 1e-3;
  }

  override build(s: Shape): void {
    const d = s[s.length - 1];
    if (d == null) throw new LayerError(`${this.name}: the last input dimension must be known, got ${shapeText(s)}`);
    if (this.config.scale !== false) this.gamma = this.addWeight('gamma', [d], 'ones');
    if (this.config.center !== false) this.beta = this.addWeight('beta', [d], 'zeros');
  }

  call(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const { mean, variance } = tf.moments(x, -1, true);
      let y = tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, this.epsilon)));
      if (this.gamma) y = tf.mul(y, this.gamma.value);
      if (this.beta) y = tf.add(y, this.beta.value);
      return y;
    });
  }

  computeOutputShape(s: Shape): Shape {
    return s;
  }

  override getConfig() {
    return { ...super.getConfig(), axis: -1, epsilon: this.epsilon, center: this.config.center !== false, scale: this.config.scale !== false };
  }
}
