// Training callbacks: the Callback interface that fit and fitDataset call, History, earlyStopping,
// reduceLROnPlateau and terminateOnNaN (modelCheckpoint is in model-checkpoint.ts).
import type { tf } from '@rnnkit/backend';
import type { ModelCore } from '../engine/contracts.js';

export type Logs = Record<string, number>;

/** What onBatchBegin gets: the batch index within the epoch and its number of samples. */
export interface BatchLogs extends Logs {
  batch: number;
  size: number;
  loss: number;
}

/** Gradient norms of one batch, present in onBatchEnd's logs only when a callback asked for them. */
export interface GradientNormLogs {
  /** Global L2 norm over every trainable weight's gradient, before the optimizer clips (= its lastClipReport.globalNorm). */
  gradNorm?: number;
  /** L2 norm of each trainable weight's gradient, by weight name ('lstm/kernel'); 0 for a weight the loss does not reach. */
  gradientNorms?: Record<string, number>;
  /** L2 norm per layer (over that layer's weights), by layer name: the weight name up to its first '/' ('lstm'). */
  layerGradNorms?: Record<string, number>;
}

export type BatchEndLogs = BatchLogs & GradientNormLogs;

/**
 * A training callback (Keras' Callback). Every hook is optional and may return a promise, which the trainer awaits.
 *
 * Order within fit/fitDataset: setModel(model) once; onTrainBegin(); per epoch onEpochBegin(epoch) (epoch counts
 * from 0, or from initialEpoch), then per batch onBatchBegin(batch, {batch, size}) and onBatchEnd(batch, logs), then
 * onEpochEnd(epoch, logs) with the epoch's sample-weighted means (`loss`, metrics, `val_loss`, `val_<metric>` with
 * validation data); onTrainEnd() last, also when a callback stopped training. Callbacks run in the order given,
 * after the History that fit returns.
 *
 * onBatchEnd(batch, logs) gets, for the batch just trained:
 * - `batch`: index within the epoch (0-based); `size`: samples in this batch (the last batch of an epoch may be
 *   smaller: it is trained, never dropped);
 * - `loss`: the batch's total training loss (weighted mean loss of each output, summed, plus regularisation), the
 *   number the gradients were taken of, read after the optimizer's update; NaN or Infinity when training diverged;
 * - each metric's batch mean by its log name ('acc', 'mse'; `<output>_acc` and `<output>_loss` for a model with
 *   several outputs);
 * - when any callback sets `wantsGradientNorms: true` (or `requires: { gradientNorms: true }`): `gradNorm`,
 *   `gradientNorms` and `layerGradNorms` (see GradientNormLogs). They are computed from the same gradient tensors
 *   the optimizer then applies (one backward pass per batch; the norms cost one small read), before any clipping.
 *   Without such a callback these fields are absent and nothing extra is computed.
 *
 * Setting `model.stopTraining = true` in any hook ends training after the current batch.
 */
export interface Callback {
  /** Ask the trainer for gradient norms in onBatchEnd's logs (costs one small read per batch). */
  wantsGradientNorms?: boolean;
  /** The same request in object form. */
  requires?: { gradientNorms?: boolean };
  setModel?(model: ModelCore & { optimizer?: tf.Optimizer; getWeights(): tf.Tensor[]; setWeights(w: tf.Tensor[]): void }): void;
  onTrainBegin?(logs?: Logs): void | Promise<void>;
  onTrainEnd?(logs?: Logs): void | Promise<void>;
  onEpochBegin?(epoch: number, logs?: Logs): void | Promise<void>;
  onEpochEnd?(epoch: number, logs: Logs): void | Promise<void>;
  onBatchBegin?(batch: number, logs?: Logs): void | Promise<void>;
  onBatchEnd?(batch: number, logs: BatchEndLogs): void | Promise<void>;
}

/** True when any callback asked for gradient norms. */
export const wantsGradientNorms = (callbacks: Callback[]): boolean => callbacks.some((c) => c.wantsGradientNorms || c.requires?.gradientNorms);

/** Per-epoch logs of a fit: `history.loss`, `history.val_loss`, ... */
export class History implements Callback {
  readonly epoch: number[] = [];
  readonly history: Record<string, number[]> = {};
  onEpochEnd(epoch: number, logs: Logs): void {
    this.epoch.push(epoch);
    for (const [k, v] of Object.entries(logs)) (this.history[k] ??= []).push(v);
  }
}

type TrainedModel = Parameters<NonNullable<Callback['setModel']>>[0];

function improvement(mode: 'min' | 'max' | 'auto', monitor: string) {
  const max = mode === 'max' || (mode === 'auto' && /acc/.test(monitor));
  return (current: number, best: number, minDelta: number) => (max ? current > best + minDelta : current < best - minDelta);
}

/**
 * Stops training once `monitor` has not improved (by more than `minDelta`) for `patience` epochs in a row, as Keras
 * and tfjs-layers count (patience 0 stops at the first epoch without improvement). `mode` 'auto' maximises monitors
 * whose name contains 'acc'. With `restoreBestWeights`, the weights of the best epoch are put back when training
 * ends: whether it stopped early or ran all its epochs (Keras restores only on an early stop; here the model after
 * fit is always the best one seen). A monitor missing from the epoch logs is an error naming the logs there are.
 */
export function earlyStopping({ monitor = 'val_loss', patience = 0, minDelta = 0, mode = 'auto', restoreBestWeights = false }: {
  monitor?: string; patience?: number; minDelta?: number; mode?: 'min' | 'max' | 'auto'; restoreBestWeights?: boolean;
} = {}): Callback & { stoppedEpoch: number; bestEpoch: number } {
  const better = improvement(mode, monitor);
  let model: TrainedModel | undefined;
  let best = Number.NaN;
  let wait = 0;
  let bestWeights: tf.Tensor[] | undefined;
  const cb = {
    stoppedEpoch: -1,
    bestEpoch: -1,
    setModel(m: TrainedModel) { model = m; },
    onTrainBegin() { best = Number.NaN; wait = 0; },
    onEpochEnd(epoch: number, logs: Logs) {
      const current = logs[monitor];
      if (current === undefined) throw new Error(`earlyStopping: monitor '${monitor}' is not in the epoch logs (have ${Object.keys(logs).join(', ')})`);
      if (Number.isNaN(best) || better(current, best, Math.abs(minDelta))) {
        best = current;
        wait = 0;
        cb.bestEpoch = epoch;
        if (restoreBestWeights && model) {
          bestWeights?.forEach((w) => w.dispose());
          bestWeights = model.getWeights();
        }
        return;
      }
      if (++wait >= patience && model) {
        model.stopTraining = true;
        cb.stoppedEpoch = epoch;
      }
    },
    onTrainEnd() {
      if (restoreBestWeights && bestWeights && model) {
        model.setWeights(bestWeights);
        bestWeights.forEach((w) => w.dispose());
        bestWeights = undefined;
      }
    },
  };
  return cb;
}

/**
 * Multiplies the optimizer's learning rate by `factor` (never below `minLr`) once `monitor` has not improved by more
 * than `minDelta` for `patience` epochs, then waits `cooldown` epochs before counting again (Keras' semantics). It
 * uses the optimizer's getLearningRate/setLearningRate (every @rnnkit/optimizers optimizer has them). A monitor
 * missing from the epoch logs is warned about once and the callback does nothing (Keras does the same).
 */
export function reduceLROnPlateau({ monitor = 'val_loss', factor = 0.1, patience = 10, minLr = 0, cooldown = 0, minDelta = 1e-4, mode = 'auto' }: {
  monitor?: string; factor?: number; patience?: number; minLr?: number; cooldown?: number; minDelta?: number; mode?: 'min' | 'max' | 'auto';
} = {}): Callback & { reductions: { epoch: number; from: number; to: number }[] } {
  if (!(factor > 0 && factor < 1)) throw new Error(`reduceLROnPlateau: factor must be in (0, 1), got ${factor}`);
  const better = improvement(mode, monitor);
  let model: TrainedModel | undefined;
  let best = Number.NaN;
  let wait = 0;
  let cool = 0;
  let warned = false;
  const cb = {
    reductions: [] as { epoch: number; from: number; to: number }[],
    setModel(m: TrainedModel) { model = m; },
    onTrainBegin() { best = Number.NaN; wait = 0; cool = 0; },
    onEpochEnd(epoch: number, logs: Logs) {
      const current = logs[monitor];
      if (current === undefined) {
        if (!warned) console.warn(`reduceLROnPlateau: monitor '${monitor}' is not in the epoch logs (have ${Object.keys(logs).join(', ')}); the learning rate stays as it is`);
        warned = true;
        return;
      }
      if (cool > 0) { cool--; wait = 0; }
      if (Number.isNaN(best) || better(current, best, minDelta)) { best = current; wait = 0; return; }
      if (cool > 0 || ++wait < patience) return;
      const opt = model?.optimizer as unknown as { getLearningRate?(): number; setLearningRate?(lr: number): void } | undefined;
      if (!opt?.getLearningRate || !opt.setLearningRate) throw new Error('reduceLROnPlateau: the optimizer has no getLearningRate/setLearningRate (use an @rnnkit/optimizers optimizer)');
      const from = opt.getLearningRate();
      if (from <= minLr) return;
      const to = Math.max(minLr, from * factor);
      opt.setLearningRate(to);
      cb.reductions.push({ epoch, from, to });
      cool = cooldown;
      wait = 0;
    },
  };
  return cb;
}

/** Stops training at the first batch whose loss is NaN or infinite. */
export function terminateOnNaN(): Callback & { stoppedAt: { epoch: number; batch: number } | null } {
  let model: TrainedModel | undefined;
  let epoch = 0;
  const cb = {
    stoppedAt: null as { epoch: number; batch: number } | null,
    setModel(m: TrainedModel) { model = m; },
    onEpochBegin(e: number) { epoch = e; },
    onBatchEnd(batch: number, logs: BatchEndLogs) {
      if (!Number.isFinite(logs.loss) && model) {
        model.stopTraining = true;
        cb.stoppedAt ??= { epoch, batch };
      }
    },
  };
  return cb;
}
