import { describe, expect, it } from 'vitest';
import { expectMatMulProviderMatchesTripleLoop, tripleLoopMatMul as naive } from '../testing/matmul-provider-check.js';
import { seededRandom } from '../testing/cases.js';
import { instantiateSimdKernelsSync, simdSupported } from './simd-module.js';
import { simdMatMulProvider } from './simd-provider.js';

const worst = (got: ArrayLike<number>, want: ArrayLike<number>) => {
  expect(got.length).toBe(want.length);
  let w = 0;
  for (let i = 0; i < got.length; i++) w = Math.max(w, Math.abs(got[i] - want[i]));
  return w;
};

describe('rnnkit WebAssembly SIMD module', () => {
  it('validates in this runtime', () => {
    expect(simdSupported()).toBe(true);
  });

  const kernels = instantiateSimdKernelsSync()!;
  const mm = simdMatMulProvider(kernels);
  const uniform = seededRandom(7);
  const rnd = () => uniform() * 2 - 1;

  // Shapes hit the 4-row and 1-row blocks, 8- and 4-column vector blocks, scalar columns and k past one k block.
  it.each([[1, 1, 1], [4, 5, 8], [7, 3, 13], [5, 2, 4], [9, 300, 21], [3, 600, 3], [32, 8, 64]] as const)('matMul %i x %i x %i equals a triple loop', (m, k, n) => {
    expectMatMulProviderMatchesTripleLoop(mm, [m, k, n], 1e-5 * Math.sqrt(k), rnd);
  });

  it('a prepared right factor multiplies repeatedly, adds the addend, and frees its memory on dispose', () => {
    const [m, k, n] = [6, 10, 12];
    const b = Float32Array.from({ length: k * n }, rnd);
    const R = mm.prepareRight(b, k, n);
    for (const rows of [m, 3, m]) {
      const a = Float32Array.from({ length: rows * k }, rnd);
      const addend = Float32Array.from({ length: rows * n }, rnd);
      expect(worst(R.mul(a, rows), naive(a, rows, k, b, n))).toBeLessThan(1e-5);
      expect(worst(R.mul(a, rows, addend), naive(a, rows, k, b, n).map((v, i) => v + addend[i]))).toBeLessThan(1e-5);
    }
    R.dispose();
    // Nothing stays allocated: a second provider-sized request reuses the same addresses.
    const R2 = mm.prepareRight(b, k, n);
    const first = R2.mul(Float32Array.from({ length: m * k }, rnd), m).byteOffset;
    R2.dispose();
    const R3 = mm.prepareRight(b, k, n);
    expect(R3.mul(Float32Array.from({ length: m * k }, rnd), m).byteOffset).toBe(first);
    R3.dispose();
  });

  const xs = Float32Array.from({ length: 4003 }, (_, i) => (i % 3 === 0 ? 1e-4 : i % 3 === 1 ? 1 : 30) * rnd());
  const reference: Record<string, (x: number) => number> = {
    sigmoid: (x) => 1 / (1 + Math.exp(-x)),
    tanh: Math.tanh,
    hardSigmoid: (x) => Math.min(1, Math.max(0, 0.2 * x + 0.5)),
    relu: (x) => Math.max(0, x),
    relu6: (x) => Math.min(6, Math.max(0, x)),
  };
  it.each(Object.keys(reference))('%s matches Math to float32 precision (relative 3e-7 where the value is not tiny)', (name) => {
    const a = xs.slice();
    expect(mm.activate!(name as 'tanh', a, 0, 1, a.length, a.length)).toBe(true);
    for (let i = 0; i < a.length; i++) {
      const want = reference[name](xs[i]);
      expect(Math.abs(a[i] - want), `${name}(${xs[i]})`).toBeLessThanOrEqual(Math.max(3e-7 * Math.abs(want), 1e-7));
    }
  });

  it('keeps NaN, saturates without overflow, and gives tanh its sign', () => {
    const a = Float32Array.of(NaN, 200, -200, -0.5, 1e-30);
    mm.activate!('sigmoid', a.subarray(0, 3), 0, 1, 3, 3);
    expect(Number.isNaN(a[0])).toBe(true);
    expect(a[1]).toBe(1);
    expect(a[2]).toBeLessThan(1e-30);
    const b = Float32Array.of(NaN, 200, -200, -0.5, 1e-30);
    mm.activate!('tanh', b, 0, 1, 5, 5);
    expect(Number.isNaN(b[0])).toBe(true);
    expect([b[1], b[2]]).toEqual([1, -1]);
    expect(b[3]).toBeCloseTo(Math.tanh(-0.5), 7);
    expect(b[4]).toBeCloseTo(1e-30, 37);
  });

  it('activates a strided block in place, in its own memory or in a JavaScript array, and declines what it lacks', () => {
    const src = Float32Array.from({ length: 70 }, rnd);
    const want = src.slice();
    for (let r = 0; r < 4; r++) for (let c = 0; c < 7; c++) want[3 + r * 15 + c] = Math.tanh(want[3 + r * 15 + c]);
    const js = src.slice();
    mm.activate!('tanh', js, 3, 4, 7, 15);
    expect(worst(js, want)).toBeLessThan(1e-6);
    const R = mm.prepareRight(Float32Array.of(1), 1, 1);
    const view = R.mul(src, 70); // src times 1, as a view of the module's memory
    expect(view.buffer).toBe(kernels.memory.buffer);
    mm.activate!('tanh', view, 3, 4, 7, 15);
    expect(worst(view, want)).toBeLessThan(1e-6);
    R.dispose();
    expect(mm.activate!('softplus', js, 0, 1, 2, 2)).toBe(false);
    expect(mm.activate!('linear', js, 0, 1, 2, 2)).toBe(true);
  });
});
