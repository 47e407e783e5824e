import { tf } from '../tfjs.js';
import type { BackendAdapter, BackendCapabilities } from '../registry/adapter.js';
import type { RecurrentKernelSet } from '../recurrent/types.js';

// Fused cpu kernels (src/fused/) are wired in here when they exist; until then every cell uses the reference.
const kernels: RecurrentKernelSet = {};

/** tfjs-core's plain JavaScript backend: always available, in Node and in browsers. Built in and always registered. */
export const cpuAdapter: BackendAdapter = {
  name: 'cpu',
  packageName: '@rnnkit/backend',
  environments: ['node', 'browser'],
  kernels,
  async isAvailable() {
    return { available: true };
  },
  async init() {
    const ok = await tf.setBackend('cpu');
    if (!ok) throw new Error("tfjs-core could not initialise its 'cpu' backend");
    await tf.ready();
  },
  capabilities(): BackendCapabilities {
    return {
      tfjsBackend: 'cpu',
      simd: false,
      threads: false,
      floatPrecision: 32,
      fusedKernels: Object.keys(kernels),
      details: { tfjsCore: tf.version_core },
    };
  },
};
