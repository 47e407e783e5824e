// The two sides of the benchmark: the same recurrent layer + dense head + Adam + MSE, through each library's
// model API (trainOnBatch, predict).
import { tf } from '@rnnkit/backend';
import { layers, sequential } from '@rnnkit/core-layers';
import { adam } from '@rnnkit/optimizers';

/** rnnkit: core-layers' sequential model (its recurrent layer runs the adapter's fused kernel), rnnkit's Adam. */
export function rnnkitModel({ cell, T, F, U }) {
  const model = sequential({ layers: [layers[cell]({ units: U, inputShape: [T, F] }), layers.dense({ units: 1 })] });
  model.compile({ optimizer: adam({ learningRate: 1e-3 }), loss: 'mse' });
  return {
    trainStep(x, y) {
      model.trainOnBatch(x, y);
    },
    predict(x) {
      const p = model.predict(x, { batchSize: x.shape[0] });
      p.dataSync();
      p.dispose();
    },
    dispose() {
      model.optimizer?.dispose();
      model.dispose();
    },
  };
}

/** tfjs-layers 4.22 on the same tfjs-core engine. */
export function tfjsLayersModel({ cell, T, F, U, tfl }) {
  const rnn = { lstm: tfl.layers.lstm, gru: tfl.layers.gru, simpleRNN: tfl.layers.simpleRNN }[cell];
  // Keras 3 gate activation on both sides (tfjs-layers defaults to hardSigmoid); GRU resetAfter is rnnkit's default.
  const extra = cell === 'simpleRNN' ? {} : { recurrentActivation: 'sigmoid' };
  const model = tfl.sequential({ layers: [rnn({ units: U, inputShape: [T, F], ...extra }), tfl.layers.dense({ units: 1 })] });
  const optimizer = tf.train.adam(1e-3);
  model.compile({ optimizer, loss: 'meanSquaredError' });
  return {
    async trainStep(x, y) {
      await model.trainOnBatch(x, y);
    },
    predict(x) {
      const p = model.predict(x);
      p.dataSync();
      p.dispose();
    },
    dispose() {
      // tfjs-layers' dispose leaves an optimizer passed in as an object (and its slots) alive.
      model.dispose();
      optimizer.dispose();
    },
  };
}
