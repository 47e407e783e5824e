// fitDataset: training over a dataset's batches, either @rnnkit/data-pipeline/tensors' epochBatches (masks go to
// the model through ForwardOptions.masks) or a tfjs-data-like iterator. Every tensor a batch brings is disposed here.
import { tf } from '@rnnkit/backend';
import { InputError, shapeText } from '../errors.js';
import { History, wantsGradientNorms, type Callback } from './callbacks.js';
import type { CompiledModel } from './compile.js';
import { checkData, checkPerSample } from './data-checks.js';
import { EpochAccumulator, formatLogs } from './epoch-accumulator.js';
import { evaluateModel } from './evaluate.js';
import { callbackList, disposeAll, nanWarner, type TensorOrList, type TrainableModel } from './fit-helpers.js';
import { batchTerms, trainStep } from './train-step.js';

/** One batch as the data pipeline yields it (other fields, e.g. `ids`, `lengths`, are ignored). */
export interface DatasetBatch {
  xs: tf.Tensor;
  ys?: tf.Tensor;
  /** [B, T], 1 for real steps, 0 for padding. */
  mask?: tf.Tensor;
  sampleWeight?: tf.Tensor;
}

/** @rnnkit/data-pipeline/tensors' TensorDataset: `size` is samples per epoch, when known. */
export interface EpochDataset {
  size?: number;
  epochBatches(epoch: number): AsyncIterable<DatasetBatch>;
}

/** tfjs-data's Dataset shape: an iterator of `{xs, ys}` or `[xs, ys]`. */
export interface TfjsLikeDataset {
  iterator(): Promise<{ next(): Promise<{ value: { xs: tf.Tensor; ys: tf.Tensor } | [tf.Tensor, tf.Tensor]; done: boolean }> }>;
}

export type AnyDataset = EpochDataset | TfjsLikeDataset;

export interface FitDatasetConfig {
  epochs?: number;
  /** [x, y] tensors, or a dataset evaluated after each epoch (its epoch-0 batches). */
  validationData?: [TensorOrList, TensorOrList] | AnyDataset;
  callbacks?: Callback[] | Callback;
  /** 0 silent; 1 (default) one line per epoch with steps and samples (`/size` when the dataset knows it); 2 per batch too. */
  verbose?: 0 | 1 | 2;
  initialEpoch?: number;
  log?: (line: string) => void;
}

const isDataset = (d: unknown): d is AnyDataset => typeof d === 'object' && d !== null && ('epochBatches' in d || 'iterator' in d);

async function* batchesOf(dataset: AnyDataset, epoch: number): AsyncGenerator<DatasetBatch> {
  if ('epochBatches' in dataset) {
    yield* dataset.epochBatches(epoch);
    return;
  }
  const it = await dataset.iterator();
  for (let r = await it.next(); !r.done; r = await it.next()) {
    const v = r.value;
    yield Array.isArray(v) ? { xs: v[0], ys: v[1] } : v;
  }
}

/** Shapes, sample counts and finiteness of one batch; errors name the epoch and batch. */
function checkBatch(fn: string, model: TrainableModel, b: DatasetBatch, epoch: number, s: number): void {
  const where = `${fn}: epoch ${epoch + 1}, batch ${s}`;
  if (!(b?.xs instanceof tf.Tensor)) throw new InputError(`${where}: expected {xs, ys} tensors, got ${b === null ? 'null' : typeof b?.xs}`);
  if (!b.ys) throw new InputError(`${where} has no targets (ys)`);
  checkData(where, [b.xs], [b.ys], model.inputShapes);
  checkPerSample(where, 'sampleWeight', b.sampleWeight, b.xs.shape[0], 1);
  if (b.mask && (b.mask.rank !== 2 || b.mask.shape[0] !== b.xs.shape[0] || (b.xs.rank >= 2 && b.mask.shape[1] !== b.xs.shape[1]))) {
    throw new InputError(`${where}: mask has shape ${shapeText(b.mask.shape)}, expected [${b.xs.shape[0]}, ${b.xs.shape[1]}] for xs ${shapeText(b.xs.shape)}`);
  }
}

/** Loss and metrics over a dataset's batches (epoch 0), weighted by batch size; disposes the batches. */
export async function evaluateDatasetModel(model: TrainableModel, compiled: CompiledModel, dataset: AnyDataset, fn = 'evaluateDataset'): Promise<Record<string, number>> {
  const sums: Record<string, number> = {};
  let n = 0;
  let s = 0;
  for await (const b of batchesOf(dataset, 0)) {
    try {
      checkBatch(fn, model, b, 0, s++);
      const size = b.xs.shape[0];
      const names: string[] = [];
      const vals = tf.tidy(() => {
        const preds = model.forward([b.xs], { training: false, masks: [b.mask ?? null] });
        const { total, named } = batchTerms(fn, model, compiled, [b.ys!], preds, (b.sampleWeight as tf.Tensor1D) ?? null);
        const reg = model.regularizationLosses();
        names.push('loss', ...Object.keys(named));
        return [reg.length ? tf.add(total, tf.addN(reg)) : total, ...Object.values(named)];
      });
      const read = vals.map((v) => v.dataSync()[0]);
      tf.dispose(vals);
      names.forEach((k, i) => (sums[k] = (sums[k] ?? 0) + read[i] * size));
      n += size;
    } finally {
      disposeAll([b.xs, b.ys, b.mask, b.sampleWeight]);
    }
  }
  if (n === 0) throw new InputError(`${fn}: the dataset yielded no batches`);
  return Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, v / n]));
}

/** Trains over a dataset's epoch batches (e.g. @rnnkit/data-pipeline/tensors), passing masks to the model. */
export async function fitDatasetModel(model: TrainableModel, compiled: CompiledModel, dataset: AnyDataset, config: FitDatasetConfig = {}): Promise<History> {
  if (!isDataset(dataset)) throw new InputError(`fitDataset: dataset must have epochBatches(epoch) (@rnnkit/data-pipeline/tensors) or iterator() (tfjs-data), got ${typeof dataset}`);
  const { epochs = 1, verbose = 1, initialEpoch = 0, validationData } = config;
  if (!Number.isInteger(epochs) || epochs < 1) throw new InputError(`fitDataset: epochs must be an integer >= 1, got ${epochs}`);
  const log = config.log ?? ((l: string) => console.log(l));
  const history = new History();
  const callbacks: Callback[] = [history, ...callbackList(config.callbacks)];
  const wantNorms = wantsGradientNorms(callbacks);
  for (const c of callbacks) c.setModel?.(model);
  model.stopTraining = false;
  const total = 'size' in dataset ? dataset.size : undefined;
  const warnNaN = nanWarner('fitDataset');
  for (const c of callbacks) await c.onTrainBegin?.();
  for (let epoch = initialEpoch; epoch < epochs && !model.stopTraining; epoch++) {
    for (const c of callbacks) await c.onEpochBegin?.(epoch);
    const t0 = performance.now();
    const acc = new EpochAccumulator();
    let s = 0;
    for await (const b of batchesOf(dataset, epoch)) {
      try {
        checkBatch('fitDataset', model, b, epoch, s);
        const size = b.xs.shape[0];
        for (const c of callbacks) await c.onBatchBegin?.(s, { batch: s, size });
        const r = trainStep(model, compiled, { x: [b.xs], y: [b.ys!], mask: b.mask ?? null, weights: (b.sampleWeight as tf.Tensor1D) ?? null }, wantNorms, 'fitDataset');
        warnNaN(r.loss, epoch, s);
        const logs = acc.add(s, size, r);
        for (const c of callbacks) await c.onBatchEnd?.(s, logs);
        if (verbose === 2) log(`  batch ${s + 1}  ${acc.seen}${total ? `/${total}` : ''} samples  loss ${r.loss.toFixed(4)}`);
      } finally {
        disposeAll([b.xs, b.ys, b.mask, b.sampleWeight]);
      }
      s++;
      if (model.stopTraining) break;
    }
    if (acc.seen === 0) throw new InputError(`fitDataset: epoch ${epoch + 1} yielded no batches`);
    const epochLogs = acc.logs();
    if (validationData) {
      const val = isDataset(validationData)
        ? await evaluateDatasetModel(model, compiled, validationData, 'fitDataset: validationData')
        : evaluateModel(model, compiled, validationData[0], validationData[1], {}, 'fitDataset: validationData');
      for (const [k, v] of Object.entries(val)) epochLogs[`val_${k}`] = v;
    }
    if (verbose >= 1) {
      log(`epoch ${epoch + 1}/${epochs}  ${s} steps  ${acc.seen}${total ? `/${total}` : ''} samples  ${((performance.now() - t0) / 1000).toFixed(1)}s  ${formatLogs(epochLogs)}`);
    }
    for (const c of callbacks) await c.onEpochEnd?.(epoch, epochLogs);
  }
  for (const c of callbacks) await c.onTrainEnd?.();
  return history;
}
