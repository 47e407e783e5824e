// fit / evaluate / predict over in-memory tensors, and fitDataset over the data pipeline's epoch batches.
import { tf } from '@rnnkit/backend';
import type { ModelCore } from '../engine/contracts.js';
import { InputError } from '../errors.js';
import { History, type Callback } from './callbacks.js';
import { EpochAccumulator, formatLogs } from './epoch-accumulator.js';
import type { CompiledModel } from './compile.js';
import { checkData, sortedLabelWarning } from './data-checks.js';
import { sumOutputs, trainStep, type StepBatch } from './train-step.js';

export interface FitConfig {
  epochs?: number;
  batchSize?: number;
  shuffle?: boolean;
  /** Fraction of samples held out for validation: the LAST ones, taken before shuffling (as Keras). */
  validationSplit?: number;
  validationData?: [TensorOrList, TensorOrList];
  sampleWeight?: tf.Tensor1D;
  classWeight?: Record<number, number>;
  /** [N, T] mask of padded steps for recurrent layers (from padSequences). */
  mask?: tf.Tensor;
  /** Callbacks, or one callback object (tfjs-layers accepts both). */
  callbacks?: Callback[] | Callback;
  /** 0 silent, 1 one line per epoch (steps and samples), 2 also per batch. */
  verbose?: 0 | 1 | 2;
  initialEpoch?: number;
  seed?: number;
  log?: (line: string) => void;
}

export type TrainableModel = ModelCore & { optimizer?: tf.Optimizer; getWeights(): tf.Tensor[]; setWeights(w: tf.Tensor[]): void };
/** One tensor for a single-input (or single-output) model, a list for several. */
export type TensorOrList = tf.Tensor | tf.Tensor[];
const asList = (t: TensorOrList): tf.Tensor[] => (Array.isArray(t) ? t : [t]);

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

function permutation(n: number, next: () => number): Int32Array {
  const p = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}

function classWeights(y: tf.Tensor, table: Record<number, number>): tf.Tensor1D {
  return tf.tidy(() => {
    const labels = y.rank > 1 && y.shape[y.rank - 1] > 1 ? tf.argMax(y, -1) : tf.reshape(tf.round(y), [y.shape[0]]);
    const d = labels.dataSync();
    return tf.tensor1d(Array.from(d, (c) => table[c] ?? 1));
  });
}

const callbackList = (c: Callback[] | Callback | undefined): Callback[] => (c === undefined ? [] : Array.isArray(c) ? c : [c]);

const take = (t: tf.Tensor | undefined | null, idx: tf.Tensor1D) => (t ? tf.gather(t, idx) : null);

export async function fitModel(model: TrainableModel, compiled: CompiledModel, x: TensorOrList, y: TensorOrList, config: FitConfig = {}): Promise<History> {
  const xs = asList(x);
  const ys = asList(y);
  checkData('fit', xs, ys, model.inputShapes);
  const { epochs = 1, batchSize = 32, shuffle = true, verbose = 1, initialEpoch = 0 } = config;
  const log = config.log ?? ((l: string) => console.log(l));
  if (!Number.isInteger(batchSize) || batchSize <= 0) throw new InputError(`fit: batchSize must be a positive integer, got ${batchSize}`);
  let n = xs[0].shape[0];
  let validation = config.validationData;
  const owned: tf.Tensor[] = [];
  if (config.validationSplit) {
    const split = config.validationSplit;
    if (!(split > 0 && split < 1)) throw new InputError(`fit: validationSplit must be in (0, 1), got ${split}`);
    const at = Math.floor(n * (1 - split));
    if (at === 0 || at === n) throw new InputError(`fit: validationSplit ${split} of ${n} samples leaves an empty ${at === 0 ? 'training' : 'validation'} set`);
    const warning = sortedLabelWarning(ys[0], at);
    if (warning) console.warn(warning);
    const [xv, yv] = [xs.map((t) => tf.slice(t, at)), ys.map((t) => tf.slice(t, at))];
    validation = [xv, yv];
    owned.push(...xv, ...yv);
    n = at;
  }
  const weights = (() => {
    const parts: tf.Tensor1D[] = [];
    if (config.sampleWeight) parts.push(config.sampleWeight);
    if (config.classWeight) parts.push(classWeights(ys[0], config.classWeight));
    if (!parts.length) return null;
    const w = parts.length === 1 ? parts[0] : (tf.mul(parts[0], parts[1]) as tf.Tensor1D);
    if (w !== config.sampleWeight) owned.push(w);
    return w;
  })();
  const history = new History();
  const callbacks: Callback[] = [history, ...callbackList(config.callbacks)];
  const wantNorms = callbacks.some((c) => c.wantsGradientNorms);
  for (const c of callbacks) c.setModel?.(model);
  model.stopTraining = false;
  const next = rng(config.seed ?? Math.floor(Math.random() * 2 ** 31));
  const steps = Math.ceil(n / batchSize);
  let warnedNaN = false;
  try {
    for (const c of callbacks) await c.onTrainBegin?.();
    for (let epoch = initialEpoch; epoch < epochs && !model.stopTraining; epoch++) {
      for (const c of callbacks) await c.onEpochBegin?.(epoch);
      const t0 = performance.now();
      const order = shuffle ? permutation(n, next) : Int32Array.from({ length: n }, (_, i) => i);
      const acc = new EpochAccumulator();
      for (let s = 0; s < steps && !model.stopTraining; s++) {
        // The last partial batch is trained, never dropped.
        const idx = tf.tensor1d(order.subarray(s * batchSize, Math.min(n, (s + 1) * batchSize)), 'int32');
        const batch: StepBatch = { x: xs.map((t) => tf.gather(t, idx)), y: ys.map((t) => tf.gather(t, idx)), mask: take(config.mask, idx), weights: take(weights, idx) as tf.Tensor1D | null };
        const size = idx.shape[0];
        for (const c of callbacks) await c.onBatchBegin?.(s, { batch: s, size });
        const r = trainStep(model, compiled, batch, wantNorms);
        tf.dispose([idx, ...batch.x, ...batch.y, batch.mask, batch.weights].filter((t): t is tf.Tensor => !!t));
        if (!Number.isFinite(r.loss) && !warnedNaN) {
          warnedNaN = true;
          console.warn(`fit: loss is ${r.loss} at epoch ${epoch + 1}, batch ${s + 1} (add terminateOnNaN() to stop, lower the learning rate or clip gradients)`);
        }
        const logs = acc.add(s, size, r);
        for (const c of callbacks) await c.onBatchEnd?.(s, logs as never);
        if (verbose === 2) log(`  batch ${s + 1}/${steps}  ${acc.seen}/${n} samples  loss ${r.loss.toFixed(4)}`);
      }
      const epochLogs = acc.logs();
      if (validation) {
        const val = evaluateModel(model, compiled, validation[0], validation[1], { batchSize });
        for (const [k, v] of Object.entries(val)) epochLogs[`val_${k}`] = v;
      }
      if (verbose >= 1) {
        log(`epoch ${epoch + 1}/${epochs}  ${Math.ceil(acc.seen / batchSize)}/${steps} steps  ${acc.seen}/${n} samples  ${((performance.now() - t0) / 1000).toFixed(1)}s  ${formatLogs(epochLogs)}`);
      }
      for (const c of callbacks) await c.onEpochEnd?.(epoch, epochLogs);
    }
    for (const c of callbacks) await c.onTrainEnd?.();
  } finally {
    tf.dispose(owned);
  }
  return history;
}

/** Loss and metrics over all samples (batched; weighted by batch size). */
export function evaluateModel(model: TrainableModel, compiled: CompiledModel, x: TensorOrList, y: TensorOrList, { batchSize = 32, mask }: { batchSize?: number; mask?: tf.Tensor } = {}): Record<string, number> {
  const xs = asList(x);
  const ys = asList(y);
  checkData('evaluate', xs, ys, model.inputShapes);
  const n = xs[0].shape[0];
  const sums: Record<string, number> = { loss: 0 };
  for (let s = 0; s < n; s += batchSize) {
    const size = Math.min(batchSize, n - s);
    const vals = tf.tidy(() => {
      const xb = xs.map((t) => tf.slice(t, s, size));
      const yb = ys.map((t) => tf.slice(t, s, size));
      const mb = mask ? tf.slice(mask, s, size) : null;
      const preds = model.forward(xb, { training: false, masks: [mb] });
      return [sumOutputs(compiled, yb, preds), ...compiled.metrics.map((m) => tf.mean(m.fn(yb[0], preds[0])))];
    });
    const [loss, ...metrics] = vals.map((v) => v.dataSync()[0]);
    tf.dispose(vals);
    sums.loss += loss * size;
    compiled.metrics.forEach((m, i) => (sums[m.name] = (sums[m.name] ?? 0) + metrics[i] * size));
  }
  return Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, v / n]));
}

/** Forward passes in batches without gradient bookkeeping; one tensor per output (a bare tensor for one output). */
export function predictModel(model: TrainableModel, x: TensorOrList, { batchSize = 32, mask }: { batchSize?: number; mask?: tf.Tensor } = {}): TensorOrList {
  const xs = asList(x);
  checkData('predict', xs, undefined, model.inputShapes);
  const n = xs[0].shape[0];
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

export interface EpochDataset {
  size?: number;
  epochBatches(epoch: number): AsyncIterable<{ xs: tf.Tensor; ys?: tf.Tensor; mask?: tf.Tensor; sampleWeight?: tf.Tensor }>;
}
export interface TfjsLikeDataset {
  iterator(): Promise<{ next(): Promise<{ value: { xs: tf.Tensor; ys: tf.Tensor } | [tf.Tensor, tf.Tensor]; done: boolean }> }>;
}

type TensorBatch = { xs: tf.Tensor; ys?: tf.Tensor; mask?: tf.Tensor; sampleWeight?: tf.Tensor };
async function* batchesOf(dataset: EpochDataset | TfjsLikeDataset, epoch: number): AsyncGenerator<TensorBatch> {
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

/** Trains over a dataset's epoch batches (e.g. @rnnkit/data-pipeline/tensors), passing masks to the model. */
export async function fitDatasetModel(model: TrainableModel, compiled: CompiledModel, dataset: EpochDataset | TfjsLikeDataset, config: Omit<FitConfig, 'batchSize' | 'shuffle' | 'validationSplit' | 'sampleWeight' | 'classWeight' | 'mask'> = {}): Promise<History> {
  const { epochs = 1, verbose = 1, initialEpoch = 0 } = config;
  const log = config.log ?? ((l: string) => console.log(l));
  const history = new History();
  const callbacks: Callback[] = [history, ...callbackList(config.callbacks)];
  const wantNorms = callbacks.some((c) => c.wantsGradientNorms);
  for (const c of callbacks) c.setModel?.(model);
  model.stopTraining = false;
  const total = 'size' in dataset ? dataset.size : undefined;
  for (const c of callbacks) await c.onTrainBegin?.();
  for (let epoch = initialEpoch; epoch < epochs && !model.stopTraining; epoch++) {
    for (const c of callbacks) await c.onEpochBegin?.(epoch);
    const t0 = performance.now();
    const acc = new EpochAccumulator();
    let s = 0;
    for await (const b of batchesOf(dataset, epoch)) {
      if (!b.ys) throw new InputError(`fitDataset: batch ${s} of epoch ${epoch + 1} has no targets (ys)`);
      const size = b.xs.shape[0];
      for (const c of callbacks) await c.onBatchBegin?.(s, { batch: s, size });
      const r = trainStep(model, compiled, { x: [b.xs], y: [b.ys], mask: b.mask ?? null, weights: (b.sampleWeight as tf.Tensor1D) ?? null }, wantNorms);
      tf.dispose([b.xs, b.ys, b.mask, b.sampleWeight].filter((t): t is tf.Tensor => !!t));
      const logs = acc.add(s, size, r);
      for (const c of callbacks) await c.onBatchEnd?.(s, logs as never);
      s++;
      if (model.stopTraining) break;
    }
    if (acc.seen === 0) throw new InputError(`fitDataset: epoch ${epoch + 1} yielded no batches`);
    const epochLogs = acc.logs();
    if (config.validationData) {
      const val = evaluateModel(model, compiled, config.validationData[0], config.validationData[1]);
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
