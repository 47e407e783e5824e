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

/**
 * tanh as Eigen's float rational approximation (odd degree-13 numerator over degree-6 denominator): about 5x
 * faster than Math.tanh in V8, within 3e-8 absolute (1.3e-7 relative) of it; past |x| = 7.9, where the
 * approximation stops converging to 1, and for the rare saturated inputs, Math.tanh itself. NaN stays NaN.
 */
export function tanhRational(x: number): number {
  if (x > 7.9 || x < -7.9) return Math.tanh(x);
  const x2 = x * x;
  const p = x * (4.89352455891786e-3 + x2 * (6.37261928875436e-4 + x2 * (1.48572235717979e-5 + x2 * (5.12229709037114e-8
    + x2 * (-8.60467152213735e-11 + x2 * (2.00018790482477e-13 + x2 * -2.76076847742355e-16))))));
  const q = 4.89352518554385e-3 + x2 * (2.26843463243900e-3 + x2 * (1.18534705686654e-4 + x2 * 1.19825839466702e-6));
  return p / q;
}

/** sigmoid(x) = (1 + tanh(x / 2)) / 2, on the rational tanh. */
export const sigmoidRational = (x: number): number => 0.5 + 0.5 * tanhRational(0.5 * x);

const table: Partial<Record<ActivationName, ScalarActivation>> = {
  tanh: { name: 'tanh', f: tanhRational, dFromOutput: (y) => 1 - y * y },
  sigmoid: { name: 'sigmoid', f: sigmoidRational, dFromOutput: (y) => y * (1 - y) },
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
  // The common gate activations get their own loops: a call through `act.f` per element is not inlined.
  if (act.name === 'tanh') {
    for (let r = 0; r < rows; r++) for (let j = offset + r * stride, e = j + cols; j < e; j++) a[j] = tanhRational(a[j]);
  } else if (act.name === 'sigmoid') {
    for (let r = 0; r < rows; r++) for (let j = offset + r * stride, e = j + cols; j < e; j++) a[j] = sigmoidRational(a[j]);
  } else {
    const f = act.f;
    for (let r = 0; r < rows; r++) for (let j = offset + r * stride, e = j + cols; j < e; j++) a[j] = f(a[j]);
  }
}
