// loadModel: a tfjs LayersModel (model.json + weights) into an rnnkit Sequential model.
import { tf } from '@rnnkit/backend';
import { optimizerFromConfig } from '@rnnkit/optimizers';
import { ConfigError } from '../errors.js';
import { Sequential } from '../engine/sequential.js';
import { Model } from '../engine/functional.js';
import { input, type SymbolicTensor } from '../engine/symbolic-tensor.js';
import type { LayersModel } from '../engine/layers-model.js';
import { resolveHandler, type ModelTarget } from './handlers.js';
import { layerFromJSON } from './serialization.js';

type LayerJson = { name?: string; class_name: string; config: Record<string, unknown>; inbound_nodes?: unknown[][][] };

/** A Keras functional topology: InputLayers become input()s, every layer is applied to its inbound tensors in order. */
function functionalFromTopology(config: { name?: string; layers: LayerJson[]; input_layers: unknown[][]; output_layers: unknown[][] }): Model {
  const outputs = new Map<string, SymbolicTensor[]>();
  for (const l of config.layers) {
    const name = (l.name ?? l.config.name) as string;
    if (l.class_name === 'InputLayer') {
      const shape = (l.config.batch_input_shape as (number | null)[]).slice(1);
      outputs.set(name, [input({ shape, dtype: l.config.dtype === 'int32' ? 'int32' : 'float32', name })]);
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
  const pick = (ref: unknown[]) => outputs.get(ref[0] as string)![(ref[2] as number) ?? 0];
  return new Model({ name: config.name, inputs: config.input_layers.map(pick), outputs: config.output_layers.map(pick) });
}

export async function loadModel(target: ModelTarget): Promise<LayersModel> {
  const handler = resolveHandler(target, 'load');
  if (!handler.load) throw new Error('loadModel: the handler cannot load');
  const artifacts = await handler.load();
  const topo = (artifacts.modelTopology as { model_config?: unknown }).model_config ?? artifacts.modelTopology;
  const t = topo as { class_name: string; config: { name?: string; layers?: unknown[] } | unknown[] };
  let model: LayersModel;
  if (t.class_name === 'Model' || t.class_name === 'Functional') {
    model = functionalFromTopology(t.config as never);
  } else if (t.class_name === 'Sequential') {
    const layerJson = (Array.isArray(t.config) ? t.config : t.config.layers ?? []) as { class_name: string; config: Record<string, unknown> }[];
    // Keras writes the input shape on a leading InputLayer; rnnkit puts it on the first layer.
    const inputLayer = layerJson.find((l) => l.class_name === 'InputLayer');
    const rest = layerJson.filter((l) => l.class_name !== 'InputLayer');
    if (inputLayer && rest[0] && !rest[0].config.batch_input_shape) rest[0] = { ...rest[0], config: { ...rest[0].config, batch_input_shape: inputLayer.config.batch_input_shape } };
    model = new Sequential({ layers: rest.map(layerFromJSON) });
  } else {
    throw new ConfigError(`loadModel: unsupported topology class '${t.class_name}' (expected Sequential, Model or Functional)`);
  }
  const weights = tf.io.decodeWeights(artifacts.weightData as ArrayBuffer, artifacts.weightSpecs ?? []);
  const allSpecs = artifacts.weightSpecs ?? [];
  const specs = allSpecs.filter((s) => s.group !== 'optimizer');
  const optimizerSpecs = allSpecs.filter((s) => s.group === 'optimizer');
  const values = specs.map((s) => weights[s.name]);
  const expected = model.weights.length;
  if (values.length !== expected) {
    tf.dispose(Object.values(weights));
    throw new ConfigError(`loadModel: the topology has ${expected} weights but the weights manifest lists ${values.length} (${specs.map((s) => s.name).join(', ')})`);
  }
  model.setWeights(values);
  const tc = artifacts.trainingConfig as { loss?: string; metrics?: string[]; optimizer_config?: { className?: string } } | undefined;
  if (optimizerSpecs.length > 0 && tc?.optimizer_config?.className && typeof tc.loss === 'string') {
    // Saved with includeOptimizer by rnnkit: compile as before and restore the state under this model's variables.
    const optimizer = optimizerFromConfig(tc.optimizer_config as never);
    model.compile({ optimizer, loss: tc.loss as never, metrics: (tc.metrics ?? []) as never });
    const byWeight = new Map(model.weights.map((w) => [w.name, w.value.name]));
    await optimizer.setWeights(optimizerSpecs.map((s) => {
      const cut = s.name.lastIndexOf('/');
      const weight = s.name.slice(0, cut);
      return { name: byWeight.has(weight) ? `${byWeight.get(weight)}${s.name.slice(cut)}` : s.name, tensor: weights[s.name] };
    }));
  }
  tf.dispose(Object.values(weights));
  return model;
}
