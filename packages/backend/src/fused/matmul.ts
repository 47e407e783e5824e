// Dense row-major matrix products over Float32Arrays, and the provider seam that lets an engine with a faster
// matMul (wasm's XNNPACK) do the products while the fused elementwise work stays in one JavaScript pass.
import { tf } from '../tfjs.js';
import type { ActivationName, CellKind } from '../recurrent/types.js';
import type { ForwardResult, SequenceData } from './sequence-data.js';
import type { CellStepKernels } from './step-kernels.js';

/**
 * c[m, n] (+)= a[m, k] · b[k, n]. Blocks of 4 rows x 4 columns accumulate in 16 local numbers (registers) over
 * the whole of k, so each step of the inner loop does 8 loads for 16 multiply-adds (about 1.6x the row-streaming
 * loop in V8, and sums in double precision). Leftover rows and columns go one element at a time.
 */
export function matMulInto(a: Float32Array, m: number, k: number, b: Float32Array, n: number, c: Float32Array, accumulate = false): Float32Array {
  const m4 = m - (m % 4), n4 = n - (n % 4);
  for (let i = 0; i < m4; i += 4) {
    const a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
    for (let j = 0; j < n4; j += 4) {
      const o0 = i * n + j, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      if (accumulate) {
        c00 = c[o0]; c01 = c[o0 + 1]; c02 = c[o0 + 2]; c03 = c[o0 + 3];
        c10 = c[o1]; c11 = c[o1 + 1]; c12 = c[o1 + 2]; c13 = c[o1 + 3];
        c20 = c[o2]; c21 = c[o2 + 1]; c22 = c[o2 + 2]; c23 = c[o2 + 3];
        c30 = c[o3]; c31 = c[o3 + 1]; c32 = c[o3 + 2]; c33 = c[o3 + 3];
      }
      for (let p = 0, bp = j; p < k; p++, bp += n) {
        const b0 = b[bp], b1 = b[bp + 1], b2 = b[bp + 2], b3 = b[bp + 3];
        const x0 = a[a0 + p], x1 = a[a1 + p], x2 = a[a2 + p], x3 = a[a3 + p];
        c00 += x0 * b0; c01 += x0 * b1; c02 += x0 * b2; c03 += x0 * b3;
        c10 += x1 * b0; c11 += x1 * b1; c12 += x1 * b2; c13 += x1 * b3;
        c20 += x2 * b0; c21 += x2 * b1; c22 += x2 * b2; c23 += x2 * b3;
        c30 += x3 * b0; c31 += x3 * b1; c32 += x3 * b2; c33 += x3 * b3;
      }
      c[o0] = c00; c[o0 + 1] = c01; c[o0 + 2] = c02; c[o0 + 3] = c03;
      c[o1] = c10; c[o1 + 1] = c11; c[o1 + 2] = c12; c[o1 + 3] = c13;
      c[o2] = c20; c[o2 + 1] = c21; c[o2 + 2] = c22; c[o2 + 3] = c23;
      c[o3] = c30; c[o3 + 1] = c31; c[o3 + 2] = c32; c[o3 + 3] = c33;
    }
    for (let r = i; r < i + 4; r++) for (let j = n4; j < n; j++) c[r * n + j] = dot(a, r * k, b, j, k, n, accumulate ? c[r * n + j] : 0);
  }
  for (let r = m4; r < m; r++) for (let j = 0; j < n; j++) c[r * n + j] = dot(a, r * k, b, j, k, n, accumulate ? c[r * n + j] : 0);
  return c;
}

/** start + row of a (from offset ai) · column j of b. */
function dot(a: Float32Array, ai: number, b: Float32Array, j: number, k: number, n: number, start: number): number {
  let s = start;
  for (let p = 0, bp = j; p < k; p++, bp += n) s += a[ai + p] * b[bp];
  return s;
}

/** Writes `row` into each of the m rows of c[m, n] (doubling copies: memcpy speed). */
export function fillRows(c: Float32Array, m: number, n: number, row: Float32Array): void {
  if (m === 0) return;
  c.set(row.subarray(0, n));
  for (let filled = 1; filled < m; filled *= 2) c.copyWithin(filled * n, 0, Math.min(filled, m - filled) * n);
}

/** The [cols, rows] transpose of a row-major [rows, cols] matrix. */
export function transposeMatrix(a: Float32Array, rows: number, cols: number): Float32Array {
  return transposeInto(a, rows, cols, new Float32Array(rows * cols), 0);
}

/** Writes the [cols, rows] transpose of a row-major [rows, cols] matrix into `into` from `offset`. */
export function transposeInto(a: Float32Array, rows: number, cols: number, into: Float32Array, offset: number): Float32Array {
  for (let i = 0; i < rows; i++) {
    const ai = i * cols;
    for (let j = 0; j < cols; j++) into[offset + j * rows + i] = a[ai + j];
  }
  return into;
}

/** A right-hand matrix fixed for a whole sequence (a recurrent kernel), multiplied from the left many times. */
export interface PreparedRight {
  /**
   * a[m, k] · B[k, n] (+ addend[m, n] when given) -> [m, n]. The result may be written to, and stays valid only
   * until the next product or prepareRight/dispose on the same provider (it may be a view of a WebAssembly memory
   * that a later allocation grows; `activate` never allocates): copy what you keep.
   */
  mul(a: Float32Array, m: number, addend?: Float32Array): Float32Array;
  dispose(): void;
}

/** Where the fused kernels' dense products (and, optionally, their vector activations) run. */
export interface MatMulProvider {
  readonly name: string;
  /** a[m, k] · b[k, n] (+ biasRow[n] added to every row, when given) -> new [m, n]. */
  matMul(a: Float32Array, m: number, k: number, b: Float32Array, n: number, biasRow?: Float32Array): Float32Array;
  prepareRight(b: Float32Array, k: number, n: number): PreparedRight;
  /**
   * Optional: applies the activation in place to rows x cols elements of `a` from `offset`, rows `stride` apart.
   * Returns false for an activation it does not cover (the caller then applies it itself).
   */
  activate?(name: ActivationName, a: Float32Array, offset: number, rows: number, cols: number, stride: number): boolean;
  /** Optional: whole cell steps in one call (see step-kernels.ts). */
  readonly steps?: CellStepKernels;
  /**
   * Optional: a whole inference pass (`d.saveForBackward` false) in one call, outputs and final states as the
   * per-step pass would give them; undefined where it does not cover `d` (the per-step pass then runs).
   */
  sequenceInference?(cell: CellKind, d: SequenceData): ForwardResult | undefined;
}

/** Plain JavaScript products: on the cpu backend tfjs' own matMul is JavaScript too, minus the per-op overhead. */
export const jsMatMulProvider: MatMulProvider = {
  name: 'js',
  matMul(a, m, k, b, n, biasRow) {
    const c = new Float32Array(m * n);
    if (biasRow) fillRows(c, m, n, biasRow);
    return matMulInto(a, m, k, b, n, c, !!biasRow);
  },
  prepareRight(b, k, n) {
    let out = new Float32Array(0);
    return {
      mul(a, m, addend) {
        if (out.length !== m * n) out = new Float32Array(m * n);
        if (addend) out.set(addend.subarray(0, m * n));
        return matMulInto(a, m, k, b, n, out, !!addend);
      },
      dispose() {},
    };
  },
};

/**
 * Products as one tfjs op each on the active backend: `product` multiplies two float32 matrices (tf.matMul unless an
 * adapter has a cheaper op for some shapes). Arguments may be longer than [m, k] / [k, n]: only those values are read.
 */
export function tensorMatMulProvider(name: string, product: (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D = (a, b) => tf.matMul(a, b)): MatMulProvider {
  const multiply = (a: Float32Array, m: number, k: number, tb: tf.Tensor2D): Float32Array => {
    const ta = tf.tensor2d(a.subarray(0, m * k), [m, k]);
    const tc = product(ta, tb);
    // Once tc is disposed, no tensor shares the array dataSync returned: it can be written to.
    const out = tc.dataSync() as Float32Array;
    tf.dispose([ta, tc]);
    return out;
  };
  return {
    name,
    matMul(a, m, k, b, n, biasRow) {
      const tb = tf.tensor2d(b.subarray(0, k * n), [k, n]);
      const out = multiply(a, m, k, tb);
      tb.dispose();
      if (biasRow) for (let r = 0; r < m; r++) for (let j = 0, o = r * n; j < n; j++) out[o + j] += biasRow[j];
      return out;
    },
    prepareRight(b, k, n) {
      const tb = tf.tensor2d(b.subarray(0, k * n), [k, n]);
      return {
        mul(a, m, addend) {
          const out = multiply(a, m, k, tb);
          if (addend) for (let i = 0; i < m * n; i++) out[i] += addend[i];
          return out;
        },
        dispose: () => tb.dispose(),
      };
    },
  };
}

/** Products through the active tfjs backend's matMul (e.g. XNNPACK on wasm): one op per product, no transposed flags. */
export const engineMatMulProvider: MatMulProvider = tensorMatMulProvider('engine');
