#!/usr/bin/env node
// rnnkit vs tfjs-layers, same model, data and backend, in one process run. Writes results/latest.json and .md.
// Usage: node bench/run.mjs [--backends cpu,wasm,tensorflow] [--cells lstm,gru,simpleRNN] [--T 25,100,400]
//                          [--units 64,256] [--limit cpu:256:25,...] [--seconds 3] [--smoke] [--out bench/results]
// --limit backend:units:maxT skips the longer sequences for that backend and width (tfjs-layers on cpu needs
// minutes per batch at 256 units and T=400).
import { parseArgs } from 'node:util';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { cpuAdapter, tf, useBackend, currentBackend } from '@rnnkit/backend';
import { wasmAdapter } from '@rnnkit/backend-wasm';
// The tensorflow adapter registers itself; tfjs-node itself is optional and only loaded when selected.
import { nodeAdapter } from '@rnnkit/backend-node';
import * as tfl from '@tensorflow/tfjs-layers';
import { rnnkitModel, tfjsLayersModel } from './models.mjs';

const { values: o } = parseArgs({
  options: {
    backends: { type: 'string', default: 'cpu,wasm' },
    cells: { type: 'string', default: 'lstm,gru,simpleRNN' },
    T: { type: 'string', default: '25,100,400' },
    units: { type: 'string', default: '64,256' },
    seconds: { type: 'string', default: '3' },
    limit: { type: 'string', default: '' },
    smoke: { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/results' },
  },
});
const list = (s) => s.split(',').filter(Boolean);
const grid = o.smoke
  ? { backends: ['cpu'], cells: ['lstm', 'gru', 'simpleRNN'], T: [5], units: [4], seconds: 0.05 }
  : { backends: list(o.backends), cells: list(o.cells), T: list(o.T).map(Number), units: list(o.units).map(Number), seconds: Number(o.seconds) };
const limits = new Map(list(o.limit).map((l) => { const [b, u, t] = l.split(':'); return [`${b}:${u}`, Number(t)]; }));
const skipped = (backend, U, T) => limits.has(`${backend}:${U}`) && T > limits.get(`${backend}:${U}`);
const B = 32, F = 16;
const GATES = { lstm: 4, gru: 3, simpleRNN: 1 };

/** Runs fn repeatedly for about `seconds` after one warm-up call; returns ms per call (at least 2 timed calls). */
async function time(fn, seconds) {
  await fn();
  const t0 = performance.now();
  let n = 0;
  do { await fn(); n++; } while (n < 2 || performance.now() - t0 < seconds * 1000);
  return (performance.now() - t0) / n;
}

async function peakBytes(fn) {
  const info = await tf.profile(fn);
  return info.peakBytes;
}

/** The backend's own large-matMul rate, measured in the same run (GFLOP/s): 8 products per read-back. */
async function matMulGflops(seconds) {
  const n = o.smoke ? 64 : 768;
  const a = tf.randomNormal([n, n], 0, 1 / n), b = tf.randomNormal([n, n], 0, 1);
  const ms = await time(() => tf.tidy(() => {
    let c = a;
    for (let i = 0; i < 8; i++) c = tf.matMul(c, b);
    c.dataSync();
  }), Math.min(seconds, 2));
  tf.dispose([a, b]);
  return (8 * 2 * n ** 3) / (ms * 1e6);
}

/** Puts tfjs' own wasm BatchMatMul back (if rnnkit's adapter replaced it); returns the undo. */
function useStockMatMul() {
  const patched = tf.getKernel('BatchMatMul', tf.getBackend());
  const original = patched?.[Symbol.for('rnnkit.wasm.originalBatchMatMul')];
  if (!original) return () => {};
  tf.unregisterKernel('BatchMatMul', tf.getBackend());
  tf.registerKernel(original);
  return () => {
    tf.unregisterKernel('BatchMatMul', original.backendName);
    tf.registerKernel(patched);
  };
}

const rows = [];
let rssPeak = process.memoryUsage().rss;
const sampleRss = () => { rssPeak = Math.max(rssPeak, process.memoryUsage().rss); };
const adapters = { cpu: cpuAdapter, wasm: wasmAdapter, tensorflow: nodeAdapter };
const kernelPaths = {};
for (const backend of grid.backends) {
  await useBackend(backend, { log: () => {} });
  const caps = adapters[backend]?.capabilities();
  kernelPaths[backend] = { fusedKernels: caps?.fusedKernels ?? [], provider: caps?.details?.recurrentKernels ?? null };
  const mmGflops = await matMulGflops(grid.seconds);
  for (const cell of grid.cells) for (const U of grid.units) for (const T of grid.T) {
    if (skipped(backend, U, T)) continue;
    const x = tf.randomNormal([B, T, F]);
    const y = tf.randomNormal([B, 1]);
    const flopsForward = 2 * B * T * (F + U) * GATES[cell] * U;
    const result = { backend, cell, T, units: U, batch: B };
    // tfjs-layers runs on stock tfjs: on wasm, rnnkit's adapter replaces BatchMatMul for the whole engine, so the
    // stock kernel is swapped back in for tfjs-layers' turn (and measured patched too, for transparency).
    const sides = [['rnnkit', rnnkitModel, false], ['tfjsLayers', tfjsLayersModel, true]];
    if (backend === 'wasm' && U <= 64) sides.push(['tfjsLayersPatched', tfjsLayersModel, false]);
    for (const [lib, make, stock] of sides) {
      const restore = stock ? useStockMatMul() : () => {};
      const m = make({ cell, T, F, U, tfl });
      const trainMs = await time(async () => { await m.trainStep(x, y); sampleRss(); }, grid.seconds);
      const predictMs = await time(async () => { m.predict(x); sampleRss(); }, grid.seconds / 2);
      const peak = await peakBytes(() => m.trainStep(x, y));
      result[lib] = {
        trainSamplesPerSec: (B * 1000) / trainMs,
        predictSamplesPerSec: (B * 1000) / predictMs,
        trainGflops: (3 * flopsForward) / (trainMs * 1e6),
        peakTensorBytes: peak,
      };
      m.dispose();
      restore();
    }
    result.trainRatio = result.rnnkit.trainSamplesPerSec / result.tfjsLayers.trainSamplesPerSec;
    if (result.tfjsLayersPatched) result.trainRatioVsPatched = result.rnnkit.trainSamplesPerSec / result.tfjsLayersPatched.trainSamplesPerSec;
    result.predictRatio = result.rnnkit.predictSamplesPerSec / result.tfjsLayers.predictSamplesPerSec;
    result.matMulGflops = mmGflops;
    result.rnnkitShareOfMatMul = result.rnnkit.trainGflops / mmGflops;
    rows.push(result);
    tf.dispose([x, y]);
    const r = (v) => v.toFixed(1);
    console.log(`${backend} ${cell} T=${T} U=${U}: train ${r(result.rnnkit.trainSamplesPerSec)} vs ${r(result.tfjsLayers.trainSamplesPerSec)} samples/s (${r(result.trainRatio)}x), predict ${r(result.rnnkit.predictSamplesPerSec)} vs ${r(result.tfjsLayers.predictSamplesPerSec)} (${r(result.predictRatio)}x)`);
  }
}

const meta = { date: new Date().toISOString(), node: process.version, cpus: `${cpus().length} x ${cpus()[0]?.model ?? '?'}`, tfjsCore: tf.version_core, rssPeakBytes: rssPeak, backendAtEnd: currentBackend()?.name, smoke: o.smoke, batch: B, features: F, optimizer: 'adam (lr 1e-3)', kernelPaths };
const f = (v, d = 1) => v.toFixed(d);
const md = [
  `Measured ${meta.date.slice(0, 10)} on ${meta.cpus}, Node ${meta.node}, tfjs-core ${meta.tfjsCore}; batch ${B}, ${F} inputs, Adam, dense head, MSE. Peak RSS of the run ${f(rssPeak / 2 ** 20, 0)} MiB.`,
  '',
  '| backend | cell | T | units | train rnnkit | train tfjs-layers | ratio | vs tfjs-layers on rnnkit\'s wasm matMul | predict rnnkit | predict tfjs-layers | ratio | peak tensor MB rnnkit / tfjs-layers | train GFLOP/s (share of matMul) |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.backend} | ${r.cell} | ${r.T} | ${r.units} | ${f(r.rnnkit.trainSamplesPerSec)} | ${f(r.tfjsLayers.trainSamplesPerSec)} | **${f(r.trainRatio)}x** | ${r.tfjsLayersPatched ? `${f(r.tfjsLayersPatched.trainSamplesPerSec)} (${f(r.trainRatioVsPatched)}x)` : '-'} | ${f(r.rnnkit.predictSamplesPerSec)} | ${f(r.tfjsLayers.predictSamplesPerSec)} | **${f(r.predictRatio)}x** | ${f(r.rnnkit.peakTensorBytes / 1e6)} / ${f(r.tfjsLayers.peakTensorBytes / 1e6)} | ${f(r.rnnkit.trainGflops, 2)} (${f(100 * r.rnnkitShareOfMatMul, 0)}% of ${f(r.matMulGflops)}) |`),
].join('\n');
mkdirSync(o.out, { recursive: true });
writeFileSync(join(o.out, o.smoke ? 'smoke.json' : 'latest.json'), JSON.stringify({ meta, rows }, null, 2));
writeFileSync(join(o.out, o.smoke ? 'smoke.md' : 'latest.md'), md + '\n');
console.log('\n' + md);
