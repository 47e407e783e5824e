// The contract every MatMulProvider (plain JavaScript, an engine's matMul, wasm SIMD, TensorFlow ops) is held to:
// its products equal a Float64 triple loop, through each of its entry points.
import { expect } from 'vitest';
import type { MatMulProvider } from '../fused/matmul.js';

/** a[m, k] · b[k, n] in Float64, row-major. */
export function tripleLoopMatMul(a: Float32Array, m: number, k: number, b: Float32Array, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) for (let p = 0; p < k; p++) c[i * n + j] += a[i * k + p] * b[p * n + j];
  return c;
}

function worstAbsDiff(got: ArrayLike<number>, want: ArrayLike<number>, what: string): number {
  expect(got.length, what).toBe(want.length);
  let w = 0;
  for (let i = 0; i < got.length; i++) w = Math.max(w, Math.abs(got[i] - want[i]));
  return w;
}

/**
 * For one [m, k] x [k, n] shape, with every value drawn from `random`: matMul with and without a bias row, a
 * prepared right factor with and without an addend and on m rows of a longer left buffer, each within `tolerance`
 * (absolute) of the triple loop. Disposes what it prepares.
 */
export function expectMatMulProviderMatchesTripleLoop(
  mm: MatMulProvider, [m, k, n]: readonly [number, number, number], tolerance: number, random: () => number,
): void {
  const values = (size: number) => Float32Array.from({ length: size }, random);
  const a = values(m * k), b = values(k * n), bias = values(n), addend = values(m * n);
  const want = tripleLoopMatMul(a, m, k, b, n);
  const shape = `${m} x ${k} x ${n}`;
  expect(worstAbsDiff(mm.matMul(a, m, k, b, n), want, `${shape} matMul`), `${shape} matMul`).toBeLessThan(tolerance);
  expect(worstAbsDiff(mm.matMul(a, m, k, b, n, bias), want.map((v, i) => v + bias[i % n]), `${shape} bias`), `${shape} matMul + bias row`).toBeLessThan(tolerance);
  const right = mm.prepareRight(b, k, n);
  try {
    expect(worstAbsDiff(right.mul(a, m), want, `${shape} prepared`), `${shape} prepared`).toBeLessThan(tolerance);
    expect(worstAbsDiff(right.mul(a, m, addend), want.map((v, i) => v + addend[i]), `${shape} addend`), `${shape} prepared + addend`).toBeLessThan(tolerance);
    const longer = new Float32Array((m + 2) * k);
    longer.set(a);
    expect(worstAbsDiff(right.mul(longer, m), want, `${shape} longer`), `${shape} prepared, m rows of a longer buffer`).toBeLessThan(tolerance);
  } finally {
    right.dispose();
  }
}
