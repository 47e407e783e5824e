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

/** Checks an optional per-sample tensor (sampleWeight, mask): one row per sample, finite values. */
export function checkPerSample(fn: string, argument: string, t: tf.Tensor | undefined, n: number, rank?: number): void {
  if (t === undefined) return;
  if (!(t instanceof tf.Tensor)) throw new InputError(`${fn}: ${argument} must be a tf.Tensor, got ${typeof t}`);
  if (rank !== undefined && t.rank !== rank) throw new InputError(`${fn}: ${argument} must have rank ${rank}, got shape ${shapeText(t.shape)}`);
  if (t.shape[0] !== n) throw new InputError(`${fn}: ${argument} has ${t.shape[0]} entries (shape ${shapeText(t.shape)}) but x has ${n} samples`);
  checkFinite(fn, argument, t);
}

/** Class label of each sample when the targets look like labels (one-hot rows, or few distinct integers); else null. */
function classLabels(y: tf.Tensor): Int32Array | null {
  const n = y.shape[0];
  const per = y.size / n;
  const d = y.dataSync();
  if (y.rank === 2 && per > 1) {
    // One-hot (or probability) rows: the class is the arg max.
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let k = 1; k < per; k++) if (d[i * per + k] > d[i * per + best]) best = k;
      out[i] = best;
    }
    return out;
  }
  if (per !== 1) return null;
  const distinct = new Set<number>();
  for (let i = 0; i < n; i++) {
    if (!Number.isInteger(d[i])) return null;
    distinct.add(d[i]);
    if (distinct.size > 50) return null;
  }
  return Int32Array.from(d);
}

function shares(labels: Int32Array, from: number, to: number): Map<number, number> {
  const m = new Map<number, number>();
  for (let i = from; i < to; i++) m.set(labels[i], (m.get(labels[i]) ?? 0) + 1 / (to - from));
  return m;
}

const describeShares = (m: Map<number, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([c, p]) => `${c}: ${Math.round(100 * p)}%`).join(', ');

/**
 * The seed article's unshuffled-tail trap: validationSplit takes the last samples, so data sorted by label gives a
 * validation set unlike the training set. For class labels (integers, or one-hot rows) it warns when the label
 * distributions of the two parts are far apart (total variation distance >= 0.5) or the tail holds a class the
 * training part lacks; for other targets when the means differ by more than half a standard deviation.
 */
export function sortedLabelWarning(y: tf.Tensor, splitAt: number): string | null {
  const n = y.shape[0];
  const head = `fit: validationSplit takes the last ${n - splitAt} samples before shuffling, and their`;
  const tail = 'the data looks sorted. Shuffle it before fit, or pass validationData.';
  const labels = classLabels(y);
  if (labels) {
    const train = shares(labels, 0, splitAt);
    const val = shares(labels, splitAt, n);
    let tv = 0;
    for (const c of new Set([...train.keys(), ...val.keys()])) tv += Math.abs((train.get(c) ?? 0) - (val.get(c) ?? 0)) / 2;
    const unseen = [...val.keys()].filter((c) => !train.has(c));
    if (tv < 0.5 && unseen.length === 0) return null;
    return `${head} labels differ from the training part (validation ${describeShares(val)}; training ${describeShares(train)}): ${tail}`;
  }
  const d = y.dataSync();
  const per = y.size / n;
  const mean = (from: number, to: number) => {
    let s = 0;
    for (let i = from * per; i < to * per; i++) s += d[i];
    return s / ((to - from) * per);
  };
  const all = mean(0, n);
  let v = 0;
  for (let i = 0; i < d.length; i++) v += (d[i] - all) ** 2;
  const std = Math.sqrt(v / d.length);
  const train = mean(0, splitAt);
  const val = mean(splitAt, n);
  if (std === 0 || Math.abs(train - val) <= 0.5 * std) return null;
  return `${head} targets differ from the training part (mean ${val.toFixed(3)} vs ${train.toFixed(3)}): ${tail}`;
}
