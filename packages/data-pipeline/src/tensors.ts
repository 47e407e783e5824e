// @rnnkit/data-pipeline/tensors: batches as tensors of the one rnnkit tfjs-core instance. The consumer owns (and
// disposes) every tensor it is given; nothing is kept here.
import { tf } from '@rnnkit/backend';
import { InvalidArgumentError } from './errors.js';
import type { ArrayData, Batch, BatchSource } from './types.js';

export interface TensorBatch {
  xs: tf.Tensor;
  ys?: tf.Tensor;
  /** [B, T], 1 for real steps, 0 for padding. */
  mask?: tf.Tensor2D;
  ids: number[];
  sampleWeight?: tf.Tensor1D;
  /** Real length of each row (a plain array, not a tensor: nothing more to dispose). */
  lengths?: Int32Array;
  epoch: number;
  /** Batch index within the epoch. */
  index: number;
}

export interface TensorDataset {
  /** Samples per epoch, when known. */
  readonly size?: number;
  epochBatches(epoch: number): AsyncIterable<TensorBatch>;
}

function toTensor(a: ArrayData): tf.Tensor {
  return tf.tensor(a.data, a.shape, a.data instanceof Int32Array ? 'int32' : 'float32');
}

/** One batch as tensors (the caller disposes them). */
export function batchToTensors(batch: Batch): TensorBatch {
  const out: TensorBatch = { xs: toTensor(batch.x), ids: batch.ids, epoch: batch.epoch, index: batch.index };
  if (batch.lengths) out.lengths = batch.lengths;
  if (batch.y) out.ys = toTensor(batch.y);
  if (batch.mask) out.mask = tf.tensor2d(batch.mask.data, batch.mask.shape, 'float32');
  if (batch.sampleWeight) out.sampleWeight = tf.tensor1d(batch.sampleWeight, 'float32');
  return out;
}

/** Wraps a pipeline (or any BatchSource) so each epoch yields tensors; the manifest still records every batch. */
export function toTensorDataset(pipeline: BatchSource): TensorDataset {
  if (!pipeline || typeof pipeline.epochBatches !== 'function') {
    throw new InvalidArgumentError('toTensorDataset', 'pipeline', 'a Pipeline (an object with epochBatches(epoch))', typeof pipeline);
  }
  return {
    get size() {
      return pipeline.size;
    },
    async *epochBatches(epoch: number) {
      for await (const batch of pipeline.epochBatches(epoch)) yield batchToTensors(batch);
    },
  };
}
