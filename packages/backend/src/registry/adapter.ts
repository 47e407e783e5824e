import type { RecurrentKernelSet } from '../recurrent/types.js';

/** Where code runs. A web worker counts as 'browser'. */
export type RuntimeEnvironment = 'node' | 'browser';

export interface Availability {
  available: boolean;
  /** Why not, in words a user can act on (for example the install command). */
  reason?: string;
}

/** What an adapter reports about its engine after init(). */
export interface BackendCapabilities {
  /** The tfjs backend name it registers: 'cpu', 'wasm', 'webgl', 'tensorflow'. */
  tfjsBackend: string;
  simd?: boolean;
  threads?: boolean;
  webglVersion?: number;
  float32Textures?: boolean;
  /** Float precision of the engine in bits (webgl may be 16 on some devices). */
  floatPrecision?: 16 | 32;
  /** The recurrent kernels this adapter implements itself, e.g. ['lstm', 'gru']. */
  fusedKernels: string[];
  /** Anything else worth showing a user (library versions, device). */
  details?: Record<string, string | number | boolean>;
}

/**
 * What an engine adapter must provide. An interface, not a base class: an incomplete adapter does not compile.
 * Adapters detect, initialise, declare capabilities and register faster kernels; nothing else.
 */
export interface BackendAdapter {
  /** rnnkit's name for it: 'cpu', 'wasm', 'webgl', 'tensorflow'. */
  readonly name: string;
  /** The npm package that provides it, for install hints: '@rnnkit/backend-wasm'. */
  readonly packageName: string;
  readonly environments: readonly RuntimeEnvironment[];
  isAvailable(): Promise<Availability>;
  /** Initialises the engine and makes it tfjs-core's active backend. */
  init(): Promise<void>;
  capabilities(): BackendCapabilities;
  /** Optional faster recurrent kernels. */
  readonly kernels?: RecurrentKernelSet;
}
