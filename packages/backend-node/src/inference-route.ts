// Which kernel serves inference (no gradient tape) on the tensorflow backend: rnnkit's fused kernel, or TensorFlow's
// own ops per step (the reference kernel), which copy nothing out of TensorFlow between steps while the fused
// kernel's JavaScript gate pass grows with batch x units. Measured on 2 cores, T = 25 and 100, predict:
// - SimpleRNN (a product, an add and a tanh per step): TensorFlow's ops win at every size, 1.1-1.5x.
// - LSTM and GRU with TensorFlow's default oneDNN ops: the fused kernel wins below 32 x 256 rows x units (at
//   32 x 128 it is 1.3-1.7x faster) and TensorFlow's ops from there (1.1-1.3x at 32 x 256).
// - LSTM and GRU with TF_ENABLE_ONEDNN_OPTS=0: a small BatchMatMulV2 costs 14 microseconds instead of 71, and the
//   fused kernel wins at 32 x 256 too (1.2-1.6x).

export const TENSORFLOW_OPS_MIN_ROWS_X_UNITS = 32 * 256;

export interface InferenceCase {
  cell: 'lstm' | 'gru' | 'simpleRNN';
  rows: number;
  units: number;
  /** A gradient tape records the call: training, which always takes the fused kernel. */
  recording: boolean;
  /** TensorFlow was loaded with TF_ENABLE_ONEDNN_OPTS=0. */
  oneDnnOptsOff: boolean;
}

/** True when TensorFlow's ops per step should run this call, false for the fused kernel. */
export function inferenceOnTensorflowOps(c: InferenceCase): boolean {
  if (c.recording) return false;
  if (c.cell === 'simpleRNN') return true;
  return !c.oneDnnOptsOff && c.rows * c.units >= TENSORFLOW_OPS_MIN_ROWS_X_UNITS;
}
