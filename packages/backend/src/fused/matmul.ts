// Dense row-major matrix products over Float32Arrays, and the provider seam that lets an engine with a faster
// matMul (wasm's XNNPACK) do the products while the fused elementwise work stays in one JavaScript pass.
import { tf } from '../tfjs.js';
import type { ActivationName } from '../recurrent/types.js';
import type { CellStepKernels } from './step-kernels.js';

/**
 * c[m, n] (+)= a[m, k] · b[k, n]. Four rows of a at a time share each load of b (about 2x the plain i-p-j loop
 * in V8); the inner loop stays contiguous in b and c.
 */
export function matMulInto(a: Float32Array, m: number, k: number, b: Float32Array, n: number, c: Float32Array, accumulate = false): Float32Array {
  if (!accumulate) c.fill(0, 0, m * n);
  let i = 0;
  for (; i + 3 < m; i += 4) {
    const c0 = i * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
    const a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
    for (let p = 0; p < k; p++) {
      const x0 = a[a0 + p], x1 = a[a1 + p], x2 = a[a2 + p], x3 = a[a3 + p];
      const bp = p * n;
      for (let j = 0; j < n; j++) {
        const bj = b[bp + j];
        c[c0 + j] += x0 * bj;
        c[c1 + j] += x1 * bj;
        c[c2 + j] += x2 * bj;
        c[c3 + j] += x3 * bj;
      }
    }
  }
  for (; i < m; i++) {
    const ci = i * n, ai = i * k;
    for (let p = 0; p < k; p++) {
      const aip = a[ai + p];
      const bp = p * n;
      for (let j = 0; j < n; j++) c[ci + j] += aip * b[bp + j];
    }
  }
  return c;
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

/** Products through the active tfjs backend's matMul (e.g. XNNPACK on wasm): one op per product, no transposed flags. */
export const engineMatMulProvider: MatMulProvider = {
  name: 'engine',
  matMul(a, m, k, b, n, biasRow) {
    const ta = tf.tensor2d(a, [m, k]);
    const tb = tf.tensor2d(b, [k, n]);
    const tc = tf.matMul(ta, tb);
    const out = (tc.dataSync() as Float32Array).slice();
    tf.dispose([ta, tb, tc]);
    if (biasRow) for (let r = 0; r < m; r++) for (let j = 0; j < n; j++) out[r * n + j] += biasRow[j];
    return out;
  },
  prepareRight(b, k, n) {
    const tb = tf.tensor2d(b, [k, n]);
    return {
      mul(a, m, addend) {
        const ta = tf.tensor2d(a, [m, k]);
        const tc = tf.matMul(ta, tb);
        const out = (tc.dataSync() as Float32Array).slice();
        ta.dispose();
        tc.dispose();
        if (addend) for (let i = 0; i < m * n; i++) out[i] += addend[i];
        return out;
      },
      dispose: () => tb.dispose(),
    };
  },
};
