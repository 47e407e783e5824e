// Deterministic synthetic tasks for the planted-fault suite.

export function lcg(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** Sign task: y = 1 when the sum of a sequence of values in [-1, 1] is positive. Every step matters a little. */
export function signTask(n: number, T: number, seed: number): { x: number[][][]; y: number[] } {
  const r = lcg(seed);
  const x: number[][][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = Array.from({ length: T }, () => [2 * r() - 1]);
    x.push(s);
    y.push(s.reduce((a, v) => a + v[0], 0) > 0 ? 1 : 0);
  }
  return { x, y };
}

/** Variable-length sign task: lengths uniform in [minLen, maxLen], values in [0.1, 1] with a random sign (never 0). */
export function ragged(n: number, minLen: number, maxLen: number, seed: number): { x: number[][][]; y: number[] } {
  const r = lcg(seed);
  const x: number[][][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const len = minLen + Math.floor(r() * (maxLen - minLen + 1));
    const s = Array.from({ length: len }, () => [(r() < 0.5 ? -1 : 1) * (0.1 + 0.9 * r())]);
    x.push(s);
    y.push(s.reduce((a, v) => a + v[0], 0) > 0 ? 1 : 0);
  }
  return { x, y };
}

/** Pads [steps][features] rows to T with zeros at the front ('pre') or the back ('post'). */
export function pad(x: number[][][], T: number, side: 'pre' | 'post'): number[][][] {
  return x.map((s) => {
    const z = Array.from({ length: T - s.length }, () => s[0].map(() => 0));
    return side === 'pre' ? [...z, ...s] : [...s, ...z];
  });
}

/** The adding problem: y = sum of the two values marked in the first half of T steps (Hochreiter & Schmidhuber). */
export function adding(n: number, T: number, seed: number): { x: number[][][]; y: number[] } {
  const r = lcg(seed);
  const x: number[][][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = Math.floor(r() * (T / 4));
    const b = Math.floor(T / 4 + r() * (T / 4));
    const s = Array.from({ length: T }, (_, t) => [r(), t === a || t === b ? 1 : 0]);
    x.push(s);
    y.push(s[a][0] + s[b][0]);
  }
  return { x, y };
}

/** Sorts samples by label (ties keep their order). */
export function sortByLabel(d: { x: number[][][]; y: number[] }): { x: number[][][]; y: number[] } {
  const idx = d.y.map((_, i) => i).sort((a, b) => d.y[a] - d.y[b] || a - b);
  return { x: idx.map((i) => d.x[i]), y: idx.map((i) => d.y[i]) };
}

/** Regression: y = the sum of the last 3 of T values in [0, 1] (learnable in a few epochs; every run should learn it). */
export function lastThreeSum(n: number, T: number, seed: number): { x: number[][][]; y: number[] } {
  const r = lcg(seed);
  const x: number[][][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = Array.from({ length: T }, () => [r()]);
    x.push(s);
    y.push(s[T - 1][0] + s[T - 2][0] + s[T - 3][0]);
  }
  return { x, y };
}

/** Random labels: nothing to learn, so a big model can only memorise (overfit) its training part. */
export function randomLabels(d: { x: number[][][]; y: number[] }, seed: number): { x: number[][][]; y: number[] } {
  const r = lcg(seed);
  return { x: d.x, y: d.y.map(() => (r() < 0.5 ? 0 : 1)) };
}
