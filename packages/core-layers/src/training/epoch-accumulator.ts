// Per-epoch bookkeeping shared by fit and fitDataset: sample-weighted means of the loss and metrics, the samples
// seen, and the logs each batch hands to callbacks.
import type { BatchEndLogs, Logs } from './callbacks.js';
import type { StepResult } from './train-step.js';

export class EpochAccumulator {
  seen = 0;
  private readonly sums: Record<string, number> = {};

  /** Records one trained batch; returns its onBatchEnd logs (gradient norms only when they were computed). */
  add(batch: number, size: number, r: StepResult): BatchEndLogs {
    this.seen += size;
    for (const [k, v] of Object.entries({ loss: r.loss, ...r.metrics })) this.sums[k] = (this.sums[k] ?? 0) + v * size;
    const norms = r.gradNorm !== undefined ? { gradNorm: r.gradNorm, gradientNorms: r.gradientNorms, layerGradNorms: r.layerGradNorms } : {};
    return { batch, size, loss: r.loss, ...r.metrics, ...norms } as BatchEndLogs;
  }

  /** Means over the samples seen this epoch. */
  logs(): Logs {
    return Object.fromEntries(Object.entries(this.sums).map(([k, v]) => [k, v / this.seen]));
  }
}

export const formatLogs = (logs: Logs): string => Object.entries(logs).map(([k, v]) => `${k} ${v.toFixed(4)}`).join('  ');
