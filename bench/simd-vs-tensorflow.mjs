// The tensorflow adapter's two routes for one recurrent call, kernel alone: rnnkit's SIMD module (inference on its
// threads, training on one) against TensorFlow's own route (BlockLSTMV2, TensorFlow's ops, or the fused kernel with
// TensorFlow's products). The measurements behind packages/backend-node/src/simd-route.ts.
// Usage: node bench/simd-vs-tensorflow.mjs [cells lstm,gru,simpleRNN] [units 64,256,512,1024] [batch 32] [T 50]
// Environment: TRAIN=1 times forward and backpropagation through time; THREADS=N sets the module's inference threads.
import { tf, useBackend } from '@rnnkit/backend';
import { enableSimdKernels, nodeAdapter, setInferenceThreads } from '@rnnkit/backend-node';

if (process.env.THREADS) await setInferenceThreads(Number(process.env.THREADS));
await useBackend('tensorflow', { log: false });
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
/** Milliseconds per call of the adapter's kernel with the SIMD module on (true) or off (false). */
const time = (onModule, a) => {
  enableSimdKernels(onModule);
  const fn = nodeAdapter.kernels[a.cell];
  const infer = () => { const r = fn(a); r.outputs.dataSync(); tf.dispose([r.outputs, ...r.states]); };
  // Training: gradients for the inputs and both weight matrices.
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
console.log(`${TRAIN ? 'training' : 'inference'}, module inference threads ${nodeAdapter.capabilities().details.inferenceThreads}, T ${T}, 16 inputs`);
for (const cell of cells) for (const U of units) for (const B of Bs) {
  const a = args(cell, B, T, 16, U);
  const simdMs = time(true, a), tfMs = time(false, a);
  console.log(`${cell.padEnd(9)} B ${String(B).padStart(4)} U ${String(U).padStart(4)}: tensorflow ${tfMs.toFixed(2)} ms, simd ${simdMs.toFixed(2)} ms, tensorflow/simd ${(tfMs / simdMs).toFixed(2)}`);
  tf.dispose([a.inputs, a.kernel, a.recurrentKernel, a.bias, ...a.initialState]);
}
enableSimdKernels('auto');
