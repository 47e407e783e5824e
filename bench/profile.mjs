#!/usr/bin/env node
// Runs one rnnkit configuration for a while, for `node --cpu-prof bench/profile.mjs ...` (where time goes).
// Usage: node bench/profile.mjs [--backend wasm] [--cell lstm] [--T 100] [--units 64] [--steps 30] [--predict] [--direct]
// --direct: the recurrent kernel (rnnSequence) + a dense head + tf.train.adam through tf.variableGrads, no model API.
import { parseArgs } from 'node:util';
import { rnnSequence, tf, useBackend } from '@rnnkit/backend';
import '@rnnkit/backend-wasm';
// The tensorflow adapter registers itself; tfjs-node itself is optional and only loaded when selected.
import '@rnnkit/backend-node';


const { values: o } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    cell: { type: 'string', default: 'lstm' },
    T: { type: 'string', default: '100' },
    units: { type: 'string', default: '64' },
    steps: { type: 'string', default: '30' },
    predict: { type: 'boolean', default: false },
    direct: { type: 'boolean', default: false },
  },
});
await useBackend(o.backend, { log: () => {} });
const B = 32, F = 16, T = Number(o.T), U = Number(o.units);
const x = tf.randomNormal([B, T, F]);
const y = tf.randomNormal([B, 1]);
const m = o.direct ? directModel({ cell: o.cell, T, F, U }) : (await import('./models.mjs')).rnnkitModel({ cell: o.cell, T, F, U });
const step = () => (o.predict ? m.predict(x) : m.trainStep(x, y));
await step();
const t0 = performance.now();
const n = Number(o.steps);
for (let i = 0; i < n; i++) await step();
const ms = (performance.now() - t0) / n;
console.log(`${o.backend} ${o.cell} T=${T} U=${U} ${o.predict ? 'predict' : 'train'}: ${ms.toFixed(2)} ms/step, ${((B * 1000) / ms).toFixed(1)} samples/s`);
m.dispose();
tf.dispose([x, y]);

function directModel({ cell, T, F, U }) {
  const G = { lstm: 4, gru: 3, simpleRNN: 1 }[cell] * U;
  const v = (shape, scale) => tf.variable(tf.randomUniform(shape, -scale, scale));
  const w = { kernel: v([F, G], 0.3), recurrentKernel: v([U, G], 0.3), bias: v(cell === 'gru' ? [2, G] : [G], 0.1), dense: v([U, 1], 0.3) };
  const opt = tf.train.adam(1e-3);
  const forward = (x) => {
    const initialState = Array.from({ length: cell === 'lstm' ? 2 : 1 }, () => tf.zeros([x.shape[0], U]));
    const r = rnnSequence({ cell, inputs: x, kernel: w.kernel, recurrentKernel: w.recurrentKernel, bias: w.bias, initialState });
    return tf.matMul(r.outputs, w.dense);
  };
  return {
    trainStep(x, y) {
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => tf.losses.meanSquaredError(y, forward(x)));
        opt.applyGradients(grads);
      });
    },
    predict(x) {
      tf.tidy(() => forward(x).dataSync());
    },
    dispose() {
      opt.dispose();
      tf.dispose(Object.values(w));
    },
  };
}
