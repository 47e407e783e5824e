// rnnkit -> tfjs-layers for every layer kind the format carries, optimizer state both ways, file:// details, and no
// tensor leaks across save and load.
import * as tfl from '@tensorflow/tfjs-layers';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { tf, useBackend } from '@rnnkit/backend';
import { maxDiff, savedArtifacts } from './memory-artifacts.js';
import { adam, type RnnkitOptimizer } from '@rnnkit/optimizers';
import { layers, loadModel, sequential, type Sequential } from '../../src/index.js';

beforeAll(async () => {
  await useBackend('cpu', { log: () => {} });
});

describe('rnnkit -> tfjs-layers: the same predictions within 1e-5', () => {
  const cases: [string, () => Sequential, () => tf.Tensor][] = [
    ['SimpleRNN (returnSequences) + TimeDistributed Dense', () => sequential({ layers: [layers.simpleRNN({ units: 3, inputShape: [4, 2], returnSequences: true }), layers.timeDistributed({ layer: layers.dense({ units: 2, activation: 'tanh' }) })] }), () => tf.randomNormal([2, 4, 2], 0, 1, 'float32', 1)],
    ['Bidirectional LSTM (sum) + Dense', () => sequential({ layers: [layers.bidirectional({ layer: layers.lstm({ units: 3 }), mergeMode: 'sum', inputShape: [5, 2] }), layers.dense({ units: 1, activation: 'sigmoid' })] }), () => tf.randomNormal([3, 5, 2], 0, 1, 'float32', 2)],
    ['Embedding(maskZero) + Bidirectional GRU (concat, resetAfter false) on right-padded ids', () => sequential({ layers: [layers.embedding({ inputDim: 7, outputDim: 3, maskZero: true, inputShape: [5] }), layers.bidirectional({ layer: layers.gru({ units: 2, resetAfter: false }) }), layers.dense({ units: 2, activation: 'softmax' })] }), () => tf.tensor2d([[1, 4, 2, 0, 0], [6, 0, 0, 0, 0]], [2, 5], 'int32')],
    ['LSTM (goBackwards, hardSigmoid gates) + Dense', () => sequential({ layers: [layers.lstm({ units: 4, inputShape: [3, 2], goBackwards: true, recurrentActivation: 'hardSigmoid' }), layers.dense({ units: 2 })] }), () => tf.randomNormal([2, 3, 2], 0, 1, 'float32', 3)],
  ];
  for (const [name, build, input] of cases) {
    it(name, async () => {
      const m = build();
      const x = input();
      const before = tf.memory().numTensors;
      const artifacts = await savedArtifacts((h) => m.save(h));
      expect(tf.memory().numTensors).toBe(before);
      expect(artifacts.format).toBe('layers-model');
      const theirs = await tfl.loadLayersModel(tf.io.fromMemory(artifacts));
      expect(maxDiff(theirs.predict(x) as tf.Tensor, m.predict(x))).toBeLessThan(1e-5);
      theirs.dispose();
    });
  }
});

describe('optimizer state with the model', () => {
  const build = () => {
    const m = sequential({ layers: [layers.lstm({ units: 3, inputShape: [4, 2], seed: 1 }), layers.dense({ units: 1, seed: 2 })] });
    m.compile({ optimizer: adam({ learningRate: 0.01 }), loss: 'mse', metrics: ['mae'] });
    return m;
  };
  const x = () => tf.randomNormal([8, 4, 2], 0, 1, 'float32', 5);
  const y = () => tf.randomNormal([8, 1], 0, 1, 'float32', 6);

  it('rnnkit includeOptimizer: tfjs-layers loads it compiled, with our Adam moments in its slots', async () => {
    const m = build();
    await m.fit(x(), y(), { epochs: 2, batchSize: 4, verbose: 0 });
    const before = tf.memory().numTensors;
    const artifacts = await savedArtifacts((h) => m.save(h, { includeOptimizer: true }));
    expect(tf.memory().numTensors).toBe(before);
    expect(artifacts.trainingConfig).toEqual({ loss: 'mean_squared_error', metrics: ['mae'], optimizer_config: { class_name: 'Adam', config: expect.objectContaining({ learningRate: 0.01, beta1: 0.9 }) } });
    const theirs = await tfl.loadLayersModel(tf.io.fromMemory(artifacts));
    const ours = await (m.optimizer as RnnkitOptimizer).getWeights();
    const loaded = await theirs.optimizer.getWeights();
    expect(loaded.map((w) => w.name)).toEqual(artifacts.weightSpecs!.filter((s) => s.group === 'optimizer').map((s) => s.name));
    expect(loaded[0].tensor.dataSync()[0]).toBe(4);
    // tfjs lists all m, then all v, by weight; ours is per variable: compare by name.
    const byName = new Map(m.weights.map((w) => [w.value.name, w.name]));
    for (const o of ours.slice(1)) {
      const cut = o.name.lastIndexOf('/');
      const theirsOf = loaded.find((l) => l.name === `${byName.get(o.name.slice(0, cut))}${o.name.slice(cut)}`)!;
      expect(Array.from(theirsOf.tensor.dataSync())).toEqual(Array.from(o.tensor.dataSync()));
    }
    theirs.dispose();
  });

  it('tfjs-layers includeOptimizer: loads here compiled (snake_case loss, its Adam config) with its state placed by name', async () => {
    const ref = tfl.sequential({ layers: [tfl.layers.gru({ units: 3, inputShape: [4, 2] }), tfl.layers.dense({ units: 1 })] });
    ref.compile({ optimizer: tf.train.adam(0.02), loss: 'meanSquaredError' });
    await ref.fit(x(), y(), { epochs: 1, batchSize: 4, verbose: 0 });
    const artifacts = await savedArtifacts((h) => ref.save(h, { includeOptimizer: true }));
    const before = tf.memory().numTensors;
    const mine = await loadModel(tf.io.fromMemory(artifacts));
    const opt = mine.optimizer as RnnkitOptimizer;
    expect(opt.getClassName()).toBe('Adam');
    expect(opt.getLearningRate()).toBeCloseTo(0.02, 9);
    expect(opt.iterations).toBe(2);
    const state = await opt.getWeights();
    const refState = await ref.optimizer.getWeights();
    for (const r of refState.slice(1)) {
      const cut = r.name.lastIndexOf('/');
      const w = mine.weights.find((v) => v.name === r.name.slice(0, cut))!;
      const s = state.find((e) => e.name === `${w.value.name}${r.name.slice(cut)}`)!;
      expect(Array.from(s.tensor.dataSync())).toEqual(Array.from(r.tensor.dataSync()));
    }
    tf.dispose([state[0].tensor, refState[0].tensor]);
    // Model weights (3 + 2), optimizer slots (2 per weight): nothing else stays.
    expect(tf.memory().numTensors).toBe(before + 5 + 10);
    mine.dispose();
  });

  it('a loss with fromLogits survives the round trip; a training config that cannot be used is a warning, not a failed load', async () => {
    const m = sequential({ layers: [layers.dense({ units: 3, inputShape: [2] })] });
    m.compile({ optimizer: 'sgd', loss: { name: 'sparseCategoricalCrossentropy', fromLogits: true } });
    const artifacts = await savedArtifacts((h) => m.save(h, { includeOptimizer: true }));
    expect(artifacts.trainingConfig!.loss).toEqual({ class_name: 'SparseCategoricalCrossentropy', config: { from_logits: true } });
    const back = await loadModel(tf.io.fromMemory(artifacts));
    const xs = tf.tensor2d([[1, 2], [0, -1]]);
    const ys = tf.tensor1d([2, 0]);
    expect(back.evaluate(xs, ys).loss).toBeCloseTo(m.evaluate(xs, ys).loss, 6);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const odd = await loadModel(tf.io.fromMemory({ ...artifacts, trainingConfig: { ...artifacts.trainingConfig!, optimizer_config: { class_name: 'Ftrl', config: {} } as never } }));
    expect(warn.mock.calls[0][0]).toMatch(/^loadModel: the saved training config could not be used \(.*ftrl.*\); the model is loaded uncompiled$/i);
    expect(odd.optimizer).toBeUndefined();
    warn.mockRestore();
  });
});

describe('file://', () => {
  it('saves model.json + weights.bin, loads from the directory or the model.json path, shards large weights', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rnnkit-file-'));
    const m = sequential({ layers: [layers.embedding({ inputDim: 1100, outputDim: 1000, inputShape: [2] }), layers.lstm({ units: 2 })] });
    await m.save(`file://${dir}`);
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['group1-shard1of2.bin', 'group1-shard2of2.bin', 'model.json']);
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    expect(json.weightsManifest[0].paths).toEqual(['group1-shard1of2.bin', 'group1-shard2of2.bin']);
    expect(json.format).toBe('layers-model');
    const x = tf.tensor2d([[5, 1042]], [1, 2], 'int32');
    const before = tf.memory().numTensors;
    const back = await loadModel(`file://${join(dir, 'model.json')}`);
    expect(maxDiff(back.predict(x), m.predict(x))).toBe(0);
    back.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a missing model is an error naming the path and what file:// takes', async () => {
    const dir = join(tmpdir(), 'rnnkit-does-not-exist');
    await expect(loadModel(`file://${dir}`)).rejects.toThrow(`loadModel: cannot read ${join(dir, 'model.json')} (`);
    await expect(loadModel(`file://${dir}`)).rejects.toThrow('file:// takes the directory a model was saved to, or the path of its model.json');
  });

  it('weights that do not fit the topology are an error naming both, and nothing leaks', async () => {
    const m = sequential({ layers: [layers.dense({ units: 2, inputShape: [3] })] });
    const artifacts = await savedArtifacts((h) => m.save(h));
    const topology = JSON.parse(JSON.stringify(artifacts.modelTopology));
    topology.config.layers[0].config.units = 4;
    const before = tf.memory().numTensors;
    await expect(loadModel(tf.io.fromMemory({ ...artifacts, modelTopology: topology }))).rejects.toThrow(/^loadModel: saved weight '.*\/kernel' has shape \[3, 2\] but '.*\/kernel' needs \[3, 4\]$/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
