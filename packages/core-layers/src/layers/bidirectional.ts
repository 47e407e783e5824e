import { tf } from '@rnnkit/backend';
import { checkConfigKeys, LayerError } from '../errors.js';
import { BASE_KEYS, Layer, type BaseLayerConfig, type CallOptions, type Shape } from '../engine/layer.js';
import { RecurrentLayer } from './recurrent.js';

export type MergeMode = 'concat' | 'sum' | 'mul' | 'ave' | null;

export interface BidirectionalConfig extends BaseLayerConfig {
  layer: RecurrentLayer;
  mergeMode?: MergeMode;
}

/**
 * Runs a recurrent layer forwards and a copy backwards over the same (masked) sequence. The backward sequence is
 * reversed back into input order before merging; masked steps emit zeros in returned sequences (Keras).
 */
export class Bidirectional extends Layer {
  readonly className = 'Bidirectional';
  readonly forwardLayer: RecurrentLayer;
  readonly backwardLayer: RecurrentLayer;
  readonly mergeMode: MergeMode;
  constructor(config: BidirectionalConfig) {
    super(config, 'bidirectional');
    checkConfigKeys('bidirectional', config, [...BASE_KEYS, 'layer', 'mergeMode']);
    if (!(config.layer instanceof RecurrentLayer)) throw new LayerError('bidirectional: layer must be a layers.simpleRNN, layers.lstm or layers.gru layer');
    const inner = config.layer;
    const zeroOutputForMask = inner.config.returnSequences ? true : inner.config.zeroOutputForMask;
    this.forwardLayer = inner.withConfig({ name: `forward_${inner.name}`, zeroOutputForMask, inputShape: undefined });
    this.backwardLayer = inner.withConfig({ name: `backward_${inner.name}`, goBackwards: !inner.config.goBackwards, zeroOutputForMask, inputShape: undefined });
    this.mergeMode = config.mergeMode === undefined ? 'concat' : config.mergeMode;
    if (!['concat', 'sum', 'mul', 'ave', null].includes(this.mergeMode)) throw new LayerError(`bidirectional: mergeMode must be 'concat', 'sum', 'mul', 'ave' or null, got '${this.mergeMode}'`);
    this.children.push(this.forwardLayer, this.backwardLayer);
  }

  override build(s: Shape): void {
    this.forwardLayer.ensureBuilt(s);
    this.backwardLayer.ensureBuilt(s);
  }

  call(x: tf.Tensor, options: CallOptions): tf.Tensor | tf.Tensor[] {
    const returnSequences = !!this.forwardLayer.config.returnSequences;
    const returnState = !!this.forwardLayer.config.returnState;
    const half = this.forwardLayer.cell === 'lstm' ? 2 : 1;
    const init = options.initialState;
    const f = [this.forwardLayer.call(x, { ...options, initialState: init?.slice(0, half) })].flat();
    const b = [this.backwardLayer.call(x, { ...options, initialState: init?.slice(half) })].flat();
    const merged = tf.tidy(() => {
      const bOut = returnSequences ? tf.reverse(b[0], 1) : b[0];
      switch (this.mergeMode) {
        case 'concat': return [tf.concat([f[0], bOut], -1)];
        case 'sum': return [tf.add(f[0], bOut)];
        case 'mul': return [tf.mul(f[0], bOut)];
        case 'ave': return [tf.mul(tf.add(f[0], bOut), 0.5)];
        default: return [tf.clone(f[0]), tf.clone(bOut)];
      }
    });
    const states = [...f.slice(1), ...b.slice(1)];
    tf.dispose([f[0], b[0]].filter((t) => !states.includes(t)));
    if (returnState) return [...merged, ...states];
    return this.mergeMode === null ? merged : merged[0];
  }

  override computeMask(_x: tf.Tensor, mask: tf.Tensor | null): tf.Tensor | null {
    return this.forwardLayer.config.returnSequences ? mask : null;
  }

  computeOutputShape(s: Shape): Shape {
    const o = this.forwardLayer.computeOutputShape(s);
    if (this.mergeMode === 'concat') o[o.length - 1] = 2 * (o[o.length - 1] as number);
    return o;
  }

  override computeOutputShapes(s: Shape): Shape[] {
    const inner = this.forwardLayer.computeOutputShapes(s);
    const outs = this.mergeMode === null ? [inner[0], inner[0]] : [this.computeOutputShape(s)];
    return this.forwardLayer.config.returnState ? [...outs, ...inner.slice(1), ...inner.slice(1)] : outs;
  }

  override getConfig() {
    return { ...super.getConfig(), merge_mode: this.mergeMode, layer: { class_name: this.forwardLayer.className, config: this.forwardLayer.getConfig() } };
  }
}
