// Importing this entry registers the wasm adapter with @rnnkit/backend (its one side effect); it never selects it.
// Select it with useBackend('wasm'), or let useBackend('auto') pick it.
import { registerAdapter } from '@rnnkit/backend';
import { setInferenceThreads, wasmAdapter } from './wasm-adapter.js';

registerAdapter(wasmAdapter);

export { setInferenceThreads, wasmAdapter };
