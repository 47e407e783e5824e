// Scalar activations with their derivatives written from the activation's output, so the backward pass needs
// only what the forward pass kept. Activations whose derivative needs the input are not fused.
import type { ActivationName } from '../recurrent/types.js';

export interface ScalarActivation {
  f(x: number): number;
  /** d f / d x at the point whose output is y. */
  dFromOutput(y: number): number;
}

const table: Partial<Record<ActivationName, ScalarActivation>> = {
  tanh: { f: Math.tanh, dFromOutput: (y) => 1 - y * y },
  sigmoid: { f: (x) => 1 / (1 + Math.exp(-x)), dFromOutput: (y) => y * (1 - y) },
  // tfjs-layers' hardSigmoid: clip(0.2x + 0.5, 0, 1).
  hardSigmoid: { f: (x) => Math.min(1, Math.max(0, 0.2 * x + 0.5)), dFromOutput: (y) => (y > 0 && y < 1 ? 0.2 : 0) },
  relu: { f: (x) => (x > 0 ? x : 0), dFromOutput: (y) => (y > 0 ? 1 : 0) },
  relu6: { f: (x) => Math.min(6, Math.max(0, x)), dFromOutput: (y) => (y > 0 && y < 6 ? 1 : 0) },
  linear: { f: (x) => x, dFromOutput: () => 1 },
};

/** The fused form of an activation, or undefined when the fused kernels do not cover it. */
export function scalarActivation(name: ActivationName): ScalarActivation | undefined {
  return table[name];
}
