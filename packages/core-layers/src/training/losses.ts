// Keras losses: per-sample values (mean over the last axis where Keras takes it), with Keras' epsilon clipping.
import { tf } from '@rnnkit/backend';
import { ConfigError } from '../errors.js';

/** Per-sample loss [batch] for targets and predictions of the model's output shape. */
export type LossFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor1D;
export type LossName = 'mse' | 'meanSquaredError' | 'mae' | 'meanAbsoluteError' | 'binaryCrossentropy' | 'categoricalCrossentropy' | 'sparseCategoricalCrossentropy';
export interface LossSpec {
  name: LossName;
  fromLogits?: boolean;
}

const EPS = 1e-7;
const meanRest = (t: tf.Tensor) => (t.rank <= 1 ? t : tf.mean(tf.reshape(t, [t.shape[0], -1]), 1)) as tf.Tensor1D;

function make(name: LossName, fromLogits: boolean): LossFn {
  switch (name) {
    case 'mse':
    case 'meanSquaredError':
      return (y, p) => meanRest(tf.squaredDifference(y, p));
    case 'mae':
    case 'meanAbsoluteError':
      return (y, p) => meanRest(tf.abs(tf.sub(y, p)));
    case 'binaryCrossentropy':
      return (y, p) => {
        // Stable form: max(p, 0) - p*y + log(1 + exp(-|p|)).
        if (fromLogits) return meanRest(tf.sub(tf.add(tf.relu(p), tf.log1p(tf.exp(tf.neg(tf.abs(p))))), tf.mul(p, y)));
        const q = tf.clipByValue(p, EPS, 1 - EPS);
        return meanRest(tf.neg(tf.add(tf.mul(y, tf.log(q)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, q))))));
      };
    case 'categoricalCrossentropy':
      return (y, p) => {
        const logp = fromLogits ? tf.logSoftmax(p) : tf.log(tf.clipByValue(tf.div(p, tf.sum(p, -1, true)), EPS, 1 - EPS));
        return meanRest(tf.neg(tf.sum(tf.mul(y, logp), -1)));
      };
    case 'sparseCategoricalCrossentropy':
      return (y, p) => {
        const classes = p.shape[p.rank - 1];
        const labels = tf.cast(y.rank === p.rank ? tf.squeeze(y, [y.rank - 1]) : y, 'int32');
        const logp = fromLogits ? tf.logSoftmax(p) : tf.log(tf.clipByValue(tf.div(p, tf.sum(p, -1, true)), EPS, 1 - EPS));
        return meanRest(tf.neg(tf.sum(tf.mul(tf.oneHot(labels, classes), logp), -1)));
      };
    default:
      throw new ConfigError(`compile: unknown loss '${String(name)}' (expected mse, mae, binaryCrossentropy, categoricalCrossentropy or sparseCategoricalCrossentropy)`);
  }
}

export function getLoss(spec: LossName | LossSpec | LossFn): { fn: LossFn; name: string } {
  if (typeof spec === 'function') return { fn: spec, name: spec.name || 'custom' };
  const s = typeof spec === 'string' ? { name: spec } : spec;
  return { fn: make(s.name, !!s.fromLogits), name: s.name };
}
