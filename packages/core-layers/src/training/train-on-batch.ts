// trainOnBatch: one optimisation step on the batch given, with fit's input checks; no shuffling, no callbacks.
import { tf } from '@rnnkit/backend';
import type { CompiledModel } from './compile.js';
import { checkData, checkPerSample } from './data-checks.js';
import { asList, classWeights, disposeAll, type TensorOrList, type TrainableModel } from './fit-helpers.js';
import { trainStep } from './train-step.js';

export interface TrainOnBatchConfig {
  /** [B, T] mask of the first input's padded steps. */
  mask?: tf.Tensor;
  /** Per-sample loss weights [B]. */
  sampleWeight?: tf.Tensor1D;
  /** Weight per class label of the first output's targets. */
  classWeight?: Record<number, number>;
}

/** Returns the batch's total loss and, by log name, the metrics (and per-output losses of a multi-output model). */
export function trainOnBatchModel(model: TrainableModel, compiled: CompiledModel, x: TensorOrList, y: TensorOrList, config: TrainOnBatchConfig = {}): Record<string, number> & { loss: number } {
  const xs = asList(x);
  const ys = asList(y);
  checkData('trainOnBatch', xs, ys, model.inputShapes);
  const n = xs[0].shape[0];
  checkPerSample('trainOnBatch', 'mask', config.mask, n);
  checkPerSample('trainOnBatch', 'sampleWeight', config.sampleWeight, n, 1);
  const cw = config.classWeight ? classWeights(ys[0], config.classWeight) : null;
  const sw = config.sampleWeight ?? null;
  const weights = cw && sw ? (tf.mul(cw, sw) as tf.Tensor1D) : cw ?? sw;
  try {
    const r = trainStep(model, compiled, { x: xs, y: ys, mask: config.mask ?? null, weights }, false, 'trainOnBatch');
    return { loss: r.loss, ...r.metrics };
  } finally {
    disposeAll([cw, weights === cw || weights === sw ? null : weights]);
  }
}
