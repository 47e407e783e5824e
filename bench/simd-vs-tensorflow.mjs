// Inference kernel alone on the tensorflow backend: TensorFlow's route (nodeAdapter.kernels) against rnnkit's SIMD
// module with its inference threads. Prints time per call and the ratio.
import { createSimdRecurrentKernels, tf, useBackend } from '@rnnkit/backend';
import { nodeAdapter } from '@rnnkit/backend-node';

await useBackend('tensorflow', { log: false });
const simd = createSimdRecurrentKernels();
if (process.env.THREADS) await simd.setInferenceThreads(Number(process.env.THREADS));
await simd.init();
const GATES = { lstm: 4, gru: 3, simpleRNN: 1 };
const args = (cell, B, T, F, U) => {
  const G = GATES[cell] * U;
  return {
    cell, inputs: tf.randomNormal([B, T, F]), kernel: tf.randomNormal([F, G], 0, 0.1), recurrentKernel: tf.randomNormal([U, G], 0, 0.05),
    bias: cell === 'gru' ? tf.zeros([2, G]) : tf.zeros([G]),
    initialState: cell === 'lstm' ? [tf.zeros([B, U]), tf.zeros([B, U])] : [tf.zeros([B, U])],
  };
};
const TRAIN = !!process.env.TRAIN;
const time = (fn, a) => {
  const infer = () => { const r = fn(a); r.outputs.dataSync(); tf.dispose([r.outputs, ...r.states]); };
  // Training: forward and backpropagation through time, gradients for the weights and the inputs.
  const train = () => {
    const g = tf.grads((x, k, rk) => tf.sum(fn({ ...a, inputs: x, kernel: k, recurrentKernel: rk }).outputs))([a.inputs, a.kernel, a.recurrentKernel]);
    g[1].dataSync();
    tf.dispose(g);
  };
  const once = TRAIN ? train : infer;
  once();
  let n = 0; const t0 = performance.now();
  while (performance.now() - t0 < 600 || n < 3) { once(); n++; }
  return (performance.now() - t0) / n;
};
const cells = (process.argv[2] ?? 'lstm,gru,simpleRNN').split(',');
const units = (process.argv[3] ?? '64,256,512,1024').split(',').map(Number);
const Bs = (process.argv[4] ?? '32').split(',').map(Number);
const T = Number(process.argv[5] ?? 50);
console.log(`${TRAIN ? 'training' : 'inference'}, threads ${simd.inferenceThreads}, T ${T}, F 16`);
for (const cell of cells) for (const U of units) for (const B of Bs) {
  const a = args(cell, B, T, 16, U);
  const simdMs = time(simd.kernels[cell], a), tfMs = process.env.SIMD_ONLY ? NaN : time(nodeAdapter.kernels[cell], a);
  console.log(`${cell.padEnd(9)} B ${String(B).padStart(4)} U ${String(U).padStart(4)}: tensorflow ${tfMs.toFixed(2)} ms, simd ${simdMs.toFixed(2)} ms, tensorflow/simd ${(tfMs / simdMs).toFixed(2)}`);
  tf.dispose([a.inputs, a.kernel, a.recurrentKernel, a.bias, ...a.initialState]);
}
