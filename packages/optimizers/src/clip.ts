// Standalone gradient-norm helpers (TensorFlow's clip_by_global_norm). No data is read back: they return
// tensors, so they can run inside a training step without a GPU sync.
import { tf, ValueError } from '@rnnkit/backend';
import { describe } from './validate.js';

export type GradientList = tf.Tensor[] | tf.NamedTensorMap;

function tensorsOf(grads: GradientList, op: string): tf.Tensor[] {
  const list = Array.isArray(grads) ? grads : Object.values(grads);
  list.forEach((g, i) => {
    if (!(g instanceof tf.Tensor)) {
      const name = Array.isArray(grads) ? `grads[${i}]` : `grads['${Object.keys(grads)[i]}']`;
      throw new ValueError({ op, argument: name, expected: 'a tf.Tensor', got: describe(g) });
    }
  });
  return list;
}

/** sqrt(sum of every squared element of every gradient), as a float32 scalar tensor (0 for no gradients). */
export function globalNorm(grads: GradientList): tf.Scalar {
  const list = tensorsOf(grads, 'globalNorm');
  return tf.tidy(() => {
    if (list.length === 0) return tf.scalar(0);
    const sums = list.map((g) => tf.sum(tf.square(tf.cast(g, 'float32'))));
    return tf.sqrt(tf.addN(sums)) as tf.Scalar;
  });
}

export interface ClipByGlobalNormResult<G extends GradientList> {
  /** New tensors (the caller disposes them), each scaled by maxNorm / max(globalNorm, maxNorm). */
  clipped: G;
  /** The norm before clipping. */
  globalNorm: tf.Scalar;
}

/**
 * Scales every gradient by `maxNorm / max(globalNorm, maxNorm)`: unchanged when the global norm is within
 * `maxNorm`, otherwise all shrunk by the same factor so the global norm becomes `maxNorm` (direction kept).
 */
export function clipByGlobalNorm<G extends GradientList>(grads: G, maxNorm: number): ClipByGlobalNormResult<G> {
  if (typeof maxNorm !== 'number' || !Number.isFinite(maxNorm) || maxNorm <= 0) {
    throw new ValueError({ op: 'clipByGlobalNorm', argument: 'maxNorm', expected: 'a finite number > 0', got: describe(maxNorm) });
  }
  const norm = globalNorm(grads);
  const scale = tf.tidy(() => tf.div(maxNorm, tf.maximum(norm, maxNorm)));
  const apply = (g: tf.Tensor) => tf.tidy(() => tf.mul(g, tf.cast(scale, g.dtype)));
  let clipped: GradientList;
  if (Array.isArray(grads)) {
    clipped = grads.map(apply);
  } else {
    clipped = {};
    for (const [k, g] of Object.entries(grads)) clipped[k] = apply(g);
  }
  scale.dispose();
  return { clipped: clipped as G, globalNorm: norm };
}
