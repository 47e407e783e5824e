// Fused recurrent kernels on rnnkit's WebAssembly SIMD module, for any adapter whose engine pays a per-op cost that
// the module avoids (wasm, and TensorFlow's ops for inference): the module does the products and the gate activations.
// Until it is instantiated (init), or where the runtime has no SIMD, the adapter's fallback kernels run. In Node,
// whole-sequence inference also splits large batches across worker threads (inferenceThreads).
import { fusedRecurrentKernels } from '../fused/fused-kernel.js';
import type { CellKind, RecurrentKernel, RecurrentKernelSet, RnnSequenceArgs } from '../recurrent/types.js';
import { SIMD_ACTIVATIONS } from './simd-activations.js';
import { instantiateSimdKernels, type SimdKernels, simdModuleBytes } from './simd-module.js';
import { simdMatMulProvider } from './simd-provider.js';
import { stepFunctionName } from './simd-cell-steps.js';
import { sequenceFunctionFor } from './simd-sequence-inference.js';
import { nodeCoreCount, type SequenceWorkers, startSequenceWorkers } from './sequence-workers.js';

export interface SimdRecurrentKernels {
  readonly kernels: RecurrentKernelSet;
  /** Instantiates the SIMD module once and starts the inference workers; false where the runtime rejects SIMD. */
  init(): Promise<boolean>;
  /** 'wasm-simd' once initialised, else 'fallback' (the kernels given to createSimdRecurrentKernels). */
  readonly provider: 'wasm-simd' | 'fallback';
  /** Threads whole-sequence inference runs on (the calling thread and its workers); 1 before init unless set. */
  readonly inferenceThreads: number;
  /** Why the inference workers did not start, when they did not (inference then runs on the calling thread). */
  readonly inferenceThreadsError: string | undefined;
  /**
   * Whether the module does this call's cell math itself (once initialised): the whole sequence in one call when no
   * gradient tape records (`recording` false), its cell steps and vector activations under one. False where the fused
   * pass would fall back to JavaScript element loops: a `resetAfter: false` GRU, an activation the module lacks.
   */
  covers(args: RnnSequenceArgs, recording: boolean): boolean;
  /** Sets the threads of whole-sequence inference (1: none besides the caller); starts or stops workers if initialised. */
  setInferenceThreads(count: number): Promise<void>;
}

const CELLS: CellKind[] = ['lstm', 'gru', 'simpleRNN'];

/** Workers pay off up to the cores there are; past four the batch slices get thin at usual batch sizes (32). */
const MAX_DEFAULT_THREADS = 4;

/**
 * `fallback`: what runs before init and where the runtime has no WebAssembly SIMD (default: the fused kernels with
 * the active tfjs backend's matMul).
 */
export function createSimdRecurrentKernels(fallback: RecurrentKernelSet = fusedRecurrentKernels('engine')): SimdRecurrentKernels {
  let simd: RecurrentKernelSet | undefined;
  let module: SimdKernels | undefined;
  let starting: Promise<boolean> | undefined;
  // undefined: the default, resolved at init (the cores Node reports, at most four; 1 outside Node).
  let requested: number | undefined;
  let workers: SequenceWorkers | undefined;
  let startError: string | undefined;
  // One resize at a time: a second request waits for the first.
  let resizing: Promise<void> = Promise.resolve();
  const resize = () => {
    resizing = resizing.then(async () => {
      requested ??= Math.min(MAX_DEFAULT_THREADS, (await nodeCoreCount()) ?? 1);
      const want = requested - 1;
      if ((workers?.count ?? 0) === want && !workers?.lost) return;
      const old = workers;
      workers = undefined;
      await old?.terminate();
      startError = undefined;
      try {
        workers = want > 0 ? await startSequenceWorkers(want, simdModuleBytes()) : undefined;
      } catch (e) {
        // Inference still runs, on the calling thread; the reason is reported, not swallowed.
        startError = e instanceof Error ? e.message : String(e);
        console.warn(`[rnnkit] SIMD module: inference runs on one thread: ${startError}`);
      }
    });
    return resizing;
  };
  const kernels = Object.fromEntries(CELLS.map((cell) => {
    const run: RecurrentKernel = (args) => (simd ?? fallback)[cell]!(args);
    return [cell, run];
  })) as RecurrentKernelSet;
  return {
    kernels,
    init() {
      starting ??= instantiateSimdKernels().then(async (k) => {
        if (!k) return false;
        module = k;
        simd = fusedRecurrentKernels(simdMatMulProvider(k, () => workers));
        await resize();
        return true;
      });
      return starting;
    },
    covers(args, recording) {
      if (!module) return false;
      const { cell } = args;
      const act = args.activation ?? 'tanh', ract = args.recurrentActivation ?? 'sigmoid', resetAfter = args.resetAfter ?? true;
      if (!recording) return !!sequenceFunctionFor(module, cell, act, ract, resetAfter);
      if (cell === 'simpleRNN') return (SIMD_ACTIVATIONS as readonly string[]).includes(act);
      // The fused GRU pass takes the module's steps only with the reset after the product (gru-fused.ts).
      return (cell === 'lstm' || resetAfter) && !!module.steps[stepFunctionName(cell, 'fwd', act, ract)] && !!module.steps[stepFunctionName(cell, 'bwd', act, ract)];
    },
    get provider() {
      return simd ? 'wasm-simd' : 'fallback';
    },
    get inferenceThreadsError() {
      return startError;
    },
    get inferenceThreads() {
      return simd ? (workers && !workers.lost ? workers.count + 1 : 1) : requested ?? 1;
    },
    async setInferenceThreads(count) {
      if (!Number.isInteger(count) || count < 1) {
        throw new Error(`setInferenceThreads: count must be a whole number >= 1, got ${String(count)}`);
      }
      requested = count;
      if (simd) await resize();
    },
  };
}
