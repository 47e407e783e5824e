import { createSimdRecurrentKernels, detectEnvironment, tf } from '@rnnkit/backend';
import type { BackendAdapter, BackendCapabilities } from '@rnnkit/backend';
import { registerExplicitTransposeMatMul } from './kernels/batch-mat-mul.js';
import { browserWasmFileMap, pickVariant, WASM_FILES } from './wasm-binaries.js';
import type { WasmVariant } from './wasm-binaries.js';

interface WasmState {
  simd: boolean;
  threads: boolean;
  threadCount: number;
  variant: WasmVariant;
  explicitTransposeMatMul: boolean;
}

let state: WasmState | null = null;
// Per-op overhead dominates recurrent steps on wasm: the fused kernels run whole sequences on rnnkit's own
// WebAssembly SIMD module (products and gate activations, no per-op engine overhead), XNNPACK before init.
const simdKernels = createSimdRecurrentKernels();
const kernels = simdKernels.kernels;
let initializing: Promise<void> | null = null;
let pathsSet = false;

// tfjs-backend-wasm registers itself with tfjs at priority 2 when imported, which would make it tfjs's default
// over cpu. Importing it only inside init() keeps "importing a module never selects a backend" true.
async function start(): Promise<void> {
  const env = detectEnvironment();
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  // Node: single-threaded (tfjs' threaded build needs web workers). Browsers: threads only where the page is
  // cross-origin isolated, which tfjs' own flag detects.
  if (env === 'node') tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  const threads = Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
  const variant = pickVariant(simd, threads);
  // setWasmPaths must precede tfjs' first attempt to initialise 'wasm' (tf.findBackend('wasm') is one).
  if (env === 'browser' && !pathsSet) {
    wasm.setWasmPaths(await browserWasmFileMap(variant));
    pathsSet = true;
  }
  const explicitTransposeMatMul = registerExplicitTransposeMatMul();
  await simdKernels.init();
  if (!(await tf.setBackend('wasm'))) {
    throw new Error(`tfjs could not initialise its 'wasm' backend (binary ${WASM_FILES[variant]})`);
  }
  await tf.ready();
  state = { simd, threads, threadCount: wasm.getThreadsCount(), variant, explicitTransposeMatMul };
}

/**
 * Threads for whole-sequence inference (predict, evaluate) in Node: the calling thread plus `count - 1` workers, each
 * running whole 4-row blocks of the batch. Default: the cores Node reports, at most 4; 1 turns workers off. Before
 * init it sets what init starts; after, it starts or stops workers. Training always runs on the calling thread.
 */
export function setInferenceThreads(count: number): Promise<void> {
  return simdKernels.setInferenceThreads(count);
}

/** tfjs' WebAssembly backend (XNNPACK, SIMD), in Node and browsers. */
export const wasmAdapter: BackendAdapter = {
  name: 'wasm',
  packageName: '@rnnkit/backend-wasm',
  environments: ['node', 'browser'],
  kernels,
  async isAvailable() {
    if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
      return { available: false, reason: 'this runtime has no WebAssembly' };
    }
    return { available: true };
  },
  async init() {
    if (state && tf.findBackend('wasm')) {
      if (!(await tf.setBackend('wasm'))) throw new Error("tfjs could not switch back to its 'wasm' backend");
      return;
    }
    initializing ??= start().finally(() => { initializing = null; });
    await initializing;
  },
  capabilities(): BackendCapabilities {
    const details: Record<string, string | number | boolean> = { tfjsCore: tf.version_core };
    if (state) {
      details.binary = WASM_FILES[state.variant];
      details.threadCount = state.threadCount;
      details.explicitTransposeMatMul = state.explicitTransposeMatMul;
      details.recurrentKernels = simdKernels.provider;
      details.inferenceThreads = simdKernels.inferenceThreads;
      if (simdKernels.inferenceThreadsError) details.inferenceThreadsError = simdKernels.inferenceThreadsError;
    }
    return {
      tfjsBackend: 'wasm',
      simd: state?.simd,
      threads: state?.threads,
      floatPrecision: 32,
      fusedKernels: Object.keys(kernels),
      details,
    };
  },
};
