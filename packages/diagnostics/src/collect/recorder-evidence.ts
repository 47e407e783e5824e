// What a gradient recorder hands to diagnose(): plain arrays, JSON-serialisable.
import type { BatchTrace, GateStats, GradientFlow, LossHistory } from '../evidence.js';

export interface RecorderEvidence {
  trace: BatchTrace;
  gradientFlow?: GradientFlow;
  gates?: GateStats[];
  /** Samples trained on in each epoch (from batch sizes), and the dataset size when known. */
  seenPerEpoch?: number[];
  datasetSize?: number;
  learningRate?: number;
  /** Per-epoch loss (and val_loss) from onEpochEnd's logs. */
  history?: LossHistory;
  /** Batches whose gradients the optimizer clipped (when the recorder was given an @rnnkit/optimizers optimizer). */
  clippedBatches?: number;
  /** Why the gradient-flow probe could not run, when it failed. */
  probeError?: string;
}
