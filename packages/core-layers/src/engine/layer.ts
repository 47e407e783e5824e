// The Layer base: weights, lazy build from the first input's shape, eager apply, masks, config and weights I/O.
import { tf } from '@rnnkit/backend';
import { LayerError, shapeText } from '../errors.js';
import { getInitializer, type InitializerSpec } from '../initializers/initializers.js';
import type { Regularizer } from '../initializers/regularizers.js';
import { SymbolicTensor } from './symbolic-tensor.js';
import { LayerWeight } from './layer-weight.js';

export type Shape = (number | null)[];

export interface CallOptions {
  training?: boolean;
  /** [batch, time] mask of the (first) input: 1 real step, 0 padding. */
  mask?: tf.Tensor | null;
  initialState?: tf.Tensor[];
}

export interface BaseLayerConfig {
  name?: string;
  trainable?: boolean;
  /** Shape of one sample, without the batch dimension (first layer of a sequential model). */
  inputShape?: Shape;
  batchInputShape?: Shape;
  dtype?: 'float32' | 'int32';
}

export const BASE_KEYS = ['name', 'trainable', 'inputShape', 'batchInputShape', 'dtype'] as const;

const nameCounts = new Map<string, number>();
function uniqueName(prefix: string): string {
  const n = nameCounts.get(prefix) ?? 0;
  nameCounts.set(prefix, n + 1);
  return n === 0 ? prefix : `${prefix}_${n}`;
}
const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toLowerCase();

export abstract class Layer {
  abstract readonly className: string;
  readonly name: string;
  trainable: boolean;
  built = false;
  readonly batchInputShape?: Shape;
  readonly dtype: 'float32' | 'int32';
  protected readonly ownWeights: LayerWeight[] = [];
  /** Sub-layers whose weights this layer owns (Bidirectional). */
  protected readonly children: Layer[] = [];

  constructor(config: BaseLayerConfig, defaultName: string) {
    this.name = config.name ?? uniqueName(snake(defaultName));
    this.trainable = config.trainable ?? true;
    this.dtype = config.dtype ?? 'float32';
    if (config.batchInputShape) this.batchInputShape = config.batchInputShape;
    else if (config.inputShape) this.batchInputShape = [null, ...config.inputShape];
  }

  /** Creates the weights for an input of this shape (batch first). */
  build(_inputShape: Shape): void {}

  abstract call(input: tf.Tensor, options: CallOptions): tf.Tensor | tf.Tensor[];
  abstract computeOutputShape(inputShape: Shape): Shape;

  /** The mask passed on to the next layer (default: the input mask, unchanged). */
  computeMask(_input: tf.Tensor, mask: tf.Tensor | null): tf.Tensor | null {
    return mask;
  }

  /** The shapes of every output (several with returnState, or Bidirectional's mergeMode null). */
  computeOutputShapes(inputShape: Shape): Shape[] {
    return [this.computeOutputShape(inputShape)];
  }

  /** Eager forward pass on real tensors, or, on a symbolic tensor from `input()`, a node of a functional model. */
  apply(input: tf.Tensor, options?: CallOptions): tf.Tensor | tf.Tensor[];
  apply(input: SymbolicTensor, options?: { initialState?: SymbolicTensor[] }): SymbolicTensor | SymbolicTensor[];
  apply(input: tf.Tensor | SymbolicTensor, options: CallOptions | { initialState?: SymbolicTensor[] } = {}): tf.Tensor | tf.Tensor[] | SymbolicTensor | SymbolicTensor[] {
    if (input instanceof SymbolicTensor) {
      this.ensureBuilt(input.shape);
      const node = { layer: this, input, initialState: options.initialState as SymbolicTensor[] | undefined, outputs: [] as SymbolicTensor[] };
      const shapes = this.computeOutputShapes(input.shape);
      node.outputs = shapes.map((s, i) => new SymbolicTensor(s, 'float32', `${this.name}/out${i}`, node, i));
      return node.outputs.length === 1 ? node.outputs[0] : node.outputs;
    }
    if (!(input instanceof tf.Tensor)) throw new LayerError(`${this.name}: apply() expects a tf.Tensor or a symbolic tensor from input(), got ${typeof input}`);
    options = options as CallOptions;
    checkFiniteInput(this.name, input);
    this.ensureBuilt(input.shape);
    return this.call(input, options);
  }

  ensureBuilt(shape: Shape): void {
    if (this.built) return;
    this.build(shape);
    this.built = true;
  }

  protected addWeight(name: string, shape: number[], init: InitializerSpec, trainable = true, regularizer?: Regularizer, seed?: number): LayerWeight {
    const w = new LayerWeight(`${this.name}/${name}`, getInitializer(init, `${this.name}.${name}Initializer`)(shape, seed), trainable && this.trainable, regularizer);
    this.ownWeights.push(w);
    return w;
  }

  get weights(): LayerWeight[] {
    return [...this.ownWeights, ...this.children.flatMap((c) => c.weights)];
  }

  get trainableWeights(): LayerWeight[] {
    return this.trainable ? this.weights.filter((w) => w.trainable) : [];
  }

  getWeights(): tf.Tensor[] {
    return this.weights.map((w) => w.value.clone());
  }

  setWeights(values: tf.Tensor[]): void {
    const ws = this.weights;
    if (values.length !== ws.length) {
      throw new LayerError(`${this.name}.setWeights: expected ${ws.length} arrays (${ws.map((w) => `${w.name.split('/').pop()} ${shapeText(w.shape)}`).join(', ')}), got ${values.length}`);
    }
    ws.forEach((w, i) => {
      const v = values[i];
      if (v.shape.length !== w.shape.length || v.shape.some((d, k) => d !== w.shape[k])) {
        throw new LayerError(`${this.name}.setWeights: weight ${i} (${w.name}) expects shape ${shapeText(w.shape)}, got ${shapeText(v.shape)}`);
      }
      w.value.assign(v.dtype === 'float32' ? v : tf.cast(v, 'float32'));
    });
  }

  regularizationLosses(): tf.Scalar[] {
    return this.weights.filter((w) => w.regularizer).map((w) => w.regularizer!.penalty(w.value));
  }

  /** Keras-style config (snake_case keys as tfjs-layers serialises them). */
  getConfig(): Record<string, unknown> {
    const c: Record<string, unknown> = { name: this.name, trainable: this.trainable, dtype: this.dtype };
    if (this.batchInputShape) c.batch_input_shape = this.batchInputShape;
    return c;
  }

  getClassName(): string {
    return this.className;
  }

  countParams(): number {
    return this.weights.reduce((a, w) => a + w.shape.reduce((x, y) => x * y, 1), 0);
  }

  resetStates(): void {}

  dispose(): void {
    for (const w of this.weights) w.value.dispose();
  }
}

/** Checks an input's rank and fixed dimensions against the layer's expectation. */
export function checkInput(layer: string, x: tf.Tensor, rank: number, what: string, fixed: Shape = []): void {
  if (x.rank !== rank) throw new LayerError(`${layer}: expected a ${rank}D input ${what}, got a ${x.rank}D tensor of shape ${shapeText(x.shape)}`);
  fixed.forEach((d, i) => {
    if (d != null && x.shape[i] !== d) throw new LayerError(`${layer}: expected input shape ${shapeText(fixed)}, got ${shapeText(x.shape)}`);
  });
}

/** NaN or Infinity in an eager input is an error naming the layer, not a silently poisoned output. */
export function checkFiniteInput(layer: string, x: tf.Tensor): void {
  if (x.dtype !== 'float32') return;
  const d = x.dataSync();
  for (let i = 0; i < d.length; i++) {
    if (!Number.isFinite(d[i])) throw new LayerError(`${layer}: input contains ${d[i]} at flat index ${i} (input shape ${shapeText(x.shape)})`);
  }
}
