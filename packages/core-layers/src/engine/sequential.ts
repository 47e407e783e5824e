// A stack of layers, each feeding the next with its mask.
import { tf } from '@rnnkit/backend';
import { LayerError, shapeText } from '../errors.js';
import type { ForwardOptions } from './contracts.js';
import { checkFiniteInput, Layer, type Shape } from './layer.js';
import { LayersModel } from './layers-model.js';

export interface SequentialConfig {
  layers?: Layer[];
  name?: string;
}

let count = 0;

export class Sequential extends LayersModel {
  readonly name: string;
  readonly layers: Layer[] = [];

  constructor(config: SequentialConfig = {}) {
    super();
    this.name = config.name ?? (count++ === 0 ? 'sequential' : `sequential_${count - 1}`);
    for (const l of config.layers ?? []) this.add(l);
  }

  add(layer: Layer): void {
    if (!(layer instanceof Layer)) throw new LayerError(`sequential.add: expected a layer (e.g. layers.lstm({units: 32})), got ${typeof layer}`);
    if (this.layers.length === 0 && !layer.batchInputShape) {
      throw new LayerError(`sequential: the first layer (${layer.name}) needs an inputShape, e.g. layers.lstm({units: 32, inputShape: [timeSteps, features]})`);
    }
    this.layers.push(layer);
    this.buildFrom(this.layers[0].batchInputShape!);
  }

  /** Builds every layer by walking the declared input shape through the stack. */
  private buildFrom(shape: Shape): void {
    let s = shape;
    for (const l of this.layers) {
      // Layers whose weights depend on a still-unknown size build at the first real batch instead.
      if (!l.built && (s[s.length - 1] != null || l.className === 'Embedding')) l.ensureBuilt(s);
      s = l.computeOutputShape(s);
    }
  }

  get inputShape(): (number | null)[] {
    return this.layers[0].batchInputShape!.slice(1);
  }
  get inputShapes(): (number | null)[][] {
    return [this.inputShape];
  }
  get inputNames(): string[] {
    return [`${this.layers[0].name}_input`];
  }
  get outputNames(): string[] {
    return [this.layers[this.layers.length - 1].name];
  }
  get outputShape(): Shape {
    return this.layers.reduce<Shape>((s, l) => l.computeOutputShape(s), this.layers[0].batchInputShape!);
  }

  forward(inputs: tf.Tensor[], options: ForwardOptions): tf.Tensor[] {
    if (this.layers.length === 0) throw new LayerError(`${this.name}: the model has no layers`);
    return tf.tidy(() => {
      let x = inputs[0];
      let mask: tf.Tensor | null = options.masks?.[0] ?? null;
      for (const l of this.layers) {
        l.ensureBuilt(x.shape);
        const out = l.call(x, { training: options.training, mask });
        mask = l.computeMask(x, mask);
        x = Array.isArray(out) ? out[0] : out;
      }
      return [x];
    });
  }

  /** Eager forward pass (inference mode) on real tensors. */
  apply(x: tf.Tensor, options: { training?: boolean; mask?: tf.Tensor } = {}): tf.Tensor {
    checkFiniteInput(this.name, x);
    return this.forward([x], { training: !!options.training, masks: [options.mask ?? null] })[0];
  }

  protected summaryColumns(): { headers: string[]; rows: string[][] } {
    if (!this.layers.length) throw new LayerError(`${this.name}: summary() needs at least one layer`);
    let s: Shape = this.layers[0].batchInputShape!;
    const rows = this.layers.map((l) => {
      s = l.computeOutputShape(s);
      return [`${l.name} (${l.className})`, shapeText(s), String(l.countParams())];
    });
    return { headers: ['Layer (type)', 'Output shape', 'Param #'], rows };
  }

  toTopologyJSON(): Record<string, unknown> {
    return {
      class_name: 'Sequential',
      config: { name: this.name, layers: this.layers.map((l) => ({ class_name: l.className, config: l.getConfig() })) },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    };
  }
}
