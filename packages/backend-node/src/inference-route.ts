// Which kernel serves inference (no gradient tape) on the tensorflow backend: rnnkit's fused kernel (one Eigen
// product per step, the gate math in one JavaScript pass) or TensorFlow's own ops per step (the reference kernel:
// a dozen native calls, but vectorised activations and nothing copied out of TensorFlow). The JavaScript gate pass
// grows with rows x units, the native calls' fixed cost does not. Predict on 2 cores, T = 25-100, TensorFlow's
// default (oneDNN) build, reference time / fused time:
// - SimpleRNN: 2.3-2.7 at 32 x 64, 1.45-1.7 at 32 x 128; 0.9-0.97 at 8192 (64 x 128, 128 x 64), 0.64-0.7 at
//   32 x 256, 0.4-0.6 beyond.
// - GRU: 3.4-3.7 at 32 x 64, 1.8-1.9 at 32 x 128; 0.8-0.97 at 8192 (64 x 128, 128 x 64, 32 x 256), 0.5-0.6 at
//   16384 and beyond.
// - LSTM: 3.4-4.4 at 32 x 64, 1.0-1.6 at 8192; 0.76-0.94 at 16384 (64 x 256, 256 x 64), 0.63 at 128 x 256.
// With TF_ENABLE_ONEDNN_OPTS=0, TensorFlow's small ops cost about 10 microseconds each instead of up to 45: LSTM and
// GRU cross over at about the same sizes (LSTM 1.7 at 32 x 64, 0.97-1.1 at 8192, 0.82 at 16384; GRU 1.6, 0.96-1.1,
// 0.63-0.65), but SimpleRNN's three ops per step win at every size measured (0.89 at 32 x 64, 0.59-0.75 beyond).

export const TENSORFLOW_OPS_MIN_ROWS_X_UNITS = { simpleRNN: 8192, gru: 8192, lstm: 16384 } as const;

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
