// Which kernel serves a call on the tensorflow backend that does not run on rnnkit's SIMD module (simd-route.ts
// decides that first): rnnkit's fused kernel (one Eigen product per step, the gate
// math in one JavaScript pass) or TensorFlow's own ops per step (opKernels: one recurrent product over all gates and
// about a dozen native calls, but vectorised activations and nothing copied out of TensorFlow). The JavaScript gate
// pass grows with rows x units, the native calls' fixed cost does not. Measured on 2 cores, T = 50, kernel alone,
// TensorFlow's default (oneDNN) build, fused time / ops time:
// - Inference, LSTM: 0.44 at 32 x 64, 0.92 at 64 x 64, 1.15 at 32 x 128; 1.55-1.66 at 8192 (128 x 64, 64 x 128,
//   32 x 256).
// - Inference, GRU: 0.40 at 32 x 64, 0.81-0.88 at 4096; 1.52-1.69 at 8192 and beyond.
// - Inference, SimpleRNN: 0.5 at 32 x 64, 0.9 at 32 x 128, 1.3-2.6 from 8192.
// - Training, SimpleRNN: 0.56-0.57 at 4096; at 8192 0.82 for 128 x 64, 1.03 for 64 x 128, 1.46 for 32 x 256; 1.85
//   at 64 x 256.
// - Training, GRU (resetAfter): 0.32 at 32 x 64, 0.57-0.63 at 4096; 1.08-1.29 at 8192; 1.49-2.09 at 16384. LSTM
//   trains on BlockLSTMV2 or the fused kernel.
// With TF_ENABLE_ONEDNN_OPTS=0, TensorFlow's small ops cost about 10 microseconds each instead of up to 45: LSTM and
// GRU inference cross over at 4096 (0.67-0.71 at 32 x 64, 1.1-1.26 at 4096, 1.2-1.5 beyond; GRU keeps 8192 here,
// 14% slower at 32 x 128 in that build); SimpleRNN inference wins at every size measured (0.89 at 32 x 64, 0.59-0.75
// beyond), SimpleRNN training from 4096 (0.92 at 32 x 64, 1.17 at 32 x 128, 1.3-1.6 beyond) and GRU training from
// 16384 (0.6-0.74 at 2048-4096, 1.02-1.04 at 8192, 1.5-1.6 at 16384).

export const TENSORFLOW_OPS_MIN_ROWS_X_UNITS = { simpleRNN: 8192, gru: 8192, lstm: 4096 } as const;
/**
 * Training (a gradient tape records), for the calls opKernels differentiates itself (SimpleRNN, resetAfter GRU; no
 * mask): batch rows x units from which TensorFlow's ops win, the width they need, and the switch with oneDNN off.
 */
export const TENSORFLOW_OPS_TRAINING = {
  simpleRNN: { minRowsXUnits: 8192, minUnits: 128, oneDnnOffMinRowsXUnits: 4096 },
  gru: { minRowsXUnits: 8192, minUnits: 1, oneDnnOffMinRowsXUnits: 16384 },
} as const;

export interface RouteCase {
  cell: 'lstm' | 'gru' | 'simpleRNN';
  rows: number;
  units: number;
  /** A gradient tape records the call: training. */
  recording: boolean;
  /** opKernels computes this call's gradient itself (opKernelHasGradient); otherwise training stays fused. */
  opsHaveGradient: boolean;
  /** TensorFlow was loaded with TF_ENABLE_ONEDNN_OPTS=0. */
  oneDnnOptsOff: boolean;
  /** Training: the SIMD module's threaded inference would compute the forward pass (simd-route.ts). */
  forwardOnSimd?: boolean;
}

/** True when TensorFlow's ops per step (opKernels) should run this call, false for the fused kernel. */
export function runsOnTensorflowOps(c: RouteCase): boolean {
  if (c.recording) {
    if (c.cell === 'lstm' || !c.opsHaveGradient) return false;
    // With the module's forward pass the ops' backward beat the fused kernel at every size measured (simd-route.ts).
    if (c.forwardOnSimd) return true;
    const t = TENSORFLOW_OPS_TRAINING[c.cell];
    return c.oneDnnOptsOff ? c.rows * c.units >= t.oneDnnOffMinRowsXUnits : c.rows * c.units >= t.minRowsXUnits && c.units >= t.minUnits;
  }
  if (c.cell === 'simpleRNN' && c.oneDnnOptsOff) return true;
  return c.rows * c.units >= TENSORFLOW_OPS_MIN_ROWS_X_UNITS[c.cell];
}
