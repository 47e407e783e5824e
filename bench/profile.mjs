#!/usr/bin/env node
// Runs one rnnkit configuration for a while, for `node --cpu-prof bench/profile.mjs ...` (where time goes).
// Usage: node bench/profile.mjs [--backend wasm] [--cell lstm] [--T 100] [--units 64] [--steps 30] [--predict]
import { parseArgs } from 'node:util';
import { tf, useBackend } from '@rnnkit/backend';
import '@rnnkit/backend-wasm';
import { rnnkitModel } from './models.mjs';

const { values: o } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    cell: { type: 'string', default: 'lstm' },
    T: { type: 'string', default: '100' },
    units: { type: 'string', default: '64' },
    steps: { type: 'string', default: '30' },
    predict: { type: 'boolean', default: false },
  },
});
await useBackend(o.backend, { log: () => {} });
const B = 32, F = 16, T = Number(o.T), U = Number(o.units);
const x = tf.randomNormal([B, T, F]);
const y = tf.randomNormal([B, 1]);
const m = rnnkitModel({ cell: o.cell, T, F, U });
const step = () => (o.predict ? m.predict(x) : m.trainStep(x, y));
await step();
const t0 = performance.now();
const n = Number(o.steps);
for (let i = 0; i < n; i++) await step();
const ms = (performance.now() - t0) / n;
console.log(`${o.backend} ${o.cell} T=${T} U=${U} ${o.predict ? 'predict' : 'train'}: ${ms.toFixed(2)} ms/step, ${((B * 1000) / ms).toFixed(1)} samples/s`);
m.dispose();
tf.dispose([x, y]);
