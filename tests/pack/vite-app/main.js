// A user's page: no setWasmPaths, no Vite config. The test reads window.__result.
import { tf, useBackend } from '@rnnkit/backend';
import '@rnnkit/backend-wasm';

async function main() {
  try {
    const choice = await useBackend('wasm', { log: false });
    const product = tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5, 6], [7, 8]]));
    window.__result = { backend: tf.getBackend(), binary: choice.capabilities.details.binary, product: await product.array() };
  } catch (error) {
    window.__result = { error: String(error && error.message ? error.message : error) };
  }
}
main();
