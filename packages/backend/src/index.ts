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
