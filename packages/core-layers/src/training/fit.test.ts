import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { tf, useBackend } from '@rnnkit/backend';
import { adam, sgd } from '@rnnkit/optimizers';
import { earlyStopping, layers, sequential, terminateOnNaN, type Callback } from '../index.js';

beforeAll(async () => {
  await useBackend('cpu', { log: () => {} });
});
afterEach(() => vi.restoreAllMocks());

/** Sign of the sum of a short sequence: a small real sequence task. */
function sumSignTask(n: number, T = 6, seed = 1) {
  let s = seed;
  const r = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
  const x = Array.from({ length: n * T }, r);
  const y = Array.from({ length: n }, (_, i) => (x.slice(i * T, (i + 1) * T).reduce((a, b) => a + b, 0) > 0 ? 1 : 0));
  return { x: tf.tensor3d(x, [n, T, 1]), y: tf.tensor2d(y, [n, 1]) };
}

const model = (seed = 3) => {
  const m = sequential({ layers: [layers.lstm({ units: 8, inputShape: [6, 1], seed }), layers.dense({ units: 1, activation: 'sigmoid', seed })] });
  m.compile({ optimizer: adam({ learningRate: 0.03 }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  return m;
};

describe('fit', () => {
  it('the loss falls and accuracy rises on a small sequence task', async () => {
    const { x, y } = sumSignTask(200);
    const m = model();
    const h = await m.fit(x, y, { epochs: 12, batchSize: 32, verbose: 0, seed: 1 });
    expect(h.history.loss[11]).toBeLessThan(0.5 * h.history.loss[0]);
    expect(h.history.acc[11]).toBeGreaterThan(0.85);
  });

  it('trains the last partial batch: every sample is seen once per epoch', async () => {
    const { x, y } = sumSignTask(70);
    const sizes: number[] = [];
    const cb: Callback = { onBatchEnd: (_b, logs) => void sizes.push(logs.size) };
    await model().fit(x, y, { epochs: 2, batchSize: 32, verbose: 0, callbacks: [cb] });
    expect(sizes).toEqual([32, 32, 6, 32, 32, 6]);
  });

  it('prints samples seen out of the total as well as steps', async () => {
    const { x, y } = sumSignTask(70);
    const lines: string[] = [];
    await model().fit(x, y, { epochs: 1, batchSize: 32, log: (l) => lines.push(l) });
    expect(lines[0]).toMatch(/^epoch 1\/1 {2}3\/3 steps {2}70\/70 samples {2}[\d.]+s {2}loss [\d.]+ {2}acc [\d.]+$/);
  });

  it('gives gradient norms to callbacks that ask, matching the optimizer\'s pre-clip norm', async () => {
    const { x, y } = sumSignTask(40);
    const m = sequential({ layers: [layers.gru({ units: 4, inputShape: [6, 1] }), layers.dense({ units: 1 })] });
    const opt = sgd({ learningRate: 0.01, clipnorm: 100 });
    m.compile({ optimizer: opt, loss: 'mse' });
    const seen: { gradNorm?: number; names: string[]; clip: number }[] = [];
    const cb: Callback = {
      wantsGradientNorms: true,
      onBatchEnd: (_b, logs) => void seen.push({ gradNorm: logs.gradNorm, names: Object.keys(logs.gradientNorms ?? {}), clip: opt.lastClipReport!.globalNorm }),
    };
    await m.fit(x, y, { epochs: 1, batchSize: 20, verbose: 0, shuffle: false, callbacks: [cb] });
    expect(seen).toHaveLength(2);
    for (const s of seen) {
      expect(s.names).toEqual(m.trainableWeights.map((w) => w.name));
      expect(s.gradNorm!).toBeCloseTo(s.clip, 4);
    }
  });

  it('validationSplit takes the last samples and warns when they look sorted by label', async () => {
    const n = 50;
    const x = tf.randomNormal([n, 6, 1]);
    const y = tf.tensor2d(Array.from({ length: n }, (_, i) => (i < 40 ? 0 : 1)), [n, 1]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const h = await model().fit(x, y, { epochs: 1, validationSplit: 0.2, verbose: 0 });
    expect(warn.mock.calls[0][0]).toBe('fit: validationSplit takes the last 10 samples before shuffling, and their labels differ from the training part (validation 1: 100%; training 0: 100%): the data looks sorted. Shuffle it before fit, or pass validationData.');
    expect(h.history.val_loss).toHaveLength(1);
  });

  it('no tensor leaks across fit, evaluate and predict', async () => {
    const { x, y } = sumSignTask(40);
    const m = model();
    await m.fit(x, y, { epochs: 1, verbose: 0 });
    const before = tf.memory().numTensors;
    await m.fit(x, y, { epochs: 2, batchSize: 16, verbose: 0, validationSplit: 0.25 });
    m.evaluate(x, y);
    m.predict(x).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('earlyStopping stops and restores the best weights; terminateOnNaN stops at the first NaN batch', async () => {
    const { x, y } = sumSignTask(40);
    const m = model();
    const es = earlyStopping({ monitor: 'loss', patience: 0, minDelta: 10 });
    const h = await m.fit(x, y, { epochs: 5, verbose: 0, callbacks: [es] });
    expect(h.epoch).toEqual([0, 1]);
    // restoreBestWeights: training goes on after the best epoch, then the best epoch's weights come back.
    const r = model(5);
    const snapshots: number[][] = [];
    const snap: Callback = { onEpochEnd: () => void snapshots.push(Array.from(r.getWeights()[0].dataSync())) };
    // Keras counts patience as epochs without improvement: patience 2 stops at the second such epoch.
    const best = earlyStopping({ monitor: 'loss', patience: 2, minDelta: 10, restoreBestWeights: true });
    await r.fit(x, y, { epochs: 5, verbose: 0, callbacks: [snap, best] });
    expect(snapshots).toHaveLength(3);
    expect(Array.from(r.getWeights()[0].dataSync())).toEqual(snapshots[0]);
    expect(snapshots[2]).not.toEqual(snapshots[0]);
    const bad = sequential({ layers: [layers.simpleRNN({ units: 4, inputShape: [6, 1] }), layers.dense({ units: 1 })] });
    bad.compile({ optimizer: sgd({ learningRate: 1e30 }), loss: 'mse' });
    const stop = terminateOnNaN();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await bad.fit(tf.mul(x, 1e6), tf.mul(y, 1e6), { epochs: 3, batchSize: 8, verbose: 0, callbacks: [stop] });
    expect(stop.stoppedAt).not.toBeNull();
  });
});

describe('fit errors', () => {
  it('x/y length mismatch names both shapes', async () => {
    await expect(model().fit(tf.zeros([10, 6, 1]), tf.zeros([9, 1]))).rejects.toThrow('fit: x and y have different numbers of samples: x [10, 6, 1] (10), y [9, 1] (9)');
  });
  it('NaN in inputs names the sample', async () => {
    const x = tf.tensor3d([0, 0, 0, 0, 0, 0, 0, 0, NaN, 0, 0, 0], [2, 6, 1]);
    await expect(model().fit(x, tf.zeros([2, 1]))).rejects.toThrow('fit: x contains NaN (sample 1, flat index 8, shape [2, 6, 1])');
  });
  it('a wrong input shape names the model\'s expectation', async () => {
    await expect(model().fit(tf.zeros([2, 5, 1]), tf.zeros([2, 1]))).rejects.toThrow('fit: x has shape [2, 5, 1], but the model expects [null, 6, 1]');
  });
  it('fit before compile says what to do', async () => {
    const m = sequential({ layers: [layers.dense({ units: 1, inputShape: [2] })] });
    expect(() => m.fit(tf.zeros([1, 2]), tf.zeros([1, 1]))).toThrow('sequential');
  });
});

describe('fitDataset', () => {
  it('trains over epochBatches with masks and reports samples per epoch', async () => {
    const m = sequential({ layers: [layers.embedding({ inputDim: 5, outputDim: 3, inputShape: [4] }), layers.lstm({ units: 4 }), layers.dense({ units: 1 })] });
    m.compile({ optimizer: 'adam', loss: 'mse' });
    const dataset = {
      size: 5,
      async *epochBatches() {
        yield { xs: tf.tensor2d([[1, 2, 0, 0], [3, 1, 2, 0], [4, 4, 4, 4]], [3, 4], 'int32'), ys: tf.ones([3, 1]), mask: tf.tensor2d([[1, 1, 0, 0], [1, 1, 1, 0], [1, 1, 1, 1]]) };
        yield { xs: tf.tensor2d([[2, 0, 0, 0], [1, 3, 0, 0]], [2, 4], 'int32'), ys: tf.zeros([2, 1]), mask: tf.tensor2d([[1, 0, 0, 0], [1, 1, 0, 0]]) };
      },
    };
    const lines: string[] = [];
    await m.fitDataset(dataset, { epochs: 1, verbose: 0 }); // creates the optimizer's state
    const before = tf.memory().numTensors;
    const h = await m.fitDataset(dataset, { epochs: 2, log: (l) => lines.push(l) });
    expect(h.history.loss).toHaveLength(2);
    expect(lines[1]).toContain('2 steps  5/5 samples');
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('callbacks as one object', () => {
  it('accepts a single callback object as tfjs-layers does', async () => {
    const { x, y } = sumSignTask(40);
    let batches = 0;
    await model().fit(x, y, { epochs: 1, batchSize: 20, verbose: 0, callbacks: { onBatchEnd: () => void batches++ } });
    expect(batches).toBe(2);
  });
});

describe('modelCheckpoint', () => {
  it('saves after every improving epoch to file:// paths with {epoch}', async () => {
    const { mkdtempSync, existsSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { modelCheckpoint } = await import('../index.js');
    const dir = mkdtempSync(join(tmpdir(), 'rnnkit-ckpt-'));
    const { x, y } = sumSignTask(60);
    const ckpt = modelCheckpoint({ filepath: `file://${dir}/epoch-{epoch}`, monitor: 'loss', saveBestOnly: true });
    const h = await model().fit(x, y, { epochs: 3, verbose: 0, callbacks: [ckpt] });
    const improving = h.history.loss.map((l, i) => i === 0 || l < Math.min(...h.history.loss.slice(0, i))).filter(Boolean).length;
    expect(ckpt.saved).toHaveLength(improving);
    for (const p of ckpt.saved) expect(existsSync(join(p.slice('file://'.length), 'model.json'))).toBe(true);
  });
});
