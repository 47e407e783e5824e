// Keras' orthogonal initializer. tf.linalg.qr runs a few tfjs ops per column over the whole matrix, which took
// 75 s for an LSTM's 256 x 1024 recurrent kernel on the cpu backend (and 1.7 s on wasm); the same Householder QR
// over plain Float64 arrays takes well under a second.
import { tf } from '@rnnkit/backend';

/**
 * The orthonormal Q ([m, n], m >= n) of the QR decomposition of a row-major [m, n] matrix, with each column's sign
 * chosen so that R's diagonal is non-negative: the unique such Q, as Keras' `q * sign(diag(r))` gives.
 */
export function orthonormalColumns(a: ArrayLike<number>, m: number, n: number): Float64Array {
  if (m < n) throw new Error(`orthonormalColumns: needs rows >= columns, got [${m}, ${n}]`);
  // Column-major working copies: every inner loop below walks one contiguous column.
  const r = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) r[j * m + i] = a[i * n + j];
  const vs: Float64Array[] = [];
  const signs = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const col = k * m;
    let norm = 0;
    for (let i = k; i < m; i++) norm += r[col + i] * r[col + i];
    norm = Math.sqrt(norm);
    const x0 = r[col + k];
    const alpha = x0 > 0 ? -norm : norm; // R[k, k] after the reflection; opposite sign to x0 avoids cancellation
    const v = new Float64Array(m - k);
    for (let i = k; i < m; i++) v[i - k] = r[col + i];
    v[0] -= alpha;
    let vv = 0;
    for (let i = 0; i < v.length; i++) vv += v[i] * v[i];
    if (vv > 0) {
      const scale = 1 / Math.sqrt(vv);
      for (let i = 0; i < v.length; i++) v[i] *= scale;
      for (let j = k; j < n; j++) reflect(r, j * m, k, m, v);
    }
    vs.push(vv > 0 ? v : new Float64Array(0));
    signs[k] = (vv > 0 ? alpha : x0) < 0 ? -1 : 1;
  }
  // Q = H_0 H_1 ... H_{n-1} applied to the first n columns of the identity, times the sign of R's diagonal.
  const q = new Float64Array(m * n);
  for (let j = 0; j < n; j++) q[j * m + j] = 1;
  for (let k = n - 1; k >= 0; k--) {
    if (vs[k].length === 0) continue;
    for (let j = 0; j < n; j++) reflect(q, j * m, k, m, vs[k]);
  }
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[i * n + j] = q[j * m + i] * signs[j];
  return out;
}

/** Applies I - 2 v vᵀ to rows k..m-1 of the column starting at `col` (v has unit norm). */
function reflect(c: Float64Array, col: number, k: number, m: number, v: Float64Array): void {
  let dot = 0;
  for (let i = k; i < m; i++) dot += v[i - k] * c[col + i];
  dot *= 2;
  if (dot === 0) return;
  for (let i = k; i < m; i++) c[col + i] -= dot * v[i - k];
}

/** Keras' Orthogonal(gain = 1): Q of the QR decomposition of a standard normal matrix, transposed when wide. */
export function orthogonal(shape: number[], seed?: number): tf.Tensor {
  const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
  const cols = shape[shape.length - 1];
  const [m, n] = rows < cols ? [cols, rows] : [rows, cols];
  const normal = tf.randomNormal([m, n], 0, 1, 'float32', seed);
  const values = normal.dataSync();
  normal.dispose();
  const q = orthonormalColumns(values, m, n);
  const out = new Float32Array(rows * cols);
  if (rows < cols) {
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[j * m + i] = q[i * n + j];
  } else {
    out.set(q);
  }
  return tf.tensor(out, shape);
}
