// fit over in-memory tensors: batches of a (seeded) shuffle, the last partial batch trained, validation after each
// epoch, callbacks, and a progress line that counts samples as well as steps.
import { tf } from '@rnnkit/backend';
import { InputError } from '../errors.js';
import { History, wantsGradientNorms, type Callback } from './callbacks.js';
import type { CompiledModel } from './compile.js';
import { checkData, checkPerSample, sortedLabelWarning } from './data-checks.js';
import { EpochAccumulator, formatLogs } from './epoch-accumulator.js';
import { evaluateModel } from './evaluate.js';
import { asList, callbackList, classWeights, disposeAll, nanWarner, permutation, rng, type TensorOrList, type TrainableModel } from './fit-helpers.js';
import { trainStep } from './train-step.js';

export { evaluateModel, predictModel } from './evaluate.js';
export { fitDatasetModel } from './fit-dataset.js';
export type { EpochDataset, TfjsLikeDataset, FitDatasetConfig } from './fit-dataset.js';
export type { TensorOrList, TrainableModel } from './fit-helpers.js';

export interface FitConfig {
  /** Default 1. */
  epochs?: number;
  /** Samples per step, default 32. The last batch of an epoch holds the remainder: it is trained, never dropped. */
  batchSize?: number;
  /** Shuffle the training samples before each epoch (default true); `seed` makes the order reproducible. */
  shuffle?: boolean;
  /**
   * Fraction in (0, 1) of the samples held out for validation: the LAST ones, from index `floor(n * (1 - split))`
   * on, taken before any shuffling, as Keras does (the mask is split the same way). Data sorted by label therefore gives
   * a validation set unlike the training set; fit warns when the held-out labels look that way. Shuffle first, or
   * pass validationData. Not together with validationData.
   */
  validationSplit?: number;
  /** [x, y] evaluated after every epoch (`val_loss`, `val_<metric>` in the logs). */
  validationData?: [TensorOrList, TensorOrList];
  /** Per-sample loss weights [N]: the loss is sum(loss * w) / batch size, as Keras. */
  sampleWeight?: tf.Tensor1D;
  /** Weight per class label (the first output's targets: integer labels or one-hot rows); unlisted classes weigh 1. */
  classWeight?: Record<number, number>;
  /** [N, T] mask of padded steps of the first input, for recurrent layers (from padSequences). */
  mask?: tf.Tensor;
  /** Callbacks, or one callback object (tfjs-layers accepts both). */
  callbacks?: Callback[] | Callback;
  /**
   * 0 silent; 1 (default) one line per epoch: `epoch 1/5  313/313 steps  10000/10000 samples  2.1s  loss 0.1234 ...`
   * (steps are batches, counted apart from samples); 2 also one line per batch.
   */
  verbose?: 0 | 1 | 2;
  /** Epoch to start counting from (resuming); fit runs epochs initialEpoch .. epochs - 1. */
  initialEpoch?: number;
  /** Seed of the shuffle. */
  seed?: number;
  /** Where progress lines go (default console.log). */
  log?: (line: string) => void;
}

function checkCount(fn: string, name: string, v: number, min: number): void {
  if (!Number.isInteger(v) || v < min) throw new InputError(`${fn}: ${name} must be an integer >= ${min}, got ${v}`);
}

interface Split {
  n: number;
  validation?: { x: tf.Tensor[]; y: tf.Tensor[]; mask?: tf.Tensor };
  owned: tf.Tensor[];
}

/** Where validation comes from: validationData as given, or the last fraction of the samples (validationSplit). */
function splitValidation(xs: tf.Tensor[], ys: tf.Tensor[], config: FitConfig, inputShapes: (number | null)[][]): Split {
  const n = xs[0].shape[0];
  const { validationSplit: split, validationData } = config;
  if (split !== undefined && split !== 0 && validationData) {
    throw new InputError('fit: give validationData or validationSplit, not both (Keras would ignore validationSplit silently)');
  }
  if (validationData) {
    if (!Array.isArray(validationData) || validationData.length !== 2) throw new InputError(`fit: validationData must be [x, y], got ${Array.isArray(validationData) ? `${validationData.length} entries` : typeof validationData}`);
    const vx = asList(validationData[0]);
    const vy = asList(validationData[1]);
    checkData('fit: validationData', vx, vy, inputShapes);
    return { n, validation: { x: vx, y: vy }, owned: [] };
  }
  if (split === undefined || split === 0) return { n, owned: [] };
  if (!(split > 0 && split < 1)) throw new InputError(`fit: validationSplit must be in (0, 1), got ${split}`);
  const at = Math.floor(n * (1 - split));
  if (at === 0 || at === n) throw new InputError(`fit: validationSplit ${split} of ${n} samples leaves an empty ${at === 0 ? 'training' : 'validation'} set`);
  const warning = sortedLabelWarning(ys[0], at);
  if (warning) console.warn(warning);
  const tail = (t: tf.Tensor) => tf.slice(t, at);
  const validation = { x: xs.map(tail), y: ys.map(tail), mask: config.mask ? tail(config.mask) : undefined };
  return { n: at, validation, owned: [...validation.x, ...validation.y, ...(validation.mask ? [validation.mask] : [])] };
}

/** The per-sample loss weights (sampleWeight times classWeight), or null. */
function lossWeights(ys: tf.Tensor[], config: FitConfig, owned: tf.Tensor[]): tf.Tensor1D | null {
  const parts: tf.Tensor1D[] = [];
  if (config.sampleWeight) parts.push(config.sampleWeight);
  if (config.classWeight) {
    const cw = classWeights(ys[0], config.classWeight);
    owned.push(cw);
    parts.push(cw);
  }
  if (parts.length < 2) return parts[0] ?? null;
  const w = tf.mul(parts[0], parts[1]) as tf.Tensor1D;
  owned.push(w);
  return w;
}

/** Trains `model` on x/y; resolves to the History of per-epoch logs. */
export async function fitModel(model: TrainableModel, compiled: CompiledModel, x: TensorOrList, y: TensorOrList, config: FitConfig = {}): Promise<History> {
  const xs = asList(x);
  const ys = asList(y);
  checkData('fit', xs, ys, model.inputShapes);
  const { epochs = 1, batchSize = 32, shuffle = true, verbose = 1, initialEpoch = 0 } = config;
  checkCount('fit', 'batchSize', batchSize, 1);
  checkCount('fit', 'epochs', epochs, 1);
  checkCount('fit', 'initialEpoch', initialEpoch, 0);
  checkPerSample('fit', 'sampleWeight', config.sampleWeight, xs[0].shape[0], 1);
  checkPerSample('fit', 'mask', config.mask, xs[0].shape[0]);
  const log = config.log ?? ((l: string) => console.log(l));
  const { n, validation, owned } = splitValidation(xs, ys, config, model.inputShapes);
  const history = new History();
  try {
    const weights = lossWeights(ys, config, owned);
    const callbacks: Callback[] = [history, ...callbackList(config.callbacks)];
    const wantNorms = wantsGradientNorms(callbacks);
    for (const c of callbacks) c.setModel?.(model);
    model.stopTraining = false;
    const next = rng(config.seed ?? Math.floor(Math.random() * 2 ** 31));
    const steps = Math.ceil(n / batchSize);
    const warnNaN = nanWarner('fit');
    for (const c of callbacks) await c.onTrainBegin?.();
    for (let epoch = initialEpoch; epoch < epochs && !model.stopTraining; epoch++) {
      for (const c of callbacks) await c.onEpochBegin?.(epoch);
      const t0 = performance.now();
      const order = shuffle ? permutation(n, next) : Int32Array.from({ length: n }, (_, i) => i);
      const acc = new EpochAccumulator();
      let done = 0;
      for (let s = 0; s < steps && !model.stopTraining; s++) {
        const idx = tf.tensor1d(order.subarray(s * batchSize, Math.min(n, (s + 1) * batchSize)), 'int32');
        const size = idx.shape[0];
        const take = (t: tf.Tensor) => tf.gather(t, idx);
        const batch = { x: xs.map(take), y: ys.map(take), mask: config.mask ? take(config.mask) : null, weights: weights ? (take(weights) as tf.Tensor1D) : null };
        try {
          for (const c of callbacks) await c.onBatchBegin?.(s, { batch: s, size });
          const r = trainStep(model, compiled, batch, wantNorms);
          warnNaN(r.loss, epoch, s);
          const logs = acc.add(s, size, r);
          done++;
          for (const c of callbacks) await c.onBatchEnd?.(s, logs);
          if (verbose === 2) log(`  batch ${s + 1}/${steps}  ${acc.seen}/${n} samples  loss ${r.loss.toFixed(4)}`);
        } finally {
          disposeAll([idx, ...batch.x, ...batch.y, batch.mask, batch.weights]);
        }
      }
      const epochLogs = acc.logs();
      if (validation) {
        const val = evaluateModel(model, compiled, validation.x, validation.y, { batchSize, mask: validation.mask }, 'fit: validation');
        for (const [k, v] of Object.entries(val)) epochLogs[`val_${k}`] = v;
      }
      if (verbose >= 1) {
        log(`epoch ${epoch + 1}/${epochs}  ${done}/${steps} steps  ${acc.seen}/${n} samples  ${((performance.now() - t0) / 1000).toFixed(1)}s  ${formatLogs(epochLogs)}`);
      }
      for (const c of callbacks) await c.onEpochEnd?.(epoch, epochLogs);
    }
    for (const c of callbacks) await c.onTrainEnd?.();
  } finally {
    tf.dispose(owned);
  }
  return history;
}
