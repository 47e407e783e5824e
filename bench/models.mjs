// The two sides of the benchmark: the same recurrent layer + dense head + Adam + MSE.
import { tf, rnnSequence } from '@rnnkit/backend';
import { adam } from '@rnnkit/optimizers';

const GATES = { lstm: 4, gru: 3, simpleRNN: 1 };

/** rnnkit: the backend's recurrent kernel (fused where the adapter has one), a dense head and rnnkit's Adam. */
export function rnnkitModel({ cell, F, U }) {
  const G = GATES[cell] * U;
  const glorot = (r, c) => tf.variable(tf.randomUniform([r, c], -Math.sqrt(6 / (r + c)), Math.sqrt(6 / (r + c))));
  const kernel = glorot(F, G), recurrentKernel = glorot(U, G);
  const bias = tf.variable(tf.zeros(cell === 'gru' ? [2, G] : [G]));
  const dense = glorot(U, 1), denseBias = tf.variable(tf.zeros([1]));
  const vars = [kernel, recurrentKernel, bias, dense, denseBias];
  const optimizer = adam({ learningRate: 1e-3 });
  const forward = (x) => {
    const h0 = tf.zeros([x.shape[0], U]);
    const { outputs } = rnnSequence({ cell, inputs: x, kernel, recurrentKernel, bias, initialState: cell === 'lstm' ? [h0, h0] : [h0] });
    return tf.add(tf.matMul(outputs, dense), denseBias);
  };
  return {
    trainStep(x, y) {
      const cost = optimizer.minimize(() => tf.losses.meanSquaredError(y, forward(x)), true, vars);
      cost.dataSync();
      cost.dispose();
    },
    predict(x) {
      tf.tidy(() => forward(x).dataSync());
    },
    dispose() {
      tf.dispose(vars);
      optimizer.dispose();
    },
  };
}

/** tfjs-layers 4.22 on the same tfjs-core engine. */
export function tfjsLayersModel({ cell, T, F, U, tfl }) {
  const rnn = { lstm: tfl.layers.lstm, gru: tfl.layers.gru, simpleRNN: tfl.layers.simpleRNN }[cell];
  const model = tfl.sequential({ layers: [rnn({ units: U, inputShape: [T, F] }), tfl.layers.dense({ units: 1 })] });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'meanSquaredError' });
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
      model.dispose();
    },
  };
}
