// loadModel: a tfjs LayersModel (model.json + weights) into an rnnkit Sequential or functional Model, from rnnkit,
// tfjs-layers or tensorflowjs_converter (Keras) files.
import { tf } from '@rnnkit/backend';
import { ConfigError } from '../errors.js';
import { Sequential } from '../engine/sequential.js';
import type { LayersModel } from '../engine/layers-model.js';
import { functionalFromTopology, type LayerJson } from './functional-topology.js';
import { resolveHandler, type ModelTarget } from './handlers.js';
import { layerFromJSON } from './serialization.js';
import { compileArgsOf, optimizerStateForLoad } from './training-config.js';
import { savedWeightNames } from './weight-names.js';

function modelFromTopology(modelTopology: unknown): LayersModel {
  // tensorflowjs_converter nests the Keras model under model_config (with keras_version, backend).
  const topo = ((modelTopology as { model_config?: unknown })?.model_config ?? modelTopology) as { class_name?: string; config?: { name?: string; layers?: unknown[] } | unknown[] };
  if (!topo || typeof topo.class_name !== 'string') throw new ConfigError('loadModel: modelTopology has no class_name (not a Keras/tfjs LayersModel topology)');
  if (topo.class_name === 'Model' || topo.class_name === 'Functional') return functionalFromTopology(topo.config as never);
  if (topo.class_name !== 'Sequential') throw new ConfigError(`loadModel: unsupported topology class '${topo.class_name}' (expected Sequential, Model or Functional)`);
  const layerJson = (Array.isArray(topo.config) ? topo.config : topo.config?.layers ?? []) as LayerJson[];
  // Keras writes the input shape on a leading InputLayer; rnnkit puts it on the first layer.
  const inputLayer = layerJson.find((l) => l.class_name === 'InputLayer');
  const rest = layerJson.filter((l) => l.class_name !== 'InputLayer');
  if (inputLayer && rest[0] && !rest[0].config.batch_input_shape) {
    rest[0] = { ...rest[0], config: { ...rest[0].config, batch_input_shape: inputLayer.config.batch_input_shape ?? inputLayer.config.batch_shape } };
  }
  const name = Array.isArray(topo.config) ? undefined : topo.config?.name;
  return new Sequential({ ...(name ? { name } : {}), layers: rest.map(layerFromJSON) });
}

/**
 * Puts the saved weights into the model: by name when the manifest has every name the topology implies (tfjs-layers'
 * rule), else in manifest order (Keras-converted names such as 'lstm/lstm_cell/kernel'). Shapes are checked, with
 * both names in the message.
 */
function setModelWeights(model: LayersModel, names: string[], specs: tf.io.WeightsManifestEntry[], values: tf.NamedTensorMap): void {
  const expected = model.weights;
  if (specs.length !== expected.length) {
    throw new ConfigError(`loadModel: the topology has ${expected.length} weights (${names.join(', ')}) but the weights manifest lists ${specs.length} (${specs.map((s) => s.name).join(', ')})`);
  }
  const byName = new Map(specs.map((s) => [s.name, s]));
  const ordered = names.every((n) => byName.has(n)) ? names.map((n) => byName.get(n)!) : specs;
  ordered.forEach((s, i) => {
    const want = expected[i].shape;
    if (s.shape.length !== want.length || s.shape.some((d, k) => d !== want[k])) {
      throw new ConfigError(`loadModel: saved weight '${s.name}' has shape [${s.shape.join(', ')}] but '${names[i]}' needs [${want.join(', ')}]`);
    }
  });
  model.setWeights(ordered.map((s) => values[s.name]));
}

/** Compiles from a saved training config and restores the optimizer state; warns (never fails the load) when it cannot. */
async function restoreTraining(model: LayersModel, names: string[], tc: tf.io.TrainingConfig, state: { name: string; tensor: tf.Tensor }[]): Promise<void> {
  try {
    model.compile(compileArgsOf(tc));
  } catch (e) {
    console.warn(`loadModel: the saved training config could not be used (${(e as Error).message}); the model is loaded uncompiled`);
    return;
  }
  if (state.length === 0) return;
  const weights = model.weights.map((w, i) => ({ name: names[i], trainable: w.trainable, value: w.value, shape: w.shape }));
  const placed = optimizerStateForLoad(state, weights);
  if ('reason' in placed) {
    console.warn(`loadModel: the saved optimizer state was not restored (${placed.reason}); training starts from a fresh optimizer state`);
    return;
  }
  await model.optimizer!.setWeights(placed.state);
}

/**
 * Loads a model saved in the tfjs LayersModel format from 'file://dir' (or 'file://dir/model.json'),
 * 'indexeddb://name', 'localstorage://name', an http(s) URL (where tf.io can fetch) or any tf.io handler
 * (tf.io.fromMemory, ...). With a saved training config (includeOptimizer) the model comes back compiled with its
 * loss, metrics and optimizer, and the optimizer state is restored.
 */
export async function loadModel(target: ModelTarget): Promise<LayersModel> {
  const handler = resolveHandler(target, 'load');
  const artifacts = await handler.load!();
  if (!artifacts.modelTopology) throw new ConfigError('loadModel: the artifacts have no modelTopology');
  const model = modelFromTopology(artifacts.modelTopology);
  const specs = artifacts.weightSpecs ?? [];
  const values = artifacts.weightData ? tf.io.decodeWeights(artifacts.weightData, specs) : {};
  // The names the saved file uses for this topology's weights (the file's own topology, not ours).
  const names = savedWeightNames(artifacts.modelTopology as Record<string, unknown>, model.weights);
  try {
    setModelWeights(model, names, specs.filter((s) => s.group !== 'optimizer'), values);
    if (artifacts.trainingConfig) {
      const state = specs.filter((s) => s.group === 'optimizer').map((s) => ({ name: s.name, tensor: values[s.name] }));
      await restoreTraining(model, names, artifacts.trainingConfig, state);
    }
  } catch (e) {
    model.dispose();
    throw e;
  } finally {
    tf.dispose(Object.values(values));
  }
  return model;
}
