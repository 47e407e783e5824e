// Forward + backward time of one recurrent layer (B=32, T=50, F=32, U=64) on the cpu backend: rnnSequence with the
// adapter's fast kernels, the reference kernel, and tfjs-layers' own layer on the same weights for comparison.
// Run after a build: `node bench/recurrent.mjs` (or `npm run bench`). Prints one line per cell, medians in ms.
import { createRequire } from 'node:module';
import { rnnSequence, selectedRecurrentKernel, tf, useBackend } from '../dist/index.js';

const [B, T, F, U] = [32, 50, 32, 64];
const REPS = 5;
const GATES = { simpleRNN: 1, lstm: 4, gru: 3 };

function median(f) {
  f();
  const times = [];
  for (let i = 0; i < REPS; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(REPS / 2)];
}

function layersFactory() {
  try {
    // tfjs-layers is a workspace dev dependency; it shares the one global tfjs engine.
    return createRequire(import.meta.url)('@tensorflow/tfjs-layers');
  } catch {
    return null;
  }
}

await useBackend('cpu', { log: false });
const layers = layersFactory();
console.log(`cpu, B=${B} T=${T} F=${F} U=${U}, forward+backward, median of ${REPS} (ms)`);
for (const cell of ['simpleRNN', 'lstm', 'gru']) {
  const g = GATES[cell];
  const inputs = tf.randomNormal([B, T, F], 0, 1, 'float32', 1);
  const kernel = tf.randomNormal([F, g * U], 0, 0.1, 'float32', 2);
  const recurrentKernel = tf.randomNormal([U, g * U], 0, 0.1, 'float32', 3);
  // GRU with resetAfter false: tfjs-layers has no resetAfter true.
  const bias = tf.zeros([g * U]);
  const initialState = (cell === 'lstm' ? [0, 1] : [0]).map(() => tf.zeros([B, U]));
  const run = (useFastKernels) => () => tf.tidy(() => {
    const args = { cell, inputs, recurrentKernel, bias, initialState, returnSequences: true, ...(cell === 'gru' ? { resetAfter: false } : {}) };
    const loss = (k, rk, b) => tf.sum(rnnSequence({ ...args, kernel: k, recurrentKernel: rk, bias: b }, { useFastKernels }).outputs);
    tf.grads(loss)([kernel, recurrentKernel, bias]).forEach((t) => t.dataSync());
  });
  const row = { fast: selectedRecurrentKernel(cell).source === 'adapter' ? median(run(true)).toFixed(0) : '-', reference: median(run(false)).toFixed(0) };
  if (layers) {
    const factory = { simpleRNN: layers.layers.simpleRNN, lstm: layers.layers.lstm, gru: layers.layers.gru }[cell];
    const layer = factory({
      units: U, returnSequences: true, kernelInitializer: 'zeros', recurrentInitializer: 'zeros',
      ...(cell === 'simpleRNN' ? {} : { recurrentActivation: 'sigmoid' }),
    });
    layer.apply(layers.input({ shape: [T, F] }));
    layer.setWeights([kernel, recurrentKernel, bias]);
    row.tfjsLayers = median(() => tf.tidy(() => {
      const { grads } = tf.variableGrads(() => tf.sum(layer.apply(inputs)));
      Object.values(grads).forEach((t) => t.dataSync());
    })).toFixed(0);
  }
  console.log(`${cell.padEnd(10)} fast ${row.fast.padStart(5)}  reference ${row.reference.padStart(5)}  tfjs-layers ${(row.tfjsLayers ?? 'n/a').padStart(5)}`);
  tf.dispose([inputs, kernel, recurrentKernel, bias, ...initialState]);
}
