import * as tfl from '@tensorflow/tfjs-layers';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tf, useBackend } from '@rnnkit/backend';
import { maxDiff, savedArtifacts } from './memory-artifacts.js';
import { layers, loadModel, sequential } from '../../src/index.js';

beforeAll(async () => {
  await useBackend('cpu', { log: () => {} });
});

describe('tfjs-layers -> rnnkit', () => {
  const cases: [string, () => tfl.Sequential, tf.Tensor][] = [
    ['LSTM + Dense', () => tfl.sequential({ layers: [tfl.layers.lstm({ units: 5, inputShape: [4, 3] }), tfl.layers.dense({ units: 2, activation: 'softmax' })] }), tf.randomNormal([3, 4, 3])],
    ['GRU (returnSequences, goBackwards) + SimpleRNN', () => tfl.sequential({ layers: [tfl.layers.gru({ units: 4, inputShape: [5, 2], returnSequences: true, goBackwards: true }), tfl.layers.simpleRNN({ units: 3 })] }), tf.randomNormal([2, 5, 2])],
    ['Embedding(maskZero) + Bidirectional LSTM', () => tfl.sequential({ layers: [tfl.layers.embedding({ inputDim: 9, outputDim: 3, maskZero: true, inputLength: 5 }), tfl.layers.bidirectional({ layer: tfl.layers.lstm({ units: 3 }) as never, mergeMode: 'concat' })] }), tf.tensor2d([[1, 4, 2, 0, 0], [3, 8, 0, 0, 0]], [2, 5], 'int32')],
  ];
  for (const [name, build, x] of cases) {
    it(`${name}: loads from the saved artifacts and predicts the same within 1e-5`, async () => {
      const ref = build();
      const artifacts = await savedArtifacts((h) => ref.save(h));
      const before = tf.memory().numTensors;
      const mine = await loadModel(tf.io.fromMemory(artifacts));
      expect(maxDiff(mine.predict(x), ref.predict(x) as tf.Tensor)).toBeLessThan(1e-5);
      mine.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});

describe('rnnkit -> tfjs-layers and file://', () => {
  it('an rnnkit model saved in the LayersModel format loads in tfjs-layers with the same predictions', async () => {
    const m = sequential({ layers: [layers.lstm({ units: 4, inputShape: [3, 2], returnSequences: true }), layers.gru({ units: 3, resetAfter: false }), layers.dense({ units: 1 })] });
    const x = tf.randomNormal([2, 3, 2]);
    const artifacts = await savedArtifacts((h) => m.save(h));
    const theirs = await tfl.loadLayersModel(tf.io.fromMemory(artifacts));
    expect(maxDiff(theirs.predict(x) as tf.Tensor, m.predict(x))).toBeLessThan(1e-5);
  });

  it('file:// round trip writes model.json + weights.bin and reloads identically', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rnnkit-model-'));
    const m = sequential({ layers: [layers.embedding({ inputDim: 6, outputDim: 2, maskZero: true, inputShape: [4] }), layers.bidirectional({ layer: layers.gru({ units: 2 }) }), layers.dense({ units: 1, activation: 'sigmoid' })] });
    const x = tf.tensor2d([[1, 2, 0, 0], [5, 4, 3, 0]], [2, 4], 'int32');
    await m.save(`file://${dir}`);
    const back = await loadModel(`file://${dir}`);
    expect(maxDiff(back.predict(x), m.predict(x))).toBe(0);
  });
});

describe('functional models both ways', () => {
  function tfjsEncoderDecoder() {
    const enc = tfl.input({ shape: [6, 3] });
    const dec = tfl.input({ shape: [4, 2] });
    const [, h, c] = tfl.layers.lstm({ units: 5, returnState: true, recurrentActivation: 'sigmoid' }).apply(enc) as tfl.SymbolicTensor[];
    const seq = tfl.layers.lstm({ units: 5, returnSequences: true, recurrentActivation: 'sigmoid' }).apply(dec, { initialState: [h, c] }) as tfl.SymbolicTensor;
    const out = tfl.layers.dense({ units: 2 }).apply(seq) as tfl.SymbolicTensor;
    return tfl.model({ inputs: [enc, dec], outputs: out });
  }

  it('an encoder-decoder saved by tfjs-layers loads here, predicts the same, and goes back to tfjs-layers', async () => {
    const ref = tfjsEncoderDecoder();
    const x = [tf.randomNormal([2, 6, 3], 0, 1, 'float32', 1), tf.randomNormal([2, 4, 2], 0, 1, 'float32', 2)];
    const mine = await loadModel(tf.io.fromMemory(await savedArtifacts((h) => ref.save(h))));
    expect(maxDiff(mine.predict(x) as tf.Tensor, ref.predict(x) as tf.Tensor)).toBeLessThan(1e-5);
    const back = await tfl.loadLayersModel(tf.io.fromMemory(await savedArtifacts((h) => mine.save(h))));
    expect(maxDiff(back.predict(x) as tf.Tensor, ref.predict(x) as tf.Tensor)).toBeLessThan(1e-5);
  });
});

describe('saving with the optimizer', () => {
  it('a model saved with includeOptimizer resumes training exactly: 3 + 2 epochs equal 5 straight', async () => {
    const { adam } = await import('@rnnkit/optimizers');
    const x = tf.randomNormal([16, 4, 2], 0, 1, 'float32', 5);
    const y = tf.randomNormal([16, 1], 0, 1, 'float32', 6);
    const build = () => {
      const m = sequential({ layers: [layers.lstm({ units: 3, inputShape: [4, 2], seed: 1 }), layers.dense({ units: 1, seed: 2 })] });
      m.compile({ optimizer: adam({ learningRate: 0.05, clipnorm: 1 }), loss: 'mse' });
      return m;
    };
    const straight = build();
    await straight.fit(x, y, { epochs: 5, batchSize: 8, shuffle: false, verbose: 0 });
    const first = build();
    await first.fit(x, y, { epochs: 3, batchSize: 8, shuffle: false, verbose: 0 });
    const dir = mkdtempSync(join(tmpdir(), 'rnnkit-resume-'));
    await first.save(`file://${dir}`, { includeOptimizer: true });
    const resumed = await loadModel(`file://${dir}`);
    await resumed.fit(x, y, { epochs: 2, batchSize: 8, shuffle: false, verbose: 0 });
    const a = straight.getWeights();
    const b = resumed.getWeights();
    a.forEach((w, i) => expect(maxDiff(w, b[i])).toBeLessThan(1e-6));
  });
});

describe('a Keras model converted with tensorflowjs_converter', () => {
  it('loads from the converter layout (model_config inside modelTopology, Keras snake_case configs, InputLayer)', async () => {
    const units = 2;
    const topology = {
      keras_version: '2.15.0',
      backend: 'tensorflow',
      model_config: {
        class_name: 'Sequential',
        config: {
          name: 'sequential',
          layers: [
            { class_name: 'InputLayer', config: { batch_input_shape: [null, 3, 2], dtype: 'float32', sparse: false, ragged: false, name: 'input_1' } },
            { class_name: 'LSTM', config: { name: 'lstm', trainable: true, dtype: 'float32', return_sequences: false, return_state: false, go_backwards: false, stateful: false, unroll: false, time_major: false, units, activation: 'tanh', recurrent_activation: 'sigmoid', use_bias: true, kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } }, recurrent_initializer: { class_name: 'Orthogonal', config: { gain: 1, seed: null } }, bias_initializer: { class_name: 'Zeros', config: {} }, unit_forget_bias: true, kernel_regularizer: null, recurrent_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, recurrent_constraint: null, bias_constraint: null, dropout: 0, recurrent_dropout: 0, implementation: 2 } },
            { class_name: 'Dense', config: { name: 'dense', trainable: true, dtype: 'float32', units: 1, activation: 'linear', use_bias: true, kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } }, bias_initializer: { class_name: 'Zeros', config: {} }, kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null } },
          ],
        },
      },
    };
    // Weights with the values a hand computation below uses: every kernel entry 0.1, recurrent 0.2, biases 0.
    const shapes: [string, number[], number][] = [['lstm/lstm_cell/kernel', [2, 8], 0.1], ['lstm/lstm_cell/recurrent_kernel', [2, 8], 0.2], ['lstm/lstm_cell/bias', [8], 0], ['dense/kernel', [2, 1], 1], ['dense/bias', [1], 0]];
    const named = shapes.map(([name, shape, value]) => ({ name, tensor: tf.fill(shape, value) }));
    const { data, specs } = await tf.io.encodeWeights(named);
    const m = await loadModel(tf.io.fromMemory({ modelTopology: topology, weightSpecs: specs, weightData: data, format: 'layers-model', generatedBy: 'keras v2.15.0', convertedBy: 'TensorFlow.js Converter v4.22.0' }));
    // One step of x = [1, 1] from zero state, repeated 3 times, in plain arithmetic.
    const sig = (z: number) => 1 / (1 + Math.exp(-z));
    let h = 0;
    let c = 0;
    for (let t = 0; t < 3; t++) {
      const z = 0.1 * 2 + 0.2 * units * h;
      c = sig(z) * c + sig(z) * Math.tanh(z);
      h = sig(z) * Math.tanh(c);
    }
    const p = m.predict(tf.ones([1, 3, 2]));
    expect(p.dataSync()[0]).toBeCloseTo(units * h, 5);
  });
});
