// fit's argument checks and validation handling, on hand-written ModelCores (no layer graph involved).
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { tf, useBackend } from '@rnnkit/backend';
import { sgd } from '@rnnkit/optimizers';
import { compileModel, evaluateModel, fitModel, predictModel, trainOnBatchModel } from '../../src/training/index.js';
import { TinyDense, TinyRnn, TinyTwoHeads } from './tiny-models.js';

beforeAll(async () => {
  await useBackend('cpu', { log: () => {} });
});
afterEach(() => vi.restoreAllMocks());

const dense = (units = 1) => {
  const m = new TinyDense([Array(units).fill(0.1), Array(units).fill(-0.1)], Array(units).fill(0));
  return { m, c: compileModel(m, { optimizer: sgd({ learningRate: 0.1 }), loss: 'mse' }) };
};

describe('fit argument checks', () => {
  it('validationData and validationSplit together, bad batchSize, epochs, sampleWeight, mask: errors name the argument', async () => {
    const { m, c } = dense();
    const x = tf.ones([6, 2]);
    const y = tf.ones([6, 1]);
    await expect(fitModel(m, c, x, y, { validationSplit: 0.5, validationData: [x, y], verbose: 0 })).rejects.toThrow('fit: give validationData or validationSplit, not both');
    await expect(fitModel(m, c, x, y, { batchSize: 0, verbose: 0 })).rejects.toThrow('fit: batchSize must be an integer >= 1, got 0');
    await expect(fitModel(m, c, x, y, { epochs: 1.5, verbose: 0 })).rejects.toThrow('fit: epochs must be an integer >= 1, got 1.5');
    await expect(fitModel(m, c, x, y, { sampleWeight: tf.ones([5]) as tf.Tensor1D, verbose: 0 })).rejects.toThrow('fit: sampleWeight has 5 entries (shape [5]) but x has 6 samples');
    await expect(fitModel(m, c, x, y, { sampleWeight: tf.tensor1d([1, 1, NaN, 1, 1, 1]), verbose: 0 })).rejects.toThrow('fit: sampleWeight contains NaN (sample 2, flat index 2, shape [6])');
    await expect(fitModel(m, c, x, tf.tensor2d([[0], [1], [NaN], [0], [0], [0]]), { verbose: 0 })).rejects.toThrow('fit: y contains NaN (sample 2, flat index 2, shape [6, 1])');
    await expect(fitModel(m, c, tf.zeros([0, 2]), tf.zeros([0, 1]), { verbose: 0 })).rejects.toThrow('fit: x is empty (shape [0, 2])');
    await expect(fitModel(m, c, x, y, { validationData: [tf.ones([3, 5]), tf.ones([3, 1])], verbose: 0 })).rejects.toThrow('fit: validationData: x has shape [3, 5], but the model expects [null, 2]');
    m.dispose();
  });

  it('targets that do not fit the output are an error, not a silent broadcast; [N] against [N, 1] is expanded as Keras does', async () => {
    const { m, c } = dense(3);
    const x = tf.ones([4, 2]);
    await expect(fitModel(m, c, x, tf.ones([4, 1]), { verbose: 0 })).rejects.toThrow("fit: y has shape [4, 1] but output 'dense' gives [4, 3]: mse takes targets of the output's shape");
    const cce = compileModel(m, { optimizer: 'sgd', loss: 'categoricalCrossentropy' });
    await expect(fitModel(m, cce, x, tf.tensor1d([0, 1, 2, 1]), { verbose: 0 })).rejects.toThrow("fit: y has shape [4] but output 'dense' gives [4, 3]: categoricalCrossentropy takes targets of the output's shape (integer labels? use sparseCategoricalCrossentropy)");
    const sparse = compileModel(m, { optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' });
    expect(() => evaluateModel(m, sparse, x, tf.ones([4, 3]))).toThrow("evaluate: y has shape [4, 3] but output 'dense' gives [4, 3]: sparseCategoricalCrossentropy takes integer class labels of shape [4] or [4, 1]");
    const before = tf.memory().numTensors;
    const one = dense(1);
    const y = tf.tensor1d([1, 2, 3, 4]);
    const y2 = tf.reshape(y, [4, 1]);
    expect(evaluateModel(one.m, one.c, x, y).loss).toBeCloseTo(evaluateModel(one.m, one.c, x, y2).loss, 7);
    tf.dispose([y, y2]);
    one.m.dispose();
    expect(tf.memory().numTensors).toBe(before);
    m.dispose();
  });
});

describe('validation', () => {
  it('validationSplit takes the last samples (and their mask rows): val_loss equals evaluate on the tail', async () => {
    const model = new TinyRnn(3, 1, 2);
    const c = compileModel(model, { optimizer: sgd({ learningRate: 0 }), loss: 'mse' });
    const x = tf.randomNormal([10, 3, 1], 0, 1, 'float32', 3);
    const y = tf.randomNormal([10, 1], 0, 1, 'float32', 4);
    const mask = tf.tensor2d(Array.from({ length: 30 }, (_, i) => (i % 3 === 2 && i > 15 ? 0 : 1)), [10, 3]);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const h = await fitModel(model, c, x, y, { epochs: 1, validationSplit: 0.3, mask, verbose: 0 });
    const tail = (t: tf.Tensor) => tf.slice(t, 7);
    const want = evaluateModel(model, c, tail(x), tail(y), { mask: tail(mask) }).loss;
    const unmasked = evaluateModel(model, c, tail(x), tail(y)).loss;
    expect(h.history.val_loss[0]).toBeCloseTo(want, 6);
    expect(Math.abs(want - unmasked)).toBeGreaterThan(1e-4);
    model.dispose();
  });

  it('warns about sorted one-hot labels, and not about shuffled ones', async () => {
    const { m } = dense(3);
    const c = compileModel(m, { optimizer: sgd({ learningRate: 0 }), loss: 'categoricalCrossentropy' });
    const x = tf.randomNormal([20, 2], 0, 1, 'float32', 1);
    const sorted = tf.oneHot(tf.tensor1d([0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2], 'int32'), 3);
    const mixed = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1], 'int32'), 3);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await fitModel(m, c, x, sorted, { validationSplit: 0.25, verbose: 0 });
    expect(warn.mock.calls.map((a) => a[0])).toEqual(['fit: validationSplit takes the last 5 samples before shuffling, and their labels differ from the training part (validation 2: 100%; training 0: 47%, 1: 47%, 2: 7%): the data looks sorted. Shuffle it before fit, or pass validationData.']);
    warn.mockClear();
    await fitModel(m, c, x, mixed, { validationSplit: 0.25, verbose: 0 });
    expect(warn).not.toHaveBeenCalled();
    m.dispose();
  });
});

describe('multi-output losses and metrics', () => {
  it('one loss per output (list or object): logs <output>_loss and <output>_acc, total is their sum', async () => {
    const model = new TinyTwoHeads();
    const x = tf.tensor2d([[1, 0], [0, 1], [1, 1], [-1, 2]]);
    const yReg = tf.tensor2d([[0.2], [0.1], [0.5], [-0.3]]);
    const yCls = tf.tensor2d([[1], [0], [1], [0]]);
    const byList = compileModel(model, { optimizer: sgd({ learningRate: 0 }), loss: ['mse', 'binaryCrossentropy'], metrics: { cls: 'accuracy' } });
    const logs = evaluateModel(model, byList, x, [yReg, yCls]);
    const [pReg, pCls] = model.forward([x], { training: false }).map((t) => Array.from(t.dataSync()));
    const reg = [0.2, 0.1, 0.5, -0.3];
    const cls = [1, 0, 1, 0];
    const mse = reg.reduce((a, v, i) => a + (pReg[i] - v) ** 2, 0) / 4;
    const bce = cls.reduce((a, v, i) => a - (v ? Math.log(pCls[i]) : Math.log(1 - pCls[i])), 0) / 4;
    const acc = cls.filter((v, i) => (pCls[i] > 0.5 ? 1 : 0) === v).length / 4;
    expect(Object.keys(logs)).toEqual(['loss', 'reg_loss', 'cls_loss', 'cls_acc']);
    expect(logs.reg_loss).toBeCloseTo(mse, 6);
    expect(logs.cls_loss).toBeCloseTo(bce, 6);
    expect(logs.loss).toBeCloseTo(mse + bce, 6);
    expect(logs.cls_acc).toBeCloseTo(acc, 6);
    const byName = compileModel(model, { optimizer: sgd({ learningRate: 0 }), loss: { cls: 'binaryCrossentropy', reg: 'mse' } });
    const h = await fitModel(model, byName, x, [yReg, yCls], { epochs: 1, batchSize: 4, verbose: 0 });
    expect(h.history.loss[0]).toBeCloseTo(mse + bce, 6);
    expect(h.history.cls_loss[0]).toBeCloseTo(bce, 6);
    model.dispose();
  });

  it('a loss list of the wrong length, or an unknown output name, is a compile error', () => {
    const model = new TinyTwoHeads();
    expect(() => compileModel(model, { optimizer: 'sgd', loss: ['mse'] })).toThrow('compile: loss lists 1 entries but the model has 2 output(s) (reg, cls)');
    expect(() => compileModel(model, { optimizer: 'sgd', loss: { reg: 'mse', clss: 'mse' } })).toThrow("compile: loss names output 'clss', but the model's outputs are reg, cls");
    expect(() => compileModel(model, { optimizer: 'sgd', loss: { reg: 'mse' } })).toThrow("compile: no loss for output 'cls' (the loss object names reg)");
    model.dispose();
  });
});

describe('trainOnBatch, evaluate, predict', () => {
  it('trainOnBatch is one fit step on the whole batch; evaluate weights batches by size; predict batches and joins', async () => {
    const x = tf.tensor2d([[1, 2], [0.5, -1], [2, 0], [-1, -1], [0, 3]]);
    const y = tf.tensor2d([[1], [0], [2], [-1], [1]]);
    const a = dense();
    const b = dense();
    const r = trainOnBatchModel(a.m, a.c, x, y, { sampleWeight: tf.tensor1d([1, 2, 1, 1, 0]) });
    await fitModel(b.m, b.c, x, y, { epochs: 1, batchSize: 5, shuffle: false, verbose: 0, sampleWeight: tf.tensor1d([1, 2, 1, 1, 0]) });
    a.m.weights.forEach((w, i) => expect(Array.from(w.value.dataSync())).toEqual(Array.from(b.m.weights[i].value.dataSync())));
    expect(Object.keys(r)).toEqual(['loss']);
    const whole = evaluateModel(a.m, a.c, x, y, { batchSize: 5 }).loss;
    expect(evaluateModel(a.m, a.c, x, y, { batchSize: 2 }).loss).toBeCloseTo(whole, 6);
    const before = tf.memory().numTensors;
    const p = predictModel(a.m, x, { batchSize: 2 }) as tf.Tensor;
    const q = predictModel(a.m, x, { batchSize: 5 }) as tf.Tensor;
    expect(Array.from(p.dataSync())).toEqual(Array.from(q.dataSync()));
    tf.dispose([p, q]);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => predictModel(a.m, x, { batchSize: -1 })).toThrow('predict: batchSize must be a positive integer, got -1');
    a.m.dispose();
    b.m.dispose();
  });

  it("'accuracy' with a non-crossentropy loss resolves by shapes as Keras (binary for one unit, categorical else)", () => {
    const { m } = dense(3);
    const c = compileModel(m, { optimizer: 'sgd', loss: 'mse', metrics: ['accuracy'] });
    const x = tf.tensor2d([[1, 0], [0, 1]]);
    // Outputs: [0.1, 0.1, 0.1] and [-0.1, -0.1, -0.1]: arg max 0 for both.
    expect(evaluateModel(m, c, x, tf.tensor2d([[1, 0, 0], [0, 1, 0]])).acc).toBe(0.5);
    const one = dense(1);
    const c1 = compileModel(one.m, { optimizer: 'sgd', loss: 'mse', metrics: ['accuracy'] });
    // Outputs 0.1 and -0.1: both below 0.5, so class 0.
    expect(evaluateModel(one.m, c1, x, tf.tensor2d([[0], [1]])).acc).toBe(0.5);
    m.dispose();
    one.m.dispose();
  });
});
