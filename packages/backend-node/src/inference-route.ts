// Which kernel serves inference (no gradient tape) on the tensorflow backend: rnnkit's fused kernel (one Eigen
// product per step, the gate math in one JavaScript pass) or TensorFlow's own ops per step (opInferenceKernels: one
// recurrent product over all gates and about a dozen native calls, but vectorised activations and nothing copied
// out of TensorFlow). The JavaScript gate pass grows with rows x units, the native calls' fixed cost does not.
// Predict on 2 cores, T = 50, TensorFlow's default (oneDNN) build, fused time / ops time:
// - LSTM: 0.44 at 32 x 64, 0.92 at 64 x 64, 1.15 at 32 x 128; 1.55-1.66 at 8192 (128 x 64, 64 x 128, 32 x 256).
// - GRU: 0.40 at 32 x 64, 0.81-0.88 at 4096; 1.52-1.69 at 8192 and beyond.
// - SimpleRNN (its ops are the reference's, one product and two ops per step): 0.5 at 32 x 64, 0.9 at 32 x 128,
//   1.3-2.6 from 8192.
// With TF_ENABLE_ONEDNN_OPTS=0, TensorFlow's small ops cost about 10 microseconds each instead of up to 45: LSTM and
// GRU cross over at 4096 (0.67-0.71 at 32 x 64, 1.1-1.26 at 4096, 1.2-1.5 beyond; GRU keeps 8192 here, 14% slower
// at 32 x 128 in that build), and SimpleRNN's three ops per step win at every size measured (0.89 at 32 x 64,
// 0.59-0.75 beyond).

export const TENSORFLOW_OPS_MIN_ROWS_X_UNITS = { simpleRNN: 8192, gru: 8192, lstm: 4096 } as const;

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
  if (c.cell === 'simpleRNN' && c.oneDnnOptsOff) return true;
  return c.rows * c.units >= TENSORFLOW_OPS_MIN_ROWS_X_UNITS[c.cell];
}
