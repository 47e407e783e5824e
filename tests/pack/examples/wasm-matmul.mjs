// Runs in a folder where only @rnnkit/backend and @rnnkit/backend-wasm were installed from their tarballs.
import { tf, useBackend } from '@rnnkit/backend';
import '@rnnkit/backend-wasm';

const choice = await useBackend('wasm', { log: false });
const product = tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5, 6], [7, 8]]));
console.log('RESULT ' + JSON.stringify({
  backend: tf.getBackend(),
  chosen: choice.name,
  simd: choice.capabilities.simd,
  product: product.arraySync(),
}));
