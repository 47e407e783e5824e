// Training callbacks. onBatchEnd's logs carry `batch`, `size` (samples in the batch), `loss`, the metrics and,
// when any callback sets `wantsGradientNorms: true`, `gradNorm` (global L2 norm of this batch's gradients before
// the optimizer clips them) and `gradientNorms` (per weight name, e.g. 'lstm/kernel'): the same gradients the
// optimizer applies, so no second backward pass. The diagnostics recorder builds on this hook.
import type { tf } from '@rnnkit/backend';
import type { ModelCore } from '../engine/contracts.js';

export type Logs = Record<string, number>;
// gradNorm is present only when a callback asked for gradient norms.
export interface BatchLogs extends Logs {
  batch: number;
  size: number;
  loss: number;
}
export type BatchEndLogs = BatchLogs & { gradNorm?: number };

export interface Callback {
  /** Ask the trainer for gradient norms in onBatchEnd's logs (costs one small read per batch). */
  wantsGradientNorms?: boolean;
  setModel?(model: ModelCore & { optimizer?: tf.Optimizer; getWeights(): tf.Tensor[]; setWeights(w: tf.Tensor[]): void }): void;
  onTrainBegin?(logs?: Logs): void | Promise<void>;
  onTrainEnd?(logs?: Logs): void | Promise<void>;
  onEpochBegin?(epoch: number, logs?: Logs): void | Promise<void>;
  onEpochEnd?(epoch: number, logs: Logs): void | Promise<void>;
  onBatchBegin?(batch: number, logs?: Logs): void | Promise<void>;
  onBatchEnd?(batch: number, logs: BatchEndLogs & { gradientNorms?: Record<string, number> }): void | Promise<void>;
}

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

/** Stops training when `monitor` stops improving for `patience` epochs; optionally restores the best weights. */
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
      if (++wait > patience && model) {
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

/** Multiplies the learning rate by `factor` when `monitor` plateaus (optimizer needs setLearningRate). */
export function reduceLROnPlateau({ monitor = 'val_loss', factor = 0.1, patience = 10, minLr = 0, cooldown = 0, minDelta = 1e-4, mode = 'auto' }: {
  monitor?: string; factor?: number; patience?: number; minLr?: number; cooldown?: number; minDelta?: number; mode?: 'min' | 'max' | 'auto';
} = {}): Callback {
  if (!(factor > 0 && factor < 1)) throw new Error(`reduceLROnPlateau: factor must be in (0, 1), got ${factor}`);
  const better = improvement(mode, monitor);
  let model: TrainedModel | undefined;
  let best = Number.NaN;
  let wait = 0;
  let cool = 0;
  return {
    setModel(m) { model = m; },
    onEpochEnd(_epoch, logs) {
      const current = logs[monitor];
      if (current === undefined) return;
      if (cool > 0) cool--;
      if (Number.isNaN(best) || better(current, best, minDelta)) { best = current; wait = 0; return; }
      if (cool > 0 || ++wait < patience) return;
      const opt = model?.optimizer as unknown as { getLearningRate?(): number; setLearningRate?(lr: number): void } | undefined;
      if (!opt?.getLearningRate || !opt.setLearningRate) throw new Error('reduceLROnPlateau: the optimizer has no getLearningRate/setLearningRate (use an @rnnkit/optimizers optimizer)');
      opt.setLearningRate(Math.max(minLr, opt.getLearningRate() * factor));
      cool = cooldown;
      wait = 0;
    },
  };
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
