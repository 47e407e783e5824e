// A Keras functional topology (class_name 'Model' or 'Functional') into an rnnkit functional Model: InputLayers
// become input()s, every other layer is applied to its inbound tensors in the order the topology lists them.
import { ConfigError } from '../errors.js';
import { Model } from '../engine/functional.js';
import { input, type SymbolicTensor } from '../engine/symbolic-tensor.js';
import { layerFromJSON } from './serialization.js';

export type LayerJson = { name?: string; class_name: string; config: Record<string, unknown>; inbound_nodes?: unknown[][][] };
interface FunctionalJson {
  name?: string;
  layers: LayerJson[];
  input_layers: unknown[][];
  output_layers: unknown[][];
}

export function functionalFromTopology(config: FunctionalJson): Model {
  if (!config || !Array.isArray(config.layers)) throw new ConfigError('loadModel: a functional topology needs config.layers');
  const outputs = new Map<string, SymbolicTensor[]>();
  for (const l of config.layers) {
    const name = (l.name ?? l.config.name) as string;
    if (l.class_name === 'InputLayer') {
      const batchShape = (l.config.batch_input_shape ?? l.config.batch_shape) as (number | null)[] | undefined;
      if (!batchShape) throw new ConfigError(`loadModel: InputLayer '${name}' has no batch_input_shape`);
      outputs.set(name, [input({ shape: batchShape.slice(1), dtype: l.config.dtype === 'int32' ? 'int32' : 'float32', name })]);
      continue;
    }
    const inbound = (l.inbound_nodes?.[0] ?? []) as unknown[][];
    if (inbound.length === 0) throw new ConfigError(`loadModel: layer '${name}' has no inbound tensors`);
    const tensors = inbound.map(([src, , index]) => {
      const t = outputs.get(src as string)?.[index as number];
      if (!t) throw new ConfigError(`loadModel: layer '${name}' reads '${String(src)}' output ${String(index)}, which comes later or does not exist`);
      return t;
    });
    const layer = layerFromJSON({ class_name: l.class_name, config: { ...l.config, name } });
    const out = layer.apply(tensors[0], tensors.length > 1 ? { initialState: tensors.slice(1) } : {});
    outputs.set(name, [out].flat());
  }
  const pick = (ref: unknown[]) => {
    const t = outputs.get(ref[0] as string)?.[(ref[2] as number) ?? 0];
    if (!t) throw new ConfigError(`loadModel: the topology's inputs/outputs name '${String(ref[0])}', which is not one of its layers`);
    return t;
  };
  return new Model({ name: config.name, inputs: config.input_layers.map(pick), outputs: config.output_layers.map(pick) });
}
