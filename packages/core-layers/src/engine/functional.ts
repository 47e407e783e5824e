// The functional API: model({inputs, outputs}) over a graph of layers applied to symbolic tensors, for several
// inputs or outputs, e.g. an encoder's final LSTM states as a decoder's initial state.
import { tf } from '@rnnkit/backend';
import { LayerError, shapeText } from '../errors.js';
import type { ForwardOptions } from './contracts.js';
import type { Layer } from './layer.js';
import { LayersModel } from './layers-model.js';
import { SymbolicTensor, type GraphNode } from './symbolic-tensor.js';

export interface FunctionalConfig {
  inputs: SymbolicTensor | SymbolicTensor[];
  outputs: SymbolicTensor | SymbolicTensor[];
  name?: string;
}

let count = 0;

export class Model extends LayersModel {
  readonly name: string;
  readonly inputs: SymbolicTensor[];
  readonly outputs: SymbolicTensor[];
  readonly layers: Layer[];
  private readonly nodes: GraphNode[];

  constructor(config: FunctionalConfig) {
    super();
    this.name = config.name ?? (count++ === 0 ? 'model' : `model_${count - 1}`);
    this.inputs = [config.inputs].flat();
    this.outputs = [config.outputs].flat();
    for (const t of [...this.inputs, ...this.outputs]) {
      if (!(t instanceof SymbolicTensor)) throw new LayerError('model: inputs and outputs must be symbolic tensors (from input() and layer.apply(...))');
    }
    for (const t of this.inputs) if (t.node) throw new LayerError(`model: '${t.name}' is a layer output, not an input() (inputs must come from input())`);
    this.nodes = this.topologicalNodes();
    this.layers = [...new Set(this.nodes.map((n) => n.layer))];
  }

  /** Every node the outputs depend on, dependencies first; fails on an output unreachable from the inputs. */
  private topologicalNodes(): GraphNode[] {
    const order: GraphNode[] = [];
    const seen = new Set<GraphNode>();
    const visit = (t: SymbolicTensor) => {
      if (!t.node) {
        if (!this.inputs.includes(t)) throw new LayerError(`model: '${t.name}' is needed to compute the outputs but is not among the model's inputs`);
        return;
      }
      if (seen.has(t.node)) return;
      seen.add(t.node);
      visit(t.node.input);
      for (const s of t.node.initialState ?? []) visit(s);
      order.push(t.node);
    };
    for (const o of this.outputs) visit(o);
    return order;
  }

  /** Keras' functional summary: one row per input and per layer call, with what each call is connected to. */
  protected summaryColumns(): { headers: string[]; rows: string[][] } {
    const shapes = (ts: SymbolicTensor[]) => ts.map((t) => shapeText(t.shape)).join(', ');
    const rows = [
      ...this.inputs.map((t) => [`${t.name} (InputLayer)`, shapeText(t.shape), '0', '']),
      ...this.nodes.map((n) => [
        `${n.layer.name} (${n.layer.className})`, shapes(n.outputs), String(n.layer.countParams()),
        [n.input, ...(n.initialState ?? [])].map((t) => t.name).join(', '),
      ]),
    ];
    return { headers: ['Layer (type)', 'Output shape', 'Param #', 'Connected to'], rows };
  }

  get inputShapes(): (number | null)[][] {
    return this.inputs.map((t) => t.shape.slice(1));
  }
  get inputNames(): string[] {
    return this.inputs.map((t) => t.name);
  }
  get outputNames(): string[] {
    return this.outputs.map((t) => t.name);
  }

  forward(inputs: tf.Tensor[], options: ForwardOptions): tf.Tensor[] {
    if (inputs.length !== this.inputs.length) throw new LayerError(`${this.name}: expected ${this.inputs.length} input tensor(s), got ${inputs.length}`);
    return tf.tidy(() => {
      const values = new Map<SymbolicTensor, { t: tf.Tensor; mask: tf.Tensor | null }>();
      this.inputs.forEach((s, i) => values.set(s, { t: inputs[i], mask: options.masks?.[i] ?? null }));
      for (const node of this.nodes) {
        const x = values.get(node.input)!;
        const initialState = node.initialState?.map((s) => values.get(s)!.t);
        node.layer.ensureBuilt(x.t.shape);
        const out = node.layer.call(x.t, { training: options.training, mask: x.mask, initialState });
        const mask = node.layer.computeMask(x.t, x.mask);
        [out].flat().forEach((t, i) => values.set(node.outputs[i], { t, mask: i === 0 ? mask : null }));
      }
      return this.outputs.map((o) => values.get(o)!.t);
    });
  }

  /** Keras functional topology: InputLayers, then each layer with its inbound tensors (input first, then initial states). */
  toTopologyJSON(): Record<string, unknown> {
    if (this.layers.length !== this.nodes.length) throw new LayerError(`${this.name}: saving a model that calls one layer twice is not supported yet`);
    const ref = (t: SymbolicTensor) => [t.node ? t.node.layer.name : t.name, 0, t.outputIndex, {}];
    const inputLayers = this.inputs.map((t) => ({ name: t.name, class_name: 'InputLayer', config: { batch_input_shape: t.shape, dtype: t.dtype, sparse: false, name: t.name }, inbound_nodes: [] }));
    const layers = this.nodes.map((n) => ({ name: n.layer.name, class_name: n.layer.className, config: n.layer.getConfig(), inbound_nodes: [[ref(n.input), ...(n.initialState ?? []).map(ref)]] }));
    return {
      class_name: 'Model',
      config: {
        name: this.name,
        layers: [...inputLayers, ...layers],
        input_layers: this.inputs.map((t) => [t.name, 0, 0]),
        output_layers: this.outputs.map((t) => [t.node!.layer.name, 0, t.outputIndex]),
      },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    };
  }
}

/** A functional model (tfjs-layers' `tf.model`). */
export const model = (config: FunctionalConfig): Model => new Model(config);
