// saveModel in the tfjs LayersModel format (model.json + weight shards): tfjs-layers loads what it writes.
import { tf } from '@rnnkit/backend';
import type { LayersModel } from '../engine/layers-model.js';
import { resolveHandler, type ModelTarget } from './handlers.js';

export async function saveModel(model: LayersModel, target: ModelTarget): Promise<tf.io.SaveResult> {
  const handler = resolveHandler(target, 'save');
  if (!handler.save) throw new Error('saveModel: the handler cannot save');
  const named = model.weights.map((w) => ({ name: w.name, tensor: w.value as tf.Tensor }));
  const { data, specs } = await tf.io.encodeWeights(named);
  return handler.save({
    modelTopology: model.toTopologyJSON() as never,
    format: 'layers-model',
    generatedBy: 'rnnkit (@rnnkit/core-layers)',
    convertedBy: null,
    weightSpecs: specs,
    weightData: data,
  });
}

