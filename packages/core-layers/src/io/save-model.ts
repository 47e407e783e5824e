// saveModel in the tfjs LayersModel format (model.json + weight shards): tfjs-layers loads what it writes.
import { tf } from '@rnnkit/backend';
import type { RnnkitOptimizer } from '@rnnkit/optimizers';
import type { CompiledModelInfo, ModelCore } from '../engine/contracts.js';
import { ConfigError } from '../errors.js';
import { resolveHandler, type ModelTarget } from './handlers.js';
import { optimizerStateForSave, trainingConfigOf } from './training-config.js';
import { savedWeightNames } from './weight-names.js';

export interface SaveOptions {
  /**
   * Also save the training config (loss, metrics, optimizer and its hyper-parameters) and the optimizer's state
   * (weight group 'optimizer', tfjs' convention), so loadModel returns a compiled model that resumes training exactly.
   */
  includeOptimizer?: boolean;
}

/** The model as tfjs' ModelArtifacts: Keras topology, weights in the model's weight order, optionally the optimizer. */
export async function modelArtifacts(model: ModelCore & CompiledModelInfo, options: SaveOptions = {}): Promise<tf.io.ModelArtifacts> {
  const modelTopology = model.toTopologyJSON();
  // Saved under the names tfjs-layers derives from the topology, so that it finds them.
  const names = savedWeightNames(modelTopology, model.weights);
  const weights = model.weights.map((w, i) => ({ name: names[i], trainable: w.trainable, value: w.value, shape: w.shape }));
  const parts = [await tf.io.encodeWeights(weights.map((w) => ({ name: w.name, tensor: w.value as tf.Tensor })))];
  let trainingConfig: tf.io.TrainingConfig | undefined;
  if (options.includeOptimizer) {
    const optimizer = model.optimizer as RnnkitOptimizer | undefined;
    if (!optimizer || typeof (optimizer as { getClassName?: unknown }).getClassName !== 'function' || !model.compileArgs) {
      throw new ConfigError('saveModel: includeOptimizer needs a model compiled with an @rnnkit/optimizers optimizer (compile first, or save without includeOptimizer)');
    }
    trainingConfig = trainingConfigOf(model.compileArgs, optimizer);
    const state = await optimizerStateForSave(optimizer, weights);
    parts.push(await tf.io.encodeWeights(state, 'optimizer'));
    // getWeights gives 'iter' as a new tensor; the slots are the optimizer's own.
    state[0].tensor.dispose();
  }
  return {
    modelTopology: modelTopology as never,
    format: 'layers-model',
    generatedBy: 'rnnkit (@rnnkit/core-layers)',
    convertedBy: null,
    weightSpecs: parts.flatMap((p) => p.specs),
    weightData: tf.io.concatenateArrayBuffers(parts.map((p) => tf.io.CompositeArrayBuffer.join(p.data))),
    ...(trainingConfig ? { trainingConfig } : {}),
  };
}

/**
 * Saves `model` to 'file://dir' (Node: dir/model.json + weight files), 'indexeddb://name', 'localstorage://name',
 * 'downloads://name' (browsers), or any tf.io handler (tf.io.withSaveHandler, ...).
 */
export async function saveModel(model: ModelCore & CompiledModelInfo, target: ModelTarget, options: SaveOptions = {}): Promise<tf.io.SaveResult> {
  const handler = resolveHandler(target, 'save');
  return handler.save!(await modelArtifacts(model, options));
}

