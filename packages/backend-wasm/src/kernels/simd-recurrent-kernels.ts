// The wasm adapter's fused recurrent kernels: rnnkit's WebAssembly SIMD module does the products and the gate
// activations; until it is instantiated (adapter init), or where the runtime has no SIMD, the products go to the
// engine's matMul (XNNPACK) and the activations run in JavaScript.
import { fusedRecurrentKernels } from '@rnnkit/backend';
import type { CellKind, RecurrentKernel, RecurrentKernelSet } from '@rnnkit/backend';
import { instantiateSimdKernels } from './simd-module.js';
import { simdMatMulProvider } from './simd-provider.js';

export interface SimdRecurrentKernels {
  readonly kernels: RecurrentKernelSet;
  /** Instantiates the SIMD module once; false where the runtime rejects WebAssembly SIMD. */
  init(): Promise<boolean>;
  /** 'wasm-simd' once initialised, else 'engine'. */
  readonly provider: 'wasm-simd' | 'engine';
}

const CELLS: CellKind[] = ['lstm', 'gru', 'simpleRNN'];

export function createSimdRecurrentKernels(): SimdRecurrentKernels {
  const engine = fusedRecurrentKernels('engine');
  let simd: RecurrentKernelSet | undefined;
  let starting: Promise<boolean> | undefined;
  const kernels = Object.fromEntries(CELLS.map((cell) => {
    const run: RecurrentKernel = (args) => (simd ?? engine)[cell]!(args);
    return [cell, run];
  })) as RecurrentKernelSet;
  return {
    kernels,
    init() {
      starting ??= instantiateSimdKernels().then((k) => {
        if (k) simd = fusedRecurrentKernels(simdMatMulProvider(k));
        return !!k;
      });
      return starting;
    },
    get provider() {
      return simd ? 'wasm-simd' : 'engine';
    },
  };
}
