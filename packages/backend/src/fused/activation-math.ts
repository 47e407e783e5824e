// Scalar activations with their derivatives written from the activation's output, so the backward pass needs
// only what the forward pass kept. Activations whose derivative needs the input are not fused.
import type { ActivationName } from '../recurrent/types.js';
import type { MatMulProvider } from './matmul.js';

export interface ScalarActivation {
  readonly name: ActivationName;
  f(x: number): number;
  /** d f / d x at the point whose output is y. */
  dFromOutput(y: number): number;
}

const table: Partial<Record<ActivationName, ScalarActivation>> = {
  tanh: { name: 'tanh', f: Math.tanh, dFromOutput: (y) => 1 - y * y },
  sigmoid: { name: 'sigmoid', f: (x) => 1 / (1 + Math.exp(-x)), dFromOutput: (y) => y * (1 - y) },
  // tfjs-layers' hardSigmoid: clip(0.2x + 0.5, 0, 1).
  hardSigmoid: { name: 'hardSigmoid', f: (x) => Math.min(1, Math.max(0, 0.2 * x + 0.5)), dFromOutput: (y) => (y > 0 && y < 1 ? 0.2 : 0) },
  relu: { name: 'relu', f: (x) => (x > 0 ? x : 0), dFromOutput: (y) => (y > 0 ? 1 : 0) },
  relu6: { name: 'relu6', f: (x) => Math.min(6, Math.max(0, x)), dFromOutput: (y) => (y > 0 && y < 6 ? 1 : 0) },
  linear: { name: 'linear', f: (x) => x, dFromOutput: () => 1 },
};

/** The fused form of an activation, or undefined when the fused kernels do not cover it. */
export function scalarActivation(name: ActivationName): ScalarActivation | undefined {
  return table[name];
}

/**
 * Applies `act` in place to a rows x cols block of `a` starting at `offset`, rows `stride` apart: through the
 * provider's vector code when it has some (wasm SIMD), else element by element here.
 */
export function activateBlock(
  mm: MatMulProvider, act: ScalarActivation, a: Float32Array, offset: number, rows: number, cols: number, stride: number,
): void {
  if (act.name === 'linear' || mm.activate?.(act.name, a, offset, rows, cols, stride)) return;
  const f = act.f;
  for (let r = 0; r < rows; r++) {
    const o = offset + r * stride;
    for (let j = o; j < o + cols; j++) a[j] = f(a[j]);
  }
}
