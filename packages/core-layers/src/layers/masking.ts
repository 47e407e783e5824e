import { tf } from '@rnnkit/backend';
import { checkConfigKeys } from '../errors.js';
import { BASE_KEYS, Layer, type BaseLayerConfig, type Shape } from '../engine/layer.js';

export interface MaskingConfig extends BaseLayerConfig {
  /** A time step whose features all equal this value is padding. Default 0. */
  maskValue?: number;
}

/** Marks padded time steps (all features == maskValue) so recurrent layers skip them; zeroes them (Keras). */
export class Masking extends Layer {
  readonly className = 'Masking';
  readonly maskValue: number;
  constructor(config: MaskingConfig = {}) {
    super(config, 'masking');
    checkConfigKeys('masking', config, [...BASE_KEYS, 'maskValue']);
    this.maskValue = config.maskValue ?? 0;
  }

  call(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.mul(x, tf.cast(tf.any(tf.notEqual(x, this.maskValue), -1, true), x.dtype)));
  }

  override computeMask(x: tf.Tensor): tf.Tensor {
    return tf.any(tf.notEqual(x, this.maskValue), -1);
  }

  computeOutputShape(s: Shape): Shape {
    return s;
  }

  override getConfig() {
    return { ...super.getConfig(), mask_value: this.maskValue };
  }
}
