import { tf } from '@rnnkit/backend';
import { checkConfigKeys, LayerError } from '../errors.js';
import { BASE_KEYS, Layer, type BaseLayerConfig, type CallOptions, type Shape } from '../engine/layer.js';

export interface DropoutConfig extends BaseLayerConfig {
  rate: number;
  seed?: number;
}

/** Inverted dropout, active only in training. */
export class Dropout extends Layer {
  readonly className = 'Dropout';
  constructor(readonly config: DropoutConfig) {
    super(config, 'dropout');
    checkConfigKeys('dropout', config, [...BASE_KEYS, 'rate', 'seed']);
    if (!(config.rate >= 0 && config.rate < 1)) throw new LayerError(`dropout: rate must be in [0, 1), got ${config.rate}`);
  }

  call(x: tf.Tensor, { training }: CallOptions): tf.Tensor {
    return training && this.config.rate > 0 ? tf.dropout(x, this.config.rate, undefined, this.config.seed) : tf.clone(x);
  }

  computeOutputShape(s: Shape): Shape {
    return s;
  }

  override getConfig() {
    return { ...super.getConfig(), rate: this.config.rate };
  }
}
