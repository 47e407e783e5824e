export { tf } from './tfjs.js';

export type {
  ActivationName,
  CellKind,
  RecurrentKernel,
  RecurrentKernelSet,
  RnnSequenceArgs,
  RnnSequenceResult,
} from './recurrent/types.js';
export type {
  Availability,
  BackendAdapter,
  BackendCapabilities,
  RuntimeEnvironment,
} from './registry/adapter.js';

export { BackendUnavailableError, DTypeError, ShapeError, ValueError } from './errors.js';
export type { ErrorDetails } from './errors.js';

export { registerAdapter } from './registry/registry.js';
export { currentBackend, useBackend } from './registry/use-backend.js';
export type { BackendChoice, UseBackendOptions } from './registry/use-backend.js';
export { listBackends } from './registry/list-backends.js';
export type { BackendStatus } from './registry/list-backends.js';
export { detectEnvironment } from './registry/environment.js';
export { cpuAdapter } from './adapters/cpu-adapter.js';
export { fusedKernelSupports, fusedRecurrentKernels } from './fused/fused-kernel.js';
export { tensorMatMulProvider } from './fused/matmul.js';
export type { MatMulProvider, PreparedRight } from './fused/matmul.js';
export type { ForwardResult, SequenceData } from './fused/sequence-data.js';
export type { ScalarActivation } from './fused/activation-math.js';
export type { CellStepKernels, GruBackwardStep, GruForwardStep, LstmBackwardStep, LstmForwardStep } from './fused/step-kernels.js';
export { createSimdRecurrentKernels } from './simd/simd-recurrent-kernels.js';
export type { SimdRecurrentKernels } from './simd/simd-recurrent-kernels.js';
export { tensorFusedKernels, tensorFusedSupports } from './tensor-fused/tensor-fused-kernels.js';
export { tfjsGateOps } from './tensor-fused/tfjs-gate-ops.js';
export { opKernelHasGradient, opKernels, type OpKernelOptions } from './op-kernels/op-kernels.js';
export type { SequenceForward } from './op-kernels/sequence-forward.js';
export { TENSOR_FUSED_ACTIVATIONS } from './tensor-fused/gate-ops.js';
export type { GateActivations, GateOps } from './tensor-fused/gate-ops.js';

export { activation, ACTIVATION_NAMES } from './recurrent/activations.js';
export { GATES as CELL_GATES } from './recurrent/cell-layout.js';
export { rnnCellStep } from './recurrent/cell-step.js';
export { createCellStep } from './recurrent/create-cell-step.js';
export type { CellStepConfig, PreparedStep } from './recurrent/create-cell-step.js';
export type { RnnCellStepArgs, StepFunction, StepResult } from './recurrent/step-types.js';
export { referenceRnnSequence } from './recurrent/reference-sequence.js';
export { isRecordingGradients } from './recurrent/tape.js';
export { rnnLoop } from './recurrent/rnn-loop.js';
export type { RnnLoopArgs } from './recurrent/rnn-loop.js';
export { getFastKernelsEnabled, rnnSequence, selectedRecurrentKernel, setFastKernelsEnabled } from './recurrent/rnn-sequence.js';
export type { RnnSequenceOptions, SelectedKernel } from './recurrent/rnn-sequence.js';
export { validateRnnSequenceArgs } from './recurrent/validate-sequence.js';
export type { SequenceDims } from './recurrent/validate-sequence.js';
