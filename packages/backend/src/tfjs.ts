// The one tfjs-core instance rnnkit uses, with every gradient and chained op registered.
// tfjs-core's main entry registers neither; the cpu kernels are always present as the embedded default.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';

// tfjs-backend-cpu prints "Hi, looks like you are running TensorFlow.js in Node.js..." on its first tensor
// write when IS_NODE is set (MathBackendCPU.write checks its `firstUse` flag). rnnkit chooses backends
// itself and reports the choice, so the banner is noise: re-register the same cpu backend, same priority,
// with the flag already spent. Kernels are registered per backend name, so they are unaffected.
tf.removeBackend('cpu');
tf.registerBackend('cpu', () => {
  const backend = new MathBackendCPU();
  (backend as unknown as { firstUse: boolean }).firstUse = false;
  return backend;
}, 1);

export { tf };
