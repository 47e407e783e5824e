// The one tfjs-core instance rnnkit uses, with every gradient and chained op registered.
// tfjs-core's main entry registers neither; the cpu kernels are always present as the embedded default.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import '@tensorflow/tfjs-backend-cpu';

export { tf };
