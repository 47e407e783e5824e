// saveModel in the tfjs LayersModel format (model.json + weight shards): tfjs-layers loads what it writes.
import { tf } from '@rnnkit/backend';
import { serializeOptimizer, type RnnkitOptimizer } from '@rnnkit/optimizers';
import type { LayersModel } from '../engine/layers-model.js';
import { resolveHandler, type ModelTarget } from './handlers.js';

/**
 * With `includeOptimizer`, the optimizer's state follows the weights (weight group 'optimizer', tfjs' convention),
 * named by weight ('lstm/kernel/m') rather than by tf.Variable, so a reloaded model resumes training exactly.
 */
export async function saveModel(model: LayersModel, target: ModelTarget, options: { includeOptimizer?: boolean } = {}): Promise<tf.io.SaveResult> {
  const handler = resolveHandler(target, 'save');
  if (!handler.save) throw new Error('saveModel: the handler cannot save');
  const named = model.weights.map((w) => ({ name: w.name, tensor: w.value as tf.Tensor }));
  let { data, specs } = await tf.io.encodeWeights(named);
  let trainingConfig: tf.io.TrainingConfig | undefined;
  const optimizer = model.optimizer as RnnkitOptimizer | undefined;
  if (options.includeOptimizer) {
    if (!optimizer || typeof (optimizer as { getClassName?: unknown }).getClassName !== 'function' || !model.compiledNames) {
      throw new Error('saveModel: includeOptimizer needs a model compiled with an @rnnkit/optimizers optimizer');
    }
    const byVariable = new Map(model.weights.map((w) => [w.value.name, w.name]));
    const state = (await optimizer.getWeights()).map(({ name, tensor }) => {
      const cut = name.lastIndexOf('/');
      const variable = cut < 0 ? name : name.slice(0, cut);
      return { name: byVariable.has(variable) ? `${byVariable.get(variable)}${name.slice(cut)}` : name, tensor };
    });
    const extra = await tf.io.encodeWeights(state, 'optimizer');
    data = tf.io.concatenateArrayBuffers([data as ArrayBuffer, extra.data as ArrayBuffer]);
    specs = [...specs, ...extra.specs];
    trainingConfig = { loss: model.compiledNames.loss, metrics: model.compiledNames.metrics, optimizer_config: serializeOptimizer(optimizer) as never };
  }
  return handler.save({
    modelTopology: model.toTopologyJSON() as never,
    format: 'layers-model',
    generatedBy: 'rnnkit (@rnnkit/core-layers)',
    convertedBy: null,
    weightSpecs: specs,
    weightData: data,
    ...(trainingConfig ? { trainingConfig } : {}),
  });
}

