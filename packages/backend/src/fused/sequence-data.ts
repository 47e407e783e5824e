// What a fused recurrent pass reads (plain arrays copied out of the tensors once per sequence) and the pieces of
// the time loop every cell shares: the input projection, mask-aware emission, and the weight gradients at the end.
// Arrays over all steps are time-major ([T*B, n], row t*B+b), so one step's rows are one contiguous slice: the
// projected inputs of a step are added to the recurrent product in one copy, and saving a step is one copy.
import type { MatMulProvider, PreparedRight } from './matmul.js';
import { transposeInto, transposeMatrix } from './matmul.js';
import { giveBack, takeArray } from './buffer-pool.js';
import type { ScalarActivation } from './activation-math.js';

export interface SequenceData {
  B: number;
  T: number;
  F: number;
  U: number;
  /** [T*B, F] row t*B+b (time-major), input dropout already applied. */
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

/** Step t's row mask ([B], 1 real, 0 masked) written into `into`, or undefined without a mask. */
export function stepMask(d: SequenceData, t: number, into: Float32Array): Float32Array | undefined {
  if (!d.mask) return undefined;
  for (let b = 0; b < d.B; b++) into[b] = d.mask[b * d.T + t];
  return into;
}

/** Step t's rows of a time-major [T*B, n] array. */
export const stepRows = (d: SequenceData, all: Float32Array, t: number, n: number): Float32Array =>
  all.subarray(t * d.B * n, (t + 1) * d.B * n);

/**
 * The step product with stacked factors, for cells whose input and recurrent terms just add (LSTM, SimpleRNN):
 * [x_t | hIn] · [kernel; recurrentKernel] + bias in one product per step, so no [T*B, G*U] array of projected
 * inputs is ever built (for inference that array and its copies cost as much as the products).
 */
export class StackedStep {
  private readonly rowsBuf: Float32Array;
  private readonly biasRows?: Float32Array;
  private readonly right: PreparedRight;

  constructor(private readonly d: SequenceData, mm: MatMulProvider, width: number) {
    const { B, F, U } = d;
    const stacked = new Float32Array((F + U) * width);
    stacked.set(d.kernel.subarray(0, F * width));
    stacked.set(d.recurrentKernel.subarray(0, U * width), F * width);
    this.right = mm.prepareRight(stacked, F + U, width);
    this.rowsBuf = new Float32Array(B * (F + U));
    if (d.bias) {
      this.biasRows = new Float32Array(B * width);
      for (let b = 0; b < B; b++) this.biasRows.set(d.bias.subarray(0, width), b * width);
    }
  }

  /** x_t·kernel + hIn·recurrentKernel + bias: [B, width] (valid until the provider's next product). */
  mul(t: number, hIn: Float32Array): Float32Array {
    const { B, F, U, x } = this.d;
    const rows = this.rowsBuf;
    // Plain loops: two subarray views per row cost more than the copies at these widths.
    for (let b = 0, o = 0; b < B; b++) {
      for (let f = 0, xo = (t * B + b) * F; f < F; f++) rows[o++] = x[xo + f];
      for (let u = 0, ho = b * U; u < U; u++) rows[o++] = hIn[ho + u];
    }
    return this.right.mul(rows, B, this.biasRows);
  }

  dispose(): void {
    this.right.dispose();
  }
}

/** x·kernel + the input bias row, for every step at once: [T*B, G*U], time-major. */
export function projectInputs(d: SequenceData, mm: MatMulProvider, width: number): Float32Array {
  return mm.matMul(d.x, d.B * d.T, d.F, d.kernel, width, d.bias);
}

/** h multiplied by the recurrent dropout mask (or h itself). */
export function droppedState(d: SequenceData, h: Float32Array, into: Float32Array): Float32Array {
  if (!d.recurrentDropout) return h;
  for (let i = 0; i < h.length; i++) into[i] = h[i] * d.recurrentDropout[i];
  return into;
}

/** Copies a step's [B, n] rows into a time-major [T*B, n] array. */
export function storeRows(d: SequenceData, t: number, step: Float32Array, n: number, all: Float32Array): void {
  all.set(step.subarray(0, d.B * n), t * d.B * n);
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

/** d inputs = (dXP · kernelᵀ) ⊙ input dropout, back in [B, T, F] order. */
export function inputGradient(d: SequenceData, mm: MatMulProvider, dXP: Float32Array, width: number): Float32Array {
  const { B, T, F } = d;
  const dxTime = mm.matMul(dXP, B * T, width, transposeMatrix(d.kernel, F, width), F);
  const dx = new Float32Array(B * T * F);
  for (let t = 0; t < T; t++) {
    for (let b = 0; b < B; b++) {
      const from = (t * B + b) * F, to = (b * T + t) * F;
      if (d.inputDropout) for (let f = 0; f < F; f++) dx[to + f] = dxTime[from + f] * d.inputDropout[b * F + f];
      else dx.set(dxTime.subarray(from, from + F), to);
    }
  }
  giveBack(dxTime);
  return dx;
}

/** One left factor of weightGradients: a [rows, cols] matrix over all steps, or (no `a`) a column of ones (bias). */
export interface GradientFactor {
  a?: Float32Array;
  cols: number;
}

/**
 * Weight gradients that share the right factor, as one product over all steps: [a_1 | a_2 | ... ]ᵀ · right
 * ([Σcols, rows] · [rows, n]), split back into one [cols, n] array per factor (a ones column gives the bias
 * gradient, the column sums). One product means the large right factor is read (or copied to the engine) once.
 */
export function weightGradients(mm: MatMulProvider, rows: number, factors: GradientFactor[], right: Float32Array, n: number): Float32Array[] {
  const total = factors.reduce((s, f) => s + f.cols, 0);
  const left = takeArray(total * rows, false);
  let row = 0;
  for (const f of factors) {
    if (f.a) transposeInto(f.a, rows, f.cols, left, row * rows);
    else left.fill(1, row * rows, (row + 1) * rows);
    row += f.cols;
  }
  const product = mm.matMul(left, total, rows, right, n);
  giveBack(left);
  row = 0;
  const parts = factors.map((f) => {
    const part = product.slice(row * n, (row + f.cols) * n);
    row += f.cols;
    return part;
  });
  giveBack(product);
  return parts;
}
