// rnnkit's own WebAssembly SIMD module: the dense product and the gate activations, sharing one linear memory
// with the JavaScript side of the fused recurrent kernels (no tfjs tensors, no per-op engine overhead).
import { activationFunction, SIMD_ACTIVATIONS, type SimdActivation } from './simd-activations.js';
import { cellStepFunctions } from './simd-cell-steps.js';
import { matMulFunction } from './simd-matmul.js';
import { sequenceFunctions } from './simd-sequences.js';
import { type FunctionSpec, moduleBytes } from './wasm-emitter.js';

export interface SimdKernels {
  readonly memory: WebAssembly.Memory;
  /**
   * c[m, n] (+)= a[m, k] · b[k, n]; byte pointers; acc 1 adds to c; lda/ldb/ldc are row strides in elements; pack:
   * 16-byte aligned scratch for matMulPackFloats(m, k) floats.
   */
  matmul(a: number, b: number, c: number, m: number, k: number, n: number, acc: number, lda: number, ldb: number, ldc: number, pack: number): void;
  /** In place over rows x cols floats at byte pointer ptr, rows `stride` elements apart. */
  activation: Record<SimdActivation, (ptr: number, rows: number, cols: number, stride: number) => void>;
  /** Cell step kernels by name (`lstm_fwd_tanh_sigmoid`, ...): array pointers, mask pointer or 0, B, U. */
  steps: Record<string, (...args: number[]) => void>;
  /** Whole inference passes by name (`lstm_seq_tanh_sigmoid`, `gru_seq_...`, `rnn_seq_tanh`): see simd-sequences.ts. */
  sequences: Record<string, (...args: number[]) => void>;
}

let cachedBytes: Uint8Array | undefined;

/** The module's bytes (generated once per process). */
export function simdModuleBytes(): Uint8Array {
  if (cachedBytes) return cachedBytes;
  // The sequence functions call these by index.
  const called: FunctionSpec[] = [matMulFunction(), ...SIMD_ACTIVATIONS.map(activationFunction), ...cellStepFunctions()];
  const index = (name: string) => {
    const i = called.findIndex((f) => f.name === name);
    if (i < 0) throw new Error(`SIMD module: no function ${name}`);
    return i;
  };
  cachedBytes = moduleBytes([...called, ...sequenceFunctions(index)], 16);
  return cachedBytes;
}

/** Whether this runtime validates WebAssembly SIMD (the module is rejected as a whole where it does not). */
export function simdSupported(): boolean {
  return typeof WebAssembly === 'object' && WebAssembly.validate(simdModuleBytes() as BufferSource);
}

function wrap(instance: WebAssembly.Instance): SimdKernels {
  const ex = instance.exports as Record<string, unknown>;
  const activation = Object.fromEntries(SIMD_ACTIVATIONS.map((k) => [k, ex[`act_${k}`]])) as SimdKernels['activation'];
  const named = (pattern: RegExp) => Object.fromEntries(Object.entries(ex).filter(([k]) => pattern.test(k))) as Record<string, (...args: number[]) => void>;
  return {
    memory: ex.memory as WebAssembly.Memory, matmul: ex.matmul as SimdKernels['matmul'], activation,
    steps: named(/^(lstm|gru)_(fwd|bwd)_/), sequences: named(/^(lstm|gru|rnn)_seq_/),
  };
}

/** Compiles and instantiates asynchronously (browsers refuse synchronous compiles of this size on the main thread). */
export async function instantiateSimdKernels(): Promise<SimdKernels | undefined> {
  if (!simdSupported()) return undefined;
  const { instance } = await WebAssembly.instantiate(simdModuleBytes() as BufferSource);
  return wrap(instance);
}

/** Synchronous instantiation, for Node and workers (tests). */
export function instantiateSimdKernelsSync(): SimdKernels | undefined {
  if (!simdSupported()) return undefined;
  return wrap(new WebAssembly.Instance(new WebAssembly.Module(simdModuleBytes() as BufferSource)));
}
