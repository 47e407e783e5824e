// The measuring loop of the benchmark, shared by the Node run (bench/run.mjs) and the browser run
// (bench/browser/): the same models, data, timing and ratios wherever it runs.
import { tf, useBackend } from '@rnnkit/backend';
import { rnnkitModel, tfjsLayersModel } from './models.mjs';

export const B = 32, F = 16;
const GATES = { lstm: 4, gru: 3, simpleRNN: 1 };

/**
 * Runs fn repeatedly for about `seconds` (after one warm-up call unless `warmUp` is false); returns ms per call
 * (at least `minCalls` timed calls).
 */
export async function time(fn, seconds, { warmUp = true, minCalls = 2 } = {}) {
  if (warmUp) await fn();
  const t0 = performance.now();
  let n = 0;
  do { await fn(); n++; } while (n < minCalls || performance.now() - t0 < seconds * 1000);
  return (performance.now() - t0) / n;
}

async function peakBytes(fn) {
  const info = await tf.profile(fn);
  return info.peakBytes;
}

/** The backend's own large-matMul rate, measured in the same run (GFLOP/s): 8 products per read-back. */
async function matMulGflops(seconds, n) {
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

/**
 * Measures every (backend, cell, units, T) of `grid` with both libraries. `adapters` maps backend names to their
 * adapters (for the kernel paths in the report), `skip(backend, U, T)` leaves rows out, `sample()` is called after
 * every timed call (RSS sampling in Node), `log` gets one line per row.
 */
export async function measureGrid({ grid, tfl, adapters = {}, skip = () => false, sample = () => {}, log = () => {}, matMulSize = 768 }) {
  const rows = [];
  const kernelPaths = {};
  for (const backend of grid.backends) {
    await useBackend(backend, { log: () => {} });
    // tfjs falls back to another engine silently when one fails to start: a row must say what it measured.
    if (tf.getBackend() !== backend) throw new Error(`bench: asked for backend '${backend}' but tfjs runs '${tf.getBackend()}'`);
    const caps = adapters[backend]?.capabilities();
    kernelPaths[backend] = { fusedKernels: caps?.fusedKernels ?? [], provider: caps?.details?.recurrentKernels ?? null, renderer: caps?.details?.renderer ?? null, details: caps?.details ?? null };
    // The reference rate is measured when the backend starts and again after its rows, keeping the faster: one
    // measurement carries whatever phase of a shared machine it fell in.
    const mmAtStart = await matMulGflops(grid.seconds, matMulSize);
    const firstRow = rows.length;
    for (const cell of grid.cells) for (const U of grid.units) for (const T of grid.T) {
      if (skip(backend, U, T)) continue;
      const x = tf.randomNormal([B, T, F]);
      const y = tf.randomNormal([B, 1]);
      const flopsForward = 2 * B * T * (F + U) * GATES[cell] * U;
      const result = { backend, tfBackend: tf.getBackend(), cell, T, units: U, batch: B };
      // tfjs-layers runs on stock tfjs: on wasm, rnnkit's adapter replaces BatchMatMul for the whole engine, so the
      // stock kernel is swapped back in for tfjs-layers' turn (and measured patched too, for transparency).
      const sides = [['rnnkit', rnnkitModel, false], ['tfjsLayers', tfjsLayersModel, true]];
      if (backend === 'wasm' && U <= 64) sides.push(['tfjsLayersPatched', tfjsLayersModel, false]);
      // Both libraries' models live through the whole row and are timed in alternating rounds, keeping each
      // side's fastest round: a slow phase of this shared machine then cannot land on one side only. Every action
      // of a side adds its change of the tensor count to that side: after its dispose, what is left is its leak.
      const models = sides.map(([lib, make, stock]) => ({ lib, make, stock, m: undefined, tensors: 0, bytes: 0, trainMs: Infinity, predictMs: Infinity }));
      const on = async (side, fn) => {
        const before = tf.memory().numTensors, bytesBefore = tf.memory().numBytes;
        const restore = side.stock ? useStockMatMul() : () => {};
        try {
          return await fn();
        } finally {
          restore();
          side.tensors += tf.memory().numTensors - before;
          side.bytes += tf.memory().numBytes - bytesBefore;
        }
      };
      for (const side of models) await on(side, () => { side.m = side.make({ cell, T, F, U, tfl }); });
      const rounds = grid.rounds ?? 3;
      for (let round = 0; round < rounds; round++) {
        // Warm-up in the first round only; later rounds need one timed call at least (the slowest rows take seconds).
        const opts = round === 0 ? {} : { warmUp: false, minCalls: 1 };
        for (const side of models) {
          await on(side, async () => {
            side.trainMs = Math.min(side.trainMs, await time(async () => { await side.m.trainStep(x, y); sample(); }, grid.seconds / rounds, opts));
            side.predictMs = Math.min(side.predictMs, await time(async () => { side.m.predict(x); sample(); }, grid.seconds / 2 / rounds, opts));
          });
        }
      }
      for (const side of models) {
        // tf.profile counts every live tensor: the other sides' models (still alive) are taken out again.
        const others = models.reduce((sum, o) => sum + (o === side ? 0 : o.bytes), 0);
        const peak = (await on(side, () => peakBytes(() => side.m.trainStep(x, y)))) - others;
        await on(side, () => side.m.dispose());
        result[side.lib] = {
          trainSamplesPerSec: (B * 1000) / side.trainMs,
          predictSamplesPerSec: (B * 1000) / side.predictMs,
          trainGflops: (3 * flopsForward) / (side.trainMs * 1e6),
          peakTensorBytes: peak,
          leakedTensors: side.tensors,
        };
        // A side that leaves tensors behind inflates every later row's peak memory (and slows the run).
        if (side.tensors !== 0) log(`warning: ${side.lib} left ${side.tensors} tensors after ${backend} ${cell} T=${T} U=${U}`);
      }
      result.trainRatio = result.rnnkit.trainSamplesPerSec / result.tfjsLayers.trainSamplesPerSec;
      if (result.tfjsLayersPatched) result.trainRatioVsPatched = result.rnnkit.trainSamplesPerSec / result.tfjsLayersPatched.trainSamplesPerSec;
      result.predictRatio = result.rnnkit.predictSamplesPerSec / result.tfjsLayers.predictSamplesPerSec;
      rows.push(result);
      tf.dispose([x, y]);
      const r = (v) => v.toFixed(1);
      log(`${backend} ${cell} T=${T} U=${U}: train ${r(result.rnnkit.trainSamplesPerSec)} vs ${r(result.tfjsLayers.trainSamplesPerSec)} samples/s (${r(result.trainRatio)}x), predict ${r(result.rnnkit.predictSamplesPerSec)} vs ${r(result.tfjsLayers.predictSamplesPerSec)} (${r(result.predictRatio)}x)`);
    }
    const samples = [mmAtStart, await matMulGflops(grid.seconds, matMulSize)];
    for (const result of rows.slice(firstRow)) {
      result.matMulGflops = Math.max(...samples);
      result.matMulGflopsSamples = samples;
      result.rnnkitShareOfMatMul = result.rnnkit.trainGflops / result.matMulGflops;
    }
  }
  return { rows, kernelPaths };
}

/** The rows as the README's Markdown table. */
export function markdownTable(rows) {
  const f = (v, d = 1) => v.toFixed(d);
  return [
    '| backend | cell | T | units | train rnnkit | train tfjs-layers | ratio | vs tfjs-layers on rnnkit\'s wasm matMul | predict rnnkit | predict tfjs-layers | ratio | peak tensor MB rnnkit / tfjs-layers | train GFLOP/s (share of matMul) |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.backend} | ${r.cell} | ${r.T} | ${r.units} | ${f(r.rnnkit.trainSamplesPerSec)} | ${f(r.tfjsLayers.trainSamplesPerSec)} | **${f(r.trainRatio)}x** | ${r.tfjsLayersPatched ? `${f(r.tfjsLayersPatched.trainSamplesPerSec)} (${f(r.trainRatioVsPatched)}x)` : '-'} | ${f(r.rnnkit.predictSamplesPerSec)} | ${f(r.tfjsLayers.predictSamplesPerSec)} | **${f(r.predictRatio)}x** | ${f(r.rnnkit.peakTensorBytes / 1e6)} / ${f(r.tfjsLayers.peakTensorBytes / 1e6)} | ${f(r.rnnkit.trainGflops, 2)} (${f(100 * r.rnnkitShareOfMatMul, 0)}% of ${f(r.matMulGflops)}) |`),
  ].join('\n');
}
