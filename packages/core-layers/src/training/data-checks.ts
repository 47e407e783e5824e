// Input checks for fit/evaluate/predict: lengths agree, no NaN, shapes fit the model. Errors name the argument.
import { tf } from '@rnnkit/backend';
import { InputError, shapeText } from '../errors.js';

export function checkFinite(fn: string, argument: string, t: tf.Tensor): void {
  if (t.dtype !== 'float32') return;
  const d = t.dataSync();
  for (let i = 0; i < d.length; i++) {
    if (!Number.isFinite(d[i])) {
      const row = Math.floor(i / (t.size / t.shape[0]));
      throw new InputError(`${fn}: ${argument} contains ${Number.isNaN(d[i]) ? 'NaN' : d[i]} (sample ${row}, flat index ${i}, shape ${shapeText(t.shape)})`);
    }
  }
}

/** Checks every input and target tensor: sample counts agree, shapes fit the model's inputs, values are finite. */
export function checkData(fn: string, xs: tf.Tensor[], ys: tf.Tensor[] | undefined, inputShapes: (number | null)[][] | undefined): void {
  if (inputShapes && xs.length !== inputShapes.length) throw new InputError(`${fn}: the model has ${inputShapes.length} input(s), got ${xs.length} x tensor(s)`);
  xs.forEach((x, i) => {
    const name = xs.length === 1 ? 'x' : `x[${i}]`;
    checkPair(fn, x, undefined, inputShapes?.[i], name);
    if (x.shape[0] !== xs[0].shape[0]) throw new InputError(`${fn}: ${name} has ${x.shape[0]} samples but x[0] has ${xs[0].shape[0]}`);
  });
  ys?.forEach((y, i) => {
    const name = ys.length === 1 ? 'y' : `y[${i}]`;
    if (y.shape[0] !== xs[0].shape[0]) {
      throw new InputError(`${fn}: x and ${name} have different numbers of samples: x ${shapeText(xs[0].shape)} (${xs[0].shape[0]}), ${name} ${shapeText(y.shape)} (${y.shape[0]})`);
    }
    checkFinite(fn, name, y);
  });
}

export function checkPair(fn: string, x: tf.Tensor, y: tf.Tensor | undefined, inputShape: (number | null)[] | undefined, name = 'x'): void {
  if (!(x instanceof tf.Tensor)) throw new InputError(`${fn}: ${name} must be a tf.Tensor, got ${typeof x}`);
  if (x.shape[0] === 0) throw new InputError(`${fn}: ${name} is empty (shape ${shapeText(x.shape)})`);
  if (inputShape) {
    const want = [null, ...inputShape];
    const bad = x.rank !== want.length || want.some((d, i) => d != null && d !== x.shape[i]);
    if (bad) throw new InputError(`${fn}: ${name} has shape ${shapeText(x.shape)}, but the model expects ${shapeText(want)}`);
  }
  if (y !== undefined && y.shape[0] !== x.shape[0]) {
    throw new InputError(`${fn}: x and y have different numbers of samples: x ${shapeText(x.shape)} (${x.shape[0]}), y ${shapeText(y.shape)} (${y.shape[0]})`);
  }
  checkFinite(fn, name, x);
  if (y) checkFinite(fn, 'y', y);
}

/** The seed article's unshuffled-tail trap: the validation tail's labels differ from the training part's. */
export function sortedLabelWarning(y: tf.Tensor, splitAt: number): string | null {
  const d = y.dataSync();
  const per = y.size / y.shape[0];
  const mean = (from: number, to: number) => {
    let s = 0;
    for (let i = from * per; i < to * per; i++) s += d[i];
    return s / ((to - from) * per);
  };
  const all = mean(0, y.shape[0]);
  let v = 0;
  for (let i = 0; i < d.length; i++) v += (d[i] - all) ** 2;
  const std = Math.sqrt(v / d.length);
  const train = mean(0, splitAt);
  const val = mean(splitAt, y.shape[0]);
  if (std === 0 || Math.abs(train - val) <= 0.5 * std) return null;
  return `fit: validationSplit takes the last ${y.shape[0] - splitAt} samples before shuffling, and their targets differ from the training part (mean ${val.toFixed(3)} vs ${train.toFixed(3)}): the data looks sorted. Shuffle it before fit, or pass validationData.`;
}
