// Reference values computed with Python Keras (2.x, whose gate activation default was hard_sigmoid and whose GRU
// used reset_after=False) for fixed weights, as cited by tfjs-layers' own tests. Same weights here, same numbers.
import { beforeAll, describe, expect, it } from 'vitest';
import { tf, useBackend } from '@rnnkit/backend';
import { sgd } from '@rnnkit/optimizers';
import { layers, sequential } from '../../src/index.js';

beforeAll(async () => {
  await useBackend('cpu', { log: () => {} });
});
const values = (t: tf.Tensor) => Array.from(t.dataSync());
const expectClose = (got: number[], want: number[], tol = 1e-5) => {
  expect(got).toHaveLength(want.length);
  got.forEach((g, i) => expect(Math.abs(g - want[i]), `index ${i}: ${g} vs ${want[i]}`).toBeLessThan(tol));
};

describe('Keras reference values', () => {
  it('SimpleRNN + Dense, SGD(5), two epochs of BPTT: the trained weights', async () => {
    const model = sequential({
      layers: [
        layers.simpleRNN({ units: 1, kernelInitializer: 'ones', recurrentInitializer: 'ones', useBias: false, inputShape: [3, 4] }),
        layers.dense({ units: 1, kernelInitializer: 'ones', useBias: false }),
      ],
    });
    model.compile({ optimizer: sgd({ learningRate: 5 }), loss: 'mse' });
    await model.fit(tf.ones([5, 3, 4]), tf.zeros([5, 1]), { epochs: 2, verbose: 0 });
    const [kernel, recurrent, dense] = model.getWeights();
    // tanh is saturated here (1 - y^2 ~ 1e-3), so float32 rounding of y moves the result in the fourth decimal;
    // 1e-3 is also the tolerance tfjs-layers holds this case to.
    expectClose(values(kernel), [0.8484658, 0.8484658, 0.8484658, 0.8484658], 1e-3);
    expectClose(values(recurrent), [0.8484799], 1e-3);
    expectClose(values(dense), [80.967026], 1e-3);
  });

  it('Bidirectional(LSTM(goBackwards), concat): predict, one SGD epoch\'s loss, predict after', async () => {
    const lstm = layers.lstm({ units: 1, kernelInitializer: 'ones', recurrentInitializer: 'ones', biasInitializer: 'ones', goBackwards: true, recurrentActivation: 'hardSigmoid', unitForgetBias: false });
    const model = sequential({ layers: [layers.bidirectional({ layer: lstm, mergeMode: 'concat', inputShape: [2, 2] })] });
    model.compile({ optimizer: sgd({ learningRate: 0.01 }), loss: 'mse' });
    const x = tf.tensor3d([[[0.1, 0.2], [-0.1, 0.1]]]);
    expectClose(values(model.predict(x)), [0.69299805, 0.66088]);
    const h = await model.fit(x, tf.tensor2d([[0.3, 0.5]]), { epochs: 1, verbose: 0 });
    expect(h.history.loss[0]).toBeCloseTo(0.0901649, 6);
    expectClose(values(model.predict(x)), [0.6927189, 0.66077083]);
  });

  it('GRU with ones weights (reset_after False): the output at every step', () => {
    const gru = layers.gru({ units: 5, kernelInitializer: 'ones', recurrentInitializer: 'ones', biasInitializer: 'ones', returnSequences: true, resetAfter: false, recurrentActivation: 'hardSigmoid' });
    const out = gru.apply(tf.zeros([4, 3, 2])) as tf.Tensor;
    const perStep = [0.22847827, 0.2813754, 0.29444352];
    expectClose(values(out), Array.from({ length: 4 * 3 * 5 }, (_, i) => perStep[Math.floor(i / 5) % 3]));
  });

  it('stateful GRU: the second predict continues from the first one\'s state, resetStates starts over', () => {
    const model = sequential({
      layers: [layers.gru({ units: 5, kernelInitializer: 'ones', recurrentInitializer: 'zeros', biasInitializer: 'zeros', activation: 'linear', stateful: true, resetAfter: false, recurrentActivation: 'hardSigmoid', batchInputShape: [4, 3, 2] })],
    });
    const x = tf.ones([4, 3, 2]);
    expectClose(values(model.predict(x)), Array(20).fill(0.542));
    expectClose(values(model.predict(x)), Array(20).fill(0.9371182));
    model.resetStates();
    expectClose(values(model.predict(x)), Array(20).fill(0.542));
  });
});
