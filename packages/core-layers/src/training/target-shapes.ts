// Targets against the model's outputs, before a loss sees them: tfjs broadcasts mismatched shapes silently
// (y [N] against predictions [N, 1] gives an [N, N] "loss"), which trains on garbage without an error.
import { tf } from '@rnnkit/backend';
import { InputError, shapeText } from '../errors.js';

const SPARSE = new Set(['sparseCategoricalCrossentropy']);
const NAMED = new Set(['mse', 'meanSquaredError', 'mae', 'meanAbsoluteError', 'binaryCrossentropy', 'categoricalCrossentropy']);

/**
 * Checks one output's targets for a named loss and returns them in the shape the loss takes: Keras accepts targets
 * without the trailing 1 of a [N, 1] output (it expands them), and so does this. Custom loss functions get the
 * targets as given.
 * @param where e.g. "fit: y" or "evaluate: y[1]", for the message.
 */
export function alignTargets(where: string, output: string, lossName: string, y: tf.Tensor, pred: tf.Tensor): tf.Tensor {
  const lead = pred.shape.slice(0, -1);
  const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);
  if (SPARSE.has(lossName)) {
    if (same(y.shape, lead) || same(y.shape, [...lead, 1])) return y;
    throw new InputError(`${where} has shape ${shapeText(y.shape)} but output '${output}' gives ${shapeText(pred.shape)}: ${lossName} takes integer class labels of shape ${shapeText(lead)} or ${shapeText([...lead, 1])}`);
  }
  if (!NAMED.has(lossName) || same(y.shape, pred.shape)) return y;
  if (pred.shape[pred.rank - 1] === 1 && same(y.shape, lead)) return tf.reshape(y, pred.shape);
  const hint = lossName === 'categoricalCrossentropy' && same(y.shape, lead) ? ' (integer labels? use sparseCategoricalCrossentropy)' : '';
  throw new InputError(`${where} has shape ${shapeText(y.shape)} but output '${output}' gives ${shapeText(pred.shape)}: ${lossName} takes targets of the output's shape${hint}`);
}
