// The per-step clipping decision. Norms are computed as tensors and read back in ONE small dataSync (a vector
// of 1 + number-of-variables floats): that read is the whole cost of the report, and the scale factors are
// then plain numbers, so the clipped update is exactly the published formula.
import { tf } from '@rnnkit/backend';

export interface ClipReport {
  /** Norm over every variable's gradient, before any clipping (NaN or Infinity when a gradient is not finite). */
  globalNorm: number;
  /** Each variable's gradient norm before clipping, by variable name. */
  perVariableNorms?: Record<string, number>;
  /** Whether clipping changed any gradient at this step. */
  clipped: boolean;
  /** How many steps of this optimizer instance clipped so far (a diagnostic: not saved by getWeights, 0 after setWeights). */
  clipCount: number;
  /** False when some gradient held NaN or Infinity at this step (the update was still applied, as in Keras and tfjs). */
  finite: boolean;
}

export interface ClipSettings {
  clipnorm?: number;
  clipvalue?: number;
  globalClipnorm?: number;
}

export interface ClipDecision {
  /** Multiply gradient i by scales[i] (1 when unchanged). */
  scales: number[];
  report: Omit<ClipReport, 'clipCount'>;
}

/** Reads the norms (and, with clipvalue, the largest magnitude) of the gradients and decides the scale factors. */
export function decideClipping(names: string[], grads: tf.Tensor[], settings: ClipSettings): ClipDecision {
  const read = tf.tidy(() => {
    const f32 = grads.map((g) => tf.cast(g, 'float32'));
    const sums = f32.map((g) => tf.sum(tf.square(g)));
    const parts = [tf.stack(sums)];
    if (settings.clipvalue !== undefined) parts.push(tf.stack(f32.map((g) => tf.max(tf.abs(g)))));
    return tf.concat(parts);
  });
  const values = read.dataSync();
  read.dispose();
  const n = grads.length;
  const norms = Array.from(values.subarray(0, n), (s) => Math.sqrt(s));
  // Sum the squares in float64 here rather than on the device, so the global norm does not depend on the backend's summation order.
  const globalNorm = Math.sqrt(Array.from(values.subarray(0, n)).reduce((a, b) => a + b, 0));
  const finite = Number.isFinite(globalNorm);
  const perVariableNorms: Record<string, number> = {};
  names.forEach((name, i) => { perVariableNorms[name] = norms[i]!; });
  let scales = norms.map(() => 1);
  let clipped = false;
  // A non-finite gradient is never rescaled: a factor of 0 from an infinite norm would hide it.
  if (finite && settings.clipnorm !== undefined) {
    const c = settings.clipnorm;
    scales = norms.map((v) => (v > c ? c / v : 1));
    clipped = norms.some((v) => v > c);
  } else if (finite && settings.globalClipnorm !== undefined && globalNorm > settings.globalClipnorm) {
    scales = norms.map(() => settings.globalClipnorm! / globalNorm);
    clipped = true;
  } else if (finite && settings.clipvalue !== undefined) {
    clipped = Array.from(values.subarray(n, 2 * n)).some((m) => m > settings.clipvalue!);
  }
  return { scales, report: { globalNorm, perVariableNorms, clipped, finite } };
}
