import { tf } from '../tfjs.js';

/**
 * Whether a gradient tape is recording this call (tf.grad, tf.variableGrads, fit), so a kernel must keep what its
 * backward pass needs; false for predict and evaluate, and inside another kernel's forward function (a custom
 * gradient's body), whose ops tfjs does not record either (its engine's isTapeOn).
 */
export function isRecordingGradients(): boolean {
  const { gradientDepth, kernelDepth } = (tf.engine() as unknown as { state: { gradientDepth: number; kernelDepth: number } }).state;
  return gradientDepth > 0 && kernelDepth === 0;
}
