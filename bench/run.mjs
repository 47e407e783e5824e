#!/usr/bin/env node
// rnnkit vs tfjs-layers, same model, data and backend, in one process run. Writes results/latest.json and .md.
// Usage: node bench/run.mjs [--backends cpu,wasm,tensorflow] [--cells lstm,gru,simpleRNN] [--T 25,100,400]
//                          [--units 64,256] [--limit cpu:256:25,...] [--seconds 3] [--rounds 3] [--smoke] [--out bench/results] [--block-lstm auto|on|off]
//                          [--inference-threads N] [--simd-kernels auto|on|off]
// --limit backend:units:maxT (default cpu:256:100; "" for none) skips the longer sequences for that backend and width (tfjs-layers on cpu needs
// minutes per batch at 256 units and T=400).
import { parseArgs } from 'node:util';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { cpuAdapter, tf, currentBackend } from '@rnnkit/backend';
import { setInferenceThreads, wasmAdapter } from '@rnnkit/backend-wasm';
// The tensorflow adapter registers itself; tfjs-node itself is optional and only loaded when selected.
import { enableBlockLstm, enableSimdKernels, nodeAdapter, setInferenceThreads as setTensorflowInferenceThreads } from '@rnnkit/backend-node';
import * as tfl from '@tensorflow/tfjs-layers';
import { B, F, markdownTable, measureGrid } from './measure.mjs';
import { wasmSimdPeakGflops } from './simd-peak.mjs';

const { values: o } = parseArgs({
  options: {
    backends: { type: 'string', default: 'cpu,wasm' },
    cells: { type: 'string', default: 'lstm,gru,simpleRNN' },
    T: { type: 'string', default: '25,100,400' },
    units: { type: 'string', default: '64,256' },
    seconds: { type: 'string', default: '3' },
    // Each row's time is split into this many alternating rounds of the two libraries; each keeps its fastest.
    rounds: { type: 'string', default: '3' },
    limit: { type: 'string', default: 'cpu:256:100' },
    smoke: { type: 'boolean', default: false },
    // tensorflow: LSTM on BlockLSTMV2 where it is signal-safe (auto, the adapter's default), always (on) or never (off).
    'block-lstm': { type: 'string', default: 'auto' },
    out: { type: 'string', default: 'bench/results' },
    // rnnkit's SIMD-module predict (wasm; tensorflow where it runs there): threads the batch is split across (the
    // adapters' default: Node's cores, at most 4).
    'inference-threads': { type: 'string', default: '' },
    // tensorflow: GRU and SimpleRNN on rnnkit's SIMD module at the measured sizes (auto), every call it covers (on), never (off).
    'simd-kernels': { type: 'string', default: 'auto' },
  },
});
if (o['inference-threads']) {
  await setInferenceThreads(Number(o['inference-threads']));
  await setTensorflowInferenceThreads(Number(o['inference-threads']));
}
/** An auto|on|off flag as the adapters' enable functions take it ('auto', true, false). */
function autoOnOff(flag) {
  const choices = { auto: 'auto', on: true, off: false };
  if (!(o[flag] in choices)) throw new Error(`bench: --${flag} must be auto, on or off, got '${o[flag]}'`);
  return choices[o[flag]];
}
enableSimdKernels(autoOnOff('simd-kernels'));
enableBlockLstm(autoOnOff('block-lstm'));
const list = (s) => s.split(',').filter(Boolean);
const grid = o.smoke
  ? { backends: ['cpu'], cells: ['lstm', 'gru', 'simpleRNN'], T: [5], units: [4], seconds: 0.05, rounds: 2 }
  : { backends: list(o.backends), cells: list(o.cells), T: list(o.T).map(Number), units: list(o.units).map(Number), seconds: Number(o.seconds), rounds: Number(o.rounds) };
const limits = new Map(list(o.limit).map((l) => { const [b, u, t] = l.split(':'); return [`${b}:${u}`, Number(t)]; }));
const skipped = (backend, U, T) => limits.has(`${backend}:${U}`) && T > limits.get(`${backend}:${U}`);
// The SIMD peak is measured before and after the grid, keeping the faster (the machine has slow phases).
const simdPeakOptions = o.smoke ? { iterations: 1e5, rounds: 1 } : {};
const simdPeakAtStart = wasmSimdPeakGflops(simdPeakOptions);
let rssPeak = process.memoryUsage().rss;
const sampleRss = () => { rssPeak = Math.max(rssPeak, process.memoryUsage().rss); };
const { rows, kernelPaths } = await measureGrid({
  grid, tfl, adapters: { cpu: cpuAdapter, wasm: wasmAdapter, tensorflow: nodeAdapter }, skip: skipped,
  sample: sampleRss, log: console.log, matMulSize: o.smoke ? 64 : 768,
});

const simdPeakSamples = [simdPeakAtStart, wasmSimdPeakGflops(simdPeakOptions)];
const simdPeak = simdPeakSamples.every((v) => v) ? Math.max(...simdPeakSamples) : undefined;
const meta = { date: new Date().toISOString(), node: process.version, cpus: `${cpus().length} x ${cpus()[0]?.model ?? '?'}`, tfjsCore: tf.version_core, rssPeakBytes: rssPeak, backendAtEnd: currentBackend()?.name, smoke: o.smoke, batch: B, features: F, optimizer: 'adam (lr 1e-3)', wasmSimdPeakGflops: simdPeak, wasmSimdPeakGflopsSamples: simdPeakSamples, rounds: grid.rounds, kernelPaths };
const f = (v, d = 1) => v.toFixed(d);
function wasmThreads(paths) {
  return paths.wasm?.details?.inferenceThreads ?? 1;
}
const md = [
  `Measured ${meta.date.slice(0, 10)} on ${meta.cpus}, Node ${meta.node}, tfjs-core ${meta.tfjsCore}; batch ${B}, ${F} inputs, Adam, dense head, MSE; each rate is the faster of ${grid.rounds} alternating rounds of the two libraries. Peak RSS of the run ${f(rssPeak / 2 ** 20, 0)} MiB.`
    + (wasmThreads(kernelPaths) > 1 ? ` rnnkit's wasm predict splits each batch across ${wasmThreads(kernelPaths)} threads (Node workers); tfjs-layers' wasm runs on one (tfjs' threaded wasm binary does not run in Node), and training runs on one thread in both.` : '')
    + (kernelPaths.tensorflow?.details?.simdModule ? ` On tensorflow, rnnkit runs GRU and SimpleRNN up to a measured size on its WebAssembly SIMD module (predict on ${kernelPaths.tensorflow.details.inferenceThreads} threads, training on one; simd kernels: ${kernelPaths.tensorflow.details.simdKernels}), the rest on TensorFlow, whose thread pools use every core in both libraries.` : '')
    + (simdPeak ? ` One core's WebAssembly SIMD arithmetic peak (f32x4 multiply and add from registers, bench/simd-peak.mjs; the faster of a measurement before and one after the rows): ${f(simdPeak)} GFLOP/s. The large-matMul reference of each backend is likewise the faster of one measurement before and one after its rows.` : ''),
  '',
  markdownTable(rows),
].join('\n');
mkdirSync(o.out, { recursive: true });
writeFileSync(join(o.out, o.smoke ? 'smoke.json' : 'latest.json'), JSON.stringify({ meta, rows }, null, 2));
writeFileSync(join(o.out, o.smoke ? 'smoke.md' : 'latest.md'), md + '\n');
console.log('\n' + md);
