import { tf } from '../tfjs.js';

/**
 * Whether a gradient tape is recording this call (tf.grad, tf.variableGrads, fit), so a kernel must keep what its
 * backward pass needs; false for predict and evaluate.
 */
export function isRecordingGradients(): boolean {
  return (tf.engine() as unknown as { state: { gradientDepth: number } }).state.gradientDepth > 0;
}
