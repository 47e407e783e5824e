import { availableParallelism } from 'node:os';
import { createSimdRecurrentKernels, fusedRecurrentKernels, isRecordingGradients, opKernelHasGradient, opKernels, tf } from '@rnnkit/backend';
import type { BackendAdapter, BackendCapabilities, CellKind, RecurrentKernel, RecurrentKernelSet, RnnSequenceArgs } from '@rnnkit/backend';
import { blockLstmKernel } from './block-lstm.js';
import { contractionKernelIsEigens, loadWithEigenContractions } from './eigen-contraction.js';
import { eigenMatMul, tensorflowMatMulProvider } from './tensorflow-matmul-provider.js';
import { runsOnTensorflowOps } from './ops-route.js';
import { forwardRunsOnSimdModule, runsOnSimdModule } from './simd-route.js';
import { loadTfjsNode, probeTfjsNode, resolveTfjsNode, TFJS_NODE } from './tfjs-node-probe.js';

interface NodeState {
  tfjsNode: string;
  tensorflow: string;
}

let state: NodeState | null = null;
// Set by init(): whether TensorFlow's Eigen contractions use Eigen's own (signal-safe) kernel in this process.
let eigenContractions = false;
// Whole-sequence fused kernels whose products are TensorFlow's (small ones one Eigen contraction each, when that is
// safe); the gate math runs in one JavaScript pass per step instead of a dozen tfjs-node ops, each a native call.
const engineKernels = fusedRecurrentKernels(tensorflowMatMulProvider(() => eigenContractions));
// undefined: BlockLSTMV2 wherever it is signal-safe (the default); a boolean: the user's choice (enableBlockLstm).
let blockLstmChoice: boolean | undefined;
let warnUnsafe: (message: string) => void = console.warn;
let warnedUnsafe = false;

// TensorFlow reads TF_ENABLE_ONEDNN_OPTS once, when it loads; init() records it (for the inference route and
// capabilities()), and this initial value covers a tfjs-node loaded before rnnkit.
let oneDnnOptsOff = process.env.TF_ENABLE_ONEDNN_OPTS === '0';
const routed = (fused: RecurrentKernel): RecurrentKernel => (args) => {
  const recording = isRecordingGradients();
  const opsHaveGradient = opKernelHasGradient(args);
  const onTensorflowOps = runsOnTensorflowOps({
    cell: args.cell, rows: args.inputs.shape[0], units: args.recurrentKernel.shape[0], recording, opsHaveGradient, oneDnnOptsOff,
    forwardOnSimd: recording && opsHaveGradient && simdForwardRuns(args),
  });
  return onTensorflowOps ? onOps[args.cell](args) : fused(args);
};

// rnnkit's WebAssembly SIMD module, for the calls where TensorFlow's cost per op outweighs its faster products
// (simd-route.ts): small and medium GRU and SimpleRNN, inference on the module's threads.
const simd = createSimdRecurrentKernels(engineKernels);
// 'auto': the measured sizes (simd-route.ts); true: every call the module covers; false: never.
let simdChoice: boolean | 'auto' = 'auto';
const cores = availableParallelism();

const simdCase = (args: RnnSequenceArgs, recording: boolean) => ({
  cell: args.cell, rows: args.inputs.shape[0], units: args.recurrentKernel.shape[0], recording, oneDnnOptsOff,
  inferenceThreads: simd.inferenceThreads, cores,
});
const simdCovers = (args: RnnSequenceArgs, recording: boolean) => simdChoice !== false && simd.provider === 'wasm-simd' && simd.covers(args, recording);

function simdRuns(args: RnnSequenceArgs): boolean {
  const recording = isRecordingGradients();
  return simdCovers(args, recording) && (simdChoice === true || runsOnSimdModule(simdCase(args, recording)));
}
/**
 * Whether a training call on TensorFlow's ops takes its forward pass from the module's inference: only as whole
 * sequences on its threads, which recurrent dropout (a training-time mask) rules out (the module would run step by
 * step on one thread, slower than TensorFlow's forward ops: 57 against 43 ms for a GRU at 32 x 256, T = 50).
 */
function simdForwardRuns(args: RnnSequenceArgs): boolean {
  if (args.recurrentDropoutMask) return false;
  return simdCovers(args, false) && (simdChoice === true || forwardRunsOnSimdModule(simdCase(args, true)));
}
const orSimd = (cell: CellKind, kernel: RecurrentKernel): RecurrentKernel => (args) => (simdRuns(args) ? simd.kernels[cell]!(args) : kernel(args));
// TensorFlow's ops per step: one recurrent product over all gates and a dozen native calls or fewer. A SimpleRNN or
// GRU that trains on them takes its forward pass from the module's threaded inference where that inference would
// run (the backward pass needs only every step's h).
const onOps = opKernels({ forward: (args) => (simdForwardRuns(args) ? simd.kernels[args.cell]!(args) : undefined) });

const routedLstm = routed(engineKernels.lstm!);
// BlockLSTMV2 hands what it does not cover (masks, recurrent dropout, other activations) to the routed kernel.
const blockLstm = blockLstmKernel(resolveTfjsNode, routedLstm);
const kernels: RecurrentKernelSet = {
  lstm: orSimd('lstm', (args) => {
    const { use, warn } = currentBlockLstmDecision();
    if (warn) {
      warnedUnsafe = true;
      warnUnsafe(UNSAFE_BLOCK_LSTM_WARNING);
    }
    return use ? blockLstm(args) : routedLstm(args);
  }),
  gru: orSimd('gru', routed(engineKernels.gru!)),
  simpleRNN: orSimd('simpleRNN', routed(engineKernels.simpleRNN!)),
};

/**
 * Where the tensorflow adapter runs recurrent calls on rnnkit's WebAssembly SIMD module: 'auto' (the default) for
 * small and medium GRU and SimpleRNN layers, where it measured faster than TensorFlow's ops (simd-route.ts); true for
 * every call the module covers (LSTM included); false never (TensorFlow's ops, BlockLSTMV2 and the fused kernel with
 * TensorFlow's products only).
 */
export function enableSimdKernels(enabled: boolean | 'auto' = true): void {
  simdChoice = enabled;
}

/**
 * Threads of the SIMD module's whole-sequence inference on this adapter (the calling thread plus `count - 1` Node
 * workers; default: the cores Node reports, at most 4). TensorFlow's own thread pools are unaffected.
 */
export function setInferenceThreads(count: number): Promise<void> {
  return simd.setInferenceThreads(count);
}

/** oneDNN's JIT code limited to SSE4.1, under which BlockLSTMV2 survived signals with oneDNN's sgemm too (README). */
export function oneDnnIsaIsSignalSafe(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.ONEDNN_MAX_CPU_ISA ?? env.DNNL_MAX_CPU_ISA ?? '').toUpperCase() === 'SSE41';
}

/** Whether TensorFlow's contractions here cannot abort under a signal: Eigen's own kernel, or oneDNN at SSE4.1. */
function contractionsAreSignalSafe(): boolean {
  return eigenContractions || oneDnnIsaIsSignalSafe();
}

const currentBlockLstmDecision = () => blockLstmDecision({ choice: blockLstmChoice, signalSafe: contractionsAreSignalSafe(), warned: warnedUnsafe });

export const UNSAFE_BLOCK_LSTM_WARNING = '[rnnkit] enableBlockLstm(): BlockLSTMV2 multiplies with oneDNN\'s JIT sgemm in this '
  + 'process, which can abort it when a signal arrives mid-call (a profiler, SIGWINCH, SIGCHLD). rnnkit avoids that '
  + 'by loading TensorFlow with TENSORFLOW_USE_CUSTOM_CONTRACTION_KERNEL=false, which was not possible here (the '
  + 'variable is set otherwise, or tfjs-node was loaded before rnnkit); ONEDNN_MAX_CPU_ISA=SSE41 at startup also '
  + 'avoids it (see @rnnkit/backend-node\'s README).';

/**
 * Whether LSTM runs on BlockLSTMV2: the user's choice, else wherever it is signal-safe; and whether to warn (once)
 * because it runs where it is not.
 */
export function blockLstmDecision(s: { choice: boolean | undefined; signalSafe: boolean; warned: boolean }): { use: boolean; warn: boolean } {
  const use = s.choice ?? s.signalSafe;
  return { use, warn: use && !s.signalSafe && !s.warned };
}

/**
 * LSTM on TensorFlow's BlockLSTMV2 / BlockLSTMGradV2, one native call per sequence each way, is the default wherever
 * it is signal-safe: its products are Eigen contractions, and with oneDNN's JIT sgemm inside they corrupt the heap
 * when a signal reaches the thread mid-call (`node --cpu-prof`, a terminal resize, a child exiting). rnnkit loads
 * TensorFlow with Eigen's own kernel (eigen-contraction.ts), under which it survived a 100-microsecond profiler.
 * `enableBlockLstm(false)` opts out; `enableBlockLstm(true)` opts in even where it is not safe, and then warns once
 * when it first runs; `enableBlockLstm('auto')` restores the default.
 */
export function enableBlockLstm(enabled: boolean | 'auto' = true, warn: (message: string) => void = console.warn): void {
  blockLstmChoice = enabled === 'auto' ? undefined : enabled;
  warnUnsafe = warn;
}

function tensorflowVersion(): string {
  // The binding reports the libtensorflow it was linked against (TF_Version from the C API).
  const backend = tf.findBackend('tensorflow') as unknown as { binding?: { TF_Version?: string } } | null;
  return backend?.binding?.TF_Version ?? 'unknown';
}

/** TensorFlow's C library through @tensorflow/tfjs-node (an optional peer dependency): Node only, multi-threaded. */
export const nodeAdapter: BackendAdapter = {
  name: 'tensorflow',
  packageName: '@rnnkit/backend-node',
  environments: ['node'],
  kernels,
  async isAvailable() {
    if (tf.findBackend('tensorflow')) return { available: true };
    return probeTfjsNode();
  },
  async init() {
    if (!tf.findBackend('tensorflow')) {
      oneDnnOptsOff = process.env.TF_ENABLE_ONEDNN_OPTS === '0';
      const entry = resolveTfjsNode();
      if (!entry) throw new Error(`${TFJS_NODE} is not installed`);
      eigenContractions = await loadWithEigenContractions(async () => {
        state = { tfjsNode: loadTfjsNode(entry).version['tfjs-node'] ?? 'unknown', tensorflow: '' };
        if (!(await tf.setBackend('tensorflow'))) return false;
        // TensorFlow reads the variable at its first contraction (a 1-column product takes another path).
        tf.tidy(() => eigenMatMul(tf.ones([2, 2]), tf.ones([2, 2])).dataSync());
        return true;
      });
    } else if (!eigenContractions) {
      // Loaded by someone else: a contraction may already have fixed TensorFlow's choice, so only the user's own
      // setting (from the start of the process) counts.
      eigenContractions = contractionKernelIsEigens();
    }
    if (!(await tf.setBackend('tensorflow'))) throw new Error(`tfjs could not initialise the 'tensorflow' backend of ${TFJS_NODE}`);
    await tf.ready();
    // Where the runtime rejects WebAssembly SIMD, every call stays on TensorFlow.
    await simd.init();
    state = { tfjsNode: state?.tfjsNode ?? 'unknown', tensorflow: tensorflowVersion() };
  },
  capabilities(): BackendCapabilities {
    const details: Record<string, string | number | boolean> = {
      tfjsCore: tf.version_core, blockLstm: currentBlockLstmDecision().use, oneDnnOpts: !oneDnnOptsOff, oneDnnSignalSafeIsa: oneDnnIsaIsSignalSafe(),
      eigenContractionKernel: eigenContractions, simdKernels: String(simdChoice), simdModule: simd.provider === 'wasm-simd',
      inferenceThreads: simd.inferenceThreads,
    };
    if (simd.inferenceThreadsError) details.inferenceThreadsError = simd.inferenceThreadsError;
    if (state) {
      details.tfjsNode = state.tfjsNode;
      details.tensorflow = state.tensorflow;
    }
    // TensorFlow runs its kernels on intra-/inter-op thread pools over every core, with its own vectorised code.
    return { tfjsBackend: 'tensorflow', threads: true, floatPrecision: 32, fusedKernels: Object.keys(kernels), details };
  },
};
