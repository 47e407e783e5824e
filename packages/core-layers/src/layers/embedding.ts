import { tf } from '@rnnkit/backend';
import { checkConfigKeys, LayerError, shapeText } from '../errors.js';
import type { InitializerSpec } from '../initializers/initializers.js';
import { BASE_KEYS, Layer, type BaseLayerConfig, type Shape } from '../engine/layer.js';
import type { LayerWeight } from '../engine/layer-weight.js';

export interface EmbeddingConfig extends BaseLayerConfig {
  inputDim: number;
  outputDim: number;
  /** Index 0 is padding: the layer emits a mask the recurrent layers honour. */
  maskZero?: boolean;
  inputLength?: number;
  embeddingsInitializer?: InitializerSpec;
  seed?: number;
}
const KEYS = [...BASE_KEYS, 'inputDim', 'outputDim', 'maskZero', 'inputLength', 'embeddingsInitializer', 'seed'];

/** Token ids [batch, time] to vectors [batch, time, outputDim]. */
export class Embedding extends Layer {
  readonly className = 'Embedding';
  private embeddings?: LayerWeight;
  constructor(readonly config: EmbeddingConfig) {
    super({ ...config, dtype: 'int32', inputShape: config.inputShape ?? (config.inputLength ? [config.inputLength] : undefined) }, 'embedding');
    checkConfigKeys('embedding', config, KEYS);
    for (const k of ['inputDim', 'outputDim'] as const) {
      if (!Number.isInteger(config[k]) || config[k] <= 0) throw new LayerError(`embedding: ${k} must be a positive integer, got ${config[k]}`);
    }
  }

  override build(): void {
    this.embeddings = this.addWeight('embeddings', [this.config.inputDim, this.config.outputDim], this.config.embeddingsInitializer ?? 'randomUniform', true, undefined, this.config.seed);
  }

  call(x: tf.Tensor): tf.Tensor {
    if (x.rank !== 2) throw new LayerError(`${this.name}: expected token ids of shape [batch, time], got ${shapeText(x.shape)}`);
    const ids = x.dtype === 'int32' ? x : tf.cast(x, 'int32');
    const data = ids.dataSync();
    for (let i = 0; i < data.length; i++) {
      if (data[i] < 0 || data[i] >= this.config.inputDim) {
        if (ids !== x) ids.dispose();
        throw new LayerError(`${this.name}: token id ${data[i]} at flat index ${i} is outside [0, ${this.config.inputDim}) (inputDim ${this.config.inputDim})`);
      }
    }
    const out = embeddingLookup(this.embeddings!.value, ids);
    if (ids !== x) ids.dispose();
    return out;
  }

  override computeMask(x: tf.Tensor, mask: tf.Tensor | null): tf.Tensor | null {
    return this.config.maskZero ? tf.notEqual(x, 0) : mask;
  }

  computeOutputShape(s: Shape): Shape {
    return [...s, this.config.outputDim];
  }

  override getConfig() {
    // Keras' `dtype` is the layer's (float32) weight dtype; int32 is only what it reads. tfjs-layers would make
    // int32 embeddings from dtype 'int32' and then refuse the saved float32 weights.
    return { ...super.getConfig(), dtype: 'float32', input_dim: this.config.inputDim, output_dim: this.config.outputDim, mask_zero: !!this.config.maskZero, input_length: this.config.inputLength ?? null };
  }
}

/**
 * tf.gather's gradient is an unsortedSegmentSum, which tfjs' cpu backend runs as one masked sum per vocabulary
 * entry: O(vocabulary x tokens), about a minute per batch for a 5,000-word vocabulary. The gradient here is a
 * scatter-add of the output gradient's rows into their token's row: O(tokens x dim) on every backend.
 */
function embeddingLookup(table: tf.Tensor, ids: tf.Tensor): tf.Tensor {
  const lookup = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [t, i, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    save([i]);
    return {
      value: tf.gather(t, i),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [V, D] = table.shape;
        const idx = saved[0].dataSync();
        const g = dy.dataSync();
        const grad = new Float32Array(V * D);
        for (let k = 0; k < idx.length; k++) {
          const row = idx[k] * D;
          const src = k * D;
          for (let d = 0; d < D; d++) grad[row + d] += g[src + d];
        }
        return [tf.tensor2d(grad, [V, D]), tf.zerosLike(saved[0])];
      },
    };
  });
  return lookup(table, ids);
}
