// fitDataset over the data pipeline's tensor batches and over a tfjs-data-like iterator: masks reach the model,
// every tensor given is disposed (also when a batch is rejected), validation can be a dataset too.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { tf, useBackend } from '@rnnkit/backend';
import { sgd } from '@rnnkit/optimizers';
import { createPipeline, fromArray } from '@rnnkit/data-pipeline';
import { toTensorDataset } from '@rnnkit/data-pipeline/tensors';
import { compileModel, evaluateDatasetModel, evaluateModel, fitDatasetModel, type DatasetBatch } from '../../src/training/index.js';
import { layers, sequential } from '../../src/index.js';
import { TinyRnn } from './tiny-models.js';

beforeAll(async () => {
  await useBackend('cpu', { log: () => {} });
});
afterEach(() => vi.restoreAllMocks());

const seq = (n: number, T: number, seed: number) => ({ x: tf.randomNormal([n, T, 1], 0, 1, 'float32', seed), y: tf.randomNormal([n, 1], 0, 1, 'float32', seed + 1) });

describe('fitDataset', () => {
  it('tfjs-data-like iterators ({xs, ys} or [xs, ys]) train like epochBatches; validation from a dataset equals evaluate', async () => {
    const a = seq(6, 3, 1);
    const b = seq(4, 3, 3);
    const model = new TinyRnn(3, 1, 2);
    const c = compileModel(model, { optimizer: sgd({ learningRate: 0 }), loss: 'mse' });
    const iterator = { async iterator() { const items = [{ xs: tf.clone(a.x), ys: tf.clone(a.y) }, [tf.clone(b.x), tf.clone(b.y)] as [tf.Tensor, tf.Tensor]]; let i = 0; return { next: async () => (i < items.length ? { value: items[i++], done: false } : { value: undefined as never, done: true }) }; } };
    const valSet = { size: 4, async *epochBatches(): AsyncGenerator<DatasetBatch> { yield { xs: tf.clone(b.x), ys: tf.clone(b.y) }; } };
    const lines: string[] = [];
    const before = tf.memory().numTensors;
    const h = await fitDatasetModel(model, c, iterator, { epochs: 1, validationData: valSet, log: (l) => lines.push(l) });
    expect(tf.memory().numTensors).toBe(before);
    const xAll = tf.concat([a.x, b.x]);
    const yAll = tf.concat([a.y, b.y]);
    expect(h.history.loss[0]).toBeCloseTo(evaluateModel(model, c, xAll, yAll).loss, 6);
    expect(h.history.val_loss[0]).toBeCloseTo(evaluateModel(model, c, b.x, b.y).loss, 6);
    expect(lines[0]).toMatch(/^epoch 1\/1 {2}2 steps {2}10 samples {2}/);
    expect(await evaluateDatasetModel(model, c, valSet)).toEqual({ loss: h.history.val_loss[0] });
    model.dispose();
  });

  it('a batch of the wrong shape is an error naming epoch, batch and shapes, and its tensors are disposed', async () => {
    const model = new TinyRnn(3, 1, 2);
    const c = compileModel(model, { optimizer: sgd({ learningRate: 0.1 }), loss: 'mse' });
    const bad = { async *epochBatches(): AsyncGenerator<DatasetBatch> {
      yield { xs: tf.ones([2, 3, 1]), ys: tf.ones([2, 1]) };
      yield { xs: tf.ones([2, 4, 1]), ys: tf.ones([2, 1]) };
    } };
    const before = tf.memory().numTensors;
    await expect(fitDatasetModel(model, c, bad, { verbose: 0 })).rejects.toThrow('fitDataset: epoch 1, batch 1: x has shape [2, 4, 1], but the model expects [null, 3, 1]');
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('warns once about a NaN loss, with the epoch and batch', async () => {
    const model = new TinyRnn(3, 1, 2);
    const c = compileModel(model, { optimizer: sgd({ learningRate: 1e30 }), loss: 'mse' });
    const big = { async *epochBatches(): AsyncGenerator<DatasetBatch> {
      for (let i = 0; i < 4; i++) yield { xs: tf.fill([2, 3, 1], 1e5), ys: tf.fill([2, 1], 1e19) };
    } };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const h = await fitDatasetModel(model, c, big, { epochs: 2, verbose: 0 });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(/^fitDataset: loss is (NaN|Infinity) at epoch 1, batch \d \(add terminateOnNaN\(\) to stop there/);
    expect(h.history.loss).toHaveLength(2);
    model.dispose();
  });

  it('trains a real model on the data pipeline\'s padded, masked token batches; masked steps do not change the result', async () => {
    const samples = [[3, 1, 4], [1, 5], [9, 2, 6, 5], [3], [5, 8, 9, 7], [9, 3]].map((x, i) => ({ x, y: i % 2 }));
    const pipeline = createPipeline({ source: fromArray(samples), sequence: { padding: 'post' }, batchSize: 4 });
    const ds = toTensorDataset(pipeline);
    const m = sequential({ layers: [layers.embedding({ inputDim: 10, outputDim: 3, inputShape: [null], seed: 1 }), layers.gru({ units: 4, seed: 2 }), layers.dense({ units: 1, activation: 'sigmoid', seed: 3 })] });
    m.compile({ optimizer: sgd({ learningRate: 0.5 }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
    const lines: string[] = [];
    const h = await m.fitDataset(ds, { epochs: 2, log: (l) => lines.push(l) });
    expect(lines.map((l) => l.match(/\d+ steps {2}\d+\/\d+ samples/)?.[0])).toEqual(['2 steps  6/6 samples', '2 steps  6/6 samples']);
    expect(h.history.acc).toHaveLength(2);
    // The mask reached the model: the loss over the dataset equals evaluate on the unpadded rows one by one.
    const perRow = samples.map((s) => m.evaluate(tf.tensor2d([s.x], [1, s.x.length], 'int32'), tf.tensor2d([[s.y]])).loss);
    const evaluated = await evaluateDatasetModel(m, compileModel(m, { optimizer: 'sgd', loss: 'binaryCrossentropy' }), ds);
    expect(evaluated.loss).toBeCloseTo(perRow.reduce((a, v) => a + v, 0) / perRow.length, 5);
  });
});
