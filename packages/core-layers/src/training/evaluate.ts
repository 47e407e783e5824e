// evaluate and predict over in-memory tensors: batched forward passes in inference mode, no gradient bookkeeping.
import { tf } from '@rnnkit/backend';
import { InputError } from '../errors.js';
import type { CompiledModel } from './compile.js';
import { checkData, checkPerSample } from './data-checks.js';
import { asList, type TensorOrList, type TrainableModel } from './fit-helpers.js';
import { batchTerms } from './train-step.js';

export interface EvaluateConfig {
  /** Samples per forward pass (default 32); the last batch may be smaller. */
  batchSize?: number;
  /** [N, T] mask of the first input's padded steps. */
  mask?: tf.Tensor;
  /** Per-sample loss weights [N] (the loss only; metrics are unweighted, as Keras' `metrics`). */
  sampleWeight?: tf.Tensor1D;
}

const checkBatchSize = (fn: string, b: number) => {
  if (!Number.isInteger(b) || b <= 0) throw new InputError(`${fn}: batchSize must be a positive integer, got ${b}`);
};

/**
 * Loss and metrics over all samples: each batch's values weighted by its size, so the result is the mean over
 * samples whatever the batch size. `loss` is the outputs' weighted mean losses summed plus the regularisation losses
 * (as Keras' evaluate and val_loss report it); a model with several outputs also gets `<output>_loss`.
 */
export function evaluateModel(model: TrainableModel, compiled: CompiledModel, x: TensorOrList, y: TensorOrList, config: EvaluateConfig = {}, fn = 'evaluate'): Record<string, number> {
  const { batchSize = 32, mask, sampleWeight } = config;
  checkBatchSize(fn, batchSize);
  const xs = asList(x);
  const ys = asList(y);
  checkData(fn, xs, ys, model.inputShapes);
  const n = xs[0].shape[0];
  checkPerSample(fn, 'mask', mask, n);
  checkPerSample(fn, 'sampleWeight', sampleWeight, n, 1);
  const sums: Record<string, number> = {};
  for (let s = 0; s < n; s += batchSize) {
    const size = Math.min(batchSize, n - s);
    const names: string[] = [];
    const vals = tf.tidy(() => {
      const slice = (t: tf.Tensor) => tf.slice(t, s, size);
      const preds = model.forward(xs.map(slice), { training: false, masks: [mask ? slice(mask) : null] });
      const { total, named } = batchTerms(fn, model, compiled, ys.map(slice), preds, sampleWeight ? (slice(sampleWeight) as tf.Tensor1D) : null);
      const reg = model.regularizationLosses();
      names.push('loss', ...Object.keys(named));
      return [reg.length ? tf.add(total, tf.addN(reg)) : total, ...Object.values(named)];
    });
    const read = vals.map((v) => v.dataSync()[0]);
    tf.dispose(vals);
    names.forEach((k, i) => (sums[k] = (sums[k] ?? 0) + read[i] * size));
  }
  return Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, v / n]));
}

/** Forward passes in batches in inference mode; one tensor per output (a bare tensor for one output). */
export function predictModel(model: TrainableModel, x: TensorOrList, config: { batchSize?: number; mask?: tf.Tensor } = {}): TensorOrList {
  const { batchSize = 32, mask } = config;
  checkBatchSize('predict', batchSize);
  const xs = asList(x);
  checkData('predict', xs, undefined, model.inputShapes);
  const n = xs[0].shape[0];
  checkPerSample('predict', 'mask', mask, n);
  const parts: tf.Tensor[][] = [];
  for (let s = 0; s < n; s += batchSize) {
    const size = Math.min(batchSize, n - s);
    parts.push(tf.tidy(() => model.forward(xs.map((t) => tf.slice(t, s, size)), { training: false, masks: [mask ? tf.slice(mask, s, size) : null] })));
  }
  const outputs = parts[0].map((_, o) => {
    if (parts.length === 1) return parts[0][o];
    const joined = tf.concat(parts.map((p) => p[o]), 0);
    tf.dispose(parts.map((p) => p[o]));
    return joined;
  });
  return outputs.length === 1 ? outputs[0] : outputs;
}
