// Optional vectorised cell steps a MatMulProvider may offer: one call does a step's elementwise work (gates,
// state update, or their gradients) where the generic path needs several loops. Arrays are row-major [B, w*U]
// slices for one step; inputs may be views the same provider returned, outputs are the caller's arrays. Each
// returns false when it does not cover the activation pair (the caller then runs its own loops).
import type { ActivationName } from '../recurrent/types.js';

interface StepBase {
  act: ActivationName;
  ract: ActivationName;
  B: number;
  U: number;
  /** [B], 0 for a masked row at this step; absent: every row is real. */
  mask?: Float32Array;
}

/** gates = [ract(z_i), ract(z_f), act(z_g), ract(z_o)]; c ← f·c + i·g; ac = act(c); h = o·ac (real rows only). */
export interface LstmForwardStep extends StepBase {
  z: Float32Array;
  c: Float32Array;
  /** Absent when nothing is saved for backward (inference): the kernel may skip writing them. */
  gates?: Float32Array;
  ac?: Float32Array;
  h: Float32Array;
}

/** dct = dc + dh·o·act'(ac); dc ← dct·f; dz = [dct·g·ract'(i), dct·cp·ract'(f), dct·i·act'(g), dh·ac·ract'(o)]; masked rows: dz = 0, dc kept. */
export interface LstmBackwardStep extends StepBase {
  gates: Float32Array;
  cp: Float32Array;
  ac: Float32Array;
  dhn: Float32Array;
  dc: Float32Array;
  dz: Float32Array;
}

/** GRU, resetAfter: z, r = ract(xp + rec + rb); inner = rec_h + rb_h; hh = act(xp_h + r·inner); hNew = z·h + (1-z)·hh. */
export interface GruForwardStep extends StepBase {
  rec: Float32Array;
  xp: Float32Array;
  /** [3U] recurrent bias (zeros without bias). */
  rb: Float32Array;
  h: Float32Array;
  z: Float32Array;
  r: Float32Array;
  inner: Float32Array;
  hh: Float32Array;
  hNew: Float32Array;
}

/** The backward twin: direct = dh·z, dah = dh·(1-z)·act'(hh), dx = [dz, dr, dah], dr = [dz, dr, dah·r]; masked rows: zeros. */
export interface GruBackwardStep extends StepBase {
  z: Float32Array;
  r: Float32Array;
  hh: Float32Array;
  hp: Float32Array;
  inner: Float32Array;
  dhn: Float32Array;
  direct: Float32Array;
  dah: Float32Array;
  dx: Float32Array;
  dr: Float32Array;
}

export interface CellStepKernels {
  lstmForward?(s: LstmForwardStep): boolean;
  lstmBackward?(s: LstmBackwardStep): boolean;
  gruForward?(s: GruForwardStep): boolean;
  gruBackward?(s: GruBackwardStep): boolean;
}
