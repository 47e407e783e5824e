// Keras metrics as per-sample values [batch]; 'accuracy' resolves by the loss, as Keras does.
import { tf } from '@rnnkit/backend';
import { ConfigError } from '../errors.js';

export type MetricFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor1D;
export type MetricName = 'accuracy' | 'acc' | 'binaryAccuracy' | 'categoricalAccuracy' | 'sparseCategoricalAccuracy' | 'mse' | 'mae';

const meanRest = (t: tf.Tensor) => (t.rank <= 1 ? t : tf.mean(tf.reshape(t, [t.shape[0], -1]), 1)) as tf.Tensor1D;
const table: Record<string, MetricFn> = {
  binaryAccuracy: (y, p) => meanRest(tf.cast(tf.equal(y, tf.cast(tf.greater(p, 0.5), y.dtype)), 'float32')),
  categoricalAccuracy: (y, p) => meanRest(tf.cast(tf.equal(tf.argMax(y, -1), tf.argMax(p, -1)), 'float32')),
  sparseCategoricalAccuracy: (y, p) => {
    const labels = tf.cast(y.rank === p.rank ? tf.squeeze(y, [y.rank - 1]) : y, 'int32');
    return meanRest(tf.cast(tf.equal(labels, tf.argMax(p, -1)), 'float32'));
  },
  mse: (y, p) => meanRest(tf.squaredDifference(y, p)),
  mae: (y, p) => meanRest(tf.abs(tf.sub(y, p))),
};

/**
 * 'accuracy' (or 'acc', logged as 'acc' like tfjs-layers) resolves by the loss where the loss says which kind of
 * targets it takes (binary, categorical or sparse crossentropy); for any other loss it resolves by the shapes, as
 * Keras does: a last output dimension of 1 is binary, integer labels (targets of lower rank, or a last dimension of 1
 * against several classes) are sparse, anything else is categorical.
 */
export function getMetric(name: MetricName | MetricFn, lossName: string): { fn: MetricFn; name: string } {
  if (typeof name === 'function') return { fn: name, name: name.name || 'metric' };
  if (name === 'accuracy' || name === 'acc') {
    const byLoss: Record<string, string> = { binaryCrossentropy: 'binaryAccuracy', categoricalCrossentropy: 'categoricalAccuracy', sparseCategoricalCrossentropy: 'sparseCategoricalAccuracy' };
    const resolved = byLoss[lossName];
    return { fn: resolved ? table[resolved] : (y, p) => table[accuracyByShape(y, p)](y, p), name: 'acc' };
  }
  const fn = table[name];
  if (!fn) throw new ConfigError(`compile: unknown metric '${name}' (expected accuracy, binaryAccuracy, categoricalAccuracy, sparseCategoricalAccuracy, mse or mae)`);
  return { fn, name };
}

function accuracyByShape(y: tf.Tensor, p: tf.Tensor): string {
  const pLast = p.shape[p.rank - 1];
  if (pLast === 1) return 'binaryAccuracy';
  if (y.rank < p.rank || (y.shape[y.rank - 1] === 1 && pLast > 1)) return 'sparseCategoricalAccuracy';
  return 'categoricalAccuracy';
}
