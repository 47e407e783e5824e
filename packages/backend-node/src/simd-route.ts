// When the tensorflow adapter runs a call on rnnkit's WebAssembly SIMD module (@rnnkit/backend's
// createSimdRecurrentKernels) instead of TensorFlow. TensorFlow pays a fixed cost per op (up to 45 microseconds with
// oneDNN) and BlockLSTMV2 has no GRU or SimpleRNN counterpart; the module runs a whole inference pass in one call,
// split across its inference threads, and training's cell steps without any op. TensorFlow's products win once
// the per-step products are large. Measured on 2 cores, T = 50, kernel alone, TensorFlow's time / the module's
// (inference on 2 module threads, training on 1), per step multiply-adds = rows x gates x units x units:
// - Inference, SimpleRNN: 2.6-4 at 32 x 64; 1.5-3.2 at 2.1 M (32 x 256, 128 x 128, 8 x 512); 0.95-1.1 at 4.2-4.7 M
//   (64 x 256, 32 x 384); 0.83-0.86 at 8.4 M. oneDNN off: 2.6 at 32 x 64, 1.6 at 32 x 256.
// - Inference, GRU: 6 at 32 x 64; 1.8-5.6 at 6.3 M (32 x 256, 128 x 128, 8 x 512, 8 x 256 at 1.6 M); 1.4 at
//   12.6-14.2 M (64 x 256, 32 x 384); 0.88-1.03 at 25 M. oneDNN off: 4.5 at 32 x 64, 2.6 at 32 x 256.
// - Inference, LSTM (against BlockLSTMV2): 0.88-0.93 at 32 x 64, 1.0-1.8 from 2.1 M to 8.4 M, 0.64-0.82 beyond: no
//   clear win, so LSTM stays on TensorFlow.
// - Training, SimpleRNN: 1.2-1.9 up to 0.5 M (8 x 64 to 128 x 64, 8 x 256); 0.78 at 2.1 M. oneDNN off: 1.37 at
//   32 x 64 (0.13 M), 0.80 at 128 x 64 (0.5 M).
// - Training, GRU: 1.5-1.9 up to 1.6 M (8 x 64 to 128 x 64, 8 x 256; oneDNN off 1.7-1.8); 0.85 at 6.3 M.
// - Training, LSTM: 0.55-0.73 except 8 x 256 (1.1).
// Training beyond these limits runs on TensorFlow's ops with the forward pass from the module's threaded inference
// (opKernels' `forward`). Against that route (module training time / the ops route's, T = 50, 2026-12-03):
// - SimpleRNN: 0.45-0.55 up to 0.13 M (8 x 64, 32 x 64); 0.93-1.21 at 0.52 M (8 x 256, 32 x 128, 128 x 64); 1.29-1.48
//   at 1 M (16 x 256, 64 x 128), 1.76 at 2.1 M. oneDNN off: 1.04 at 0.13 M, 1.1-1.58 at 0.52 M, 1.19 at 1 M; there
//   TensorFlow's own forward ops beat the module's forward below 1 M (6.3 against 7.9 ms at 128 x 64), so the
//   module's forward pass starts at 1 M.
// - GRU: 0.34-0.64 up to 0.4 M; 0.99-1.10 at 1.6 M (8 x 256, 32 x 128, 128 x 64); 1.29-1.30 at 3.1 M, 1.65 at 6.3 M.
//   oneDNN off: 0.65 at 0.4 M, 0.90-1.06 at 1.6 M, 0.92 at 3.1 M.
// TensorFlow's products use every core, the module's inference `threads` of them and its training one: on more cores
// the limits shrink by the module's share of the cores against the measurement's. bench/simd-vs-tensorflow.mjs
// reproduces the measurements.
import { CELL_GATES } from '@rnnkit/backend';
import type { CellKind } from '@rnnkit/backend';

/** Per-step multiply-adds (rows x gates x units x units) up to which the module runs a call, measured as above. */
export const SIMD_MAX_MACS_PER_STEP = {
  inference: { simpleRNN: { oneDnn: 4e6, oneDnnOff: 3e6 }, gru: { oneDnn: 16e6, oneDnnOff: 16e6 } },
  training: { simpleRNN: { oneDnn: 5e5, oneDnnOff: 3e5 }, gru: { oneDnn: 1.6e6, oneDnnOff: 3e6 } },
} as const;
/** With oneDNN off, the multiply-adds per step from which a training SimpleRNN takes its forward pass from the module. */
export const SIMD_FORWARD_MIN_MACS_ONEDNN_OFF = 1e6;
/** The measurement's cores, and the module's threads in it (inference, training). */
const MEASURED = { cores: 2, inferenceThreads: 2, trainingThreads: 1 } as const;

export interface SimdRouteCase {
  cell: CellKind;
  rows: number;
  units: number;
  /** A gradient tape records the call: training. */
  recording: boolean;
  /** TensorFlow was loaded with TF_ENABLE_ONEDNN_OPTS=0. */
  oneDnnOptsOff: boolean;
  /** The module's inference threads (training runs on one). */
  inferenceThreads: number;
  /** The cores TensorFlow's thread pools use. */
  cores: number;
}

const macsPerStep = (c: SimdRouteCase) => c.rows * CELL_GATES[c.cell] * c.units * c.units;

/** True when the SIMD module should run this call on the tensorflow backend (given that it covers the call). */
export function runsOnSimdModule(c: SimdRouteCase): boolean {
  if (c.cell === 'lstm') return false;
  const limits = SIMD_MAX_MACS_PER_STEP[c.recording ? 'training' : 'inference'][c.cell];
  const threads = c.recording ? 1 : c.inferenceThreads;
  const measuredThreads = c.recording ? MEASURED.trainingThreads : MEASURED.inferenceThreads;
  const share = (threads / measuredThreads) / (Math.max(1, c.cores) / MEASURED.cores);
  return macsPerStep(c) <= (c.oneDnnOptsOff ? limits.oneDnnOff : limits.oneDnn) * share;
}

/**
 * For a training call that TensorFlow's ops run (not the module): whether the module's threaded inference computes
 * its forward pass. Wherever that inference would run a call, except SimpleRNN below 1 M with oneDNN off.
 */
export function forwardRunsOnSimdModule(c: SimdRouteCase): boolean {
  if (c.cell === 'simpleRNN' && c.oneDnnOptsOff && macsPerStep(c) < SIMD_FORWARD_MIN_MACS_ONEDNN_OFF) return false;
  return runsOnSimdModule({ ...c, recording: false });
}
