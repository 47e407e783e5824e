import { beforeAll, describe, expect, it, vi } from 'vitest';
import { tf, useBackend } from '@rnnkit/backend';
import { sgd } from '@rnnkit/optimizers';
import { l2, layers, reduceLROnPlateau, sequential } from '../index.js';
import { getLoss } from './losses.js';
import { getMetric } from './metrics.js';

beforeAll(async () => {
  await useBackend('cpu', { log: () => {} });
});
const v = (t: tf.Tensor) => Array.from(t.dataSync());

describe('losses (per sample) against their formulas', () => {
  const y = tf.tensor2d([[1, 0, 0], [0, 1, 0]]);
  const p = tf.tensor2d([[0.7, 0.2, 0.1], [0.3, 0.3, 0.4]]);
  it('mse and mae', () => {
    v(getLoss('mse').fn(y, p)).forEach((got, i) => expect(got).toBeCloseTo([(0.09 + 0.04 + 0.01) / 3, (0.09 + 0.49 + 0.16) / 3][i], 6));
    v(getLoss('mae').fn(y, p)).forEach((got, i) => expect(got).toBeCloseTo([(0.3 + 0.2 + 0.1) / 3, (0.3 + 0.7 + 0.4) / 3][i], 6));
  });
  it('categorical and sparse categorical crossentropy, from probabilities and from logits', () => {
    const want = [-Math.log(0.7), -Math.log(0.3)];
    v(getLoss('categoricalCrossentropy').fn(y, p)).forEach((got, i) => expect(got).toBeCloseTo(want[i], 5));
    v(getLoss('sparseCategoricalCrossentropy').fn(tf.tensor1d([0, 1]), p)).forEach((got, i) => expect(got).toBeCloseTo(want[i], 5));
    const logits = tf.log(p);
    v(getLoss({ name: 'categoricalCrossentropy', fromLogits: true }).fn(y, logits)).forEach((got, i) => expect(got).toBeCloseTo(want[i], 5));
  });
  it('binary crossentropy from probabilities (epsilon-clipped, as Keras) and from logits', () => {
    const yb = tf.tensor2d([[1], [0], [1]]);
    const pb = tf.tensor2d([[0.9], [0.2], [0]]);
    const want = [-Math.log(0.9), -Math.log(0.8), -Math.log(1e-7)];
    v(getLoss('binaryCrossentropy').fn(yb, pb)).forEach((got, i) => expect(got).toBeCloseTo(want[i], 4));
    const z = tf.tensor2d([[2], [-1], [0.5]]);
    const sig = (x: number) => 1 / (1 + Math.exp(-x));
    const wantLogits = [-Math.log(sig(2)), -Math.log(1 - sig(-1)), -Math.log(sig(0.5))];
    v(getLoss({ name: 'binaryCrossentropy', fromLogits: true }).fn(yb, z)).forEach((got, i) => expect(got).toBeCloseTo(wantLogits[i], 5));
  });
  it('an unknown loss names the valid ones', () => {
    expect(() => getLoss('hinge' as never)).toThrow("compile: unknown loss 'hinge' (expected mse, mae, binaryCrossentropy, categoricalCrossentropy or sparseCategoricalCrossentropy)");
  });
});

describe('metrics', () => {
  it("'accuracy' resolves by the loss, as Keras", () => {
    const y = tf.tensor2d([[1, 0], [0, 1], [0, 1]]);
    const p = tf.tensor2d([[0.6, 0.4], [0.7, 0.3], [0.2, 0.8]]);
    expect(v(getMetric('accuracy', 'categoricalCrossentropy').fn(y, p))).toEqual([1, 0, 1]);
    expect(v(getMetric('accuracy', 'sparseCategoricalCrossentropy').fn(tf.tensor1d([0, 1, 1]), p))).toEqual([1, 0, 1]);
    expect(v(getMetric('accuracy', 'binaryCrossentropy').fn(tf.tensor2d([[1], [0]]), tf.tensor2d([[0.7], [0.6]])))).toEqual([1, 0]);
  });
});

describe('weights in the loss', () => {
  const x = tf.tensor2d([[1], [2], [3], [4]]);
  const y = tf.tensor2d([[0], [0], [1], [1]]);
  const fresh = () => {
    const m = sequential({ layers: [layers.dense({ units: 1, inputShape: [1], kernelInitializer: 'zeros' })] });
    m.compile({ optimizer: sgd({ learningRate: 0 }), loss: 'mse' });
    return m;
  };
  it('sampleWeight and classWeight scale each sample\'s loss (sum(loss * w) / batch size)', async () => {
    // Predictions are 0, so the per-sample mse is y^2: [0, 0, 1, 1].
    const h1 = await fresh().fit(x, y, { epochs: 1, batchSize: 4, shuffle: false, verbose: 0, sampleWeight: tf.tensor1d([1, 1, 3, 1]) });
    expect(h1.history.loss[0]).toBeCloseTo((3 + 1) / 4, 6);
    const h2 = await fresh().fit(x, y, { epochs: 1, batchSize: 4, shuffle: false, verbose: 0, classWeight: { 1: 5 } });
    expect(h2.history.loss[0]).toBeCloseTo((5 + 5) / 4, 6);
  });
  it('a kernel regularizer adds l2 * sum(w^2) to the loss', async () => {
    const m = sequential({ layers: [layers.dense({ units: 1, inputShape: [1], kernelInitializer: 'ones', useBias: false, kernelRegularizer: l2(0.5) })] });
    m.compile({ optimizer: sgd({ learningRate: 0 }), loss: 'mse' });
    const h = await m.fit(tf.tensor2d([[1]]), tf.tensor2d([[1]]), { epochs: 1, verbose: 0 });
    expect(h.history.loss[0]).toBeCloseTo(0 + 0.5 * 1, 6);
  });
});

describe('dropout, summary, reduceLROnPlateau', () => {
  it('dropout is active only in training; recurrent dropout changes training outputs only', () => {
    const d = layers.dropout({ rate: 0.5, seed: 1 });
    const x = tf.ones([4, 10]);
    expect(v(d.apply(x) as tf.Tensor)).toEqual(Array(40).fill(1));
    const trained = v(d.apply(x, { training: true }) as tf.Tensor);
    expect(new Set(trained)).toEqual(new Set([0, 2]));
    const l = layers.lstm({ units: 3, dropout: 0.5, recurrentDropout: 0.5 });
    const xs = tf.randomNormal([2, 4, 3], 0, 1, 'float32', 3);
    const a = v(l.apply(xs) as tf.Tensor);
    expect(v(l.apply(xs) as tf.Tensor)).toEqual(a);
    expect(v(l.apply(xs, { training: true }) as tf.Tensor)).not.toEqual(a);
  });
  it('summary lists layers, output shapes and parameter counts', () => {
    const m = sequential({ name: 'summary_model', layers: [layers.lstm({ units: 4, inputShape: [5, 3], name: 's_lstm' }), layers.dense({ units: 2, name: 's_dense' })] });
    const text = m.summary(() => {});
    expect(text).toContain('Model: "summary_model"');
    expect(text).toMatch(/s_lstm \(LSTM\) +\[null, 4\] +128/);
    expect(text).toMatch(/s_dense \(Dense\) +\[null, 2\] +10/);
    expect(text).toContain('Total params: 138');
  });
  it('reduceLROnPlateau multiplies the learning rate when the monitored value stops improving', async () => {
    const m = sequential({ layers: [layers.dense({ units: 1, inputShape: [1] })] });
    const opt = sgd({ learningRate: 0.1 });
    m.compile({ optimizer: opt, loss: 'mse' });
    const cb = reduceLROnPlateau({ monitor: 'loss', factor: 0.5, patience: 1, minDelta: 1e9 });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await m.fit(tf.tensor2d([[1], [2]]), tf.tensor2d([[1], [2]]), { epochs: 3, verbose: 0, callbacks: [cb] });
    expect(opt.getLearningRate()).toBeCloseTo(0.025, 9);
  });
});
