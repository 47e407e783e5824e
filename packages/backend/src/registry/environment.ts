import type { RuntimeEnvironment } from './adapter.js';

/**
 * Where this code runs. Node (including Node test runners with a DOM shim such as jsdom) is 'node',
 * because what matters is which engines can load: tfjs-node and Node's wasm loader, not WebGL.
 * Browsers and web workers are 'browser'.
 */
export function detectEnvironment(): RuntimeEnvironment {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof proc?.versions?.node === 'string' ? 'node' : 'browser';
}
