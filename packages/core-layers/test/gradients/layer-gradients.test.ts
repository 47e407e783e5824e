// Gradients of every layer's weights against central finite differences, in float32 on cpu (where the recurrent
// layers run the fused kernels): relative error under 1e-2.
import { beforeAll, describe, expect, it } from 'vitest';
import { tf, useBackend } from '@rnnkit/backend';
import { layers, type Layer } from '../../src/index.js';

beforeAll(async () => {
  await useBackend('cpu', { log: () => {} });
});

function checkLayer(layer: Layer, x: tf.Tensor, mask?: tf.Tensor) {
  const first = layer.apply(x, { mask });
  const out0 = Array.isArray(first) ? first[0] : first;
  const w = tf.randomNormal(out0.shape, 0, 1, 'float32', 9);
  tf.dispose(first);
  const loss = () => tf.tidy(() => {
    const o = layer.apply(x, { mask, training: false });
    return tf.sum(tf.mul(Array.isArray(o) ? o[0] : o, w)) as tf.Scalar;
  });
  const vars = layer.trainableWeights.map((v) => v.value);
  const { grads } = tf.variableGrads(loss, vars);
  const eps = 1e-2;
  let worst = 0;
  for (const v of vars) {
    const g = grads[v.name].dataSync();
    const data = v.dataSync().slice();
    // Every coordinate of small weights; a stride through larger ones.
    const stride = Math.max(1, Math.floor(data.length / 40));
    for (let i = 0; i < data.length; i += stride) {
      const at = (delta: number) => {
        const d = data.slice();
        d[i] += delta;
        v.assign(tf.tensor(d, v.shape));
        return loss().dataSync()[0];
      };
      const numeric = (at(eps) - at(-eps)) / (2 * eps);
      v.assign(tf.tensor(data, v.shape));
      worst = Math.max(worst, Math.abs(numeric - g[i]) / Math.max(1, Math.abs(numeric), Math.abs(g[i])));
    }
  }
  tf.dispose(Object.values(grads));
  return worst;
}

const x3 = () => tf.randomNormal([3, 5, 4], 0, 1, 'float32', 11);
const mask = () => tf.tensor2d([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0], [0, 0, 1, 1, 1]]);

describe('layer gradients vs central finite differences (float32, cpu)', () => {
  const cases: [string, () => Layer, () => tf.Tensor, (() => tf.Tensor)?][] = [
    ['dense', () => layers.dense({ units: 3, activation: 'tanh', seed: 1 }), () => tf.randomNormal([4, 5], 0, 1, 'float32', 2)],
    ['simpleRNN', () => layers.simpleRNN({ units: 3, returnSequences: true, seed: 1 }), x3, mask],
    ['lstm', () => layers.lstm({ units: 3, seed: 1 }), x3, mask],
    ['lstm goBackwards', () => layers.lstm({ units: 3, returnSequences: true, goBackwards: true, seed: 1 }), x3, mask],
    ['gru', () => layers.gru({ units: 3, returnSequences: true, seed: 1 }), x3, mask],
    ['gru resetAfter false', () => layers.gru({ units: 3, resetAfter: false, seed: 1 }), x3],
    ['bidirectional lstm', () => layers.bidirectional({ layer: layers.lstm({ units: 2, returnSequences: true, seed: 1 }) }), x3, mask],
    ['timeDistributed dense', () => layers.timeDistributed({ layer: layers.dense({ units: 2, seed: 1 }) }), x3],
    ['layerNormalization', () => layers.layerNormalization(), x3],
  ];
  for (const [name, make, x, m] of cases) {
    it(name, () => {
      expect(checkLayer(make(), x(), m?.())).toBeLessThan(1e-2);
    });
  }
});
