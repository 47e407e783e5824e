import { tensorFusedKernels, tf } from '@rnnkit/backend';
import type { BackendAdapter, BackendCapabilities } from '@rnnkit/backend';
import { registerGatePrograms, webglGateOps } from './webgl-gate-ops.js';
import { probeWebgl, rendererName } from './webgl-probe.js';

interface WebglState {
  version: number;
  float32Textures: boolean;
  precision: 16 | 32;
  maxTextureSize: number;
  renderer?: string;
}

let state: WebglState | null = null;
// Every op is a GPU dispatch here: the tensor-fused kernels run a step as one recurrent matMul and one fragment
// program each way (two for a resetAfter=false GRU), not the dozen ops of the reference, and never read back.
const kernels = tensorFusedKernels(webglGateOps);

function readState(): WebglState {
  const env = tf.env();
  const backend = tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } };
  return {
    version: env.getNumber('WEBGL_VERSION'),
    // Whether textures can be rendered to in float32 at all; without it tfjs stores float16 (precision 16).
    float32Textures: env.getBool('WEBGL_RENDER_FLOAT32_CAPABLE'),
    // What tensors are stored in. Not tfjs' floatPrecision(): its underflow probe is a scalar op, which tfjs forwards
    // to the CPU, so it said 32 with 16-bit textures (test/browser/half-float.test.ts).
    precision: env.getBool('WEBGL_RENDER_FLOAT32_ENABLED') ? 32 : 16,
    maxTextureSize: env.getNumber('WEBGL_MAX_TEXTURE_SIZE'),
    renderer: rendererName(backend.gpgpu?.gl),
  };
}

/** tfjs' WebGL backend: browsers only; runs kernels as fragment shaders on the GPU. */
export const webglAdapter: BackendAdapter = {
  name: 'webgl',
  packageName: '@rnnkit/backend-webgl',
  environments: ['browser'],
  kernels,
  async isAvailable() {
    return probeWebgl();
  },
  async init() {
    const availability = probeWebgl();
    if (!availability.available) throw new Error(availability.reason);
    // Imported here, not at module load: tfjs-backend-webgl registers itself with tfjs at priority 2 on import,
    // which would make it tfjs' default. Importing this package must never select a backend.
    await import('@tensorflow/tfjs-backend-webgl');
    if (!(await tf.setBackend('webgl'))) throw new Error("tfjs could not initialise its 'webgl' backend");
    registerGatePrograms();
    await tf.ready();
    state = readState();
  },
  capabilities(): BackendCapabilities {
    const details: Record<string, string | number | boolean> = { tfjsCore: tf.version_core };
    if (state?.renderer) details.renderer = state.renderer;
    if (state) details.maxTextureSize = state.maxTextureSize;
    return {
      tfjsBackend: 'webgl',
      webglVersion: state?.version,
      float32Textures: state?.float32Textures,
      floatPrecision: state?.precision,
      fusedKernels: state ? Object.keys(kernels) : [],
      details,
    };
  },
};
