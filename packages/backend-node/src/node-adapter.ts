import { fusedRecurrentKernels, isRecordingGradients, referenceRnnSequence, tf } from '@rnnkit/backend';
import type { BackendAdapter, BackendCapabilities, RecurrentKernel, RecurrentKernelSet } from '@rnnkit/backend';
import { blockLstmKernel } from './block-lstm.js';
import { contractionKernelIsEigens, loadWithEigenContractions } from './eigen-contraction.js';
import { eigenMatMul, tensorflowMatMulProvider } from './tensorflow-matmul-provider.js';
import { inferenceOnTensorflowOps } from './inference-route.js';
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
let blockLstmEnabled = false;
let warnedIsa = false;

// TensorFlow reads TF_ENABLE_ONEDNN_OPTS once, when it loads; init() records it (for the inference route and
// capabilities()), and this initial value covers a tfjs-node loaded before rnnkit.
let oneDnnOptsOff = process.env.TF_ENABLE_ONEDNN_OPTS === '0';
const routed = (fused: RecurrentKernel): RecurrentKernel => (args) => {
  const onTensorflowOps = inferenceOnTensorflowOps({
    cell: args.cell, rows: args.inputs.shape[0], units: args.recurrentKernel.shape[0], recording: isRecordingGradients(), oneDnnOptsOff,
  });
  return onTensorflowOps ? referenceRnnSequence(args) : fused(args);
};

const routedLstm = routed(engineKernels.lstm!);
// BlockLSTMV2 hands what it does not cover (masks, recurrent dropout, other activations) to the routed kernel.
const blockLstm = blockLstmKernel(resolveTfjsNode, routedLstm);
const kernels: RecurrentKernelSet = {
  lstm: (args) => (blockLstmEnabled ? blockLstm(args) : routedLstm(args)),
  gru: routed(engineKernels.gru!),
  simpleRNN: routed(engineKernels.simpleRNN!),
};

/** oneDNN's JIT code limited to SSE4.1, the one setting under which BlockLSTMV2 survived signals (README). */
export function oneDnnIsaIsSignalSafe(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.ONEDNN_MAX_CPU_ISA ?? env.DNNL_MAX_CPU_ISA ?? '').toUpperCase() === 'SSE41';
}

/**
 * Opts LSTM into TensorFlow's BlockLSTMV2 / BlockLSTMGradV2: one native call per sequence each way. Off by default:
 * in the TensorFlow builds tested, BlockLSTMV2 runs oneDNN JIT code that corrupts the heap when a signal reaches the
 * thread during the call. `node --cpu-prof`, an inspector profile, a terminal resize (SIGWINCH) or a child exiting
 * (SIGCHLD) can then abort the process. With ONEDNN_MAX_CPU_ISA=SSE41 set before TensorFlow loads, it survived a
 * 100-microsecond profiler (and then trains LSTM at 64 units about 1.5x as fast as the default kernel and predicts
 * about 2.8x as fast; training at 256 units is level); without it, this warns once.
 */
export function enableBlockLstm(enabled = true, warn: (message: string) => void = console.warn): void {
  blockLstmEnabled = enabled;
  if (enabled && !oneDnnIsaIsSignalSafe() && !warnedIsa) {
    warnedIsa = true;
    warn('[rnnkit] enableBlockLstm(): BlockLSTMV2 runs oneDNN JIT code that can abort the process when a signal arrives '
      + 'mid-call (a profiler, SIGWINCH, SIGCHLD). Start Node with ONEDNN_MAX_CPU_ISA=SSE41, which TensorFlow reads '
      + 'when it loads, to avoid it (see @rnnkit/backend-node\'s README).');
  }
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
        if (!(await tf.setBackend('tensorflow'))) return;
        // TensorFlow reads the variable at its first contraction (a 1-column product takes another path).
        tf.tidy(() => eigenMatMul(tf.ones([2, 2]), tf.ones([2, 2])).dataSync());
      });
    } else if (!eigenContractions) {
      // Loaded by someone else: a contraction may already have fixed TensorFlow's choice, so only the user's own
      // setting (from the start of the process) counts.
      eigenContractions = contractionKernelIsEigens();
    }
    if (!(await tf.setBackend('tensorflow'))) throw new Error(`tfjs could not initialise the 'tensorflow' backend of ${TFJS_NODE}`);
    await tf.ready();
    state = { tfjsNode: state?.tfjsNode ?? 'unknown', tensorflow: tensorflowVersion() };
  },
  capabilities(): BackendCapabilities {
    const details: Record<string, string | number | boolean> = {
      tfjsCore: tf.version_core, blockLstm: blockLstmEnabled, oneDnnOpts: !oneDnnOptsOff, oneDnnSignalSafeIsa: oneDnnIsaIsSignalSafe(),
      eigenContractionKernel: eigenContractions,
    };
    if (state) {
      details.tfjsNode = state.tfjsNode;
      details.tensorflow = state.tensorflow;
    }
    // TensorFlow runs its kernels on intra-/inter-op thread pools over every core, with its own vectorised code.
    return { tfjsBackend: 'tensorflow', threads: true, floatPrecision: 32, fusedKernels: Object.keys(kernels), details };
  },
};
