// The adding problem (Hochreiter & Schmidhuber): each step carries a random value and a marker; the target is the
// sum of the two marked values, one early in the sequence. A tanh SimpleRNN cannot carry it that far; an LSTM can.
import { createRng } from '@rnnkit/data-pipeline';

export interface AddingData {
  x: Float32Array; // [n, T, 2]
  y: Float32Array; // [n]
  n: number;
  T: number;
}

export function addingProblem(n: number, T: number, seed: number): AddingData {
  const rng = createRng(seed);
  const x = new Float32Array(n * T * 2);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const a = Math.floor(rng.next() * Math.max(1, Math.floor(T / 10)));
    const b = Math.floor(T / 2) + Math.floor(rng.next() * Math.floor(T / 2));
    for (let t = 0; t < T; t++) {
      const v = rng.next();
      x[(i * T + t) * 2] = v;
      if (t === a || t === b) {
        x[(i * T + t) * 2 + 1] = 1;
        y[i] += v;
      }
    }
  }
  return { x, y, n, T };
}
