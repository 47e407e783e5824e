import { tf } from '../tfjs.js';
import type { BackendAdapter, BackendCapabilities } from '../registry/adapter.js';
import { fusedRecurrentKernels } from '../fused/fused-kernel.js';

// tfjs cpu runs every op as JavaScript with per-op overhead (and slow last-axis slices): the fused passes do
// whole sequences in plain JavaScript loops instead.
const kernels = fusedRecurrentKernels('javascript');

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
