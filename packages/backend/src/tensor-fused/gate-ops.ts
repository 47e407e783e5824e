// The elementwise half of each recurrent time step, as whole operations over [B, ·] tensors. The tensor-level
// sequence kernels call one of these per step (after the step's one recurrent matMul) instead of the dozen tfjs
// ops the reference records, so an engine where every op is a dispatch (WebGL) can run each as one program.
// Every op recomputes the gate activations from the pre-activations: cheaper there than saving them.
import type { tf } from '../tfjs.js';
import type { ActivationName } from '../recurrent/types.js';

type T2 = tf.Tensor2D;

/** Activations the gate operations are asked to apply: `activation` for the candidate/output, `recurrentActivation` for the gates. */
export interface GateActivations {
  activation: ActivationName;
  recurrentActivation: ActivationName;
}

/** Activations whose derivative both the tfjs-op and the WebGL gate operations compute from the pre-activation. */
export const TENSOR_FUSED_ACTIVATIONS: readonly ActivationName[] = ['tanh', 'sigmoid', 'hardSigmoid', 'relu', 'relu6', 'linear'];

/**
 * Shapes: B batch, U units. `m` [B, 1] is the step mask (1 real, 0 padding): a masked row carries its state forward
 * and passes its state gradients straight back, with zero gate gradients. Gate layout is Keras' (LSTM i, f, c, o;
 * GRU z, r, h). "skip" below is the part of dh_prev that does not go through the recurrent product (the caller adds
 * that part with one matMul).
 */
export interface GateOps {
  /** Whether these operations implement this activation pair (else the kernels run the reference). */
  supports(acts: GateActivations): boolean;

  /**
   * z = x·W + h·R + b [B, 4U], c, h [B, U] -> [2B, U]: h' rows, then c' rows (row blocks, so taking each is a
   * contiguous slice, which WebGL does without a program).
   */
  lstmForward(z: T2, c: T2, h: T2, m: T2, acts: GateActivations): T2;
  /** -> [B, 6U]: dz (4U), dc_prev, dh skip. */
  lstmBackward(z: T2, cPrev: T2, dh: T2, dc: T2, m: T2, acts: GateActivations): T2;

  /** resetAfter GRU: xz = x·W + b_in, hz = h·R + b_rec (both [B, 3U]) -> h' [B, U]. */
  gruForward(xz: T2, hz: T2, h: T2, m: T2, acts: GateActivations): T2;
  /** -> [B, 7U]: d xz (3U), d hz (3U), dh skip. */
  gruBackward(xz: T2, hz: T2, h: T2, dh: T2, m: T2, acts: GateActivations): T2;

  /** resetAfter false, first half: hzr = hIn·R[:, :2U] [B, 2U], hIn the (dropped-out) h -> r*hIn [B, U]. */
  gruResetGate(xz: T2, hzr: T2, hIn: T2, acts: GateActivations): T2;
  /** resetAfter false, second half: hzh = (r*hIn)·R[:, 2U:] [B, U] -> h' [B, U]. */
  gruForwardResetBefore(xz: T2, hzr: T2, hzh: T2, h: T2, m: T2, acts: GateActivations): T2;
  /** -> [B, 3U]: d xz_z, d xz_h (= d hzh), dh skip. */
  gruBackwardResetBefore(xz: T2, hzr: T2, hzh: T2, h: T2, dh: T2, m: T2, acts: GateActivations): T2;
  /**
   * drh = d(r*hIn) [B, U] (d xz_h · R_h^T), back = gruBackwardResetBefore's result -> [B, 4U]: d xz (z, r, h),
   * then drh*r (the reset path's share of d hIn). Zero on masked rows because back is.
   */
  gruResetGateBackward(xz: T2, hzr: T2, hIn: T2, drh: T2, back: T2, acts: GateActivations): T2;

  /** SimpleRNN: z = x·W + h·R + b [B, U] -> h' [B, U]. */
  simpleForward(z: T2, h: T2, m: T2, acts: GateActivations): T2;
  /** -> [B, 2U]: dz, dh skip. */
  simpleBackward(z: T2, dh: T2, m: T2, acts: GateActivations): T2;
}
