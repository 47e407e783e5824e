// Dense row-major matrix products over Float32Arrays, and the provider seam that lets an engine with a faster
// matMul (wasm's XNNPACK) do the products while the fused elementwise work stays in one JavaScript pass.
import { tf } from '../tfjs.js';

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

/** The [cols, rows] transpose of a row-major [rows, cols] matrix. */
export function transposeMatrix(a: Float32Array, rows: number, cols: number): Float32Array {
  const t = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const ai = i * cols;
    for (let j = 0; j < cols; j++) t[j * rows + i] = a[ai + j];
  }
  return t;
}

/** A right-hand matrix fixed for a whole sequence (a recurrent kernel), multiplied from the left many times. */
export interface PreparedRight {
  /** a[m, k] · B[k, n] -> [m, n]. The result may be reused by the next call: copy what you keep. */
  mul(a: Float32Array, m: number): Float32Array;
  dispose(): void;
}

export interface MatMulProvider {
  readonly name: string;
  /** a[m, k] · b[k, n] -> new [m, n]. */
  matMul(a: Float32Array, m: number, k: number, b: Float32Array, n: number): Float32Array;
  prepareRight(b: Float32Array, k: number, n: number): PreparedRight;
}

/** Plain JavaScript products: on the cpu backend tfjs' own matMul is JavaScript too, minus the per-op overhead. */
export const jsMatMulProvider: MatMulProvider = {
  name: 'js',
  matMul: (a, m, k, b, n) => matMulInto(a, m, k, b, n, new Float32Array(m * n)),
  prepareRight(b, k, n) {
    let out = new Float32Array(0);
    return {
      mul(a, m) {
        if (out.length !== m * n) out = new Float32Array(m * n);
        return matMulInto(a, m, k, b, n, out);
      },
      dispose() {},
    };
  },
};

/** Products through the active tfjs backend's matMul (e.g. XNNPACK on wasm): one op per product, no transposed flags. */
export const engineMatMulProvider: MatMulProvider = {
  name: 'engine',
  matMul(a, m, k, b, n) {
    const ta = tf.tensor2d(a, [m, k]);
    const tb = tf.tensor2d(b, [k, n]);
    const tc = tf.matMul(ta, tb);
    const out = tc.dataSync() as Float32Array;
    const copy = out.slice();
    tf.dispose([ta, tb, tc]);
    return copy;
  },
  prepareRight(b, k, n) {
    const tb = tf.tensor2d(b, [k, n]);
    return {
      mul(a, m) {
        const ta = tf.tensor2d(a, [m, k]);
        const tc = tf.matMul(ta, tb);
        const out = (tc.dataSync() as Float32Array).slice();
        ta.dispose();
        tc.dispose();
        return out;
      },
      dispose: () => tb.dispose(),
    };
  },
};
