// Per-time-step gradient flow: |d loss / d x_t| for each step t of a fixed probe batch, averaged over real rows.
import { tf } from '@rnnkit/backend';
import { InvalidEvidenceError } from '../errors.js';

export type ProbeLoss = (yTrue: tf.Tensor | undefined, yPred: tf.Tensor) => tf.Scalar;

/** Loss by name for the probe; without targets, a fixed projection of the output (a Jacobian-vector product). */
export function probeLoss(name: string | ProbeLoss | undefined): ProbeLoss {
  if (typeof name === 'function') return name;
  return (yTrue, yPred): tf.Scalar => {
    if (!yTrue) return tf.sum(tf.mul(yPred, tf.sin(tf.add(tf.reshape(tf.range(0, yPred.size), yPred.shape), 1)))) as tf.Scalar;
    const l = (name ?? 'mse').toLowerCase();
    if (l.includes('sparsecategorical')) {
      const p = tf.clipByValue(yPred, 1e-7, 1 - 1e-7);
      const oneHot = tf.oneHot(tf.cast(tf.reshape(yTrue, [-1]), 'int32'), yPred.shape[yPred.shape.length - 1]);
      return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.log(p)), -1))) as tf.Scalar;
    }
    if (l.includes('crossentropy')) {
      const p = tf.clipByValue(yPred, 1e-7, 1 - 1e-7);
      const y = tf.reshape(yTrue, p.shape);
      return tf.neg(tf.mean(tf.add(tf.mul(y, tf.log(p)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, p)))))) as tf.Scalar;
    }
    return tf.mean(tf.square(tf.sub(yPred, tf.reshape(yTrue, yPred.shape)))) as tf.Scalar;
  };
}

/**
 * Norm over features of d loss / d input[b, t], averaged over the rows whose step t is real (mask 1).
 * Without a mask, steps whose input is all zeros are taken as padding (a masked step has a zero gradient, which is
 * no evidence of vanishing). Returns one number per step (oldest first), NaN where fewer than two rows (one, for a
 * batch of one) have a real step.
 */
export function measureGradientFlow(
  entry: tf.Tensor,
  rest: (h: tf.Tensor) => tf.Tensor,
  loss: (yPred: tf.Tensor) => tf.Scalar,
  mask?: tf.Tensor,
): number[] {
  if (entry.rank !== 3) throw new InvalidEvidenceError('measureGradientFlow', 'input', 'a [batch, time, features] tensor', `shape [${entry.shape.join(', ')}]`);
  const [B, T] = entry.shape;
  const perStep = tf.tidy(() => {
    const g = tf.grad((h: tf.Tensor) => loss(rest(h)))(entry);
    const norms = tf.sqrt(tf.sum(tf.square(g), 2)); // [B, T]
    const m = mask ? tf.cast(tf.reshape(mask, [B, T]), 'float32') : tf.cast(tf.any(tf.notEqual(entry, 0), 2), 'float32');
    return tf.stack([tf.sum(tf.mul(norms, m), 0), tf.sum(m, 0)]);
  });
  const v = perStep.dataSync();
  perStep.dispose();
  // A step real in only a row or two (the front of pre-padded batches) is too noisy to compare with the others.
  const minRows = Math.min(2, B);
  return Array.from({ length: T }, (_, t) => (v[T + t] >= minRows ? v[t] / v[T + t] : NaN));
}
