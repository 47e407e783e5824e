import { tf } from '@rnnkit/backend';
import { checkConfigKeys, LayerError, shapeText } from '../errors.js';
import { BASE_KEYS, Layer, type BaseLayerConfig, type CallOptions, type Shape } from '../engine/layer.js';

export interface TimeDistributedConfig extends BaseLayerConfig {
  layer: Layer;
}

/** Applies a layer to every time step of [batch, time, ...] independently (one call over batch*time rows). */
export class TimeDistributed extends Layer {
  readonly className = 'TimeDistributed';
  readonly layer: Layer;
  constructor(config: TimeDistributedConfig) {
    super(config, 'timeDistributed');
    checkConfigKeys('timeDistributed', config, [...BASE_KEYS, 'layer']);
    if (!(config.layer instanceof Layer)) throw new LayerError('timeDistributed: layer must be a layer, e.g. layers.dense({units: 4})');
    this.layer = config.layer;
    this.children.push(this.layer);
  }

  override build(s: Shape): void {
    if (s.length < 3) throw new LayerError(`${this.name}: expected an input of rank >= 3 [batch, time, ...], got ${shapeText(s)}`);
    this.layer.ensureBuilt([null, ...s.slice(2)]);
  }

  call(x: tf.Tensor, options: CallOptions): tf.Tensor {
    if (x.rank < 3) throw new LayerError(`${this.name}: expected an input of rank >= 3 [batch, time, ...], got ${shapeText(x.shape)}`);
    const [B, T] = x.shape;
    return tf.tidy(() => {
      const flat = tf.reshape(x, [B * T, ...x.shape.slice(2)]);
      const y = this.layer.call(flat, { training: options.training });
      const out = Array.isArray(y) ? y[0] : y;
      return tf.reshape(out, [B, T, ...out.shape.slice(1)]);
    });
  }

  computeOutputShape(s: Shape): Shape {
    const inner = this.layer.computeOutputShape([null, ...s.slice(2)]);
    return [s[0], s[1], ...inner.slice(1)];
  }

  override getConfig() {
    return { ...super.getConfig(), layer: { class_name: this.layer.className, config: this.layer.getConfig() } };
  }
}
