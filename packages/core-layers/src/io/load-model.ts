// loadModel: a tfjs LayersModel (model.json + weights) into an rnnkit Sequential model.
import { tf } from '@rnnkit/backend';
import { ConfigError } from '../errors.js';
import { Sequential } from '../engine/sequential.js';
import { resolveHandler, type ModelTarget } from './handlers.js';
import { layerFromJSON } from './serialization.js';

export async function loadModel(target: ModelTarget): Promise<Sequential> {
  const handler = resolveHandler(target, 'load');
  if (!handler.load) throw new Error('loadModel: the handler cannot load');
  const artifacts = await handler.load();
  const topo = (artifacts.modelTopology as { model_config?: unknown }).model_config ?? artifacts.modelTopology;
  const t = topo as { class_name: string; config: { name?: string; layers?: unknown[] } | unknown[] };
  if (t.class_name !== 'Sequential') throw new ConfigError(`loadModel: only Sequential topologies load so far, got '${t.class_name}'`);
  const layerJson = (Array.isArray(t.config) ? t.config : t.config.layers ?? []) as { class_name: string; config: Record<string, unknown> }[];
  const model = new Sequential({ layers: layerJson.filter((l) => l.class_name !== 'InputLayer').map(layerFromJSON) });
  const weights = tf.io.decodeWeights(artifacts.weightData as ArrayBuffer, artifacts.weightSpecs ?? []);
  const specs = artifacts.weightSpecs ?? [];
  const values = specs.map((s) => weights[s.name]);
  const expected = model.weights.length;
  if (values.length !== expected) {
    tf.dispose(Object.values(weights));
    throw new ConfigError(`loadModel: the topology has ${expected} weights but the weights manifest lists ${values.length} (${specs.map((s) => s.name).join(', ')})`);
  }
  model.setWeights(values);
  tf.dispose(Object.values(weights));
  return model;
}
