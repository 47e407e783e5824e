import { describe, expect, it } from 'vitest';
import { tf } from '@rnnkit/backend';
import { orthogonal, orthonormalColumns } from './orthogonal.js';

function gram(q: ArrayLike<number>, m: number, n: number): number[][] {
  return Array.from({ length: n }, (_, a) => Array.from({ length: n }, (_, b) => {
    let s = 0;
    for (let i = 0; i < m; i++) s += q[i * n + a] * q[i * n + b];
    return s;
  }));
}
const maxOffIdentity = (g: number[][]) => Math.max(...g.flatMap((row, i) => row.map((v, j) => Math.abs(v - (i === j ? 1 : 0)))));

describe('orthonormalColumns (Householder QR)', () => {
  const m = 7, n = 4;
  const a = Array.from({ length: m * n }, (_, i) => Math.sin(i * 1.7) + 0.3 * Math.cos(i * i));

  it('gives orthonormal columns, and R = QᵀA upper triangular with a non-negative diagonal', () => {
    const q = orthonormalColumns(a, m, n);
    expect(maxOffIdentity(gram(q, m, n))).toBeLessThan(1e-12);
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        let v = 0;
        for (let i = 0; i < m; i++) v += q[i * n + r] * a[i * n + c];
        if (r > c) expect(Math.abs(v), `R[${r}, ${c}]`).toBeLessThan(1e-12);
        if (r === c) expect(v).toBeGreaterThan(0);
      }
    }
  });

  it("equals tf.linalg.qr's Q with Keras' sign correction", () => {
    const q = orthonormalColumns(a, m, n);
    const want = tf.tidy(() => {
      const [tq, tr] = tf.linalg.qr(tf.tensor2d(a, [m, n]));
      const d = tf.sign(tf.sum(tf.mul(tf.slice(tr, [0, 0], [n, n]), tf.eye(n)), 0));
      return tf.mul(tq, d).dataSync();
    });
    for (let i = 0; i < m * n; i++) expect(q[i]).toBeCloseTo(want[i], 5);
  });

  it('keeps a zero column finite instead of dividing by its zero norm', () => {
    const withZero = a.map((v, i) => (i % n === 2 ? 0 : v));
    const q = orthonormalColumns(withZero, m, n);
    expect(q.every(Number.isFinite)).toBe(true);
  });

  it('names the shape it cannot take', () => {
    expect(() => orthonormalColumns([1, 2, 3], 1, 3)).toThrow('orthonormalColumns: needs rows >= columns, got [1, 3]');
  });
});

describe('orthogonal initializer', () => {
  it('a wide recurrent kernel [U, 4U] has orthonormal rows; a tall one orthonormal columns', () => {
    const before = tf.memory().numTensors;
    const wide = orthogonal([8, 32], 3);
    const tall = orthogonal([12, 5], 3);
    expect(wide.shape).toEqual([8, 32]);
    const w = wide.dataSync();
    const rowsGram = Array.from({ length: 8 }, (_, a) => Array.from({ length: 8 }, (_, b) => {
      let s = 0;
      for (let j = 0; j < 32; j++) s += w[a * 32 + j] * w[b * 32 + j];
      return s;
    }));
    expect(maxOffIdentity(rowsGram)).toBeLessThan(1e-5);
    expect(maxOffIdentity(gram(tall.dataSync(), 12, 5))).toBeLessThan(1e-5);
    tf.dispose([wide, tall]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is reproducible with a seed and differs between seeds', () => {
    const [a, b, c] = [orthogonal([6, 24], 7), orthogonal([6, 24], 7), orthogonal([6, 24], 8)];
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    expect(Array.from(a.dataSync())).not.toEqual(Array.from(c.dataSync()));
    tf.dispose([a, b, c]);
  });

  it("builds an LSTM's 256 x 1024 recurrent kernel orthogonal (tf.linalg.qr took 75 s on cpu)", () => {
    const k = orthogonal([256, 1024], 1);
    const v = k.dataSync();
    // Spot-check a few row pairs: unit norm, orthogonal.
    for (const [a, b] of [[0, 0], [0, 255], [17, 200], [255, 255]]) {
      let s = 0;
      for (let j = 0; j < 1024; j++) s += v[a * 1024 + j] * v[b * 1024 + j];
      expect(s).toBeCloseTo(a === b ? 1 : 0, 5);
    }
    k.dispose();
  });
});
