// What a fused recurrent pass reads (plain arrays copied out of the tensors once per sequence) and the pieces of
// the time loop every cell shares: the input projection, mask-aware emission, and the weight gradients at the end.
import type { MatMulProvider } from './matmul.js';
import { transposeMatrix } from './matmul.js';
import type { ScalarActivation } from './activation-math.js';

export interface SequenceData {
  B: number;
  T: number;
  F: number;
  U: number;
  /** [B*T, F] row b*T+t, input dropout already applied. */
  x: Float32Array;
  inputDropout?: Float32Array; // [B, F]
  recurrentDropout?: Float32Array; // [B, U]
  /** [B*T], 1 for a real step. */
  mask?: Uint8Array;
  kernel: Float32Array; // [F, G*U]
  recurrentKernel: Float32Array; // [U, G*U]
  /** [G*U] or, for a GRU with resetAfter, [2*3U] (input row, recurrent row). */
  bias?: Float32Array;
  initialState: Float32Array[]; // each [B*U]
  goBackwards: boolean;
  returnSequences: boolean;
  zeroOutputForMask: boolean;
  act: ScalarActivation;
  ract: ScalarActivation;
  resetAfter: boolean;
  /** Keep what the backward pass needs (false for inference). */
  saveForBackward: boolean;
}

/** Gradients in input order: [inputs, kernel, recurrentKernel, bias?, ...initialState]. */
export type SequenceGradients = Float32Array[];

export interface ForwardResult {
  /** [B, To, U] with To = T (returnSequences, processing order) or 1. */
  outputs: Float32Array;
  states: Float32Array[];
  backward?: (dOutputs: Float32Array, dStates: Float32Array[]) => SequenceGradients;
}

export const timeIndex = (d: SequenceData, s: number): number => (d.goBackwards ? d.T - 1 - s : s);
export const isReal = (d: SequenceData, b: number, t: number): boolean => !d.mask || d.mask[b * d.T + t] !== 0;
export const outputSteps = (d: SequenceData): number => (d.returnSequences ? d.T : 1);

/** x·kernel + the input bias row, for every step at once: [B*T, G*U]. */
export function projectInputs(d: SequenceData, mm: MatMulProvider, width: number): Float32Array {
  const xp = mm.matMul(d.x, d.B * d.T, d.F, d.kernel, width);
  if (d.bias) {
    for (let r = 0; r < d.B * d.T; r++) {
      const o = r * width;
      for (let j = 0; j < width; j++) xp[o + j] += d.bias[j];
    }
  }
  return xp;
}

/** h multiplied by the recurrent dropout mask (or h itself). */
export function droppedState(d: SequenceData, h: Float32Array, into: Float32Array): Float32Array {
  if (!d.recurrentDropout) return h;
  for (let i = 0; i < h.length; i++) into[i] = h[i] * d.recurrentDropout[i];
  return into;
}

/** Copies a step's [B, n] rows into a [B*T, n] array at rows b*T+t. */
export function storeRows(d: SequenceData, t: number, step: Float32Array, n: number, all: Float32Array): void {
  for (let b = 0; b < d.B; b++) all.set(step.subarray(b * n, (b + 1) * n), (b * d.T + t) * n);
}

/** Tracks the emitted outputs: a masked step carries h and emits zeros or the last real output (Keras). */
export class OutputEmitter {
  readonly outputs: Float32Array;
  private readonly lastOut: Float32Array;
  constructor(private readonly d: SequenceData) {
    this.outputs = new Float32Array(d.B * outputSteps(d) * d.U);
    this.lastOut = new Float32Array(d.B * d.U);
  }

  /** Applies step s (time t): real rows take hNew into h; records the emitted output. */
  step(s: number, t: number, hNew: Float32Array, h: Float32Array): void {
    const { B, U, returnSequences, zeroOutputForMask } = this.d;
    const To = outputSteps(this.d);
    for (let b = 0; b < B; b++) {
      const real = isReal(this.d, b, t);
      const o = (b * To + s) * U;
      for (let u = 0, idx = b * U; u < U; u++, idx++) {
        if (real) {
          h[idx] = hNew[idx];
          this.lastOut[idx] = hNew[idx];
        }
        if (returnSequences) this.outputs[o + u] = real ? hNew[idx] : zeroOutputForMask ? 0 : this.lastOut[idx];
      }
    }
  }

  finish(): Float32Array {
    if (!this.d.returnSequences) this.outputs.set(this.lastOut);
    return this.outputs;
  }
}

/**
 * The backward twin of OutputEmitter: yields, per step, the gradient reaching the step's new h at real rows
 * (from later steps' state, the emitted output and the carried "last output"); masked rows get 0.
 */
export class OutputGradient {
  private readonly dLast: Float32Array;
  readonly dhNew: Float32Array;
  constructor(private readonly d: SequenceData, private readonly dOutputs: Float32Array) {
    this.dLast = d.returnSequences ? new Float32Array(d.B * d.U) : dOutputs.slice();
    this.dhNew = new Float32Array(d.B * d.U);
  }

  step(s: number, t: number, dh: Float32Array): Float32Array {
    const { B, U, returnSequences, zeroOutputForMask } = this.d;
    const To = outputSteps(this.d);
    for (let b = 0; b < B; b++) {
      const real = isReal(this.d, b, t);
      const o = (b * To + s) * U;
      for (let u = 0, idx = b * U; u < U; u++, idx++) {
        let emitted = 0;
        if (returnSequences) {
          if (zeroOutputForMask) emitted = real ? this.dOutputs[o + u] : 0;
          else this.dLast[idx] += this.dOutputs[o + u];
        }
        if (real) {
          this.dhNew[idx] = dh[idx] + this.dLast[idx] + emitted;
          this.dLast[idx] = 0;
        } else this.dhNew[idx] = 0;
      }
    }
    return this.dhNew;
  }
}

/** Column sums of a [rows, n] matrix. */
export function columnSums(a: Float32Array, rows: number, n: number, into = new Float32Array(n), offset = 0): Float32Array {
  for (let r = 0; r < rows; r++) {
    const o = r * n;
    for (let j = 0; j < n; j++) into[offset + j] += a[o + j];
  }
  return into;
}

/** d inputs = (dXP · kernelᵀ) ⊙ input dropout, and d kernel = xᵀ · dXP: two large products over all steps. */
export function inputSideGradients(d: SequenceData, mm: MatMulProvider, dXP: Float32Array, width: number): { dx: Float32Array; dKernel: Float32Array } {
  const rows = d.B * d.T;
  const dKernel = mm.matMul(transposeMatrix(d.x, rows, d.F), d.F, rows, dXP, width);
  const dx = mm.matMul(dXP, rows, width, transposeMatrix(d.kernel, d.F, width), d.F);
  if (d.inputDropout) {
    for (let r = 0; r < rows; r++) {
      const b = Math.floor(r / d.T);
      for (let f = 0; f < d.F; f++) dx[r * d.F + f] *= d.inputDropout[b * d.F + f];
    }
  }
  return { dx, dKernel };
}

/** d recurrentKernel block = hInᵀ · dRec over all steps ([U, B*T] · [B*T, n]). */
export function recurrentGradient(d: SequenceData, mm: MatMulProvider, hIn: Float32Array, dRec: Float32Array, n: number): Float32Array {
  const rows = d.B * d.T;
  return mm.matMul(transposeMatrix(hIn, rows, d.U), d.U, rows, dRec, n);
}
